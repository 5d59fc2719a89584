#include "core/ops/ingest_record.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "core/arn.h"
#include "core/errors.h"
#include "core/json/writer.h"
#include "core/media/live_session.h"
#include "core/media/token_check.h"
#include "core/ops/stage_record.h"
#include "core/resources/listing.h"
#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt {
namespace {

using resources::ResourceType;

// Two 15-character draws: IdGenerator::Alnum gives at most 16 characters at a time.
constexpr size_t kSecretHalf = 15;

void WriteCredential(JsonWriter& w, const IngestCredential& c) {
  w.BeginObject().Field("participantId", c.participant_id).Field("streamKey", c.stream_key);
  w.EndObject();
}

bool ReadString(simdjson::dom::element value, std::string& out) {
  std::string_view s;
  if (value.get_string().get(s) != simdjson::SUCCESS) return false;
  out = std::string(s);
  return true;
}

bool ReadCredential(simdjson::dom::element value, IngestCredential& out) {
  simdjson::dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) return false;
  for (auto [key, member] : object) {
    if (key == "participantId" && !ReadString(member, out.participant_id)) return false;
    if (key == "streamKey" && !ReadString(member, out.stream_key)) return false;
  }
  return true;
}

std::vector<const IngestCredential*> Credentials(const IngestBody& body) {
  std::vector<const IngestCredential*> all = {&body.primary};
  for (const IngestCredential& c : body.redundant) all.push_back(&c);
  return all;
}

}  // namespace

std::string EncodeIngestBody(const IngestBody& body) {
  JsonWriter w;
  w.BeginObject();
  w.Key("attributes").Raw(body.attributes_json);
  w.Field("ingestProtocol", body.ingest_protocol);
  w.Field("name", body.name);
  w.Field("participantId", body.primary.participant_id);
  w.Key("redundantIngest").Bool(body.redundant_ingest);
  if (body.redundant_ingest) {
    w.Key("redundantIngestCredentials").BeginArray();
    for (const IngestCredential& c : body.redundant) WriteCredential(w, c);
    w.EndArray();
  }
  w.Field("stageArn", body.stage_arn);
  w.Field("state", body.active ? "ACTIVE" : "INACTIVE");
  w.Field("streamKey", body.primary.stream_key);
  w.Field("userId", body.user_id);
  w.EndObject();
  return w.Take();
}

absl::StatusOr<IngestBody> DecodeIngestBody(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  auto corrupt = [] { return InternalError("corrupt ingest configuration record"); };
  if (parser.parse(json.data(), json.size()).get_object().get(object) != simdjson::SUCCESS) {
    return corrupt();
  }
  IngestBody body;
  for (auto [key, value] : object) {
    bool ok = true;
    if (key == "attributes") {
      body.attributes_json = std::string(simdjson::minify(value));
    } else if (key == "ingestProtocol") {
      ok = ReadString(value, body.ingest_protocol);
    } else if (key == "name") {
      ok = ReadString(value, body.name);
    } else if (key == "participantId") {
      ok = ReadString(value, body.primary.participant_id);
    } else if (key == "streamKey") {
      ok = ReadString(value, body.primary.stream_key);
    } else if (key == "stageArn") {
      ok = ReadString(value, body.stage_arn);
    } else if (key == "userId") {
      ok = ReadString(value, body.user_id);
    } else if (key == "state") {
      std::string state;
      ok = ReadString(value, state);
      body.active = state == "ACTIVE";
    } else if (key == "redundantIngest") {
      ok = value.get_bool().get(body.redundant_ingest) == simdjson::SUCCESS;
    } else if (key == "redundantIngestCredentials") {
      simdjson::dom::array items;
      if (value.get_array().get(items) != simdjson::SUCCESS) return corrupt();
      for (simdjson::dom::element item : items) {
        if (!ReadCredential(item, body.redundant.emplace_back())) return corrupt();
      }
    }
    if (!ok) return corrupt();
  }
  return body;
}

absl::StatusOr<LoadedIngest> LoadIngest(const store::Txn& txn, const OpContext& ctx,
                                        std::string_view arn) {
  return resources::LoadDecoded<IngestBody>(txn, ctx, ResourceType::kIngestConfiguration, arn,
                                            &DecodeIngestBody);
}

absl::StatusOr<IngestCredential> MintCredential(store::Txn& txn, const OpContext& ctx,
                                                std::string_view configuration_id) {
  ASSIGN_OR_RETURN(DrawnId participant, NextId(txn, ctx));
  ASSIGN_OR_RETURN(uint64_t generation, StoreGeneration(txn));
  const std::string label = StrCat("stream-key:", generation, ":", participant.counter);
  const IdGenerator& ids = ctx.services->ids;
  return IngestCredential{participant.id,
                          StrCat("rt_", ctx.account, "_", ctx.region, "_", configuration_id, "_",
                                 ids.Alnum(StrCat(label, ":a"), kSecretHalf),
                                 ids.Alnum(StrCat(label, ":b"), kSecretHalf))};
}

