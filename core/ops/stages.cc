// CreateStage, GetStage, ListStages, UpdateStage, DeleteStage.
#include <vector>

#include "core/arn.h"
#include "core/errors.h"
#include "core/ops/handlers.h"
#include "core/ops/page_token.h"
#include "core/ops/participant_tokens.h"
#include "core/ops/recording_config.h"
#include "core/ops/registry.h"
#include "core/ops/stage_record.h"
#include "core/ops/tag_rules.h"
#include "core/store/codec.h"
#include "core/strings.h"

namespace ivsrt::ops {
namespace {

constexpr int64_t kDefaultListStagesPage = 50;

std::string StageCountKey(const OpContext& ctx) { return StrCat("stage_count:", ctx.Partition()); }

absl::StatusOr<uint64_t> StageCount(const store::Txn& txn, const OpContext& ctx) {
  ASSIGN_OR_RETURN(auto bytes, txn.Get(store::Table::kMeta, StageCountKey(ctx)));
  if (!bytes.has_value()) return 0;
  auto count = store::ParseBigEndian64(*bytes);
  if (!count) return InternalError("corrupt stage count");
  return *count;
}

absl::Status AddToStageCount(store::Txn& txn, const OpContext& ctx, int64_t delta) {
  ASSIGN_OR_RETURN(uint64_t count, StageCount(txn, ctx));
  return txn.Put(store::Table::kMeta, StageCountKey(ctx), store::BigEndian64(count + delta));
}

std::string StageResponse(std::string_view arn, const StageRecord& stage,
                          const store::TagMap& tags) {
  JsonWriter w;
  w.BeginObject().Key("stage");
  WriteStage(w, arn, stage, tags);
  w.EndObject();
  return w.Take();
}

}  // namespace

absl::StatusOr<std::string> CreateStage(const OpContext& ctx, const Value& request) {
  store::TagMap tags;
  if (const Value* t = request.Find("tags")) {
    RETURN_IF_ERROR(CheckTagKeysNotReserved(*t, "tags"));
    tags = TagsFromValue(*t);
  }
  const Value* token_configs = request.Find("participantTokenConfigurations");
  if (token_configs) {
    for (size_t i = 0; i < token_configs->items().size(); ++i) {
      RETURN_IF_ERROR(CheckAttributes(
          token_configs->items()[i], StrCat("participantTokenConfigurations[", i, "].attributes")));
    }
  }
  StageRecord stage;
  stage.name = std::string(StringOr(request, "name", ""));
  if (const Value* rec = request.Find("autoParticipantRecordingConfiguration")) {
    stage.recording_json = CanonicalRecordingConfig(*rec);
  }

  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(uint64_t count, StageCount(txn, ctx));
    if (count >= static_cast<uint64_t>(ctx.services->quotas.stages)) {
      return ServiceQuotaExceededError(StrCat("Stage quota exceeded: at most ",
                                              ctx.services->quotas.stages,
                                              " stages per account and region"));
    }
    ASSIGN_OR_RETURN(DrawnId drawn, NextId(txn, ctx));
    stage.id = drawn.id;
    stage.seq = drawn.counter;
    stage.endpoint_host = ctx.services->ids.Hex12(StrCat("endpoint:", drawn.id));
    std::string arn = MakeArn(ctx.region, ctx.account, "stage", stage.id);
    RETURN_IF_ERROR(txn.Put(store::Table::kStages, StageKey(ctx, stage.id), EncodeStage(stage)));
    RETURN_IF_ERROR(txn.Put(store::Table::kStageOrder, StageOrderKey(ctx, stage.seq), stage.id));
    RETURN_IF_ERROR(StoreTags(txn, arn, tags));
    RETURN_IF_ERROR(AddToStageCount(txn, ctx, +1));

    JsonWriter w;
    w.BeginObject().Key("participantTokens").BeginArray();
    if (token_configs) {
      for (const Value& config : token_configs->items()) {
        RETURN_IF_ERROR(IssueToken(txn, ctx, arn, stage, config, w));
      }
    }
    w.EndArray().Key("stage");
    WriteStage(w, arn, stage, tags);
    w.EndObject();
    response = w.Take();
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> GetStage(const OpContext& ctx, const Value& request) {
  std::string_view arn = StringOr(request, "arn", "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(StageRecord stage, LoadStage(txn, ctx, arn));
    ASSIGN_OR_RETURN(store::TagMap tags, LoadTags(txn, arn));
    response = StageResponse(arn, stage, tags);
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> ListStages(const OpContext& ctx, const Value& request) {
  int64_t max_results = MaxResults(request, kDefaultListStagesPage);
  std::string_view next_token = StringOr(request, "nextToken", "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    uint64_t from_seq = 0;
    if (!next_token.empty()) {
      ASSIGN_OR_RETURN(from_seq, OpenPageToken(ctx, txn, "ListStages", next_token));
    }
    std::string prefix = ctx.Partition();
    std::vector<std::string> ids;
    uint64_t last_seq = 0;
    bool more = false;
    RETURN_IF_ERROR(txn.Scan(store::Table::kStageOrder, prefix, StageOrderKey(ctx, from_seq),
                             [&](std::string_view key, std::string_view id) {
                               if (static_cast<int64_t>(ids.size()) == max_results) {
                                 more = true;
                                 return false;
                               }
                               last_seq = *store::ParseBigEndian64(key.substr(prefix.size()));
                               ids.emplace_back(id);
                               return true;
                             }));
    JsonWriter w;
    w.BeginObject();
    if (more) {
      ASSIGN_OR_RETURN(std::string token, SealPageToken(ctx, txn, "ListStages", last_seq + 1));
      w.Field("nextToken", token);
    }
    w.Key("stages").BeginArray();
    // One ARN and one key buffer for the page: building both per stage (StrCat, Partition)
    // was a sixth of ListStages.
    std::string arn = MakeArn(ctx.region, ctx.account, "stage", "");
    const size_t arn_prefix = arn.size();
    std::string key = prefix;  // == StageKey(ctx, "")
    for (const std::string& id : ids) {
      arn.resize(arn_prefix);
      arn += id;
      key.resize(prefix.size());
      key += id;
      ASSIGN_OR_RETURN(auto bytes, txn.Get(store::Table::kStages, key));
      if (!bytes.has_value()) return InternalError(StrCat("stage index points at ", id));
      ASSIGN_OR_RETURN(std::string_view name, DecodeStageName(id, *bytes));
      w.BeginObject();
      w.Field("arn", arn);
      w.Field("name", name);
      w.Key("tags");
      RETURN_IF_ERROR(WriteStoredTags(w, txn, arn));
      w.EndObject();
    }
    w.EndArray().EndObject();
    response = w.Take();
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> UpdateStage(const OpContext& ctx, const Value& request) {
  std::string_view arn = StringOr(request, "arn", "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(StageRecord stage, LoadStage(txn, ctx, arn));
    if (const Value* name = request.Find("name")) stage.name = name->as_string();
    if (const Value* rec = request.Find("autoParticipantRecordingConfiguration")) {
      stage.recording_json = CanonicalRecordingConfig(*rec);
    }
    RETURN_IF_ERROR(txn.Put(store::Table::kStages, StageKey(ctx, stage.id), EncodeStage(stage)));
    ASSIGN_OR_RETURN(store::TagMap tags, LoadTags(txn, arn));
    response = StageResponse(arn, stage, tags);
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> DeleteStage(const OpContext& ctx, const Value& request) {
  std::string_view arn = StringOr(request, "arn", "");
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(StageRecord stage, LoadStage(txn, ctx, arn));
    RETURN_IF_ERROR(txn.Delete(store::Table::kStages, StageKey(ctx, stage.id)));
    RETURN_IF_ERROR(txn.Delete(store::Table::kStageOrder, StageOrderKey(ctx, stage.seq)));
    RETURN_IF_ERROR(txn.Delete(store::Table::kTags, arn));
    // Every token of the stage is revoked with it: its participants go too.
    std::vector<std::string> participants;
    std::string prefix = ParticipantPrefix(arn);
    RETURN_IF_ERROR(txn.Scan(store::Table::kParticipants, prefix, prefix,
                             [&](std::string_view key, std::string_view) {
                               participants.emplace_back(key);
                               return true;
                             }));
    for (const std::string& key : participants) {
      RETURN_IF_ERROR(txn.Delete(store::Table::kParticipants, key));
    }
    return AddToStageCount(txn, ctx, -1);
  }));
  return std::string("{}");
}

IVSRT_REGISTER_OPERATIONS(Stages, {"CreateStage", &CreateStage}, {"GetStage", &GetStage},
                          {"ListStages", &ListStages}, {"UpdateStage", &UpdateStage},
                          {"DeleteStage", &DeleteStage});

}  // namespace ivsrt::ops
