"""cffi (API mode) builder for ivsrt._native.

The module is compiled against the real header, capi/include/ivsrt/ivsrt.h. The
function declarations below are also pasted after the header's #include in the C
source, so a declaration that drifts from the header is a compile error
("conflicting types"), never a silent mismatch at run time.
"""

from __future__ import annotations

import os
from pathlib import Path

from cffi import FFI

HERE = Path(__file__).resolve().parent


def include_dir() -> Path:
    """The directory holding ivsrt/ivsrt.h: $IVSRT_INCLUDE_DIR or the repository's capi/include."""
    env = os.environ.get("IVSRT_INCLUDE_DIR")
    candidates = [Path(env)] if env else []
    candidates.append(HERE.parent.parent / "capi" / "include")
    for c in candidates:
        if (c / "ivsrt" / "ivsrt.h").is_file():
            return c.resolve()
    raise RuntimeError(
        "ivsrt/ivsrt.h not found: install from the ivsrt repository (pip install ./bindings/python) "
        "or set IVSRT_INCLUDE_DIR to the directory that holds ivsrt/ivsrt.h"
    )


CONSTANTS = """
#define IVSRT_VERSION_NUMBER ...
#define IVSRT_VERSION_MAJOR ...
#define IVSRT_OK ...
#define IVSRT_EVALIDATION ...
#define IVSRT_EACCESS_DENIED ...
#define IVSRT_EPENDING_VERIFICATION ...
#define IVSRT_ENOT_FOUND ...
#define IVSRT_ECONFLICT ...
#define IVSRT_EQUOTA ...
#define IVSRT_EINTERNAL ...
#define IVSRT_EMISUSE ...
#define IVSRT_EOPTIONS ...
#define IVSRT_EUNKNOWN_OPERATION ...

typedef struct ivsrt_engine ivsrt_engine;
typedef struct ivsrt_error ivsrt_error;
"""

FUNCTIONS = """
const char* ivsrt_version(void);
int ivsrt_version_number(void);
int ivsrt_engine_open(const char* options_json, size_t options_len,
                      ivsrt_engine** engine_out, ivsrt_error** error_out);
void ivsrt_engine_close(ivsrt_engine* engine);
int ivsrt_invoke(ivsrt_engine* engine, const char* operation, size_t operation_len,
                 const char* request_json, size_t request_len,
                 char** response_json_out, size_t* response_len_out,
                 ivsrt_error** error_out);
int ivsrt_http(ivsrt_engine* engine, const char* method, size_t method_len,
               const char* target, size_t target_len, const char* headers,
               size_t headers_len, const char* body, size_t body_len,
               int* status_out, char** headers_out, size_t* headers_len_out,
               char** body_out, size_t* body_len_out, ivsrt_error** error_out);
void ivsrt_free(void* p);
const char* ivsrt_error_type(const ivsrt_error* e);
const char* ivsrt_error_message(const ivsrt_error* e);
int ivsrt_error_http_status(const ivsrt_error* e);
int ivsrt_error_code(const ivsrt_error* e);
void ivsrt_error_free(ivsrt_error* e);
const char* ivsrt_code_type(int code);
int ivsrt_code_http_status(int code);
"""

ffibuilder = FFI()
ffibuilder.cdef(CONSTANTS + FUNCTIONS)
ffibuilder.set_source(
    "ivsrt._native",
    '#include "ivsrt/ivsrt.h"\n'
    "/* The cdef again: the compiler rejects any declaration that differs from the header. */\n"
    + FUNCTIONS,
    include_dirs=[str(include_dir())],
    libraries=["ivsrt"],
    extra_compile_args=["-Werror=incompatible-pointer-types"],
)

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
