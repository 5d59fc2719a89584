"""Errors: one ivsrt.Error, one subclass per error type, named exactly as AWS names them."""

from __future__ import annotations

from typing import Dict, Optional, Type

from ._native import lib

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


class ValidationException(Error):
    """The request fails to satisfy the operation's constraints (HTTP 400)."""

    type = "ValidationException"
    default_http_status = 400
    default_code = EVALIDATION


class AccessDeniedException(Error):
    """HTTP 403."""

    type = "AccessDeniedException"
    default_http_status = 403
    default_code = EACCESS_DENIED


class PendingVerification(Error):
    """HTTP 403; AWS's name has no ``Exception`` suffix."""

    type = "PendingVerification"
    default_http_status = 403
    default_code = EPENDING_VERIFICATION


class ResourceNotFoundException(Error):
    """A well-formed ARN with nothing behind it, or an unknown participant (HTTP 404)."""

    type = "ResourceNotFoundException"
    default_http_status = 404
    default_code = ENOT_FOUND


class ConflictException(Error):
    """HTTP 409."""

    type = "ConflictException"
    default_http_status = 409
    default_code = ECONFLICT


class ServiceQuotaExceededException(Error):
    """A resource quota (e.g. stages per account and region) would be exceeded (HTTP 402)."""

    type = "ServiceQuotaExceededException"
    default_http_status = 402
    default_code = EQUOTA


class InternalServerException(Error):
    """An unexpected failure inside the engine (HTTP 500)."""

    type = "InternalServerException"
    default_http_status = 500
    default_code = EINTERNAL


class UnknownOperationException(Error):
    """No operation of that name (HTTP 404)."""

    type = "UnknownOperationException"
    default_http_status = 404
    default_code = EUNKNOWN_OPERATION


class InvalidArgument(Error):
    """The library was misused (IVSRT_EMISUSE)."""

    type = "InvalidArgument"
    default_code = EMISUSE


class InvalidOptions(Error):
    """Engine options are invalid, or the store cannot be opened (IVSRT_EOPTIONS)."""

    type = "InvalidOptions"
    default_code = EOPTIONS


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
