// How the figures grow with the store: GetStage, ListStages (a page of 100),
// CreateStage, CreateParticipantToken and TagResource through ivsrt_invoke
// (nosync) on stores of 1k, 100k and 1M stages built beforehand by
// ivsrt_populate; reads with 1 and 2 threads.
//
//   ivsrt_scale_bench --data_root=DIR [--sizes=1000,100000,1000000]
//   [--rss_out=FILE]
//                     [benchmark flags]
//
// DIR/stages-N is the store of N stages and DIR/stages-N.arns its sampled ARNs.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bench/bench_common.h"
#include "ivsrt/ivsrt.h"

namespace ivsrt::bench {
namespace {

struct SizedStore {
  uint64_t stages = 0;
  ivsrt_engine* engine = nullptr;
  std::vector<std::string> get_bodies;   // {"arn": ...} of sampled stages, shuffled
  std::vector<std::string> arns;         // the same stages
  std::vector<std::string> list_bodies;  // ListStages pages of 100 spread across the store
};

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

SizedStore OpenSized(const std::string& root, uint64_t n) {
  SizedStore s;
  s.stages = n;
  std::string dir = root + "/stages-" + std::to_string(n);
  s.engine = OpenEngine("nosync", dir);
  std::ifstream in(dir + ".arns");
  for (std::string arn; std::getline(in, arn);) {
    if (!arn.empty()) s.arns.push_back(arn);
  }
  if (s.arns.empty()) {
    std::fprintf(stderr, "no ARNs in %s.arns: run ivsrt_populate first\n", dir.c_str());
    std::exit(1);
  }
  std::shuffle(s.arns.begin(), s.arns.end(), std::mt19937_64(42));
  for (const std::string& arn : s.arns) s.get_bodies.push_back("{\"arn\":\"" + arn + "\"}");
  // Page through the whole store once and keep about 10 evenly spread page
  // requests: the same ~1000 stages listed at every store size (all of the 1k
  // store).
  uint64_t pages = n / 100;
  uint64_t keep_every = std::max<uint64_t>(1, pages / 10);
  std::string token;
  for (uint64_t page = 0;; ++page) {
    std::string body = token.empty() ? "{\"maxResults\":100}"
                                     : "{\"maxResults\":100,\"nextToken\":\"" + token + "\"}";
    if (page % keep_every == 0 && page + 1 < pages) s.list_bodies.push_back(body);
    token = StringMember(MustInvoke(s.engine, "ListStages", body), "nextToken");
    if (token.empty()) break;
  }
  if (s.list_bodies.empty()) s.list_bodies.push_back("{\"maxResults\":100}");
  return s;
}

// Cycles through `bodies`, each thread from its own offset.
void Cycle(benchmark::State& state, ivsrt_engine* engine, const char* op,
           const std::vector<std::string>& bodies) {
  size_t i = static_cast<size_t>(state.thread_index()) * bodies.size() / 2;
  size_t op_len = std::char_traits<char>::length(op);
  for (auto _ : state) {
    const std::string& body = bodies[i++ % bodies.size()];
    char* out = nullptr;
    size_t len = 0;
    ivsrt_error* error = nullptr;
    if (ivsrt_invoke(engine, op, op_len, body.data(), body.size(), &out, &len, &error) !=
        IVSRT_OK) {
      state.SkipWithError(ivsrt_error_message(error));
      ivsrt_error_free(error);
      break;
    }
    ivsrt_free(out);
  }
  state.SetItemsProcessed(state.iterations());
}

// A control for the reader-thread figures: pure computation, no shared state.
// If two threads of this do not reach ~2x one, the machine (not the engine) is
// the limit.
void BM_MachineSpin(benchmark::State& state) {
  uint64_t x = static_cast<uint64_t>(state.thread_index()) + 1;
  for (auto _ : state) {
    for (int i = 0; i < 1000; ++i) x = x * 6364136223846793005u + 1442695040888963407u;
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(state.iterations());
}

void Register(SizedStore* s) {
  std::string n = std::to_string(s->stages);
  benchmark::RegisterBenchmark(
      ("Scale_GetStage/stages:" + n).c_str(),
      [s](benchmark::State& st) { Cycle(st, s->engine, "GetStage", s->get_bodies); })
      ->Threads(1)
      ->Threads(2)
      ->UseRealTime();
  benchmark::RegisterBenchmark(
      ("Scale_ListStages100/stages:" + n).c_str(),
      [s](benchmark::State& st) { Cycle(st, s->engine, "ListStages", s->list_bodies); })
      ->Threads(1)
      ->Threads(2)
      ->UseRealTime();
  std::vector<std::string> token_bodies, tag_bodies;
  for (const std::string& arn : s->arns) {
    token_bodies.push_back("{\"stageArn\":\"" + arn +
                           "\",\"userId\":\"alice\",\"capabilities\":["
                           "\"PUBLISH\",\"SUBSCRIBE\"]}");
  }
  // Every call changes the stage's tag (a, then b on the next round): every call writes.
  for (const char* value : {"a", "b"}) {
    for (const std::string& arn : s->arns) {
      tag_bodies.push_back("{\"resourceArn\":\"" + arn + "\",\"tags\":{\"round\":\"" +
                           value + "\"}}");
    }
  }
  benchmark::RegisterBenchmark(("Scale_CreateParticipantToken/stages:" + n).c_str(),
                               [s, token_bodies](benchmark::State& st) {
                                 Cycle(st, s->engine, "CreateParticipantToken", token_bodies);
                               })
      ->UseRealTime();
  benchmark::RegisterBenchmark(
      ("Scale_TagResource/stages:" + n).c_str(),
      [s, tag_bodies](benchmark::State& st) { Cycle(st, s->engine, "TagResource", tag_bodies); })
      ->UseRealTime();
  // Last: the stages it adds would change the store the other benchmarks
  // measure.
  benchmark::RegisterBenchmark(("Scale_CreateStage/stages:" + n).c_str(),
                               [s](benchmark::State& st) {
                                 uint64_t i = 3'000'000'000;
                                 for (auto _ : st) {
                                   std::string body = CreateStageBody(i++);
                                   char* out = nullptr;
                                   size_t len = 0;
                                   if (ivsrt_invoke(s->engine, "CreateStage", 11, body.data(),
                                                    body.size(), &out, &len, nullptr) != IVSRT_OK) {
                                     st.SkipWithError("CreateStage failed");
                                     break;
                                   }
                                   ivsrt_free(out);
                                 }
                               })
      ->UseRealTime();
}

}  // namespace
}  // namespace ivsrt::bench

int main(int argc, char** argv) {
  using namespace ivsrt::bench;  // NOLINT
  std::string root, rss_out;
  std::string sizes = "1000,100000,1000000";
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.starts_with("--data_root=")) {
      root = arg.substr(12);
    } else if (arg.starts_with("--sizes=")) {
      sizes = arg.substr(8);
    } else if (arg.starts_with("--rss_out=")) {
      rss_out = arg.substr(10);
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (root.empty()) {
    std::fprintf(stderr, "usage: ivsrt_scale_bench --data_root=DIR [--sizes=...]\n");
    return 2;
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  std::vector<SizedStore*> stores;
  for (const std::string& n : Split(sizes, ',')) {
    stores.push_back(new SizedStore(OpenSized(root, std::strtoull(n.c_str(), nullptr, 10))));
  }
  benchmark::RegisterBenchmark("Machine_Spin", BM_MachineSpin)
      ->Threads(1)
      ->Threads(2)
      ->UseRealTime();
  for (SizedStore* s : stores) Register(s);
  benchmark::AddCustomContext("simdjson", SimdjsonKernels());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (!rss_out.empty()) {
    std::ofstream(rss_out) << "{\"peak_rss_bytes\":" << PeakRssBytes() << "}\n";
  }
  for (SizedStore* s : stores) ivsrt_engine_close(s->engine);
  return 0;
}
