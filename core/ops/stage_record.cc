#include "core/ops/stage_record.h"

#include "core/arn.h"
#include "core/errors.h"
#include "core/ops/recording_config.h"
#include "core/strings.h"

namespace ivsrt {

std::string EncodeStage(const StageRecord& stage) {
  return store::RecordWriter()
      .U64(stage.seq)
      .Str(stage.name)
      .Str(stage.recording_json)
      .Str(stage.endpoint_host)
      .Take();
}

absl::StatusOr<StageRecord> DecodeStage(std::string_view id, std::string_view bytes) {
  store::RecordReader r(bytes);
  StageRecord stage;
  stage.id = std::string(id);
  stage.seq = r.U64();
  stage.name = std::string(r.Str());
  stage.recording_json = std::string(r.Str());
  stage.endpoint_host = std::string(r.Str());
  if (!r.ok()) return InternalError(StrCat("corrupt stage record ", id));
  return stage;
}

absl::StatusOr<std::string_view> DecodeStageName(std::string_view id, std::string_view bytes) {
  store::RecordReader r(bytes);
  r.U64();
  std::string_view name = r.Str();
  if (!r.ok()) return InternalError(StrCat("corrupt stage record ", id));
  return name;
}

std::string StageKey(const OpContext& ctx, std::string_view id) {
  return StrCat(ctx.Partition(), id);
}

std::string StageOrderKey(const OpContext& ctx, uint64_t seq) {
  return StrCat(ctx.Partition(), store::BigEndian64(seq));
}

absl::StatusOr<StageRecord> LoadStage(const store::Txn& txn, const OpContext& ctx,
                                      std::string_view arn) {
  auto parsed = ParseArn(arn);
  auto not_found = [&] { return ResourceNotFoundError(StrCat("Stage not found: ", arn)); };
  if (!parsed || parsed->resource_type != "stage" || parsed->region != ctx.region ||
      parsed->account != ctx.account) {
    return not_found();
  }
  ASSIGN_OR_RETURN(auto bytes, txn.Get(store::Table::kStages, StageKey(ctx, parsed->id)));
  if (!bytes.has_value()) return not_found();
  return DecodeStage(parsed->id, *bytes);
}

void WriteTags(JsonWriter& w, const store::TagMap& tags) {
  w.BeginObject();
  for (const auto& [k, v] : tags) w.Field(k, v);
  w.EndObject();
}

absl::Status WriteStoredTags(JsonWriter& w, const store::Txn& txn, std::string_view arn) {
  ASSIGN_OR_RETURN(auto bytes, txn.Get(store::Table::kTags, arn));
  w.BeginObject();
  if (bytes.has_value() &&
      !store::VisitTags(*bytes, [&](std::string_view k, std::string_view v) { w.Field(k, v); })) {
    return InternalError(StrCat("corrupt tags of ", arn));
  }
  w.EndObject();
  return absl::OkStatus();
}

void WriteStage(JsonWriter& w, std::string_view arn, const StageRecord& stage,
                const store::TagMap& tags) {
  w.BeginObject();
  w.Field("arn", arn);
  w.Key("autoParticipantRecordingConfiguration");
  WriteRecordingConfig(w, stage.recording_json);
  w.Key("endpoints").BeginObject();
  w.Field("events", "wss://global.events.live-video.net");
  w.Field("rtmp",
          StrCat("rtmp://", stage.endpoint_host, ".global-contribute-staging.live-video.net/app/"));
  w.Field("rtmps", StrCat("rtmps://", stage.endpoint_host,
                          ".global-contribute-staging.live-video.net:443/app/"));
  w.Field("whip", StrCat("https://", stage.endpoint_host, ".global-bm.whip.live-video.net"));
  w.EndObject();
  w.Field("name", stage.name);
  w.Key("tags");
  WriteTags(w, tags);
  w.EndObject();
}

}  // namespace ivsrt
