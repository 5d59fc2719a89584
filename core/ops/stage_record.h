// How a stage is kept (its body in the resource layer) and its JSON output.
#ifndef IVSRT_CORE_OPS_STAGE_RECORD_H_
#define IVSRT_CORE_OPS_STAGE_RECORD_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/json/writer.h"
#include "core/resources/resources.h"

namespace ivsrt {

// A stage's own members. Stored as the JSON object {"activeSessionId" (only while a session
// is active), "name", "endpointHost", "autoParticipantRecordingConfiguration" (only when not
// the default)}; activeSessionId is first so that ListStages' summaries keep the AWS CLI's
// alphabetical member order.
struct StageBody {
  std::string active_session_id;  // "" while the stage is idle (core/media/sessions.h)
  std::string name;
  std::string recording_json;  // canonical AutoParticipantRecordingConfiguration; "" = default
  std::string endpoint_host;   // 12 hex characters shared by the whip/rtmp endpoints
};
std::string EncodeStageBody(const StageBody& stage);
// InternalServerException when `body` is no stage body.
absl::StatusOr<StageBody> DecodeStageBody(std::string_view body);

// The stage `arn` names (resources::Load for stages) with its body decoded.
using LoadedStage = resources::Loaded<StageBody>;
absl::StatusOr<LoadedStage> LoadStage(const store::Txn& txn, const OpContext& ctx,
                                      std::string_view arn);

// Every stage's endpoints.events, also the events_url claim of its tokens.
inline constexpr std::string_view kStageEventsEndpoint = "wss://global.events.live-video.net";
// What follows a stage's endpoint host name in its WHIP endpoint.
inline constexpr std::string_view kWhipHostSuffix = ".global-bm.whip.live-video.net";

// The whip endpoint of a stage, also a claim of its tokens.
std::string WhipEndpoint(const StageBody& stage);

// The full Stage output shape, members in the AWS CLI's (alphabetical) order.
void WriteStage(JsonWriter& w, const resources::Resource& resource, const StageBody& stage);

}  // namespace ivsrt

#endif  // IVSRT_CORE_OPS_STAGE_RECORD_H_
