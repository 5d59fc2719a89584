// The cost of each operation through ivsrt_invoke (nosync and sync), of request
// parsing and validation alone, of the HTTP entry against ivsrt_invoke, and of
// the store's own transactions (the floors the operations stand on). Store of
// 1000 stages. The media plane's operations are in media_ops_bench.cc, linked in.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench/bench_common.h"
#include "core/engine.h"
#include "core/model/model.h"
#include "core/store/store.h"
#include "core/validate/validator.h"
#include "ivsrt/ivsrt.h"

namespace ivsrt::bench {
namespace {

constexpr uint64_t kStages = 1000;

// One engine per durability, shared by every benchmark of the program.
struct Fixture {
  ivsrt_engine* engine = nullptr;
  std::string arn;             // a stage with one tag and one participant
  std::string participant_id;  // of that stage
};

// "nosync" is the 1000-stage store every other benchmark reads; CreateStage
// adds tens of thousands of stages, so it writes to a store of its own
// ("nosync-create"), as do the sync benchmarks ("sync": populating at 1 ms a
// stage is not the point).
Fixture& Engine(std::string_view name) {
  static Fixture nosync, nosync_create, sync;
  Fixture& f = name == "sync" ? sync : name == "nosync-create" ? nosync_create : nosync;
  if (f.engine == nullptr) {
    f.engine = OpenEngine(name == "sync" ? "sync" : "nosync");
    f.arn = CreateStages(f.engine, name == "nosync" ? kStages : 1);
    f.participant_id =
        StringMember(MustInvoke(f.engine, "CreateParticipantToken",
                                "{\"stageArn\":\"" + f.arn + "\",\"userId\":\"alice\"}"),
                     "participantId");
  }
  return f;
}

std::string StorageBody(uint64_t i) {
  return "{\"name\":\"storage-" + std::to_string(i) +
         "\",\"s3\":{\"bucketName\":\"bench-bucket\"},\"tags\":{\"team\":\"video\"}}";
}
std::string EncoderBody(uint64_t i) {
  return "{\"name\":\"encoder-" + std::to_string(i) +
         "\",\"video\":{\"width\":1920,\"height\":1080,\"framerate\":30,\"bitrate\":6000000}}";
}

std::string ArnBody(const Fixture& f) { return "{\"arn\":\"" + f.arn + "\"}"; }
std::string TokenBody(const Fixture& f) {
  return "{\"stageArn\":\"" + f.arn +
         "\",\"userId\":\"alice\",\"capabilities\":[\"PUBLISH\",\"SUBSCRIBE\"],"
         "\"duration\":720,\"attributes\":{\"role\":\"host\"}}";
}

// --- Each operation through ivsrt_invoke
// --------------------------------------------------

void BM_Invoke_CreateStage(benchmark::State& state, const char* durability) {
  ivsrt_engine* engine =
      Engine(std::string_view(durability) == "sync" ? "sync" : "nosync-create").engine;
  uint64_t i = 1'000'000'000;
  // Building the body costs ~50 ns, against microseconds.
  for (auto _ : state) ivsrt_free(InvokeOrSkip(state, engine, "CreateStage", CreateStageBody(i++)));
}

void BM_Invoke_GetStage(benchmark::State& state) {
  const Fixture& f = Engine("nosync");
  Invoke(state, f.engine, "GetStage", ArnBody(f));
}

void BM_Invoke_ListStages100(benchmark::State& state) {
  Invoke(state, Engine("nosync").engine, "ListStages", "{\"maxResults\":100}");
}

void BM_Invoke_UpdateStage(benchmark::State& state) {
  const Fixture& f = Engine("nosync");
  Invoke(state, f.engine, "UpdateStage", "{\"arn\":\"" + f.arn + "\",\"name\":\"renamed\"}");
}

void BM_Invoke_DeleteStage(benchmark::State& state) {
  ivsrt_engine* engine = Engine("nosync").engine;
  std::vector<std::string> bodies;
  uint64_t next = 2'000'000'000;
  for (auto _ : state) {
    if (bodies.empty()) {
      state.PauseTiming();
      for (int i = 0; i < 1000; ++i) {
        bodies.push_back(
            "{\"arn\":\"" +
            StringMember(MustInvoke(engine, "CreateStage", CreateStageBody(next++)), "arn") +
            "\"}");
      }
      state.ResumeTiming();
    }
    char* out = nullptr;
    size_t len = 0;
    ivsrt_error* error = nullptr;
    const std::string& body = bodies.back();
    if (ivsrt_invoke(engine, "DeleteStage", 11, body.data(), body.size(), &out, &len, &error) !=
        IVSRT_OK) {
      state.SkipWithError(ivsrt_error_message(error));
      ivsrt_error_free(error);
      break;
    }
    ivsrt_free(out);
    bodies.pop_back();
  }
}

void BM_Invoke_CreateParticipantToken(benchmark::State& state, const char* durability) {
  const Fixture& f = Engine(durability);
  Invoke(state, f.engine, "CreateParticipantToken", TokenBody(f));
}

void BM_Invoke_DisconnectParticipant(benchmark::State& state) {
  const Fixture& f = Engine("nosync");
  Invoke(state, f.engine, "DisconnectParticipant",
         "{\"stageArn\":\"" + f.arn + "\",\"participantId\":\"" + f.participant_id +
             "\",\"reason\":\"bench\"}");
}

// Every call changes a tag (env alternates), so every call writes.
void BM_Invoke_TagResource(benchmark::State& state) {
  const Fixture& f = Engine("nosync");
  const std::string bodies[2] = {
      "{\"resourceArn\":\"" + f.arn + "\",\"tags\":{\"team\":\"video\",\"env\":\"test\"}}",
      "{\"resourceArn\":\"" + f.arn + "\",\"tags\":{\"team\":\"video\",\"env\":\"prod\"}}"};
  uint64_t i = 0;
  for (auto _ : state) ivsrt_free(InvokeOrSkip(state, f.engine, "TagResource", bodies[i++ & 1]));
  state.SetItemsProcessed(state.iterations());
}

// Removes a key the stage does not have: nothing to write.
void BM_Invoke_UntagResource(benchmark::State& state) {
  const Fixture& f = Engine("nosync");
  Invoke(state, f.engine, "UntagResource",
         "{\"resourceArn\":\"" + f.arn + "\",\"tagKeys\":[\"absent\"]}");
}

void BM_Invoke_ListTagsForResource(benchmark::State& state) {
  const Fixture& f = Engine("nosync");
  Invoke(state, f.engine, "ListTagsForResource", "{\"resourceArn\":\"" + f.arn + "\"}");
}

// --- Layers: the C++ engine under the ABI, parsing + validation alone, the
// store ------------

ivsrt::Engine& CoreEngine() {
  static std::unique_ptr<ivsrt::Engine> engine = [] {
    auto e = ivsrt::Engine::Open("{\"durability\":\"nosync\",\"seed\":1}");
    if (!e.ok()) std::abort();
    return std::move(*e);
  }();
  return *engine;
}

void BM_CoreEngine_GetStage(benchmark::State& state) {
  static std::string arn =
      StringMember(*CoreEngine().Invoke("CreateStage", CreateStageBody(0)), "arn");
  std::string body = "{\"arn\":\"" + arn + "\"}";
  for (auto _ : state) {
    auto r = CoreEngine().Invoke("GetStage", body);
    benchmark::DoNotOptimize(r);
  }
}

// The store's floors: one read transaction with one get; one write transaction
// with one put and its commit (nosync: MDB_NOSYNC | MDB_WRITEMAP |
// MDB_MAPASYNC).
void BM_Store_ReadTxnGet(benchmark::State& state) {
  store::Store& s = CoreEngine().store();
  for (auto _ : state) {
    absl::Status st = s.Read([](const store::Txn& txn) -> absl::Status {
      auto v = txn.Get(store::Table::kMeta, "signing_key");
      benchmark::DoNotOptimize(v);
      return absl::OkStatus();
    });
    benchmark::DoNotOptimize(st);
  }
}

void BM_Store_WriteTxnPutCommit(benchmark::State& state) {
  store::Store& s = CoreEngine().store();
  for (auto _ : state) {
    absl::Status st = s.Write([](store::Txn& txn) -> absl::Status {
      return txn.Put(store::Table::kMeta, "bench", "0123456789abcdef");
    });
    if (!st.ok()) {
      state.SkipWithError("write failed");
      break;
    }
  }
}

void Validate(benchmark::State& state, const char* op, const std::string& body) {
  int shape = model::FindOperation(op)->input_shape;
  for (auto _ : state) {
    auto v = ValidateRequest(body, shape, false);
    if (!v.ok()) {
      state.SkipWithError(std::string(v.status().message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(body.size()));
}

std::string RichCreateStageBody() {
  return "{\"name\":\"bench-stage-validate\",\"tags\":{\"suite\":\"bench\","
         "\"team\":\"video\"},"
         "\"participantTokenConfigurations\":[{\"userId\":\"alice\","
         "\"duration\":720,"
         "\"capabilities\":[\"PUBLISH\",\"SUBSCRIBE\"],\"attributes\":{"
         "\"role\":\"host\"}}]}";
}

void BM_Validate_CreateStage(benchmark::State& state) {
  Validate(state, "CreateStage", RichCreateStageBody());
}
void BM_Validate_GetStage(benchmark::State& state) {
  Validate(state, "GetStage",
           "{\"arn\":\"arn:aws:ivs:us-east-1:123456789012:stage/AbCdEfGhIjKl\"}");
}
void BM_Validate_CreateParticipantToken(benchmark::State& state) {
  Validate(
      state, "CreateParticipantToken",
      TokenBody(Fixture{nullptr, "arn:aws:ivs:us-east-1:123456789012:stage/AbCdEfGhIjKl", ""}));
}

// --- HTTP entry against ivsrt_invoke
// --------------------------------------------------------

// Headers as botocore sends them for a signed restJson1 request.
std::string SdkHeaders(size_t body_len) {
  return "Host: ivsrealtime.us-east-1.amazonaws.com\r\n"
         "Content-Type: application/json\r\n"
         "User-Agent: Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux "
         "lang/python#3.11.7\r\n"
         "X-Amz-Date: 20260102T030405Z\r\n"
         "Authorization: AWS4-HMAC-SHA256 "
         "Credential=testing/20260102/us-east-1/ivs/"
         "aws4_request, SignedHeaders=content-type;host;x-amz-date, "
         "Signature="
         "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\r\n"
         "amz-sdk-invocation-id: 5f7a3c1e-0000-4000-8000-000000000000\r\n"
         "amz-sdk-request: attempt=1; max=1\r\n"
         "Content-Length: " +
         std::to_string(body_len) + "\r\n";
}

void Http(benchmark::State& state, ivsrt_engine* engine, std::string_view target,
          const std::string& body) {
  std::string headers = SdkHeaders(body.size());
  for (auto _ : state) {
    int status = 0;
    char* h = nullptr;
    char* b = nullptr;
    size_t hl = 0, bl = 0;
    ivsrt_error* error = nullptr;
    if (ivsrt_http(engine, "POST", 4, target.data(), target.size(), headers.data(), headers.size(),
                   body.data(), body.size(), &status, &h, &hl, &b, &bl, &error) != IVSRT_OK ||
        status != 200) {
      state.SkipWithError("ivsrt_http failed");
      ivsrt_error_free(error);
      ivsrt_free(h);
      ivsrt_free(b);
      break;
    }
    ivsrt_free(h);
    ivsrt_free(b);
  }
}

// --- Storage and encoder configurations (the resource layer's other families)
// A store of 100 of each (OpenEngine's quotas leave room for the Create benchmarks).
struct ConfigFixture {
  ivsrt_engine* engine = nullptr;
  std::string storage_arn;
  std::string encoder_arn;
};

ConfigFixture& Configs() {
  static ConfigFixture f;
  if (f.engine == nullptr) {
    f.engine = OpenEngine("nosync");
    for (int i = 0; i < 100; ++i) {
      f.storage_arn = StringMember(
          MustInvoke(f.engine, "CreateStorageConfiguration", StorageBody(i)), "arn");
      f.encoder_arn = StringMember(
          MustInvoke(f.engine, "CreateEncoderConfiguration", EncoderBody(i)), "arn");
    }
  }
  return f;
}

void BM_Invoke_CreateStorageConfiguration(benchmark::State& state) {
  ivsrt_engine* engine = Configs().engine;
  uint64_t i = 1'000'000'000;
  for (auto _ : state) ivsrt_free(InvokeOrSkip(state, engine, "CreateStorageConfiguration",
                                               StorageBody(i++)));
}
// Two ids drawn per call (the configuration's and its participant's) and a stream key.
void BM_Invoke_CreateIngestConfiguration(benchmark::State& state) {
  ivsrt_engine* engine = Configs().engine;
  const std::string body = R"({"ingestProtocol":"RTMPS","name":"encoder","userId":"obs"})";
  for (auto _ : state) ivsrt_free(InvokeOrSkip(state, engine, "CreateIngestConfiguration", body));
}
void BM_Invoke_GetStorageConfiguration(benchmark::State& state) {
  Invoke(state, Configs().engine, "GetStorageConfiguration",
         "{\"arn\":\"" + Configs().storage_arn + "\"}");
}
void BM_Invoke_ListStorageConfigurations100(benchmark::State& state) {
  Invoke(state, Configs().engine, "ListStorageConfigurations", "{\"maxResults\":100}");
}
void BM_Invoke_CreateEncoderConfiguration(benchmark::State& state) {
  ivsrt_engine* engine = Configs().engine;
  uint64_t i = 1'000'000'000;
  for (auto _ : state) ivsrt_free(InvokeOrSkip(state, engine, "CreateEncoderConfiguration",
                                               EncoderBody(i++)));
}
void BM_Invoke_GetEncoderConfiguration(benchmark::State& state) {
  Invoke(state, Configs().engine, "GetEncoderConfiguration",
         "{\"arn\":\"" + Configs().encoder_arn + "\"}");
}
void BM_Invoke_ListEncoderConfigurations100(benchmark::State& state) {
  Invoke(state, Configs().engine, "ListEncoderConfigurations", "{\"maxResults\":100}");
}

// The account's 20 compositions (AWS's quota), 5 on each of 4 stages, on a manual clock: on
// the real one a composition on a stage nobody publishes to stops after 60 s and vanishes.
struct CompositionFixture {
  ivsrt_engine* engine = nullptr;
  std::string arn;  // the last one started
};

CompositionFixture& Compositions() {
  static CompositionFixture f;
  if (f.engine == nullptr) {
    f.engine = OpenEngine("nosync");
    MustInvoke(f.engine, "ivsrt:SetClock", "{\"time\":\"2026-01-02T03:04:05Z\"}");
    for (int s = 0; s < 4; ++s) {
      const std::string stage = StringMember(MustInvoke(f.engine, "CreateStage", "{}"), "arn");
      for (int i = 0; i < 5; ++i) {
        f.arn =
            StringMember(MustInvoke(f.engine, "StartComposition",
                                    "{\"stageArn\":\"" + stage +
                                        "\",\"destinations\":[{\"channel\":{\"channelArn\":"
                                        "\"arn:aws:ivs:us-east-1:123456789012:channel/bench\"}}]}"),
                         "arn");
      }
    }
  }
  return f;
}

// A channel and an s3 destination (ids, prefix, two configuration references) on an idle
// stage, into an account holding 0 to 19 compositions: every 20 starts fill AWS's quota (5
// on each of 4 stages), so the untimed part resets the store and creates 4 stages.
void BM_Invoke_StartComposition(benchmark::State& state) {
  static ivsrt_engine* engine = OpenEngine("nosync");
  MustInvoke(engine, "ivsrt:SetClock", "{\"time\":\"2026-01-02T03:04:05Z\"}");
  std::vector<std::string> bodies;
  uint64_t n = 0;
  for (auto _ : state) {
    if (n % 20 == 0) {
      state.PauseTiming();
      MustInvoke(engine, "ivsrt:Reset", "{}");
      const std::string sc =
          StringMember(MustInvoke(engine, "CreateStorageConfiguration", StorageBody(0)), "arn");
      const std::string ec =
          StringMember(MustInvoke(engine, "CreateEncoderConfiguration", EncoderBody(0)), "arn");
      bodies.clear();
      for (int s = 0; s < 4; ++s) {
        bodies.push_back("{\"stageArn\":\"" +
                         StringMember(MustInvoke(engine, "CreateStage", "{}"), "arn") +
                         "\",\"destinations\":[{\"channel\":{\"channelArn\":"
                         "\"arn:aws:ivs:us-east-1:123456789012:channel/bench\"}},{\"s3\":{"
                         "\"storageConfigurationArn\":\"" +
                         sc + "\",\"encoderConfigurationArns\":[\"" + ec + "\"]}}]}");
      }
      state.ResumeTiming();
    }
    ivsrt_free(InvokeOrSkip(state, engine, "StartComposition", bodies[(n++ % 20) / 5]));
  }
}
void BM_Invoke_GetComposition(benchmark::State& state) {
  Invoke(state, Compositions().engine, "GetComposition",
         "{\"arn\":\"" + Compositions().arn + "\"}");
}
void BM_Invoke_ListCompositions20(benchmark::State& state) {
  Invoke(state, Compositions().engine, "ListCompositions", "{}");
}

void BM_Http_GetStage(benchmark::State& state) {
  const Fixture& f = Engine("nosync");
  Http(state, f.engine, "/GetStage", ArnBody(f));
}
void BM_Http_ListStages100(benchmark::State& state) {
  Http(state, Engine("nosync").engine, "/ListStages", "{\"maxResults\":100}");
}
void BM_Http_CreateParticipantToken(benchmark::State& state) {
  const Fixture& f = Engine("nosync");
  Http(state, f.engine, "/CreateParticipantToken", TokenBody(f));
}

}  // namespace
}  // namespace ivsrt::bench

using namespace ivsrt::bench;  // NOLINT: registration only

BENCHMARK_CAPTURE(BM_Invoke_CreateStage, nosync, "nosync");
// sync waits on fsync: wall time is the figure, and a CPU-time target would
// take minutes.
BENCHMARK_CAPTURE(BM_Invoke_CreateStage, sync, "sync")->UseRealTime();
BENCHMARK(BM_Invoke_GetStage);
BENCHMARK(BM_Invoke_ListStages100);
BENCHMARK(BM_Invoke_UpdateStage);
BENCHMARK(BM_Invoke_DeleteStage);
BENCHMARK_CAPTURE(BM_Invoke_CreateParticipantToken, nosync, "nosync");
BENCHMARK_CAPTURE(BM_Invoke_CreateParticipantToken, sync, "sync")->UseRealTime();
BENCHMARK(BM_Invoke_DisconnectParticipant);
BENCHMARK(BM_Invoke_TagResource);
BENCHMARK(BM_Invoke_UntagResource);
BENCHMARK(BM_Invoke_ListTagsForResource);
BENCHMARK(BM_Invoke_CreateStorageConfiguration);
BENCHMARK(BM_Invoke_CreateIngestConfiguration);
BENCHMARK(BM_Invoke_GetStorageConfiguration);
BENCHMARK(BM_Invoke_ListStorageConfigurations100);
BENCHMARK(BM_Invoke_CreateEncoderConfiguration);
BENCHMARK(BM_Invoke_GetEncoderConfiguration);
BENCHMARK(BM_Invoke_ListEncoderConfigurations100);
BENCHMARK(BM_Invoke_StartComposition);
BENCHMARK(BM_Invoke_GetComposition);
BENCHMARK(BM_Invoke_ListCompositions20);
BENCHMARK(BM_CoreEngine_GetStage);
BENCHMARK(BM_Store_ReadTxnGet);
BENCHMARK(BM_Store_WriteTxnPutCommit);
BENCHMARK(BM_Validate_CreateStage);
BENCHMARK(BM_Validate_GetStage);
BENCHMARK(BM_Validate_CreateParticipantToken);
BENCHMARK(BM_Http_GetStage);
BENCHMARK(BM_Http_ListStages100);
BENCHMARK(BM_Http_CreateParticipantToken);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::AddCustomContext("simdjson", SimdjsonKernels());
  benchmark::AddCustomContext("ivsrt_version", ivsrt_version());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
