// libFuzzer target for ivsrt_http: each record is a request written as on the
// wire, "METHOD TARGET\nHeader: value\n...\n\nbody".
//
// Invariants, beyond "no crash, no leak, no UB": the status is one AWS answers
// with; the headers carry Content-Type and x-amzn-RequestId, and on errors an
// x-amzn-ErrorType of the model's seven (or UnknownOperationException, 404, or
// a SigV4 error: IncompleteSignatureException or InvalidSignatureException,
// 403) that matches the status; the body is a JSON object ({"exceptionMessage",
// "message"} on errors); no 500; a 200 body fits the output shape of the
// operation the request routes to; every participant token handed out verifies;
// and ListStages, in every region the input touched, shows exactly the stages
// created and not deleted.
#include <cstdint>
#include <cstring>
#include <set>
#include <string>
#include <string_view>

#include "core/http_router.h"
#include "ivsrt/ivsrt.h"
#include "simdjson.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using ivsrt_fuzz::Check;
using ivsrt_fuzz::State;

ivsrt_engine* engine = nullptr;

struct Response {
  int status = 0;
  std::string headers, body;
};

std::string_view HeaderValue(std::string_view headers, std::string_view name) {
  size_t at = headers.find(std::string(name) + ": ");
  if (at == std::string_view::npos || (at != 0 && headers[at - 1] != '\n')) return {};
  std::string_view rest = headers.substr(at + name.size() + 2);
  return rest.substr(0, rest.find("\r\n"));
}

Response Http(std::string_view method, std::string_view target, std::string_view headers,
              std::string_view body, simdjson::dom::parser& parser) {
  Response r;
  char* h = nullptr;
  char* b = nullptr;
  size_t hlen = 0, blen = 0;
  ivsrt_error* error = nullptr;
  int rc =
      ivsrt_http(engine, method.data(), method.size(), target.data(), target.size(), headers.data(),
                 headers.size(), body.data(), body.size(), &r.status, &h, &hlen, &b, &blen, &error);
  std::string call = std::string(method) + " " + std::string(target) + "\n" + std::string(headers) +
                     "\n\n" + std::string(body);
  Check(rc == IVSRT_OK && error == nullptr, "ivsrt_http produced no response", call);
  Check(h != nullptr && b != nullptr && h[hlen] == '\0' && b[blen] == '\0',
        "response buffers missing or not NUL-terminated", call);
  r.headers.assign(h, hlen);
  r.body.assign(b, blen);
  ivsrt_free(h);
  ivsrt_free(b);
  Check(HeaderValue(r.headers, "Content-Type") == "application/json", "no Content-Type", r.headers);
  Check(HeaderValue(r.headers, "x-amzn-RequestId").size() == 36, "no x-amzn-RequestId", r.headers);
  simdjson::dom::object root = ivsrt_fuzz::ParseObject(parser, r.body, "body is not a JSON object");
  if (r.status == 200) {
    Check(HeaderValue(r.headers, "x-amzn-ErrorType").empty(), "200 with an error type", call);
    absl::StatusOr<ivsrt::RoutedRequest> routed =
        ivsrt::RouteHttpRequest({method, target, headers, body});
    Check(routed.ok(), "200 for a request no operation answers", call);
    ivsrt_fuzz::CheckFitsModel(routed->operation->name, r.body, ivsrt::testing::Answer::kHttpBody);
    return r;
  }
  std::string_view type = HeaderValue(r.headers, "x-amzn-ErrorType");
  Check(ivsrt_fuzz::StatusOfErrorType(type) == r.status,
        "status and x-amzn-ErrorType disagree, or the type is not the model's",
        r.headers + "\n" + call);
  Check(r.status != 500, "500 InternalServerException", call);
  std::string_view message;
  Check(root["exceptionMessage"].get_string().get(message) == simdjson::SUCCESS,
        "error body without exceptionMessage", r.body);
  return r;
}

std::string HostHeader(std::string_view region) {
  return "Host: ivsrealtime." + std::string(region) + ".amazonaws.com";
}

std::string_view RegionOfArn(std::string_view arn) {  // arn:aws:ivs:REGION:...
  size_t start = std::string_view("arn:aws:ivs:").size();
  if (arn.size() < start) return {};
  return arn.substr(start, arn.find(':', start) - start);
}

std::set<std::string> ListAllStages(const std::set<std::string>& regions,
                                    simdjson::dom::parser& parser) {
  std::set<std::string> arns;
  for (const std::string& region : regions) {
    std::set<std::string> listed = ivsrt_fuzz::ListEveryStage(
        parser,
        [&](const std::string& body) {
          Response r = Http("POST", "/ListStages", HostHeader(region), body, parser);
          Check(r.status == 200, "ListStages failed", r.body);
          return r.body;
        },
        [&](const std::string& arn) {
          Check(RegionOfArn(arn) == region, "ListStages shows another region's stage", arn);
        });
    arns.insert(listed.begin(), listed.end());
  }
  return arns;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::string options =
      R"({"durability": "nosync", "seed": 2, "clock": "2026-01-02T03:04:05Z",
          "quotas": {"stages": 20}})";
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
  std::set<std::string> regions = {"us-east-1"};
  if (dirty) {
    ivsrt_fuzz::Reset(engine);
    dirty = false;
  }
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (std::string_view raw : ivsrt_fuzz::SplitRecords(input)) {
    std::string record = state.Substitute(raw);
    std::string_view rest = record;
    size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
    size_t sp = line.find(' ');
    std::string_view method = line.substr(0, sp);
    std::string_view target = sp == std::string_view::npos ? "" : line.substr(sp + 1);
    size_t blank = rest.find("\n\n");
    std::string_view headers = rest.substr(0, blank);
    std::string_view body = blank == std::string_view::npos ? "" : rest.substr(blank + 2);
    Response r = Http(method, target, headers, body, parser);
    dirty |= r.status == 200;
    if (r.status == 200) {
      ivsrt_fuzz::Learn(engine, parser, r.body, state);
      simdjson::dom::object root = ivsrt_fuzz::ParseObject(parser, r.body, "output");
      std::string arn(ivsrt_fuzz::StringAt(root, "/stage/arn"));
      if (!arn.empty() && !state.Tracks(arn)) {  // only CreateStage shows an unseen stage
        state.stages.push_back(arn);
        regions.insert(std::string(RegionOfArn(arn)));
      }
    }
    // Only an empty 200 answer ({}) can be DeleteStage. A failed call must
    // change nothing: checked after the next success or at the end.
    if (r.status == 200) {
      ivsrt_fuzz::Reconcile(ListAllStages(regions, parser), r.body == "{}", record, state);
    }
  }
  ivsrt_fuzz::Reconcile(ListAllStages(regions, parser), false, "(end of input)", state);
  return 0;
}
