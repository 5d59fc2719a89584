#!/usr/bin/env bash
# clang-tidy (the checks in .clang-tidy) over the engine's sources, core/ but its tests and
# the generated tables; exits non-zero on any finding. Needs clang-tidy-14 (install-deps.sh).
#
#   tools/tidy.sh [FILE...]     # default: every core/**/*.cc but *_test.cc and model_tables.cc
set -euo pipefail
cd "$(dirname "$0")/.."
build=${IVSRT_TIDY_BUILD_DIR:-build-tidy}
cmake -S . -B "$build" -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DIVSRT_BUILD_BENCH=OFF \
  -DIVSRT_BUILD_TESTS=OFF -DIVSRT_BUILD_CLI=OFF >/dev/null
if [[ $# -eq 0 ]]; then
  mapfile -t files < <(find core -name '*.cc' ! -name '*_test.cc' ! -name model_tables.cc | sort)
else
  files=("$@")
fi
run-clang-tidy-14 -quiet -p "$build" -j "${IVSRT_TIDY_JOBS:-2}" "${files[@]}"