std::string IngestArnOfStreamKey(std::string_view key) {
  // rt _ account _ region _ id _ secret: account digits, region [a-z0-9-], id alphanumeric,
  // none of them holding '_'.
  std::vector<std::string_view> parts;
  for (int i = 0; i < 4; ++i) {
    size_t bar = key.find('_');
    if (bar == std::string_view::npos || bar == 0) return "";
    parts.push_back(key.substr(0, bar));
    key.remove_prefix(bar + 1);
  }
  auto all_of = [](std::string_view s, auto wanted) {
    return std::all_of(s.begin(), s.end(), [&](char c) { return wanted(c); });
  };
  if (parts[0] != "rt" || key.empty() || !all_of(parts[1], absl::ascii_isdigit) ||
      !IsRegionName(parts[2]) || !all_of(parts[3], absl::ascii_isalnum)) {
    return "";
  }
  return MakeArn(parts[2], parts[1], "ingest-configuration", parts[3]);
}

absl::StatusOr<std::vector<IngestCredential>> ConnectedCredentials(store::Txn& txn,
                                                                   const OpContext& ctx,
                                                                   const IngestBody& body) {
  std::vector<IngestCredential> connected;
  if (body.stage_arn.empty()) return connected;
  absl::StatusOr<LoadedStage> stage = LoadStage(txn, ctx, body.stage_arn);
  if (absl::IsNotFound(stage.status())) return connected;
  RETURN_IF_ERROR(stage.status());
  if (stage->body.active_session_id.empty()) return connected;
  for (const IngestCredential* c : Credentials(body)) {
    ASSIGN_OR_RETURN(std::optional<media::SessionParticipant> p,
                     media::LoadParticipant(txn, body.stage_arn, stage->body.active_session_id,
                                            c->participant_id));
    if (p && p->connected) connected.push_back(*c);
  }
  return connected;
}

absl::Status DisconnectIngest(store::Txn& txn, const OpContext& ctx, IngestBody& body) {
  body.active = false;
  ASSIGN_OR_RETURN(std::vector<IngestCredential> connected, ConnectedCredentials(txn, ctx, body));
  if (connected.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(LoadedStage stage, LoadStage(txn, ctx, body.stage_arn));
  ASSIGN_OR_RETURN(std::optional<media::LiveSession> live,
                   media::LiveSession::Of(txn, ctx, std::move(stage)));
  const int64_t now = absl::ToUnixSeconds(ctx.now);
  for (const IngestCredential& c : connected) {
    ASSIGN_OR_RETURN(media::SessionParticipant p, live->Connected(c.participant_id));
    RETURN_IF_ERROR(live->Leave(p, now));
  }
  return live->Save();
}

absl::StatusOr<int> DetachIngestConfigurations(store::Txn& txn, const OpContext& ctx,
                                               std::string_view stage_arn,
                                               std::string_view participant_id) {
  std::vector<std::string> attached;
  absl::Status corrupt;
  RETURN_IF_ERROR(resources::ForEachSummary(
      txn, ctx, ResourceType::kIngestConfiguration,
      [&](std::string_view arn, std::string_view summary) {
        simdjson::dom::parser parser;
        std::string_view stage;
        if (parser.parse(summary.data(), summary.size())["stageArn"].get_string().get(stage) !=
            simdjson::SUCCESS) {
          corrupt = InternalError(StrCat("corrupt ingest configuration summary of ", arn));
          return false;
        }
        if (stage == stage_arn) attached.emplace_back(arn);
        return true;
      }));
  RETURN_IF_ERROR(corrupt);
  int detached = 0;
  for (const std::string& arn : attached) {
    ASSIGN_OR_RETURN(LoadedIngest ingest, LoadIngest(txn, ctx, arn));
    if (!participant_id.empty()) {
      bool ours = false;
      for (const IngestCredential* c : Credentials(ingest.body)) {
        ours = ours || c->participant_id == participant_id;
      }
      if (!ours) continue;
    }
    RETURN_IF_ERROR(DisconnectIngest(txn, ctx, ingest.body));
    ingest.body.stage_arn.clear();
    ingest.resource.body = EncodeIngestBody(ingest.body);
    RETURN_IF_ERROR(resources::Save(txn, ctx, ingest.resource));
    ++detached;
  }
  return detached;
}

}  // namespace ivsrt
