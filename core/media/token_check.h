// A participant token checked as IVS checks it when the participant joins: its form, its
// signature, its expiry, its stage and whether DisconnectParticipant revoked it.
// ivsrt:VerifyParticipantToken answers with it; ivsrt:JoinStage joins with it.
#ifndef IVSRT_CORE_MEDIA_TOKEN_CHECK_H_
#define IVSRT_CORE_MEDIA_TOKEN_CHECK_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/ops/op_context.h"
#include "core/store/txn.h"

namespace ivsrt::media {

// The claims of a token this store signed (ops/participant_tokens.cc writes them).
struct TokenClaims {
  std::string stage_arn;        // resource
  std::string participant_id;   // jti
  std::string user_id;          // user_id, "" when absent
  std::string attributes_json;  // attributes, "" when absent
  int64_t exp = 0;              // unix seconds; kNoExpiry for an ingest participant
  bool can_publish = false;     // capabilities.allow_publish
  bool can_subscribe = false;   // capabilities.allow_subscribe
  bool self_signed = false;     // ES384 under an imported public key (not issued by the API)
  // Not a token's: a replica (core/media/replication.h) joins as REPLICA of this stage and
  // session ("" for any other participant).
  std::string source_stage_arn;
  std::string source_session_id;
};

// The exp of an ingest participant (ivsrt:StartIngest), which holds no token: it never
// expires, so LiveSession::Join schedules no expiry, and the media verbs of
// core/ops/media_control.cc, which a token's holder calls, refuse it.
inline constexpr int64_t kNoExpiry = 0;

struct TokenCheck {
  // "" when the token is good; else malformed, bad_signature, expired, revoked,
  // stage_deleted, and for self-signed tokens unknown_key or invalid_claims (README, "Self-
  // signed tokens").
  std::string reason;
  std::string payload_json;  // the claims as signed, when the signature is good
  TokenClaims claims;        // when the signature is good and the claims are ours
};

// Reads the stage and the token's record in `txn`; errors only when the store fails.
absl::StatusOr<TokenCheck> CheckParticipantToken(const store::Txn& txn, const OpContext& ctx,
                                                 std::string_view token);

// Keeps a record of a self-signed token's participant when it first joins, so that
// DisconnectParticipant can find and revoke it as it revokes an API-issued one.
absl::Status RecordSelfSignedParticipant(store::Txn& txn, const TokenClaims& claims);

// `ctx` for the partition (account, region) of `arn`, which must outlive it; `ctx` itself
// when the ARN does not parse.
OpContext PartitionOf(const OpContext& ctx, std::string_view arn);

}  // namespace ivsrt::media

#endif  // IVSRT_CORE_MEDIA_TOKEN_CHECK_H_
