// Shared by the fuzz targets: the input format, the oracles and the state
// model.
//
// An input is up to kMaxRecords records separated by "\n~~~\n"; each record is
// one call. Before a call, the placeholders in it are replaced by what the
// engine returned so far in the input, so that seeds (and their mutants) reach
// past "not found": $ARN and $ARN2 the newest and the oldest stage ARN; $TOKEN
// and $PID the last participant token and participant id (a token's, or the one
// ivsrt:JoinStage connected); $TOKEN2 and $PID2 the input's first token and its
// participant; $SID the last stage session id; $NEXT the last nextToken; $CUR
// the last ivsrt:ReceiveEvents cursor; $SC and $EC the last storage and encoder
// configuration ARNs; $IC and $KEY the last ingest configuration's ARN and stream key;
// $COMP and $DEST the last composition's ARN and its last destination's id.
#ifndef IVSRT_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define IVSRT_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.h"
#include "ivsrt/ivsrt.h"
#include "simdjson.h"
#include "tests/response_checker.h"

namespace ivsrt_fuzz {

// 32: enough for thirteen participants to get a token and join one stage (the
// twelve-publisher limit).
inline constexpr size_t kMaxRecords = 32;
inline constexpr std::string_view kSeparator = "\n~~~\n";

// A failed invariant: print what broke and abort, so libFuzzer saves the input.
[[noreturn]] inline void Fail(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "INVARIANT BROKEN: %.*s\n%.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline void Check(bool ok, std::string_view what, std::string_view detail = "") {
  if (!ok) Fail(what, detail);
}

inline std::vector<std::string_view> SplitRecords(std::string_view input) {
  std::vector<std::string_view> records;
  while (records.size() < kMaxRecords) {
    size_t at = input.find(kSeparator);
    records.push_back(input.substr(0, at));
    if (at == std::string_view::npos) break;
    input.remove_prefix(at + kSeparator.size());
  }
  return records;
}

// The HTTP status of each AWS error type the engine may answer with; 0 when not
// one.
inline int StatusOfErrorType(std::string_view type) {
  if (type == "ValidationException") return 400;
  if (type == "AccessDeniedException") return 403;
  if (type == "PendingVerification") return 403;
  if (type == "ResourceNotFoundException") return 404;
  if (type == "ConflictException") return 409;
  if (type == "ServiceQuotaExceededException") return 402;
  if (type == "InternalServerException") return 500;
  if (type == "UnknownOperationException") return 404;
  // The SigV4 layer's, answered over HTTP for a malformed credential scope.
  if (type == "IncompleteSignatureException") return 403;
  if (type == "InvalidSignatureException") return 403;
  return 0;
}

// A successful response of a model operation (ivsrt_invoke's JSON, or ivsrt_http's body)
// fits the operation's output shape.
inline void CheckFitsModel(std::string_view operation, std::string_view body,
                           ivsrt::testing::Answer answer) {
  if (ivsrt::model::FindOperation(operation) == nullptr) return;  // a test-control operation
  absl::Status fits = ivsrt::testing::CheckResponse(operation, body, answer);
  Check(fits.ok(), "response does not fit the output shape",
        std::string(operation) + ": " + std::string(fits.message()) + "\n" + std::string(body));
}

// Parses `text` as one JSON object (valid UTF-8 included), or fails the run.
inline simdjson::dom::object ParseObject(simdjson::dom::parser& parser, std::string_view text,
                                         std::string_view what) {
  simdjson::dom::object object;
  if (parser.parse(text.data(), text.size()).get_object().get(object) != simdjson::SUCCESS) {
    Fail(what, text);
  }
  return object;
}

template <typename Node>  // dom::element or dom::object
std::string_view StringAt(Node e, std::string_view pointer) {
  std::string_view s;
  if (e.at_pointer(pointer).get_string().get(s) != simdjson::SUCCESS) return {};
  return s;
}

enum class OperationStatus { kImplemented, kNotImplemented, kUnknown };

// What the engine's registry says of an operation name (ivsrt:ListOperations, asked once).
inline OperationStatus StatusOfOperation(ivsrt_engine* engine, std::string_view name) {
  static const std::map<std::string, bool, std::less<>>* const kOperations = [engine] {
    char* out = nullptr;
    size_t len = 0;
    std::string_view op = "ivsrt:ListOperations";
    Check(ivsrt_invoke(engine, op.data(), op.size(), "{}", 2, &out, &len, nullptr) == IVSRT_OK,
          "ListOperations failed");
    std::string json(out, len);
    ivsrt_free(out);
    auto* operations = new std::map<std::string, bool, std::less<>>();
    simdjson::dom::parser parser;
    simdjson::dom::array list;
    Check(ParseObject(parser, json, "ListOperations output")["operations"].get_array().get(list) ==
              simdjson::SUCCESS,
          "ListOperations without operations", json);
    for (simdjson::dom::element entry : list) {
      bool implemented = false;
      Check(entry["implemented"].get_bool().get(implemented) == simdjson::SUCCESS,
            "ListOperations entry without implemented", json);
      (*operations)[std::string(StringAt(entry, "/name"))] = implemented;
    }
    return operations;
  }();
  auto it = kOperations->find(name);
  if (it == kOperations->end()) return OperationStatus::kUnknown;
  return it->second ? OperationStatus::kImplemented : OperationStatus::kNotImplemented;
}

// Pages through ListStages and returns every ARN listed, failing the run on a
// repeated ARN or on pages that never end. `list_page` sends one ListStages
// request body and returns the 200 response body; `check_arn` sees each ARN.
template <typename ListPage, typename CheckArn>
std::set<std::string> ListEveryStage(simdjson::dom::parser& parser, ListPage list_page,
                                     CheckArn check_arn) {
  std::set<std::string> arns;
  std::string next;
  for (int page = 0;; ++page) {
    Check(page < 100, "ListStages pages never end");
    std::string body = next.empty() ? std::string(R"({"maxResults": 100})")
                                    : R"({"maxResults": 100, "nextToken": ")" + next + "\"}";
    std::string response = list_page(body);
    simdjson::dom::object root = ParseObject(parser, response, "ListStages output");
    simdjson::dom::array stages;
    Check(root["stages"].get_array().get(stages) == simdjson::SUCCESS, "no stages array", response);
    for (simdjson::dom::element s : stages) {
      std::string arn(StringAt(s, "/arn"));
      check_arn(arn);
      Check(!arn.empty() && arns.insert(arn).second, "ListStages repeats or omits an arn",
            response);
    }
    std::string_view token;
    if (root["nextToken"].get_string().get(token) != simdjson::SUCCESS) return arns;
    next = token;
  }
}

