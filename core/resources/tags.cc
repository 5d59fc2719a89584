#include "core/resources/tags.h"

#include "core/errors.h"
#include "core/json/writer.h"
#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt::resources {
namespace {

TagMap TagsFromValue(const Value& tags) {
  TagMap out;
  for (const auto& [key, value] : tags.entries()) out[key] = value.as_string();
  return out;
}

}  // namespace

absl::Status CheckTagKeysNotReserved(const Value& tags_or_keys, std::string_view member) {
  auto check = [&](std::string_view key) {
    return key.starts_with("aws:") ? ValidationError(StrCat(member, ": tag key ", key,
                                                            " uses the reserved prefix aws:"))
                                   : absl::OkStatus();
  };
  for (const auto& [key, value] : tags_or_keys.entries()) RETURN_IF_ERROR(check(key));
  for (const Value& key : tags_or_keys.items()) RETURN_IF_ERROR(check(key.as_string()));
  return absl::OkStatus();
}

absl::StatusOr<TagMap> RequestTags(const Value* tags) {
  if (tags == nullptr) return TagMap();
  RETURN_IF_ERROR(CheckTagKeysNotReserved(*tags, "tags"));
  return TagsFromValue(*tags);
}

absl::Status CheckTagCount(const TagMap& tags) {
  if (tags.size() <= kMaxTagsPerResource) return absl::OkStatus();
  return ValidationError(StrCat("tags: a resource may have at most ", kMaxTagsPerResource,
                                " tags; this request would give it ", tags.size()));
}

std::string TagsToJson(const TagMap& tags) {
  JsonWriter w;
  w.BeginObject();
  for (const auto& [k, v] : tags) w.Field(k, v);
  w.EndObject();
  return w.Take();
}

absl::StatusOr<TagMap> TagsFromJson(std::string_view json) {
  if (json == "{}") return TagMap();
  // A parser per thread: making one per call was a third of TagResource.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json.data(), json.size()).get_object().get(object) != simdjson::SUCCESS) {
    return InternalError("corrupt stored tags");
  }
  TagMap tags;
  for (auto [key, value] : object) {
    std::string_view v;
    if (value.get_string().get(v) != simdjson::SUCCESS) return InternalError("corrupt stored tags");
    tags.emplace(key, v);
  }
  return tags;
}

}  // namespace ivsrt::resources
