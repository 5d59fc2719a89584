#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz and runs each for
# SECONDS (default 60) on its checked-in corpus, one worker at a time.
#   tools/fuzz.sh [SECONDS]            the CI smoke run: 60 s per target
#   tools/fuzz.sh 3600                 a long run; new corpus entries go to build-fuzz/corpus/
# Environment: ASAN_OPTIONS / UBSAN_OPTIONS override the defaults below (long runs here used
# ASAN_OPTIONS=malloc_context_size=0 for speed), IVSRT_FUZZ_MAX_LEN (4096), IVSRT_JOBS (2).
# A crash leaves crash-* / leak-* / timeout-* under build-fuzz/artifacts/ and fails the script.
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${IVSRT_FUZZ_BUILD_DIR:-$root/build-fuzz}"

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DIVSRT_FUZZ=ON \
  -DIVSRT_BUILD_TESTS=OFF -DIVSRT_BUILD_BENCH=OFF -DIVSRT_BUILD_CLI=OFF >/dev/null
cmake --build "$build" --target fuzz_invoke fuzz_http -j "${IVSRT_JOBS:-2}"

mkdir -p "$build/artifacts"
for target in fuzz_invoke fuzz_http; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  echo "== $target: ${seconds}s"
  # The checked-in seeds are read, never written; what the run finds goes to $corpus.
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}" \
  UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
    "$build/tests/fuzz/$target" "$corpus" "$root/tests/fuzz/corpus/$target" \
      -dict="$root/tests/fuzz/ivsrt.dict" -max_total_time="$seconds" -max_len="${IVSRT_FUZZ_MAX_LEN:-4096}" \
      -timeout=25 -rss_limit_mb=4096 -print_final_stats=1 \
      -artifact_prefix="$build/artifacts/$target-" 2>&1 | tail -n 25
done
