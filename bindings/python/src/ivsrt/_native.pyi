"""Types of ivsrt._native, the module cffi compiles from ivsrt_build.py (API mode).

``lib`` mirrors the cdef of ivsrt_build.py (itself checked against ivsrt.h by the compiler):
a declaration added there is added here. Pointers are ``FFI.CData``; a ``const char*``
parameter takes bytes (cffi passes a pointer to them) or a char* cdata.
"""

from typing import Union, final

from _cffi_backend import FFI

_CData = FFI.CData
_ConstCharP = Union[bytes, _CData]

@final
class _FFI(FFI):
    # Every pointer this package reads is a char*, and of a char* cffi gives bytes
    # (types-cffi types these for any pointer: bytes, str or a list).
    def string(self, cdata: _CData, maxlen: int = -1) -> bytes: ...
    def unpack(self, cdata: _CData, length: int) -> bytes: ...

@final
class _Lib:
    IVSRT_VERSION_NUMBER: int
    IVSRT_VERSION_MAJOR: int
    IVSRT_OK: int
    IVSRT_EVALIDATION: int
    IVSRT_EACCESS_DENIED: int
    IVSRT_EPENDING_VERIFICATION: int
    IVSRT_ENOT_FOUND: int
    IVSRT_ECONFLICT: int
    IVSRT_EQUOTA: int
    IVSRT_EINTERNAL: int
    IVSRT_EMISUSE: int
    IVSRT_EOPTIONS: int
    IVSRT_EUNKNOWN_OPERATION: int

    def ivsrt_version(self) -> _CData: ...
    def ivsrt_version_number(self) -> int: ...
    def ivsrt_engine_open(
        self,
        options_json: _ConstCharP,
        options_len: int,
        engine_out: _CData,
        error_out: _CData,
    ) -> int: ...
    def ivsrt_engine_close(self, engine: _CData) -> None: ...
    def ivsrt_invoke(
        self,
        engine: _CData,
        operation: _ConstCharP,
        operation_len: int,
        request_json: _ConstCharP,
        request_len: int,
        response_json_out: _CData,
        response_len_out: _CData,
        error_out: _CData,
    ) -> int: ...
    def ivsrt_http(
        self,
        engine: _CData,
        method: _ConstCharP,
        method_len: int,
        target: _ConstCharP,
        target_len: int,
        headers: _ConstCharP,
        headers_len: int,
        body: _ConstCharP,
        body_len: int,
        status_out: _CData,
        headers_out: _CData,
        headers_len_out: _CData,
        body_out: _CData,
        body_len_out: _CData,
        error_out: _CData,
    ) -> int: ...
    def ivsrt_free(self, p: _CData) -> None: ...
    def ivsrt_error_type(self, e: _CData) -> _CData: ...
    def ivsrt_error_message(self, e: _CData) -> _CData: ...
    def ivsrt_error_http_status(self, e: _CData) -> int: ...
    def ivsrt_error_code(self, e: _CData) -> int: ...
    def ivsrt_error_free(self, e: _CData) -> None: ...
    def ivsrt_code_type(self, code: int) -> _CData: ...
    def ivsrt_code_http_status(self, code: int) -> int: ...

ffi: _FFI
lib: _Lib
