#include "core/ops/recording_config.h"

namespace ivsrt {
namespace {

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
  const Value* thumbnail = config ? config->Find("thumbnailConfiguration") : nullptr;
  const Value* hls = config ? config->Find("hlsConfiguration") : nullptr;
  const Value* replicas = config ? config->Find("recordParticipantReplicas") : nullptr;
  const Value* arn = config ? config->Find("storageConfigurationArn") : nullptr;
  const Value* mode = thumbnail ? thumbnail->Find("recordingMode") : nullptr;

  JsonWriter w;
  w.BeginObject();
  w.Key("hlsConfiguration").BeginObject();
  w.Key("targetSegmentDurationSeconds").Int(IntOr(hls, "targetSegmentDurationSeconds", 6));
  w.EndObject();
  w.Key("mediaTypes");
  WriteStringList(w, config ? config->Find("mediaTypes") : nullptr, "AUDIO_VIDEO");
  w.Key("recordParticipantReplicas").Bool(replicas ? replicas->as_bool() : true);
  w.Key("recordingReconnectWindowSeconds").Int(IntOr(config, "recordingReconnectWindowSeconds", 0));
  w.Field("storageConfigurationArn", arn ? std::string_view(arn->as_string()) : "");
  w.Key("thumbnailConfiguration").BeginObject();
  w.Field("recordingMode", mode ? std::string_view(mode->as_string()) : "DISABLED");
  w.Key("storage");
  WriteStringList(w, thumbnail ? thumbnail->Find("storage") : nullptr, "SEQUENTIAL");
  w.Key("targetIntervalSeconds").Int(IntOr(thumbnail, "targetIntervalSeconds", 60));
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
  const Value* arn = config.Find("storageConfigurationArn");
  if (arn == nullptr || arn->as_string().empty()) return "";
  std::string json = Render(&config);
  return json == DefaultJson() ? "" : json;
}

void WriteRecordingConfig(JsonWriter& w, std::string_view stored) {
  w.Raw(stored.empty() ? std::string_view(DefaultJson()) : stored);
}

}  // namespace ivsrt
