// Builds the store the scale benchmarks read: N stages (a name and one tag
// each) created through ivsrt_invoke with nosync durability in one process,
// then reports its size.
//
//   ivsrt_populate --stages=N --dir=DIR
//
// Writes DIR.arns (ARNs sampled evenly across creation order, for the scale
// benchmarks) and DIR.size.json: creation time, LMDB bytes (file and in use)
// per stage, peak RSS.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench/bench_common.h"

namespace ivsrt::bench {
namespace {

// The same number of distinct stages is read at every store size (all of the 1k
// store).
constexpr uint64_t kSampledArns = 1000;

int Main(uint64_t n, const std::string& dir) {
  std::filesystem::remove_all(dir);
  ivsrt_engine* engine = OpenEngine("nosync", dir);
  std::ofstream arns(dir + ".arns");
  uint64_t every = n > kSampledArns ? n / kSampledArns : 1;
  auto start = std::chrono::steady_clock::now();
  for (uint64_t i = 0; i < n; ++i) {
    std::string response = MustInvoke(engine, "CreateStage", CreateStageBody(i));
    if (i % every == 0) arns << StringMember(response, "arn") << '\n';
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  arns.close();
  ivsrt_engine_close(engine);

  uint64_t used = StoreUsedBytes(dir);
  uint64_t file = DirectoryBytes(dir);
  uint64_t rss = PeakRssBytes();
  std::ofstream out(dir + ".size.json");
  out << "{\"stages\":" << n << ",\"seconds\":" << seconds
      << ",\"create_us_per_stage\":" << seconds * 1e6 / static_cast<double>(n)
      << ",\"used_bytes\":" << used << ",\"file_bytes\":" << file
      << ",\"used_bytes_per_stage\":" << static_cast<double>(used) / static_cast<double>(n)
      << ",\"file_bytes_per_stage\":" << static_cast<double>(file) / static_cast<double>(n)
      << ",\"peak_rss_bytes\":" << rss << "}\n";
  std::printf(
      "%llu stages in %.1f s (%.2f us each); LMDB in use %.0f B/stage, file "
      "%.0f "
      "B/stage; peak RSS %.1f MiB\n",
      static_cast<unsigned long long>(n), seconds, seconds * 1e6 / n, static_cast<double>(used) / n,
      static_cast<double>(file) / n, rss / 1048576.0);
  return 0;
}

}  // namespace
}  // namespace ivsrt::bench

int main(int argc, char** argv) {
  uint64_t n = 0;
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.starts_with("--stages=")) n = std::strtoull(arg.c_str() + 9, nullptr, 10);
    if (arg.starts_with("--dir=")) dir = arg.substr(6);
  }
  if (n == 0 || dir.empty()) {
    std::fprintf(stderr, "usage: ivsrt_populate --stages=N --dir=DIR\n");
    return 2;
  }
  return ivsrt::bench::Main(n, dir);
}
