// Public keys and self-signed tokens through ivsrt_invoke (nosync), linked into
// ivsrt_ops_bench: ImportPublicKey of a P-384 key (with the DeletePublicKey that frees its
// place under the quota of 3), and ivsrt:JoinStage of a fresh ES384 token signed here with
// OpenSSL (tests/p384_key.h; the ES384 verification dominates it; compare BM_Invoke_JoinStage, an
// API token).
#include <ctime>
#include <string>
#include <vector>

#include "bench/bench_common.h"
#include "ivsrt/ivsrt.h"
#include "tests/p384_key.h"

namespace ivsrt::bench {
namespace {

// Joins per stage before the next: the tokens of a stage are signed, untimed, in one batch.
constexpr int kJoinsPerStage = 250;

// A P-384 key pair made once, as an application keeps the one it signs with.
const testing::P384Key& Key() {
  static const testing::P384Key key;
  return key;
}

std::string JsonString(std::string_view s) { return "\"" + std::string(s) + "\""; }

// {"publicKeyMaterial": the PEM}, its newlines escaped.
std::string ImportBody() {
  std::string escaped;
  for (char c : Key().PublicPem()) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
  return "{\"publicKeyMaterial\":" + JsonString(escaped) + "}";
}

// One engine for each benchmark: the join's keeps the key imported, the import's never does.
ivsrt_engine* ImportEngine() {
  static ivsrt_engine* const engine = OpenEngine("nosync");
  return engine;
}
ivsrt_engine* JoinEngine() {
  static ivsrt_engine* const engine = OpenEngine("nosync");
  return engine;
}

// Each iteration imports the key and deletes it again (both timed: the quota allows 3 keys,
// and the same key twice is a ConflictException).
void BM_Invoke_ImportPublicKey(benchmark::State& state) {
  const std::string body = ImportBody();
  for (auto _ : state) {
    char* out = InvokeOrSkip(state, ImportEngine(), "ImportPublicKey", body);
    if (out == nullptr) break;
    std::string arn = StringMember(out, "arn");
    ivsrt_free(out);
    ivsrt_free(InvokeOrSkip(state, ImportEngine(), "DeletePublicKey", "{\"arn\":\"" + arn + "\"}"));
  }
}

// Each call joins a fresh self-signed token (its own jti) to a stage with a live session.
void BM_Invoke_JoinStage_SelfSigned(benchmark::State& state) {
  static const std::string key_arn =
      StringMember(MustInvoke(JoinEngine(), "ImportPublicKey", ImportBody()), "arn");
  const std::string header =
      "{\"alg\":\"ES384\",\"typ\":\"JWT\",\"kid\":" + JsonString(key_arn) + "}";
  std::vector<std::string> bodies;
  uint64_t stage = 2'000'000'000;
  uint64_t jti = 0;
  for (auto _ : state) {
    if (bodies.empty()) {
      state.PauseTiming();
      const std::string created = MustInvoke(JoinEngine(), "CreateStage", CreateStageBody(stage++));
      const std::string arn = StringMember(created, "arn");
      const std::string whip = StringMember(created, "whip");
      // The engine's clock is the system's: a day's validity from now (14 days at most).
      const int64_t iat = std::time(nullptr);
      const std::string payload_tail =
          ",\"iat\":" + std::to_string(iat) + ",\"exp\":" + std::to_string(iat + 86400) +
          ",\"resource\":" + JsonString(arn) +
          ",\"topic\":" + JsonString(arn.substr(arn.rfind('/') + 1)) +
          ",\"events_url\":\"wss://global.events.live-video.net\",\"whip_url\":" +
          JsonString(whip) +
          ",\"capabilities\":{\"allow_publish\":true,\"allow_subscribe\":true},\"version\":"
          "\"1.0\"}";
      for (int i = 0; i < kJoinsPerStage; ++i) {
        std::string payload = "{\"jti\":\"bench-" + std::to_string(jti++) + "\"" + payload_tail;
        bodies.push_back("{\"token\":\"" + Key().Sign(header, payload) + "\"}");
      }
      state.ResumeTiming();
    }
    char* out = InvokeOrSkip(state, JoinEngine(), "ivsrt:JoinStage", bodies.back());
    if (out == nullptr) break;
    if (std::string_view(out).find("\"joined\":true") == std::string_view::npos) {
      state.SkipWithError(out);
      ivsrt_free(out);
      break;
    }
    ivsrt_free(out);
    bodies.pop_back();
  }
}

}  // namespace

BENCHMARK(BM_Invoke_ImportPublicKey);
BENCHMARK(BM_Invoke_JoinStage_SelfSigned);

}  // namespace ivsrt::bench
