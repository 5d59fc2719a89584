#include "core/ops/stage_record.h"

#include "core/errors.h"
#include "core/ops/recording_config.h"
#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt {

std::string EncodeStageBody(const StageBody& stage) {
  JsonWriter w;
  w.BeginObject();
  if (!stage.active_session_id.empty()) w.Field("activeSessionId", stage.active_session_id);
  w.Field("name", stage.name);
  w.Field("endpointHost", stage.endpoint_host);
  if (!stage.recording_json.empty()) {
    w.Key("autoParticipantRecordingConfiguration").Raw(stage.recording_json);
  }
  w.EndObject();
  return w.Take();
}

absl::StatusOr<StageBody> DecodeStageBody(std::string_view body) {
  // One parser per thread: GetStage decodes a body per call, and a parser's buffers are
  // its cost.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object object;
  auto corrupt = [] { return InternalError("corrupt stage record"); };
  if (parser.parse(body.data(), body.size()).get_object().get(object) != simdjson::SUCCESS) {
    return corrupt();
  }
  StageBody stage;
  for (auto [key, value] : object) {
    std::string_view s;
    if (key == "name" || key == "endpointHost" || key == "activeSessionId") {
      if (value.get_string().get(s) != simdjson::SUCCESS) return corrupt();
      (key == "name"           ? stage.name
       : key == "endpointHost" ? stage.endpoint_host
                               : stage.active_session_id) = std::string(s);
    } else if (key == "autoParticipantRecordingConfiguration") {
      stage.recording_json = simdjson::minify(value);
    }
    // Members a later release added are kept by that release; this one has no use for them.
  }
  return stage;
}

absl::StatusOr<LoadedStage> LoadStage(const store::Txn& txn, const OpContext& ctx,
                                      std::string_view arn) {
  return resources::LoadDecoded(txn, ctx, resources::ResourceType::kStage, arn, &DecodeStageBody);
}

std::string WhipEndpoint(const StageBody& stage) {
  return StrCat("https://", stage.endpoint_host, kWhipHostSuffix);
}

void WriteStage(JsonWriter& w, const resources::Resource& resource, const StageBody& stage) {
  w.BeginObject();
  if (!stage.active_session_id.empty()) w.Field("activeSessionId", stage.active_session_id);
  w.Field("arn", resource.arn);
  w.Key("autoParticipantRecordingConfiguration");
  WriteRecordingConfig(w, stage.recording_json);
  w.Key("endpoints").BeginObject();
  w.Field("events", kStageEventsEndpoint);
  w.Key("rtmp").StringOfPieces(
      {"rtmp://", stage.endpoint_host, ".global-contribute-staging.live-video.net/app/"});
  w.Key("rtmps").StringOfPieces(
      {"rtmps://", stage.endpoint_host, ".global-contribute-staging.live-video.net:443/app/"});
  w.Key("whip").StringOfPieces({"https://", stage.endpoint_host, kWhipHostSuffix});
  w.EndObject();
  w.Field("name", stage.name);
  w.Key("tags").Raw(resource.tags_json);
  w.EndObject();
}

}  // namespace ivsrt
