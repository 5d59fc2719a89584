// libFuzzer target for ivsrt_invoke: each record is "OperationName\nbody".
//
// Invariants, beyond "no crash, no leak, no UB": every call returns a JSON
// object or an error of one of the model's seven types
// (UnknownOperationException for every name the engine does not know, never for
// one it implements; an operation of the model not implemented yet answers
// ValidationException or UnknownOperationException),
// with the matching code and status; no InternalServerException; every
// response of a model operation fits its output shape; every participant token
// handed out verifies; ListStages shows exactly the stages created and not
// deleted; ivsrt:JoinStage answers joined with a session id of the model's
// pattern on a stage of the input, or one of the documented reasons; and at the
// end of each input, the media plane's oracle (media_oracle.h) holds.
#include <cctype>
#include <cstdint>
#include <cstring>
#include <set>
#include <string>
#include <string_view>

#include "ivsrt/ivsrt.h"
#include "simdjson.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/media_oracle.h"

namespace {

using ivsrt_fuzz::Check;
using ivsrt_fuzz::State;

ivsrt_engine* engine = nullptr;

struct Result {
  int rc = 0;
  std::string body;
  std::string error_type;
};

Result Invoke(std::string_view op, std::string_view body) {
  char* out = reinterpret_cast<char*>(1);
  size_t len = 1;
  ivsrt_error* error = nullptr;
  Result r;
  r.rc = ivsrt_invoke(engine, op.data(), op.size(), body.data(), body.size(), &out, &len, &error);
  std::string call = std::string(op) + "\n" + std::string(body);
  if (r.rc == IVSRT_OK) {
    Check(out != nullptr && error == nullptr, "success without a response", call);
    Check(out[len] == '\0' && std::strlen(out) == len, "response length or NUL wrong", call);
    r.body.assign(out, len);
    ivsrt_free(out);
    ivsrt_fuzz::CheckFitsModel(op, r.body, ivsrt::testing::Answer::kInvoke);
    return r;
  }
  Check(out == nullptr && len == 0, "failure left an output set", call);
  Check(error != nullptr, "failure without an error", call);
  r.error_type = ivsrt_error_type(error);
  int status = ivsrt_fuzz::StatusOfErrorType(r.error_type);
  Check(status != 0, "error type outside the model", r.error_type + "\n" + call);
  Check(ivsrt_error_http_status(error) == status, "error status does not match its type", call);
  Check(ivsrt_error_code(error) == r.rc, "error code differs from the return code", call);
  Check(ivsrt_error_message(error) != nullptr, "error without a message", call);
  ivsrt_error_free(error);
  Check(r.error_type != "InternalServerException", "InternalServerException", call);
  bool unknown = r.error_type == "UnknownOperationException";
  switch (ivsrt_fuzz::StatusOfOperation(engine, op)) {
    case ivsrt_fuzz::OperationStatus::kImplemented:
      Check(!unknown, "UnknownOperationException for an implemented operation", call);
      break;
    case ivsrt_fuzz::OperationStatus::kNotImplemented:
      Check(unknown || r.error_type == "ValidationException",
            "an operation not implemented yet answered neither ValidationException nor "
            "UnknownOperationException",
            call);
      break;
    case ivsrt_fuzz::OperationStatus::kUnknown:
      Check(unknown, "no UnknownOperationException for an unknown operation", call);
      break;
  }
  return r;
}

std::set<std::string> ListAllStages(simdjson::dom::parser& parser) {
  return ivsrt_fuzz::ListEveryStage(
      parser,
      [](const std::string& body) {
        Result r = Invoke("ListStages", body);
        Check(r.rc == IVSRT_OK, "ListStages failed", r.error_type);
        return r.body;
      },
      [](const std::string&) {});
}

// ivsrt:JoinStage's answer: {"joined": true, "participantId", "stageArn", "sessionId"}
// on a stage this input created, or {"joined": false, "reason"} of the contract.
void CheckJoin(simdjson::dom::parser& parser, const std::string& body, State& state) {
  simdjson::dom::object root = ivsrt_fuzz::ParseObject(parser, body, "JoinStage output");
  bool joined = false;
  Check(root["joined"].get_bool().get(joined) == simdjson::SUCCESS, "JoinStage without joined",
        body);
  if (!joined) {
    std::string_view reason = ivsrt_fuzz::StringAt(root, "/reason");
    Check(reason == "malformed" || reason == "bad_signature" || reason == "expired" ||
              reason == "revoked" || reason == "stage_deleted",
          "JoinStage refused with an undocumented reason", body);
    return;
  }
  std::string arn(ivsrt_fuzz::StringAt(root, "/stageArn"));
  std::string_view sid = ivsrt_fuzz::StringAt(root, "/sessionId");
  bool sid_ok = sid.size() == 16 && sid.starts_with("st-");
  for (char c : sid.substr(3)) sid_ok &= std::isalnum(static_cast<unsigned char>(c)) != 0;
  Check(sid_ok, "JoinStage's sessionId does not match st-[a-zA-Z0-9]{13}", body);
  Check(!ivsrt_fuzz::StringAt(root, "/participantId").empty(), "JoinStage without participantId",
        body);
  Check(state.Tracks(arn), "JoinStage joined a stage the input does not have", body);
  state.joined_stages.insert(arn);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::string options =
      R"({"durability": "nosync", "seed": 1, "clock": "2026-01-02T03:04:05Z",
          "quotas": {"stages": 20, "stageSubscribers": 3}})";
  ivsrt_error* error = nullptr;
  if (ivsrt_engine_open(options.data(), options.size(), &engine, &error) != IVSRT_OK) {
    ivsrt_fuzz::Fail("cannot open the engine", ivsrt_error_message(error));
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static simdjson::dom::parser parser;
  // Only an input that changed something needs the store reset for the next
  // one.
  static bool dirty = true;
  State state;
  if (dirty) {
    ivsrt_fuzz::Reset(engine);
    Invoke("ivsrt:SetClock", R"({"time": "2026-01-02T03:04:05Z"})");
    dirty = false;
  }
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (std::string_view record : ivsrt_fuzz::SplitRecords(input)) {
    size_t nl = record.find('\n');
    std::string op(record.substr(0, nl));
    std::string body =
        nl == std::string_view::npos ? std::string() : state.Substitute(record.substr(nl + 1));
    Result r = Invoke(op, body);
    std::string call = op + "\n" + body;
    dirty |= r.rc == IVSRT_OK;
    if (r.rc == IVSRT_OK) {
      if (op == "ivsrt:Reset") state.Clear();
      ivsrt_fuzz::Learn(engine, parser, r.body, state);
      if (op == "CreateStage") {
        simdjson::dom::object root = ivsrt_fuzz::ParseObject(parser, r.body, "CreateStage output");
        std::string arn(ivsrt_fuzz::StringAt(root, "/stage/arn"));
        Check(!arn.empty() && !state.Tracks(arn), "CreateStage without a new arn", r.body);
        state.stages.push_back(arn);
      }
      if (op == "ivsrt:JoinStage") CheckJoin(parser, r.body, state);
    }
    // A failed call must change nothing: checked after the next success or at
    // the end.
    if (r.rc == IVSRT_OK) {
      ivsrt_fuzz::Reconcile(ListAllStages(parser), op == "DeleteStage", call, state);
    }
  }
  ivsrt_fuzz::Reconcile(ListAllStages(parser), false, "(end of input)", state);
  ivsrt_fuzz::CheckMediaPlane(parser, state, [](std::string_view op, std::string_view body) {
    Result r = Invoke(op, body);
    return ivsrt_fuzz::Answer{r.error_type, r.body};
  });
  return 0;
}
