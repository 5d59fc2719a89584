// StartComposition, StopComposition, GetComposition, ListCompositions. The body is
// core/ops/composition_record.h's, the request's defaults core/ops/composition_config.h's,
// the lifecycle core/media/compositions.h's (README: "Compositions").
#include "core/media/compositions.h"

#include "absl/time/time.h"
#include "core/clock.h"
#include "core/errors.h"
#include "core/json/writer.h"
#include "core/media/live_session.h"
#include "core/model/members.h"
#include "core/ops/composition_config.h"
#include "core/ops/composition_record.h"
#include "core/ops/page_token.h"
#include "core/ops/registry.h"
#include "core/ops/stage_record.h"
#include "core/resources/listing.h"
#include "core/resources/references.h"
#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt::ops {
namespace {

using resources::ResourceType;
constexpr ResourceType kType = ResourceType::kComposition;

// The quota page's "Compositions per stage" (not adjustable).
constexpr size_t kMaxCompositionsPerStage = 5;
// ListCompositions' documented default page (NOTES.md section 5.9).
constexpr int64_t kDefaultPage = 100;

std::string CompositionResponse(const LoadedComposition& c) {
  JsonWriter w;
  w.BeginObject().Key(members::StartCompositionResponse::composition);
  WriteComposition(w, c);
  w.EndObject();
  return w.Take();
}

// Every configuration a destination names must exist in the caller's account and region:
// ResourceNotFoundException (StartComposition models it), naming the member. The composition
// then refers to them, so that they cannot be deleted while it runs.
absl::Status ReferToConfigurations(store::Txn& txn, const OpContext& ctx,
                                   std::string_view composition_arn,
                                   const std::vector<DestinationRequest>& destinations) {
  for (size_t i = 0; i < destinations.size(); ++i) {
    const DestinationRequest& d = destinations[i];
    std::vector<std::pair<ResourceType, std::string_view>> named;
    if (d.is_s3) named.emplace_back(ResourceType::kStorageConfiguration, d.storage_arn);
    for (const std::string& arn : d.encoder_arns) {
      named.emplace_back(ResourceType::kEncoderConfiguration, arn);
    }
    for (auto [type, arn] : named) {
      absl::StatusOr<resources::Resource> config = resources::Load(txn, ctx, type, arn);
      if (absl::IsNotFound(config.status())) {
        return ResourceNotFoundError(StrCat("destinations[", i, "]: no ",
                                            resources::Info(type).arn_type, " ", arn,
                                            " in this account and region"));
      }
      RETURN_IF_ERROR(config.status());
      RETURN_IF_ERROR(resources::AddReference(txn, composition_arn, arn));
    }
  }
  return absl::OkStatus();
}

// The request as normalized (layout, destination configurations, tags): what a retry with
// the same idempotencyToken must repeat.
std::string Fingerprint(const std::string& layout_json,
                        const std::vector<DestinationRequest>& destinations,
                        const resources::TagMap& tags) {
  JsonWriter w;
  w.BeginArray().Raw(layout_json).BeginArray();
  for (const DestinationRequest& d : destinations) w.Raw(d.configuration_json);
  w.EndArray().Raw(resources::TagsToJson(tags)).EndArray();
  return w.Take();
}

absl::StatusOr<bool> StageHasPublisher(store::Txn& txn, const OpContext& ctx, LoadedStage stage) {
  ASSIGN_OR_RETURN(std::optional<media::LiveSession> live,
                   media::LiveSession::Of(txn, ctx, std::move(stage)));
  return live.has_value() && live->session().publishers > 0;
}

}  // namespace

