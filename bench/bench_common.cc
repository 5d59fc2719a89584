#include "bench/bench_common.h"

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/store/store.h"
#include "simdjson.h"

namespace ivsrt::bench {
namespace {

[[noreturn]] void Die(std::string_view what, ivsrt_error* error) {
  std::fprintf(stderr, "ivsrt bench: %.*s: %s: %s\n", static_cast<int>(what.size()), what.data(),
               error ? ivsrt_error_type(error) : "?", error ? ivsrt_error_message(error) : "?");
  std::exit(1);
}

}  // namespace

ivsrt_engine* OpenEngine(std::string_view durability, std::string_view data_dir) {
  std::string options = "{\"durability\":\"" + std::string(durability) +
                        "\",\"seed\":1,\"quotas\":{\"stages\":" + std::to_string(kStageQuota) +
                        ",\"storageConfigurations\":" + std::to_string(kStageQuota) +
                        ",\"encoderConfigurations\":" + std::to_string(kStageQuota) +
                        ",\"ingestConfigurations\":" + std::to_string(kStageQuota) + "}";
  if (!data_dir.empty()) options += ",\"data_dir\":\"" + std::string(data_dir) + "\"";
  options += "}";
  ivsrt_engine* engine = nullptr;
  ivsrt_error* error = nullptr;
  if (ivsrt_engine_open(options.data(), options.size(), &engine, &error) != IVSRT_OK) {
    Die("ivsrt_engine_open", error);
  }
  return engine;
}

std::string MustInvoke(ivsrt_engine* engine, std::string_view operation, std::string_view body) {
  char* out = nullptr;
  size_t len = 0;
  ivsrt_error* error = nullptr;
  if (ivsrt_invoke(engine, operation.data(), operation.size(), body.data(), body.size(), &out, &len,
                   &error) != IVSRT_OK) {
    Die(operation, error);
  }
  std::string response(out, len);
  ivsrt_free(out);
  return response;
}

void Invoke(benchmark::State& state, ivsrt_engine* engine, std::string_view op,
            const std::string& body) {
  for (auto _ : state) {
    char* out = nullptr;
    size_t len = 0;
    ivsrt_error* error = nullptr;
    int rc =
        ivsrt_invoke(engine, op.data(), op.size(), body.data(), body.size(), &out, &len, &error);
    if (rc != IVSRT_OK) {
      state.SkipWithError(ivsrt_error_message(error));
      ivsrt_error_free(error);
      break;
    }
    benchmark::DoNotOptimize(out);
    ivsrt_free(out);
  }
  state.SetItemsProcessed(state.iterations());
}

char* InvokeOrSkip(benchmark::State& state, ivsrt_engine* engine, std::string_view op,
                   const std::string& body) {
  char* out = nullptr;
  size_t len = 0;
  ivsrt_error* error = nullptr;
  if (ivsrt_invoke(engine, op.data(), op.size(), body.data(), body.size(), &out, &len, &error) !=
      IVSRT_OK) {
    state.SkipWithError(ivsrt_error_message(error));
    ivsrt_error_free(error);
  }
  return out;
}

std::string StringMember(std::string_view json, std::string_view member) {
  std::string needle = "\"" + std::string(member) + "\":\"";
  size_t at = json.find(needle);
  if (at == std::string_view::npos) return {};
  at += needle.size();
  return std::string(json.substr(at, json.find('"', at) - at));
}

std::string CreateStageBody(uint64_t i) {
  return "{\"name\":\"bench-stage-" + std::to_string(i) + "\",\"tags\":{\"suite\":\"bench\"}}";
}

std::string CreateStages(ivsrt_engine* engine, uint64_t n) {
  std::string arn;
  for (uint64_t i = 0; i < n; ++i) {
    arn = StringMember(MustInvoke(engine, "CreateStage", CreateStageBody(i)), "arn");
  }
  return arn;
}

uint64_t PeakRssBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024;
}

uint64_t DirectoryBytes(const std::string& dir) {
  uint64_t total = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

uint64_t StoreUsedBytes(const std::string& dir) {
  auto store = store::Store::Open(dir, store::Durability::kNoSync);
  if (!store.ok()) return 0;
  auto used = (*store)->UsedBytes();
  return used.ok() ? *used : 0;
}

std::string SimdjsonKernels() {
  return std::string("on-demand: ") + std::string(simdjson::builtin_implementation()->name()) +
         ", runtime dispatch: " + std::string(simdjson::get_active_implementation()->name());
}

}  // namespace ivsrt::bench
