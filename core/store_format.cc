#include "core/store_format.h"

#include <optional>
#include <string>
#include <vector>

#include "core/arn.h"
#include "core/errors.h"
#include "core/ops/op_context.h"
#include "core/ops/stage_record.h"
#include "core/resources/resources.h"
#include "core/store/codec.h"
#include "core/store/directory.h"
#include "core/strings.h"

namespace ivsrt {
namespace {

absl::StatusOr<uint64_t> FormatVersion(const store::Txn& txn) {
  ASSIGN_OR_RETURN(auto bytes, txn.Get(store::Table::kMeta, kFormatVersionMetaKey));
  if (!bytes.has_value()) return 0;
  auto version = store::ParseBigEndian64(*bytes);
  if (!version) return InternalError("corrupt store format version");
  return *version;
}

// Format 0's tags of a resource: a count, then each key and value, in the codec's framing.
std::optional<resources::TagMap> DecodeFormat0Tags(std::string_view bytes) {
  store::RecordReader r(bytes);
  resources::TagMap tags;
  const uint64_t n = r.U64();
  for (uint64_t i = 0; r.ok() && i < n; ++i) {
    std::string_view key = r.Str();
    std::string_view value = r.Str();
    if (r.ok()) tags.emplace(key, value);
  }
  if (!r.ok()) return std::nullopt;
  return tags;
}

// Format 0 kept stages under "{account}:{region}:" + id as (seq, name, recording JSON,
// endpoint host), their creation order under the same partition + seq, their tags by ARN,
// and a count per partition in meta ("stage_count:" + partition). Participants and the
// other meta keys are the same in format 1.
absl::Status UpgradeFrom0(store::Txn& txn) {
  struct Legacy {
    std::string account, region, id;
    uint64_t seq;
    StageBody body;
  };
  std::vector<Legacy> stages;
  absl::Status corrupt;
  RETURN_IF_ERROR(txn.Scan(
      store::Table::kLegacyStages, "", "", [&](std::string_view key, std::string_view value) {
        std::vector<std::string_view> parts = Split(key, ':');
        store::RecordReader r(value);
        Legacy stage{std::string(parts[0]),
                     parts.size() == 3 ? std::string(parts[1]) : "",
                     parts.size() == 3 ? std::string(parts[2]) : "",
                     r.U64(),
                     {}};
        stage.body.name = std::string(r.Str());
        stage.body.recording_json = std::string(r.Str());
        stage.body.endpoint_host = std::string(r.Str());
        if (!r.ok() || parts.size() != 3) {
          corrupt = InternalError(StrCat("corrupt format-0 stage record ", key));
          return false;
        }
        stages.push_back(std::move(stage));
        return true;
      }));
  RETURN_IF_ERROR(corrupt);
  for (const Legacy& stage : stages) {
    OpContext ctx{nullptr, stage.account, stage.region, absl::UnixEpoch()};
    resources::Resource resource;
    resource.type = resources::ResourceType::kStage;
    resource.id = stage.id;
    resource.arn = MakeArn(stage.region, stage.account, "stage", stage.id);
    resource.seq = stage.seq;
    resource.body = EncodeStageBody(stage.body);
    ASSIGN_OR_RETURN(auto tags, txn.Get(store::Table::kLegacyTags, resource.arn));
    auto tag_map = tags.has_value() ? DecodeFormat0Tags(*tags) : resources::TagMap();
    if (!tag_map) return InternalError(StrCat("corrupt format-0 tags of ", resource.arn));
    resource.tags_json = resources::TagsToJson(*tag_map);
    RETURN_IF_ERROR(resources::Import(txn, ctx, resource));
  }
  std::vector<std::string> counts;
  RETURN_IF_ERROR(txn.Scan(store::Table::kMeta, "stage_count:", "stage_count:",
                           [&](std::string_view key, std::string_view) {
                             counts.emplace_back(key);
                             return true;
                           }));
  for (const std::string& key : counts) RETURN_IF_ERROR(txn.Delete(store::Table::kMeta, key));
  for (store::Table legacy :
       {store::Table::kLegacyStages, store::Table::kLegacyStageOrder, store::Table::kLegacyTags}) {
    RETURN_IF_ERROR(txn.Drop(legacy));
  }
  return absl::OkStatus();
}

absl::Status CheckReadable(const store::Store& store, uint64_t version) {
  if (version <= kStoreFormatVersion) return absl::OkStatus();
  return store::CannotOpenStore(
      store.dir(), StrCat("it was written by a later ivsrt (store format ", version,
                          "; this library reads formats up to ", kStoreFormatVersion, ")"));
}

}  // namespace

absl::Status UpgradeStoreFormat(store::Store& store) {
  uint64_t version = 0;
  RETURN_IF_ERROR(store.Read([&](const store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(version, FormatVersion(txn));
    return absl::OkStatus();
  }));
  RETURN_IF_ERROR(CheckReadable(store, version));
  if (version == kStoreFormatVersion) return absl::OkStatus();
  return store.Write([&](store::Txn& txn) -> absl::Status {
    // Another process may have upgraded it since.
    ASSIGN_OR_RETURN(version, FormatVersion(txn));
    RETURN_IF_ERROR(CheckReadable(store, version));
    if (version == kStoreFormatVersion) return absl::OkStatus();
    RETURN_IF_ERROR(UpgradeFrom0(txn));
    return txn.Put(store::Table::kMeta, kFormatVersionMetaKey,
                   store::BigEndian64(kStoreFormatVersion));
  });
}

}  // namespace ivsrt
