// How an ingest configuration is kept (its body in the resource layer) and the rules that
// tie it to the media plane: its stream keys, its participants and its state.
#ifndef IVSRT_CORE_OPS_INGEST_RECORD_H_
#define IVSRT_CORE_OPS_INGEST_RECORD_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/resources/resources.h"
#include "core/store/txn.h"

namespace ivsrt {

// The model's RedundantIngestCredential: a second participant and its stream key.
struct IngestCredential {
  std::string participant_id;  // 12 alphanumerics
  std::string stream_key;      // rt_{account}_{region}_{configuration id}_{30 alphanumerics}
};

// An ingest configuration's own members. Stored as the JSON object of exactly its output
// members but arn and tags, in alphabetical order (the output's order): {"attributes",
// "ingestProtocol", "name", "participantId", "redundantIngest",
// "redundantIngestCredentials" (only while redundantIngest), "stageArn", "state",
// "streamKey", "userId"}. insecureIngest is no output member (NOTES.md 13): it is only
// checked at creation.
struct IngestBody {
  std::string attributes_json = "{}";  // the request's attributes object
  std::string ingest_protocol;         // RTMP or RTMPS
  std::string name;
  IngestCredential primary;
  bool redundant_ingest = false;
  std::vector<IngestCredential> redundant;  // one credential while redundant_ingest
  std::string stage_arn;                    // "" while detached
  bool active = false;                      // state ACTIVE: an encoder publishes through it
  std::string user_id;
};
std::string EncodeIngestBody(const IngestBody& body);
// InternalServerException when `body` is no ingest configuration body.
absl::StatusOr<IngestBody> DecodeIngestBody(std::string_view body);

using LoadedIngest = resources::Loaded<IngestBody>;
// The ingest configuration `arn` names (errors as resources::Load).
absl::StatusOr<LoadedIngest> LoadIngest(const store::Txn& txn, const OpContext& ctx,
                                        std::string_view arn);

// A credential for `configuration_id`: a fresh participant id (NextId) and its stream key
// rt_{account}_{region}_{configuration_id}_{secret}, the secret 30 alphanumerics derived
// from the store's id key (NOTES.md 6 and 13: the CLI example's form and length).
absl::StatusOr<IngestCredential> MintCredential(store::Txn& txn, const OpContext& ctx,
                                                std::string_view configuration_id);

// The ARN of the ingest configuration a stream key names, from its
// rt_{account}_{region}_{id}_ prefix; "" when the key has no such form.
std::string IngestArnOfStreamKey(std::string_view stream_key);

// The configuration's credentials whose participants are connected in the active session
// of its stage (none while detached or the stage is idle): what makes its state ACTIVE.
absl::StatusOr<std::vector<IngestCredential>> ConnectedCredentials(store::Txn& txn,
                                                                   const OpContext& ctx,
                                                                   const IngestBody& body);

// Disconnects the configuration's connected participants from its stage (their media stops,
// then LEFT) and marks it INACTIVE; the caller saves it.
absl::Status DisconnectIngest(store::Txn& txn, const OpContext& ctx, IngestBody& body);

// Detaches (stageArn "", INACTIVE, participants disconnected) every ingest configuration of
// the caller's partition attached to `stage_arn`, or only the one whose participant is
// `participant_id` when it is not "" (DisconnectParticipant; NOTES.md 11). Answers how many
// it detached.
absl::StatusOr<int> DetachIngestConfigurations(store::Txn& txn, const OpContext& ctx,
                                               std::string_view stage_arn,
                                               std::string_view participant_id);

}  // namespace ivsrt

#endif  // IVSRT_CORE_OPS_INGEST_RECORD_H_
