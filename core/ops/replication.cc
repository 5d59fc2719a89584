// StartParticipantReplication, StopParticipantReplication, ListParticipantReplicas: the
// rules are core/media/replication.h's and the README's ("Participant replication").
#include "core/media/replication.h"

#include <array>

#include "core/arn.h"
#include "core/errors.h"
#include "core/media/keys.h"
#include "core/model/members.h"
#include "core/ops/key_page.h"
#include "core/ops/participant_tokens.h"
#include "core/ops/registry.h"
#include "core/ops/stage_record.h"
#include "core/strings.h"

namespace ivsrt::ops {
namespace {

// Start's and Stop's only output members, all bound to headers: the values AWS answers with
// (NOTES.md 1 and 13: the AWS CLI's examples and a captured response). Over HTTP they are
// headers and the body is {}; through ivsrt_invoke they are members, as an SDK reads them.
struct HeaderMember {
  std::string_view member;
  std::string_view value;
};
using Start = members::StartParticipantReplicationResponse;
constexpr std::array kHeaderMembers = {
    HeaderMember{Start::accessControlAllowOrigin, "*"},
    HeaderMember{Start::accessControlExposeHeaders,
                 "Access-Control-Allow-Origin,Access-Control-Expose-Headers,Cache-Control,"
                 "Content-Length,Content-Security-Policy,Content-Type,date,"
                 "Strict-Transport-Security,x-amz-apigw-id,x-amzn-errormessage,"
                 "x-amzn-errortype,x-amzn-requestid,x-amzn-trace-id,X-Content-Type-Options,"
                 "X-Frame-Options"},
    HeaderMember{Start::cacheControl, "no-store, no-cache"},
    HeaderMember{Start::contentSecurityPolicy, "default-src 'self'; upgrade-insecure-requests;"},
    HeaderMember{Start::strictTransportSecurity, "max-age:47304000; includeSubDomains"},
    HeaderMember{Start::xContentTypeOptions, "nosniff"},
    HeaderMember{Start::xFrameOptions, "DENY"},
};

std::string HeaderMembersResponse() {
  JsonWriter w;
  w.BeginObject();
  for (const HeaderMember& h : kHeaderMembers) w.Field(h.member, h.value);
  w.EndObject();
  return w.Take();
}

absl::Status SameStage(std::string_view arn) {
  return ValidationError(
      StrCat("destinationStageArn: must be another stage than sourceStageArn (", arn, ")"));
}

}  // namespace

absl::StatusOr<std::string> StartParticipantReplication(const OpContext& ctx,
                                                        const Value& request) {
  using In = members::StartParticipantReplicationRequest;
  std::string_view source = StringOr(request, In::sourceStageArn, "");
  std::string_view destination = StringOr(request, In::destinationStageArn, "");
  std::string_view participant_id = StringOr(request, In::participantId, "");
  const Value* window = request.Find(In::reconnectWindowSeconds);
  if (source == destination) return SameStage(source);
  RETURN_IF_ERROR(CheckAttributes(request, In::attributes));
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(LoadedStage source_stage, LoadStage(txn, ctx, source));
    ASSIGN_OR_RETURN(LoadedStage destination_stage, LoadStage(txn, ctx, destination));
    return media::StartReplication(txn, ctx, std::move(source_stage), std::move(destination_stage),
                                   participant_id, window != nullptr ? window->as_int() : 0,
                                   request.Find(In::attributes), absl::ToUnixSeconds(ctx.now));
  }));
  return HeaderMembersResponse();
}

absl::StatusOr<std::string> StopParticipantReplication(const OpContext& ctx, const Value& request) {
  using In = members::StopParticipantReplicationRequest;
  std::string_view source = StringOr(request, In::sourceStageArn, "");
  std::string_view destination = StringOr(request, In::destinationStageArn, "");
  std::string_view participant_id = StringOr(request, In::participantId, "");
  if (source == destination) return SameStage(source);
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    RETURN_IF_ERROR(LoadStage(txn, ctx, source).status());
    return media::StopReplication(txn, ctx, source, destination, participant_id,
                                  absl::ToUnixSeconds(ctx.now));
  }));
  return HeaderMembersResponse();
}

// Every replication of the participant from the stage, ACTIVE and STOPPED, in the order of
// its first replication to each destination. ListParticipantReplicas models no
// ResourceNotFoundException: a stage that does not exist (or is another account's or
// region's) has no replicas.
absl::StatusOr<std::string> ListParticipantReplicas(const OpContext& ctx, const Value& request) {
  using In = members::ListParticipantReplicasRequest;
  std::string_view source = StringOr(request, In::sourceStageArn, "");
  std::string_view participant_id = StringOr(request, In::participantId, "");
  std::optional<Arn> arn = ParseArn(source);
  const bool ours = arn && arn->account == ctx.account && arn->region == ctx.region;
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(
        response,
        Page(ctx, txn, StrCat("ListParticipantReplicas\n", source, "\n", participant_id),
             members::ListParticipantReplicasResponse::replicas, store::Table::kReplications,
             media::ReplicationPrefix(source, participant_id), request,
             [&](std::string_view value, JsonWriter& items) -> absl::StatusOr<bool> {
               if (!ours) return false;
               ASSIGN_OR_RETURN(media::ReplicationRecord r, media::DecodeReplication(value));
               media::WriteParticipantReplica(items, r);
               return true;
             }));
    return absl::OkStatus();
  }));
  return response;
}

IVSRT_REGISTER_OPERATIONS(Replication,
                          {"StartParticipantReplication", &StartParticipantReplication},
                          {"StopParticipantReplication", &StopParticipantReplication},
                          {"ListParticipantReplicas", &ListParticipantReplicas});

}  // namespace ivsrt::ops
