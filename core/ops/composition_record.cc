#include "core/ops/composition_record.h"

#include "core/errors.h"
#include "core/resources/listing.h"
#include "simdjson.h"

namespace ivsrt {
namespace {

constexpr std::string_view kStepNames[] = {"", "activate", "idle_stop", "stopped", "vanish"};

void WriteDestinationSummary(JsonWriter& w, const DestinationRecord& d) {
  if (!d.end_time.empty()) w.Field("endTime", d.end_time);
  w.Field("id", d.id);
  if (!d.start_time.empty()) w.Field("startTime", d.start_time);
  w.Field("state", d.state);
}

// Copies a string value into `out`; false when it is not a string.
bool ReadString(simdjson::dom::element value, std::string& out) {
  std::string_view s;
  if (value.get_string().get(s) != simdjson::SUCCESS) return false;
  out = std::string(s);
  return true;
}

bool DecodeDestinations(simdjson::dom::array array, std::vector<DestinationRecord>& out) {
  for (simdjson::dom::element item : array) {
    simdjson::dom::object object;
    if (item.get_object().get(object) != simdjson::SUCCESS) return false;
    DestinationRecord d;
    for (auto [key, value] : object) {
      std::string* field = key == "endTime"     ? &d.end_time
                           : key == "id"        ? &d.id
                           : key == "startTime" ? &d.start_time
                           : key == "state"     ? &d.state
                                                : nullptr;
      if (field != nullptr && !ReadString(value, *field)) return false;
    }
    out.push_back(std::move(d));
  }
  return true;
}

bool DecodeOutputs(simdjson::dom::array array, std::vector<DestinationRecord>& destinations) {
  size_t i = 0;
  for (simdjson::dom::element item : array) {
    if (i >= destinations.size()) return false;
    simdjson::dom::object object;
    if (item.get_object().get(object) != simdjson::SUCCESS) return false;
    DestinationRecord& d = destinations[i];
    for (auto [key, value] : object) {
      if (key == "configuration") d.configuration_json = simdjson::minify(value);
      if (key == "detail") d.detail_json = simdjson::minify(value);
      if (key != "reconnect") continue;
      simdjson::dom::element outcome;
      if (value["due"].get_int64().get(d.reconnect_due) != simdjson::SUCCESS ||
          value["outcome"].get(outcome) != simdjson::SUCCESS ||
          !ReadString(outcome, d.reconnect_outcome)) {
        return false;
      }
    }
    ++i;
  }
  return i == destinations.size();
}

}  // namespace

std::string EncodeCompositionBody(const CompositionBody& body) {
  JsonWriter w;
  w.BeginObject();
  w.Key("destinations").BeginArray();
  for (const DestinationRecord& d : body.destinations) {
    w.BeginObject();
    WriteDestinationSummary(w, d);
    w.EndObject();
  }
  w.EndArray();
  if (!body.end_time.empty()) w.Field("endTime", body.end_time);
  w.Key("layout").Raw(body.layout_json);
  if (body.next != CompositionStep::kNone) {
    w.Key("next").BeginObject();
    w.Key("due").Int(body.next_due);
    w.Field("step", kStepNames[static_cast<int>(body.next)]);
    w.EndObject();
  }
  w.Key("outputs").BeginArray();
  for (const DestinationRecord& d : body.destinations) {
    w.BeginObject();
    w.Key("configuration").Raw(d.configuration_json);
    if (!d.detail_json.empty()) w.Key("detail").Raw(d.detail_json);
    if (d.reconnect_due != 0) {
      w.Key("reconnect").BeginObject();
      w.Key("due").Int(d.reconnect_due);
      w.Field("outcome", d.reconnect_outcome);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndArray();
  if (!body.idempotency_token.empty()) {
    w.Key("request").BeginObject();
    w.Field("fingerprint", body.fingerprint);
    w.Field("token", body.idempotency_token);
    w.EndObject();
  }
  w.Key("sessionStarted").Bool(body.session_started);
  w.Field("stageArn", body.stage_arn);
  w.Field("startTime", body.start_time);
  w.Field("state", body.state);
  w.EndObject();
  return w.Take();
}

absl::StatusOr<CompositionBody> DecodeCompositionBody(std::string_view json) {
  thread_local simdjson::dom::parser parser;
  auto corrupt = [] { return InternalError("corrupt composition record"); };
  simdjson::dom::object object;
  if (parser.parse(json.data(), json.size()).get_object().get(object) != simdjson::SUCCESS) {
    return corrupt();
  }
  CompositionBody body;
  simdjson::dom::array outputs;
  bool has_outputs = false;
  for (auto [key, value] : object) {
    bool ok = true;
    if (key == "destinations") {
      simdjson::dom::array array;
      ok = value.get_array().get(array) == simdjson::SUCCESS &&
           DecodeDestinations(array, body.destinations);
    } else if (key == "endTime") {
      ok = ReadString(value, body.end_time);
    } else if (key == "layout") {
      body.layout_json = simdjson::minify(value);
    } else if (key == "next") {
      std::string_view step;
      ok = value["due"].get_int64().get(body.next_due) == simdjson::SUCCESS &&
           value["step"].get_string().get(step) == simdjson::SUCCESS;
      for (size_t i = 1; ok && i < std::size(kStepNames); ++i) {
        if (kStepNames[i] == step) body.next = static_cast<CompositionStep>(i);
      }
      ok = ok && body.next != CompositionStep::kNone;
    } else if (key == "outputs") {
      // Read after "destinations", which come first in the body.
      ok = value.get_array().get(outputs) == simdjson::SUCCESS;
      has_outputs = true;
    } else if (key == "request") {
      simdjson::dom::element fingerprint;
      simdjson::dom::element token;
      ok = value["fingerprint"].get(fingerprint) == simdjson::SUCCESS &&
           value["token"].get(token) == simdjson::SUCCESS &&
           ReadString(fingerprint, body.fingerprint) && ReadString(token, body.idempotency_token);
    } else if (key == "sessionStarted") {
      ok = value.get_bool().get(body.session_started) == simdjson::SUCCESS;
    } else if (key == "stageArn") {
      ok = ReadString(value, body.stage_arn);
    } else if (key == "startTime") {
      ok = ReadString(value, body.start_time);
    } else if (key == "state") {
      ok = ReadString(value, body.state);
    }
    if (!ok) return corrupt();
  }
  if (!has_outputs || !DecodeOutputs(outputs, body.destinations)) return corrupt();
  return body;
}

absl::StatusOr<LoadedComposition> LoadComposition(const store::Txn& txn, const OpContext& ctx,
                                                  std::string_view arn) {
  return resources::LoadDecoded(txn, ctx, resources::ResourceType::kComposition, arn,
                                &DecodeCompositionBody);
}

absl::StatusOr<std::vector<LoadedComposition>> CompositionsOfStage(const store::Txn& txn,
                                                                   const OpContext& ctx,
                                                                   std::string_view stage_arn) {
  simdjson::dom::parser parser;
  std::vector<std::string> arns;
  RETURN_IF_ERROR(resources::ForEachSummary(
      txn, ctx, resources::ResourceType::kComposition,
      [&](std::string_view arn, std::string_view summary) {
        std::string_view stage;
        if (parser.parse(summary.data(), summary.size())["stageArn"].get_string().get(stage) ==
                simdjson::SUCCESS &&
            stage == stage_arn) {
          arns.emplace_back(arn);
        }
        return true;
      }));
  std::vector<LoadedComposition> compositions;
  for (const std::string& arn : arns) {
    ASSIGN_OR_RETURN(LoadedComposition c, LoadComposition(txn, ctx, arn));
    compositions.push_back(std::move(c));
  }
  return compositions;
}

absl::Status SaveComposition(store::Txn& txn, const OpContext& ctx, LoadedComposition& c) {
  c.resource.body = EncodeCompositionBody(c.body);
  return resources::Save(txn, ctx, c.resource);
}

void WriteComposition(JsonWriter& w, const LoadedComposition& c) {
  const CompositionBody& body = c.body;
  w.BeginObject();
  w.Field("arn", c.resource.arn);
  w.Key("destinations").BeginArray();
  for (const DestinationRecord& d : body.destinations) {
    w.BeginObject();
    w.Key("configuration").Raw(d.configuration_json);
    if (!d.detail_json.empty()) w.Key("detail").Raw(d.detail_json);
    WriteDestinationSummary(w, d);
    w.EndObject();
  }
  w.EndArray();
  if (!body.end_time.empty()) w.Field("endTime", body.end_time);
  w.Key("layout").Raw(body.layout_json);
  w.Field("stageArn", body.stage_arn);
  w.Field("startTime", body.start_time);
  w.Field("state", body.state);
  w.Key("tags").Raw(c.resource.tags_json);
  w.EndObject();
}

}  // namespace ivsrt
