"""Errors: one ivsrt.Error, one subclass per error type, named exactly as AWS names them.

Each subclass names its IVSRT_E* code; its type name and HTTP status come from the library's
error table (ivsrt_code_type, ivsrt_code_http_status), never typed here.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Type

from ._native import ffi, lib

# The frozen IVSRT_E* codes, as the header defines them.
EVALIDATION: int = lib.IVSRT_EVALIDATION
EACCESS_DENIED: int = lib.IVSRT_EACCESS_DENIED
EPENDING_VERIFICATION: int = lib.IVSRT_EPENDING_VERIFICATION
ENOT_FOUND: int = lib.IVSRT_ENOT_FOUND
ECONFLICT: int = lib.IVSRT_ECONFLICT
EQUOTA: int = lib.IVSRT_EQUOTA
EINTERNAL: int = lib.IVSRT_EINTERNAL
EMISUSE: int = lib.IVSRT_EMISUSE
EOPTIONS: int = lib.IVSRT_EOPTIONS
EUNKNOWN_OPERATION: int = lib.IVSRT_EUNKNOWN_OPERATION


class Error(Exception):
    """An error from the ivsrt engine.

    ``type`` is the AWS error type name (``"ValidationException"``, ...) or, for errors that
    are not AWS's, the library's name (``"InvalidOptions"``, ``"EngineClosed"``, ...);
    ``message`` the human-readable message; ``http_status`` the HTTP status AWS answers with;
    ``code`` the IVSRT_E* code of ivsrt.h.
    """

    type: str = "Error"
    default_http_status: int = 0
    default_code: int = 0

    def __init_subclass__(cls, code: int = 0, **kwargs: Any) -> None:
        """``class X(Error, code=lib.IVSRT_E...)``: type and status from the library's table."""
        super().__init_subclass__(**kwargs)
        if code:
            cls.type = ffi.string(lib.ivsrt_code_type(code)).decode()
            cls.default_http_status = int(lib.ivsrt_code_http_status(code))
            cls.default_code = code

    def __init__(
        self,
        message: str = "",
        *,
        type: Optional[str] = None,
        http_status: Optional[int] = None,
        code: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.type = type or self.__class__.type
        self.http_status = self.default_http_status if http_status is None else http_status
        self.code = self.default_code if code is None else code

    def __str__(self) -> str:
        return f"{self.type}: {self.message}" if self.message else self.type

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__name__}(type={self.type!r}, message={self.message!r}, "
            f"http_status={self.http_status!r}, code={self.code!r})"
        )


class ValidationException(Error, code=EVALIDATION):
    """The request fails to satisfy the operation's constraints."""


class AccessDeniedException(Error, code=EACCESS_DENIED):
    """The caller may not perform the action."""


class PendingVerification(Error, code=EPENDING_VERIFICATION):
    """The account is not verified yet; AWS's name has no ``Exception`` suffix."""


class ResourceNotFoundException(Error, code=ENOT_FOUND):
    """A well-formed ARN with nothing behind it, or an unknown participant."""


class ConflictException(Error, code=ECONFLICT):
    """The request conflicts with the state of a resource."""


class ServiceQuotaExceededException(Error, code=EQUOTA):
    """A resource quota (e.g. stages per account and region) would be exceeded."""


class InternalServerException(Error, code=EINTERNAL):
    """An unexpected failure inside the engine."""


class UnknownOperationException(Error, code=EUNKNOWN_OPERATION):
    """No operation of that name, or a valid request of one not implemented yet."""


class InvalidArgument(Error, code=EMISUSE):
    """The library was misused."""


class InvalidOptions(Error, code=EOPTIONS):
    """Engine options are invalid, or the store cannot be opened."""


class EngineClosed(InvalidArgument):
    """A call on an engine that is closed (or closing)."""

    type = "EngineClosed"


_BY_TYPE: Dict[str, Type[Error]] = {
    cls.type: cls
    for cls in (
        ValidationException,
        AccessDeniedException,
        PendingVerification,
        ResourceNotFoundException,
        ConflictException,
        ServiceQuotaExceededException,
        InternalServerException,
        UnknownOperationException,
        InvalidArgument,
        InvalidOptions,
    )
}
_BY_CODE: Dict[int, Type[Error]] = {cls.default_code: cls for cls in _BY_TYPE.values()}


def error_class(type_name: str, code: int = 0) -> Type[Error]:
    """The exception class for an error type name (falling back to the IVSRT_E* code)."""
    return _BY_TYPE.get(type_name) or _BY_CODE.get(code) or Error


def make_error(type_name: str, message: str, http_status: int, code: int) -> Error:
    return error_class(type_name, code)(
        message, type=type_name or None, http_status=http_status, code=code
    )
