// Participant tokens: issuing them (CreateStage, CreateParticipantToken) and the
// participant records that let DisconnectParticipant revoke them.
#ifndef IVSRT_CORE_OPS_PARTICIPANT_TOKENS_H_
#define IVSRT_CORE_OPS_PARTICIPANT_TOKENS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/json/value.h"
#include "core/json/writer.h"
#include "core/ops/op_context.h"
#include "core/ops/stage_record.h"
#include "core/store/txn.h"

namespace ivsrt {

struct ParticipantRecord {
  bool revoked = false;
  int64_t expires_unix = 0;
  std::string user_id;
  std::string reason;  // DisconnectParticipant's reason
};

std::string EncodeParticipant(const ParticipantRecord& p);
absl::StatusOr<ParticipantRecord> DecodeParticipant(std::string_view bytes);
// kParticipants key: the stage ARN, '|', the participant id. The stage's participants
// share the prefix ParticipantPrefix(arn).
std::string ParticipantKey(std::string_view stage_arn, std::string_view participant_id);
std::string ParticipantPrefix(std::string_view stage_arn);

// The documented limit on attributes: at most 1 KB of keys and values in total.
absl::Status CheckAttributes(const Value& token_config, std::string_view member);

// The operation a token is issued for: AWS answers each with different members.
enum class TokenFor { kCreateStage, kCreateParticipantToken };

// Issues one token for `config` (a validated ParticipantTokenConfiguration or
// CreateParticipantToken request), records the participant, and writes the
// ParticipantToken output shape to `out`: without `duration` and `expirationTime` for
// CreateStage, as AWS answers it (NOTES.md 6).
absl::Status IssueToken(store::Txn& txn, const OpContext& ctx, const LoadedStage& stage,
                        const Value& config, TokenFor answering, JsonWriter& out);

}  // namespace ivsrt

#endif  // IVSRT_CORE_OPS_PARTICIPANT_TOKENS_H_