// Empties the store between inputs.
inline void Reset(ivsrt_engine* engine) {
  char* out = nullptr;
  size_t len = 0;
  Check(ivsrt_invoke(engine, "ivsrt:Reset", 11, "{}", 2, &out, &len, nullptr) == IVSRT_OK,
        "Reset failed");
  ivsrt_free(out);
}

// What the harness remembers between the calls of one input.
struct State {
  std::vector<std::string> stages;  // created and not deleted, in creation order
  std::string participant_id, token, next_token;
  std::string first_participant_id, first_token;  // of the input's first token
  std::string session_id, cursor;
  std::string storage_configuration, encoder_configuration;  // the last ARN of each returned
  std::string ingest_configuration, stream_key;              // the last returned
  std::string composition, destination;                      // the last returned
  std::set<std::string> joined_stages;  // stages ivsrt:JoinStage connected someone to

  void Clear() { *this = State(); }
  std::string Substitute(std::string_view in) const {
    std::string out;
    out.reserve(in.size());
    for (size_t i = 0; i < in.size();) {
      auto take = [&](std::string_view name, std::string_view value) {
        if (in.substr(i, name.size()) != name) return false;
        out += value;
        i += name.size();
        return true;
      };
      if (in[i] == '$' &&
          (take("$ARN2", stages.empty() ? "" : stages.front()) ||
           take("$ARN", stages.empty() ? "" : stages.back()) ||
           take("$PID2", first_participant_id) || take("$PID", participant_id) ||
           take("$TOKEN2", first_token) || take("$TOKEN", token) || take("$SID", session_id) ||
           take("$NEXT", next_token) || take("$CUR", cursor) ||
           take("$SC", storage_configuration) || take("$EC", encoder_configuration) ||
           take("$IC", ingest_configuration) || take("$KEY", stream_key) ||
           take("$COMP", composition) || take("$DEST", destination))) {
        continue;
      }
      out += in[i++];
    }
    return out;
  }
  bool Tracks(std::string_view arn) const {
    for (const std::string& s : stages) {
      if (s == arn) return true;
    }
    return false;
  }
};

