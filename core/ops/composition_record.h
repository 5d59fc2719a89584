// How a composition is kept (its body in the resource layer) and its JSON output.
//
// The body is the JSON object {"destinations": [DestinationSummary], "endTime"?, "layout",
// "next"?: {"due", "step"}, "outputs": [{"configuration", "detail"?, "reconnect"?: {"due",
// "outcome"}}], "request"?: {"token",
// "fingerprint"}, "sessionStarted", "stageArn", "startTime", "state"}: its members that the
// CompositionSummary shape has (destinations, endTime, stageArn, startTime, state) are in the
// summary's alphabetical order and hold exactly the summary's members, so the resource
// layer's generic summary is a valid ListCompositions entry; each destination's configuration
// and detail live under "outputs" (same index) and are merged back into the full Destination
// by WriteComposition.
#ifndef IVSRT_CORE_OPS_COMPOSITION_RECORD_H_
#define IVSRT_CORE_OPS_COMPOSITION_RECORD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/json/writer.h"
#include "core/resources/resources.h"

namespace ivsrt {

// The composition's pending time-driven step (core/media/compositions.h), at most one.
enum class CompositionStep : uint8_t {
  kNone,
  kActivate,  // STARTING -> ACTIVE
  kIdleStop,  // no publisher for 60 s: STARTING or ACTIVE -> STOPPING
  kStopped,   // STOPPING -> STOPPED
  kVanish,    // STOPPED or FAILED: the resource is deleted
};

struct DestinationRecord {
  std::string id;                  // 12 alphanumerics
  std::string state;               // the model's DestinationState
  std::string start_time;          // ISO 8601; "" until the destination starts
  std::string end_time;            // ISO 8601; "" until it ends
  std::string configuration_json;  // the DestinationConfiguration, defaults filled
  std::string detail_json;         // the DestinationDetail; "" for a channel destination
  // While RECONNECTING (ivsrt:InjectFault): when the reconnect ends (unix seconds; 0 when not
  // reconnecting) and the state it ends in, ACTIVE or FAILED.
  int64_t reconnect_due = 0;
  std::string reconnect_outcome;
};

struct CompositionBody {
  std::string stage_arn;
  std::string state;        // the model's CompositionState
  std::string start_time;   // ISO 8601
  std::string end_time;     // ISO 8601; "" until STOPPED or FAILED
  std::string layout_json;  // the LayoutConfiguration, defaults filled
  std::vector<DestinationRecord> destinations;
  std::string idempotency_token;  // "" when the request had none
  std::string fingerprint;        // the request as normalized, to compare a retry with
  bool session_started = false;   // "Session Start" was emitted
  CompositionStep next = CompositionStep::kNone;
  int64_t next_due = 0;  // unix seconds; 0 with kNone
};

std::string EncodeCompositionBody(const CompositionBody& body);
// InternalServerException when `body` is no composition body.
absl::StatusOr<CompositionBody> DecodeCompositionBody(std::string_view body);

// The composition `arn` names (resources::Load for compositions) with its body decoded.
using LoadedComposition = resources::Loaded<CompositionBody>;
absl::StatusOr<LoadedComposition> LoadComposition(const store::Txn& txn, const OpContext& ctx,
                                                  std::string_view arn);
// Every composition of the stage `stage_arn` in the caller's partition, whatever its state, in
// creation order (a scan of the partition's compositions: at most their quota and those
// stopped in the last 5 minutes).
absl::StatusOr<std::vector<LoadedComposition>> CompositionsOfStage(const store::Txn& txn,
                                                                   const OpContext& ctx,
                                                                   std::string_view stage_arn);
// Encodes the body into the resource and saves it (resources::Save).
absl::Status SaveComposition(store::Txn& txn, const OpContext& ctx, LoadedComposition& c);

// The full Composition output shape, members in the AWS CLI's (alphabetical) order.
void WriteComposition(JsonWriter& w, const LoadedComposition& c);

}  // namespace ivsrt

#endif  // IVSRT_CORE_OPS_COMPOSITION_RECORD_H_
