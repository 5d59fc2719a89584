#include "core/ops/recording_config.h"

#include "core/model/members.h"

namespace ivsrt {
namespace {

using Rec = members::AutoParticipantRecordingConfiguration;
using Thumb = members::ParticipantThumbnailConfiguration;
using Hls = members::ParticipantRecordingHlsConfiguration;

int64_t IntOr(const Value* object, std::string_view member, int64_t fallback) {
  const Value* v = object ? object->Find(member) : nullptr;
  return v ? v->as_int() : fallback;
}

void WriteStringList(JsonWriter& w, const Value* list, std::string_view fallback) {
  w.BeginArray();
  if (list == nullptr) {
    w.String(fallback);
  } else {
    for (const Value& item : list->items()) w.String(item.as_string());
  }
  w.EndArray();
}

std::string Render(const Value* config) {
  const Value* thumbnail = config ? config->Find(Rec::thumbnailConfiguration) : nullptr;
  const Value* hls = config ? config->Find(Rec::hlsConfiguration) : nullptr;
  const Value* replicas = config ? config->Find(Rec::recordParticipantReplicas) : nullptr;
  const Value* arn = config ? config->Find(Rec::storageConfigurationArn) : nullptr;
  const Value* mode = thumbnail ? thumbnail->Find(Thumb::recordingMode) : nullptr;

  JsonWriter w;
  w.BeginObject();
  w.Key(Rec::hlsConfiguration).BeginObject();
  w.Key(Hls::targetSegmentDurationSeconds).Int(IntOr(hls, Hls::targetSegmentDurationSeconds, 6));
  w.EndObject();
  w.Key(Rec::mediaTypes);
  WriteStringList(w, config ? config->Find(Rec::mediaTypes) : nullptr, "AUDIO_VIDEO");
  w.Key(Rec::recordParticipantReplicas).Bool(replicas ? replicas->as_bool() : true);
  w.Key(Rec::recordingReconnectWindowSeconds)
      .Int(IntOr(config, Rec::recordingReconnectWindowSeconds, 0));
  w.Field(Rec::storageConfigurationArn, arn ? std::string_view{arn->as_string()} : "");
  w.Key(Rec::thumbnailConfiguration).BeginObject();
  w.Field(Thumb::recordingMode, mode ? std::string_view{mode->as_string()} : "DISABLED");
  w.Key(Thumb::storage);
  WriteStringList(w, thumbnail ? thumbnail->Find(Thumb::storage) : nullptr, "SEQUENTIAL");
  w.Key(Thumb::targetIntervalSeconds).Int(IntOr(thumbnail, Thumb::targetIntervalSeconds, 60));
  w.EndObject();
  w.EndObject();
  return w.Take();
}

const std::string& DefaultJson() {
  static const std::string* json = new std::string(Render(nullptr));
  return *json;
}

}  // namespace

std::string CanonicalRecordingConfig(const Value& config) {
  const Value* arn = config.Find(Rec::storageConfigurationArn);
  if (arn == nullptr || arn->as_string().empty()) return "";
  std::string json = Render(&config);
  return json == DefaultJson() ? "" : json;
}

void WriteRecordingConfig(JsonWriter& w, std::string_view stored) {
  w.Raw(stored.empty() ? std::string_view{DefaultJson()} : stored);
}

}  // namespace ivsrt