// Remembers ids and tokens of a successful response; every participant token
// the engine hands out must verify at once.
inline void Learn(ivsrt_engine* engine, simdjson::dom::parser& parser, std::string_view body,
                  State& state) {
  simdjson::dom::object root = ParseObject(parser, body, "response is not a JSON object");
  std::vector<std::pair<std::string, std::string>> tokens;
  simdjson::dom::element e;
  if (root["participantToken"].get(e) == simdjson::SUCCESS) {
    tokens.emplace_back(StringAt(e, "/token"), StringAt(e, "/participantId"));
  }
  simdjson::dom::array list;
  if (root["participantTokens"].get_array().get(list) == simdjson::SUCCESS) {
    for (simdjson::dom::element t : list) {
      tokens.emplace_back(StringAt(t, "/token"), StringAt(t, "/participantId"));
    }
  }
  std::string_view text;
  if (root["nextToken"].get_string().get(text) == simdjson::SUCCESS) state.next_token = text;
  if (root["cursor"].get_string().get(text) == simdjson::SUCCESS) state.cursor = text;
  // ivsrt:JoinStage's answer, GetStageSession's and ListStageSessions' (newest first).
  if (root["participantId"].get_string().get(text) == simdjson::SUCCESS) {
    state.participant_id = text;
  }
  for (std::string_view pointer :
       {"/sessionId", "/stageSession/sessionId", "/stageSessions/0/sessionId"}) {
    if (!StringAt(root, pointer).empty()) state.session_id = StringAt(root, pointer);
  }
  if (root["storageConfiguration"].get(e) == simdjson::SUCCESS) {
    state.storage_configuration = StringAt(e, "/arn");
  }
  if (root["encoderConfiguration"].get(e) == simdjson::SUCCESS) {
    state.encoder_configuration = StringAt(e, "/arn");
  }
  if (root["ingestConfiguration"].get(e) == simdjson::SUCCESS) {
    state.ingest_configuration = StringAt(e, "/arn");
    state.stream_key = StringAt(e, "/streamKey");
  }
  if (root["composition"].get(e) == simdjson::SUCCESS) {
    state.composition = StringAt(e, "/arn");
    simdjson::dom::array destinations;
    if (e["destinations"].get_array().get(destinations) == simdjson::SUCCESS) {
      for (simdjson::dom::element d : destinations) state.destination = StringAt(d, "/id");
    }
  }
  for (const auto& [token, id] : tokens) {
    Check(!token.empty() && !id.empty(), "participant token without token or id", body);
    state.token = token;
    state.participant_id = id;
    if (state.first_token.empty()) {
      state.first_token = token;
      state.first_participant_id = id;
    }
    std::string request = "{\"token\": \"" + token + "\"}";
    char* out = nullptr;
    size_t len = 0;
    int rc = ivsrt_invoke(engine, "ivsrt:VerifyParticipantToken", 28, request.data(),
                          request.size(), &out, &len, nullptr);
    Check(rc == IVSRT_OK, "VerifyParticipantToken failed", request);
    std::string verdict(out, len);
    ivsrt_free(out);
    Check(verdict.find("\"valid\":true") != std::string::npos, "a fresh token does not verify",
          verdict);
  }
}

// Compares the stages the engine lists (`listed`) with the model: equal, or one
// tracked stage gone when the call may have been a delete. Updates the model.
inline void Reconcile(const std::set<std::string>& listed, bool may_have_deleted,
                      std::string_view call, State& state) {
  size_t missing = 0;
  for (const std::string& arn : state.stages) missing += listed.count(arn) == 0;
  for (const std::string& arn : listed) {
    Check(state.Tracks(arn), "ListStages shows a stage never created",
          std::string(call) + "\n" + arn);
  }
  Check(missing <= (may_have_deleted ? 1u : 0u), "ListStages lost a stage", call);
  std::vector<std::string> kept;
  for (const std::string& arn : state.stages) {
    if (listed.count(arn)) kept.push_back(arn);
  }
  state.stages = std::move(kept);
}

}  // namespace ivsrt_fuzz

#endif  // IVSRT_TESTS_FUZZ_FUZZ_SUPPORT_H_
