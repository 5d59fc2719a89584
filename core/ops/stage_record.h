// How a stage is kept: its record, its keys, and its JSON form.
#ifndef IVSRT_CORE_OPS_STAGE_RECORD_H_
#define IVSRT_CORE_OPS_STAGE_RECORD_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/json/writer.h"
#include "core/ops/op_context.h"
#include "core/store/codec.h"
#include "core/store/txn.h"

namespace ivsrt {

struct StageRecord {
  std::string id;
  uint64_t seq = 0;  // creation order, the ListStages order
  std::string name;
  std::string recording_json;  // canonical AutoParticipantRecordingConfiguration; "" = default
  std::string endpoint_host;   // 12 hex characters shared by the whip/rtmp endpoints
};

std::string EncodeStage(const StageRecord& stage);
absl::StatusOr<StageRecord> DecodeStage(std::string_view id, std::string_view bytes);
// Only the name of an encoded stage (a view into `bytes`): all a ListStages entry needs.
absl::StatusOr<std::string_view> DecodeStageName(std::string_view id, std::string_view bytes);

// kStages key: partition + id; kStageOrder key: partition + big-endian seq.
std::string StageKey(const OpContext& ctx, std::string_view id);
std::string StageOrderKey(const OpContext& ctx, uint64_t seq);

// The stage `arn` names, when it exists in the caller's partition; otherwise
// ResourceNotFoundException (deleted, never created, another region or account).
absl::StatusOr<StageRecord> LoadStage(const store::Txn& txn, const OpContext& ctx,
                                      std::string_view arn);

// The full Stage output shape, members in the AWS CLI's (alphabetical) order.
void WriteStage(JsonWriter& w, std::string_view arn, const StageRecord& stage,
                const store::TagMap& tags);
void WriteTags(JsonWriter& w, const store::TagMap& tags);
// WriteTags(w, LoadTags(txn, arn)) straight from the stored record, without a TagMap (a
// page of ListStages writes a hundred).
absl::Status WriteStoredTags(JsonWriter& w, const store::Txn& txn, std::string_view arn);

}  // namespace ivsrt

#endif  // IVSRT_CORE_OPS_STAGE_RECORD_H_
