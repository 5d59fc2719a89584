// Shared helpers of the benchmark programs: engines opened through the C ABI,
// requests that must succeed, the timed ivsrt_invoke loop, and process
// measurements (peak RSS, file sizes).
#ifndef IVSRT_BENCH_BENCH_COMMON_H_
#define IVSRT_BENCH_BENCH_COMMON_H_

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ivsrt/ivsrt.h"

namespace ivsrt::bench {

// Quota large enough for the 1M-stage store, plus what the write benchmarks add
// to it (also the storage, encoder and ingest configuration quotas of every benchmark
// engine).
inline constexpr int64_t kStageQuota = 4'000'000;

// Opens an engine through the C ABI; aborts the program on failure (a benchmark
// that cannot open its engine has nothing to report).
ivsrt_engine* OpenEngine(std::string_view durability, std::string_view data_dir = {});

// ivsrt_invoke that must succeed; returns the response JSON.
std::string MustInvoke(ivsrt_engine* engine, std::string_view operation, std::string_view body);

// The timed loop of a benchmark that sends one request over and over; marks the
// benchmark failed on the first error.
void Invoke(benchmark::State& state, ivsrt_engine* engine, std::string_view op,
            const std::string& body);

// ivsrt_invoke's output (the caller frees it), or nullptr after marking the
// benchmark failed.
char* InvokeOrSkip(benchmark::State& state, ivsrt_engine* engine, std::string_view op,
                   const std::string& body);

// The value of the first "member":"..." string in `json` (enough for ARNs and
// ids in responses whose layout the AWS API fixes).
std::string StringMember(std::string_view json, std::string_view member);

// A CreateStage body like the ones test suites send: a name and one tag.
std::string CreateStageBody(uint64_t i);

// Creates `n` stages; returns the ARN of the last one.
std::string CreateStages(ivsrt_engine* engine, uint64_t n);

// Peak resident set of this process, bytes.
uint64_t PeakRssBytes();
// Sum of the sizes of the regular files in `dir` (the LMDB data and lock
// files).
uint64_t DirectoryBytes(const std::string& dir);
// Bytes in use inside the store's map (last page x page size), via the core
// store.
uint64_t StoreUsedBytes(const std::string& dir);

// The simdjson kernels: the one On-Demand is compiled for (Debian picks it from
// the target flags at compile time) and the one runtime dispatch would pick on
// this CPU.
std::string SimdjsonKernels();

}  // namespace ivsrt::bench

#endif  // IVSRT_BENCH_BENCH_COMMON_H_
