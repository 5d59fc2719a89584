#include "core/ops/composition_config.h"

#include <span>

#include "core/errors.h"
#include "core/json/writer.h"
#include "core/model/members.h"
#include "core/strings.h"

namespace ivsrt {
namespace {

using Grid = members::GridConfiguration;
using Pip = members::PipConfiguration;
using Channel = members::ChannelDestinationConfiguration;
using S3 = members::S3DestinationConfiguration;
using Recording = members::RecordingConfiguration;
using Hls = members::CompositionRecordingHlsConfiguration;
using Thumbnail = members::CompositionThumbnailConfiguration;

// One member of a layout: its name and its default as JSON ("" = none: omitted unless given).
struct LayoutField {
  std::string_view name;
  std::string_view default_json;
};

// Alphabetical, as the AWS CLI prints them.
constexpr LayoutField kGridFields[] = {
    {Grid::featuredParticipantAttribute, R"("")"},
    {Grid::gridGap, "2"},
    {Grid::omitStoppedVideo, "false"},
    {Grid::participantOrderAttribute, R"("")"},
    {Grid::videoAspectRatio, R"("VIDEO")"},
    {Grid::videoFillMode, R"("")"},
};
constexpr LayoutField kPipFields[] = {
    {Pip::featuredParticipantAttribute, R"("")"},
    {Pip::gridGap, "0"},
    {Pip::omitStoppedVideo, "false"},
    {Pip::participantOrderAttribute, R"("")"},
    {Pip::pipBehavior, R"("STATIC")"},
    {Pip::pipHeight, ""},
    {Pip::pipOffset, "0"},
    {Pip::pipParticipantAttribute, R"("")"},
    {Pip::pipPosition, R"("BOTTOM_RIGHT")"},
    {Pip::pipWidth, ""},
    {Pip::videoFillMode, R"("COVER")"},
};

void WriteScalar(JsonWriter& w, const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kBool:
      w.Bool(v.as_bool());
      break;
    case Value::Kind::kInt:
      w.Int(v.as_int());
      break;
    default:
      w.String(v.as_string());
  }
}

void WriteLayout(JsonWriter& w, const Value* given, std::span<const LayoutField> fields) {
  w.BeginObject();
  for (const LayoutField& field : fields) {
    const Value* v = given ? given->Find(field.name) : nullptr;
    if (v != nullptr) {
      WriteScalar(w.Key(field.name), *v);
    } else if (!field.default_json.empty()) {
      w.Key(field.name).Raw(field.default_json);
    }
  }
  w.EndObject();
}

void WriteStrings(JsonWriter& w, const Value& list) {
  w.BeginArray();
  for (const Value& item : list.items()) w.String(item.as_string());
  w.EndArray();
}

void WriteS3(JsonWriter& w, const Value& s3, DestinationRequest& out) {
  w.Key(S3::encoderConfigurationArns);
  WriteStrings(w, *s3.Find(S3::encoderConfigurationArns));
  for (const Value& arn : s3.Find(S3::encoderConfigurationArns)->items()) {
    out.encoder_arns.push_back(arn.as_string());
  }
  const Value* recording = s3.Find(S3::recordingConfiguration);
  const Value* hls = recording ? recording->Find(Recording::hlsConfiguration) : nullptr;
  const Value* segment = hls ? hls->Find(Hls::targetSegmentDurationSeconds) : nullptr;
  w.Key(S3::recordingConfiguration).BeginObject();
  w.Field(Recording::format, "HLS");  // the model's only RecordingConfigurationFormat
  w.Key(Recording::hlsConfiguration).BeginObject();
  w.Key(Hls::targetSegmentDurationSeconds).Int(segment ? segment->as_int() : 2);
  w.EndObject().EndObject();
  out.storage_arn = s3.Find(S3::storageConfigurationArn)->as_string();
  w.Field(S3::storageConfigurationArn, out.storage_arn);
  if (const Value* thumbnails = s3.Find(S3::thumbnailConfigurations)) {
    w.Key(S3::thumbnailConfigurations).BeginArray();
    for (const Value& t : thumbnails->items()) {
      w.BeginObject().Key(Thumbnail::storage);
      if (const Value* storage = t.Find(Thumbnail::storage)) {
        WriteStrings(w, *storage);
      } else {
        w.BeginArray().String("SEQUENTIAL").EndArray();
      }
      const Value* interval = t.Find(Thumbnail::targetIntervalSeconds);
      w.Key(Thumbnail::targetIntervalSeconds).Int(interval ? interval->as_int() : 60);
      w.EndObject();
    }
    w.EndArray();
  }
}

}  // namespace

std::string CanonicalLayout(const Value* layout) {
  using Layout = members::LayoutConfiguration;
  const Value* grid = layout ? layout->Find(Layout::grid) : nullptr;
  const Value* pip = layout ? layout->Find(Layout::pip) : nullptr;
  JsonWriter w;
  w.BeginObject();
  if (grid != nullptr || pip == nullptr) {
    w.Key(Layout::grid);
    WriteLayout(w, grid, kGridFields);
  }
  if (pip != nullptr) {
    w.Key(Layout::pip);
    WriteLayout(w, pip, kPipFields);
  }
  w.EndObject();
  return w.Take();
}

absl::StatusOr<std::vector<DestinationRequest>> ReadDestinations(const Value& destinations) {
  using Config = members::DestinationConfiguration;
  std::vector<DestinationRequest> out;
  int channels = 0;
  for (size_t i = 0; i < destinations.items().size(); ++i) {
    const Value& d = destinations.items()[i];
    const Value* channel = d.Find(Config::channel);
    const Value* s3 = d.Find(Config::s3);
    if ((channel == nullptr) == (s3 == nullptr)) {
      return ValidationError(
          StrCat("destinations[", i, "]: exactly one of channel or s3 must be specified"));
    }
    DestinationRequest r;
    r.is_s3 = s3 != nullptr;
    const Value* name = d.Find(Config::name);
    JsonWriter w;
    w.BeginObject();
    if (channel != nullptr) {
      ++channels;
      w.Key(Config::channel).BeginObject();
      w.Field(Channel::channelArn, channel->Find(Channel::channelArn)->as_string());
      if (const Value* encoder = channel->Find(Channel::encoderConfigurationArn)) {
        w.Field(Channel::encoderConfigurationArn, encoder->as_string());
        r.encoder_arns.push_back(encoder->as_string());
      }
      w.EndObject();
    }
    w.Field(Config::name, name ? std::string_view{name->as_string()} : "");
    if (s3 != nullptr) {
      w.Key(Config::s3).BeginObject();
      WriteS3(w, *s3, r);
      w.EndObject();
    }
    w.EndObject();
    r.configuration_json = w.Take();
    out.push_back(std::move(r));
  }
  const size_t s3_count = out.size() - channels;
  if (channels > 1 || s3_count > 1) {
    return ValidationError(
        "destinations: at most one channel and one s3 destination (one channel, one s3, or "
        "one of each)");
  }
  return out;
}

}  // namespace ivsrt
