// The simulated media plane through ivsrt_invoke (nosync), linked into
// ivsrt_ops_bench so its rows sit beside the other operations': ivsrt:JoinStage
// of a fresh token, ivsrt:Publish and ivsrt:Unpublish in turn, a
// ListParticipants page of 100, GetStage of a stage with a live session, and a participant
// replication started and stopped.
#include <benchmark/benchmark.h>

#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_common.h"
#include "ivsrt/ivsrt.h"

namespace ivsrt::bench {
namespace {

// Participants connected to the crowded stage; JoinStage also joins this many per stage.
constexpr int kCrowd = 1000;

// One engine for the media benchmarks, so the 1,000-stage store of the others
// stays as it was.
ivsrt_engine* MediaEngine() {
  static ivsrt_engine* const engine = OpenEngine("nosync");
  return engine;
}

std::string NewStage(uint64_t i) {
  return StringMember(MustInvoke(MediaEngine(), "CreateStage", CreateStageBody(i)), "arn");
}

std::string JoinBody(const std::string& stage_arn) {
  std::string token =
      StringMember(MustInvoke(MediaEngine(), "CreateParticipantToken",
                              "{\"stageArn\":\"" + stage_arn +
                                  "\",\"capabilities\":[\"PUBLISH\",\"SUBSCRIBE\"]}"),
                   "token");
  return "{\"token\":\"" + token + "\"}";
}

struct LiveStage {
  std::string arn, session_id, first_participant_id;
  uint64_t publish_calls = 0;  // Publish on even calls, Unpublish on odd ones
};

// A stage with `participants` joined (PUBLISH and SUBSCRIBE), one of each size.
LiveStage& StageWith(int participants) {
  static std::map<int, LiveStage> stages;
  LiveStage& s = stages[participants];
  if (s.arn.empty()) {
    s.arn = NewStage(static_cast<uint64_t>(participants));
    for (int i = 0; i < participants; ++i) {
      std::string joined = MustInvoke(MediaEngine(), "ivsrt:JoinStage", JoinBody(s.arn));
      if (i == 0) s.first_participant_id = StringMember(joined, "participantId");
      s.session_id = StringMember(joined, "sessionId");
    }
  }
  return s;
}

bool StartsWith(const char* out, std::string_view prefix) {
  return out != nullptr && std::strncmp(out, prefix.data(), prefix.size()) == 0;
}

// Each call joins a fresh token (created untimed) to a stage with a live session: a
// new stage every kCrowd joins, whose first join also starts the session.
void BM_Invoke_JoinStage(benchmark::State& state) {
  std::vector<std::string> bodies;
  uint64_t stage = 1'000'000'000;
  for (auto _ : state) {
    if (bodies.empty()) {
      state.PauseTiming();
      std::string arn = NewStage(stage++);
      for (int i = 0; i < kCrowd; ++i) bodies.push_back(JoinBody(arn));
      state.ResumeTiming();
    }
    char* out = InvokeOrSkip(state, MediaEngine(), "ivsrt:JoinStage", bodies.back());
    if (!StartsWith(out, "{\"joined\":true")) {
      if (out != nullptr) state.SkipWithError(out);
      ivsrt_free(out);
      break;
    }
    ivsrt_free(out);
    bodies.pop_back();
  }
  state.SetItemsProcessed(state.iterations());
}

// Publish and Unpublish in turn by one participant of a session of
// state.range(0) participants: every call writes (a participant event and an
// EventBridge event), and Unpublish stops the subscriptions to the publisher.
void BM_Invoke_PublishUnpublish(benchmark::State& state) {
  LiveStage& s = StageWith(static_cast<int>(state.range(0)));
  const std::string body =
      "{\"stageArn\":\"" + s.arn + "\",\"participantId\":\"" + s.first_participant_id + "\"}";
  for (auto _ : state) {
    std::string_view op = s.publish_calls++ % 2 == 0 ? "ivsrt:Publish" : "ivsrt:Unpublish";
    char* out = InvokeOrSkip(state, MediaEngine(), op, body);
    if (!StartsWith(out, "{\"ok\":true}")) {
      if (out != nullptr) state.SkipWithError(out);
      ivsrt_free(out);
      break;
    }
    ivsrt_free(out);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Invoke_ListParticipants100(benchmark::State& state) {
  const LiveStage& s = StageWith(kCrowd);
  Invoke(
      state, MediaEngine(), "ListParticipants",
      "{\"stageArn\":\"" + s.arn + "\",\"sessionId\":\"" + s.session_id + "\",\"maxResults\":100}");
}

// GetStage of the crowded stage (activeSessionId set, the deadline table full of
// token expiries): BM_Invoke_GetStage's call with the media plane in use.
void BM_Invoke_GetStage_LiveSession(benchmark::State& state) {
  Invoke(state, MediaEngine(), "GetStage", "{\"arn\":\"" + StageWith(kCrowd).arn + "\"}");
}

// StartParticipantReplication then StopParticipantReplication (both timed) of one publisher
// to one second stage: the replica joins the destination's session (again: the same
// participant reconnects), publishes, stops publishing and leaves, and both stages record
// their events.
void BM_Invoke_ReplicationStartStop(benchmark::State& state) {
  static const std::string body = [] {
    std::string source = NewStage(3'000'000'000);
    std::string destination = NewStage(3'000'000'001);
    std::string joined = MustInvoke(MediaEngine(), "ivsrt:JoinStage", JoinBody(source));
    std::string id = StringMember(joined, "participantId");
    MustInvoke(MediaEngine(), "ivsrt:Publish",
               "{\"stageArn\":\"" + source + "\",\"participantId\":\"" + id + "\"}");
    return "{\"sourceStageArn\":\"" + source + "\",\"destinationStageArn\":\"" + destination +
           "\",\"participantId\":\"" + id + "\"}";
  }();
  for (auto _ : state) {
    ivsrt_free(InvokeOrSkip(state, MediaEngine(), "StartParticipantReplication", body));
    ivsrt_free(InvokeOrSkip(state, MediaEngine(), "StopParticipantReplication", body));
  }
}

}  // namespace
}  // namespace ivsrt::bench

using namespace ivsrt::bench;  // NOLINT: registration only

BENCHMARK(BM_Invoke_JoinStage);
BENCHMARK(BM_Invoke_PublishUnpublish)->ArgName("participants")->Arg(1)->Arg(kCrowd);
BENCHMARK(BM_Invoke_ListParticipants100);
BENCHMARK(BM_Invoke_GetStage_LiveSession);
BENCHMARK(BM_Invoke_ReplicationStartStop);
