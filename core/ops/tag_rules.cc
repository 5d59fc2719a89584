#include "core/ops/tag_rules.h"

#include "core/errors.h"
#include "core/strings.h"

namespace ivsrt {

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

store::TagMap TagsFromValue(const Value& tags) {
  store::TagMap out;
  for (const auto& [key, value] : tags.entries()) out[key] = value.as_string();
  return out;
}

absl::StatusOr<store::TagMap> LoadTags(const store::Txn& txn, std::string_view arn) {
  ASSIGN_OR_RETURN(auto bytes, txn.Get(store::Table::kTags, arn));
  if (!bytes.has_value()) return store::TagMap();
  auto tags = store::DecodeTags(*bytes);
  if (!tags) return InternalError(StrCat("corrupt tags of ", arn));
  return *std::move(tags);
}

absl::Status StoreTags(store::Txn& txn, std::string_view arn, const store::TagMap& tags) {
  if (tags.empty()) return txn.Delete(store::Table::kTags, arn);
  return txn.Put(store::Table::kTags, arn, store::EncodeTags(tags));
}

}  // namespace ivsrt