// The order of the checks: the destinations' kinds (400), the stage (404), the idempotency
// token (the same composition, or ConflictException), the per-stage quota, the account quota
// (402), the configurations (404).
absl::StatusOr<std::string> StartComposition(const OpContext& ctx, const Value& request) {
  using In = members::StartCompositionRequest;
  ASSIGN_OR_RETURN(resources::TagMap tags, resources::RequestTags(request.Find(In::tags)));
  ASSIGN_OR_RETURN(std::vector<DestinationRequest> destinations,
                   ReadDestinations(*request.Find(In::destinations)));
  const std::string layout = CanonicalLayout(request.Find(In::layout));
  const std::string fingerprint = Fingerprint(layout, destinations, tags);
  const std::string_view token = StringOr(request, In::idempotencyToken, "");
  const std::string_view stage_arn = StringOr(request, In::stageArn, "");
  const int64_t now = absl::ToUnixSeconds(ctx.now);

  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(LoadedStage stage, LoadStage(txn, ctx, stage_arn));
    ASSIGN_OR_RETURN(std::vector<LoadedComposition> of_stage,
                     CompositionsOfStage(txn, ctx, stage_arn));
    for (const LoadedComposition& c : of_stage) {
      if (token.empty() || c.body.idempotency_token != token) continue;
      if (c.body.fingerprint != fingerprint) {
        return ConflictError(StrCat("idempotencyToken: ", token,
                                    " was used with a different request for ", c.resource.arn));
      }
      response = CompositionResponse(c);
      return absl::OkStatus();
    }
    if (of_stage.size() >= kMaxCompositionsPerStage) {
      return ServiceQuotaExceededError(
          StrCat("Composition quota exceeded: at most ", kMaxCompositionsPerStage, " per stage"));
    }
    ASSIGN_OR_RETURN(const bool has_publisher, StageHasPublisher(txn, ctx, std::move(stage)));

    CompositionBody body;
    body.stage_arn = std::string(stage_arn);
    body.state = "STARTING";
    body.start_time = FormatUnixSeconds(now);
    body.layout_json = layout;
    body.idempotency_token = std::string(token);
    body.fingerprint = token.empty() ? "" : fingerprint;
    ASSIGN_OR_RETURN(resources::Resource resource,
                     resources::Create(txn, ctx, kType, tags, [&](std::string_view id) {
                       for (size_t i = 0; i < destinations.size(); ++i) {
                         DestinationRecord d;
                         d.id = ctx.services->ids.Alnum(StrCat("destination:", id, ":", i), 12);
                         d.state = "STARTING";
                         d.configuration_json = destinations[i].configuration_json;
                         if (destinations[i].is_s3) {
                           std::string prefix =
                               StrCat(ctx.services->ids.Alnum(StrCat("recording:", id, ":", i), 12),
                                      "/", id, "/", d.id, "/composite");
                           JsonWriter detail;
                           detail.BeginObject().Key("s3").BeginObject();
                           detail.Field("recordingPrefix", prefix).EndObject().EndObject();
                           d.detail_json = detail.Take();
                         }
                         body.destinations.push_back(std::move(d));
                       }
                       return EncodeCompositionBody(body);
                     }));
    RETURN_IF_ERROR(ReferToConfigurations(txn, ctx, resource.arn, destinations));
    LoadedComposition c{std::move(resource), std::move(body)};
    RETURN_IF_ERROR(media::ScheduleFirstStep(txn, c, has_publisher, now));
    RETURN_IF_ERROR(SaveComposition(txn, ctx, c));
    response = CompositionResponse(c);
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> GetComposition(const OpContext& ctx, const Value& request) {
  std::string_view arn = StringOr(request, members::GetCompositionRequest::arn, "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(LoadedComposition c, LoadComposition(txn, ctx, arn));
    response = CompositionResponse(c);
    return absl::OkStatus();
  }));
  return response;
}

// Stopping a composition that is STOPPING, STOPPED or FAILED already changes nothing and
// succeeds.
absl::StatusOr<std::string> StopComposition(const OpContext& ctx, const Value& request) {
  std::string_view arn = StringOr(request, members::StopCompositionRequest::arn, "");
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(LoadedComposition c, LoadComposition(txn, ctx, arn));
    return media::StopComposition(txn, ctx, c, absl::ToUnixSeconds(ctx.now));
  }));
  return std::string("{}");
}

// The two filters may be combined: a composition is listed when it matches both.
absl::StatusOr<std::string> ListCompositions(const OpContext& ctx, const Value& request) {
  using In = members::ListCompositionsRequest;
  const std::string stage = std::string(StringOr(request, In::filterByStageArn, ""));
  const std::string encoder =
      std::string(StringOr(request, In::filterByEncoderConfigurationArn, ""));
  const resources::ListRequest list{.operation = "ListCompositions",
                                    .list_member = members::ListCompositionsResponse::compositions,
                                    .max_results = MaxResults(request, kDefaultPage),
                                    .next_token = StringOr(request, In::nextToken, "")};
  resources::ListFilter keep;
  simdjson::dom::parser parser;  // one per List: the filter reads every summary
  if (!stage.empty() || !encoder.empty()) {
    keep = [&](const store::Txn& txn, std::string_view arn,
               std::string_view summary) -> absl::StatusOr<bool> {
      if (!stage.empty()) {
        std::string_view of;
        if (parser.parse(summary.data(), summary.size())["stageArn"].get_string().get(of) !=
                simdjson::SUCCESS ||
            of != stage) {
          return false;
        }
      }
      if (encoder.empty()) return true;
      ASSIGN_OR_RETURN(LoadedComposition c, LoadComposition(txn, ctx, arn));
      for (const DestinationRecord& d : c.body.destinations) {
        // An encoder-configuration ARN appears in a configuration only as one of its encoders.
        if (d.configuration_json.find(StrCat("\"", encoder, "\"")) != std::string::npos) {
          return true;
        }
      }
      return false;
    };
  }
  return resources::List(ctx, kType, list, keep);
}

IVSRT_REGISTER_OPERATIONS(Compositions, {"StartComposition", &StartComposition},
                          {"StopComposition", &StopComposition},
                          {"GetComposition", &GetComposition},
                          {"ListCompositions", &ListCompositions});

}  // namespace ivsrt::ops
