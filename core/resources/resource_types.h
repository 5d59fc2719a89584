// The resource types of the ivs-realtime service, in one table: ARN type, summary shape,
// quota (name and AWS default) and whether TagResource applies. Every generic behaviour
// (ARNs, quotas, listing, tags, reset) reads this table; no other file lists the types.
#ifndef IVSRT_CORE_RESOURCES_RESOURCE_TYPES_H_
#define IVSRT_CORE_RESOURCES_RESOURCE_TYPES_H_

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace ivsrt::resources {

enum class ResourceType : uint8_t {
  kStage,
  kComposition,
  kEncoderConfiguration,
  kStorageConfiguration,
  kPublicKey,
  kIngestConfiguration,
};
inline constexpr int kResourceTypeCount = 6;

struct ResourceTypeInfo {
  ResourceType type;
  std::string_view arn_type;       // in arn:aws:ivs:{region}:{account}:{arn_type}/{id}
  std::string_view shape;          // the model's output shape, e.g. "Stage"
  std::string_view summary_shape;  // the List operation's item shape, e.g. "StageSummary"
  std::string_view quota_name;     // the key in the engine option "quotas"
  int64_t default_quota;           // per account and region (NOTES.md section 10)
  bool taggable;
};

// Defaults from the AWS quota page "IVS Service Quotas | Real-Time Streaming" (checked
// 2026-11, NOTES.md section 13): stages 1,000; compositions 20; encoder configurations 20;
// storage configurations 5; public keys 3; ingest configurations 100.
inline constexpr std::array<ResourceTypeInfo, kResourceTypeCount> kResourceTypes = {{
    {ResourceType::kStage, "stage", "Stage", "StageSummary", "stages", 1000, true},
    {ResourceType::kComposition, "composition", "Composition", "CompositionSummary", "compositions",
     20, true},
    {ResourceType::kEncoderConfiguration, "encoder-configuration", "EncoderConfiguration",
     "EncoderConfigurationSummary", "encoderConfigurations", 20, true},
    {ResourceType::kStorageConfiguration, "storage-configuration", "StorageConfiguration",
     "StorageConfigurationSummary", "storageConfigurations", 5, true},
    {ResourceType::kPublicKey, "public-key", "PublicKey", "PublicKeySummary", "publicKeys", 3,
     true},
    {ResourceType::kIngestConfiguration, "ingest-configuration", "IngestConfiguration",
     "IngestConfigurationSummary", "ingestConfigurations", 100, true},
}};

constexpr const ResourceTypeInfo& Info(ResourceType type) {
  return kResourceTypes[static_cast<int>(type)];
}
// nullptr when `arn_type` is no resource type of the service.
const ResourceTypeInfo* FindByArnType(std::string_view arn_type);

// The resource quotas of one engine (option "quotas"), each defaulting to AWS's.
class Quotas {
 public:
  Quotas() {
    for (const ResourceTypeInfo& info : kResourceTypes) {
      limits_[static_cast<int>(info.type)] = info.default_quota;
    }
  }
  int64_t limit(ResourceType type) const { return limits_[static_cast<int>(type)]; }
  void set_limit(ResourceType type, int64_t n) { limits_[static_cast<int>(type)] = n; }
  // Participants subscribed at once per stage (the quota page's "Stage subscribers",
  // adjustable; quota name stageSubscribers).
  uint64_t stage_subscribers() const { return stage_subscribers_; }
  void set_stage_subscribers(uint64_t n) { stage_subscribers_ = n; }

 private:
  std::array<int64_t, kResourceTypeCount> limits_;
  uint64_t stage_subscribers_ = 10000;
};

}  // namespace ivsrt::resources

#endif  // IVSRT_CORE_RESOURCES_RESOURCE_TYPES_H_
