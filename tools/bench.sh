#!/usr/bin/env bash
# The one benchmark command: builds Release in build-bench/, builds the 1k/100k/1M-stage
# stores, runs the C++ (Google Benchmark), Python (boto3, moto) and Go (aws-sdk-go-v2)
# benchmarks and `ivsrt serve` beside moto's server over loopback, and writes
# bench/RESULTS.md.
#
#   tools/bench.sh                 # everything (< 15 minutes on 2 cores)
#   IVSRT_BENCH_QUICK=1 tools/bench.sh   # small stores, short runs: to check the harness
#
# Environment: IVSRT_BENCH_BUILD_DIR (default build-bench), IVSRT_BENCH_JOBS (default 2),
# IVSRT_BENCH_NOTE (a line for RESULTS.md, e.g. that the machine was shared),
# IVSRT_BENCH_OUT (default bench/RESULTS.md).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${IVSRT_BENCH_BUILD_DIR:-$repo/build-bench}
jobs=${IVSRT_BENCH_JOBS:-2}
results=${IVSRT_BENCH_OUT:-$repo/bench/RESULTS.md}
out=$build/bench-out
data=$build/bench-data
start=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

if [[ -n "${IVSRT_BENCH_QUICK:-}" ]]; then
  sizes=1000,10000; reps=2; min_time=0.05; py_rounds=1; py_calls=50; go_count=2; go_time=100ms
  serve_rounds=1; serve_seconds=0.5
else
  sizes=1000,100000,1000000; reps=9; min_time=0.3; py_rounds=10; py_calls=300; go_count=8; go_time=1s
  serve_rounds=3; serve_seconds=3
fi

step() { printf '\n== %s (%ds)\n' "$*" $(( $(date +%s) - start )); }

step "build (Release, $build)"
generator=()
if [[ ! -f "$build/CMakeCache.txt" ]] && command -v ninja >/dev/null; then generator=(-G Ninja); fi
cmake -S "$repo" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DIVSRT_BUILD_CLI=ON \
  -DIVSRT_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target ivsrt ivsrt_ops_bench ivsrt_scale_bench ivsrt_populate \
  ivsrt_cli ivsrt_serve_load -j "$jobs"
rm -rf "$out" && mkdir -p "$out" "$data"

IFS=, read -ra size_list <<<"$sizes"
for n in "${size_list[@]}"; do
  step "populate $n stages"
  "$build/bench/ivsrt_populate" --stages="$n" --dir="$data/stages-$n"
  cp "$data/stages-$n.size.json" "$out/"
done

gbench=(--benchmark_repetitions="$reps" --benchmark_min_time="$min_time"
        --benchmark_report_aggregates_only=true --benchmark_out_format=json)
step "C++: every operation"
"$build/bench/ivsrt_ops_bench" "${gbench[@]}" --benchmark_out="$out/ops.json"
step "C++: growth with the store and reader threads"
"$build/bench/ivsrt_scale_bench" --data_root="$data" --sizes="$sizes" \
  --rss_out="$out/scale_rss.json" "${gbench[@]}" --benchmark_repetitions=$(( reps > 5 ? 5 : reps )) \
  --benchmark_out="$out/scale.json"

step "Python: boto3 through the engine, botocore floor, moto, engine.invoke"
# The binding is built against this build's libivsrt in a private copy (no install).
pysrc=$build/python-src
rm -rf "$pysrc" && cp -r "$repo/bindings/python" "$pysrc" && rm -rf "$pysrc/build"
# A failed Python or Go step is reported and left out of RESULTS.md; the rest still runs.
if ! (cd "$pysrc" && IVSRT_BUILD_DIR="$build" IVSRT_INCLUDE_DIR="$repo/capi/include" \
        python3 setup.py -q build_ext --inplace >"$out/py-build.log" 2>&1) ||
   ! PYTHONPATH="$pysrc/src" python3 "$repo/bench/python/bench_boto.py" \
        --rounds "$py_rounds" --calls "$py_calls" --out "$out/py.json"; then
  echo "Python benchmark FAILED (see $out/py-build.log)" >&2
  rm -f "$out/py.json"
fi

step "Go: aws-sdk-go-v2 through the engine and the canned floor"
if ! (cd "$repo/bench/go" && CGO_LDFLAGS="-L$build" LD_LIBRARY_PATH="$build" \
        go test -run '^$' -bench . -benchtime "$go_time" -count "$go_count" >"$out/go.txt" 2>&1); then
  echo "Go benchmark FAILED:" >&2
  tail -20 "$out/go.txt" >&2
  rm -f "$out/go.txt"
else
  grep '^Benchmark' "$out/go.txt"
fi

step "ivsrt serve over loopback beside moto's server"
if ! python3 "$repo/bench/python/bench_serve.py" --ivsrt "$build/cli/ivsrt" \
      --load "$build/bench/ivsrt_serve_load" --rounds "$serve_rounds" --seconds "$serve_seconds" \
      --out "$out/serve.json" >"$out/serve.log" 2>&1; then
  echo "serve benchmark FAILED:" >&2
  tail -20 "$out/serve.log" >&2
  rm -f "$out/serve.json"
fi

step "report"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
note=${IVSRT_BENCH_NOTE:-}
python3 - "$out/meta.json" "$start" "$load_start" "$load_end" "$note" "$repo" <<'PY'
import json, os, platform, subprocess, sys, time
path, start, load_start, load_end, note, repo = sys.argv[1:]
def sh(*cmd):
    try:
        return subprocess.check_output(cmd, cwd=repo, text=True, stderr=subprocess.DEVNULL).strip()
    except Exception:
        return "unknown"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
if not note and float(load_start.split()[0]) > 1.0:
    note = f"The machine was busy with other work during this run (load average {load_start} at the start): figures are noisy, wall times most of all."
json.dump({
    "date": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
    "elapsed_s": time.time() - float(start),
    "cpu": cpu, "cores": os.cpu_count(), "kernel": platform.platform(),
    "commit": sh("git", "rev-parse", "--short", "HEAD"),
    "dirty": bool(sh("git", "status", "--porcelain", "--", "core", "capi", "bench")),
    "compiler": sh("c++", "--version").splitlines()[0],
    "load_start": load_start, "load_end": load_end, "note": note,
}, open(path, "w"), indent=2)
PY
python3 "$repo/bench/report.py" --dir "$out" --out "$results"
step "done"
