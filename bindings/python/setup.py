"""Builds ivsrt._native (cffi, API mode) and ships libivsrt next to it.

Where libivsrt comes from:
- $IVSRT_BUILD_DIR (or $IVSRT_LIB_DIR): a directory that already holds libivsrt.so, e.g. the
  build directory of the repository's top-level CMake (`cmake --build build --target ivsrt`);
- otherwise this script configures and builds the repository's top-level CMake project itself
  (target ivsrt only, no tests) in $IVSRT_CMAKE_BUILD_DIR, default bindings/python/build/native.
The library is copied into the package and found there through the extension's $ORIGIN rpath.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
LIBNAME = "libivsrt.so"


def _has_library(d: Path) -> bool:
    return (d / LIBNAME).exists()


def _cmake_build() -> Path:
    if not (REPO / "CMakeLists.txt").is_file() or not (REPO / "capi").is_dir():
        raise RuntimeError(
            "libivsrt not found: set IVSRT_BUILD_DIR to a directory holding libivsrt.so, or install "
            "from a checkout of the ivsrt repository so that its CMake project can be built"
        )
    build = Path(os.environ.get("IVSRT_CMAKE_BUILD_DIR") or HERE / "build" / "native").resolve()
    configure = [
        "cmake", "-S", str(REPO), "-B", str(build),
        "-DCMAKE_BUILD_TYPE=Release",
        "-DIVSRT_BUILD_TESTS=OFF", "-DIVSRT_BUILD_BENCH=OFF", "-DIVSRT_BUILD_CLI=OFF",
    ]
    if shutil.which("ninja") and not (build / "CMakeCache.txt").exists():
        configure += ["-G", "Ninja"]
    subprocess.check_call(configure)
    jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
    subprocess.check_call(["cmake", "--build", str(build), "--target", "ivsrt", "--parallel", jobs])
    if not _has_library(build):
        raise RuntimeError(f"cmake did not produce {build / LIBNAME}")
    return build


def _candidates(value: str) -> list[Path]:
    path = Path(value).expanduser()
    if path.is_absolute():
        return [path]
    # pip runs this script from bindings/python: a relative path is taken from the shell's
    # working directory ($PWD), else from the repository root.
    bases = [Path(os.environ["PWD"])] if os.environ.get("PWD") else []
    return [base / path for base in bases + [REPO, Path.cwd()]]


def native_library_dir() -> Path:
    for var in ("IVSRT_BUILD_DIR", "IVSRT_LIB_DIR"):
        value = os.environ.get(var)
        if value:
            for d in _candidates(value):
                if _has_library(d):
                    return d.resolve()
            raise RuntimeError(f"{var}={value}: no {LIBNAME} there")
    return _cmake_build()


def _runtime_names(libdir: Path) -> list[str]:
    """The names the extension will ask the loader for: the SONAME links (libivsrt.so.N)."""
    names = sorted(p.name for p in libdir.iterdir() if re.fullmatch(r"libivsrt\.so\.\d+", p.name))
    return names or [LIBNAME]


class BuildExt(build_ext):
    def run(self) -> None:
        libdir = native_library_dir()
        # Always recompile (a second): setuptools does not see the header or library change.
        self.force = True
        for ext in self.extensions:
            ext.library_dirs.append(str(libdir))
            ext.extra_link_args.append("-Wl,-rpath,$ORIGIN")
        super().run()
        dest = Path(self.get_ext_fullpath("ivsrt._native")).parent
        dest.mkdir(parents=True, exist_ok=True)
        real = (libdir / LIBNAME).resolve()
        for name in _runtime_names(libdir):
            target = dest / name
            if target.exists() or target.is_symlink():
                target.unlink()
            shutil.copy2(real, target)


setup(cffi_modules=["ivsrt_build.py:ffibuilder"], cmdclass={"build_ext": BuildExt})
