#include "core/http_router.h"

#include <vector>

#include "absl/random/random.h"
#include "core/arn.h"
#include "core/dispatcher.h"
#include "core/errors.h"
#include "core/http_binding.h"
#include "core/json/writer.h"
#include "core/model/model.h"
#include "core/strings.h"

namespace ivsrt {
namespace {

std::string NewRequestId() {
  thread_local absl::InsecureBitGen gen;
  uint64_t a = absl::Uniform<uint64_t>(gen);
  uint64_t b = absl::Uniform<uint64_t>(gen);
  a = (a & ~uint64_t{0xF000}) | 0x4000;                      // version 4
  b = (b & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);  // RFC 4122 variant
  // 8-4-4-4-12 lower-case hex digits, written by hand: absl::StrFormat was a tenth of
  // an HTTP GetStage.
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "00000000-0000-0000-0000-000000000000";
  int bit = 64;
  for (size_t i = 0; i < 18; ++i) {
    if (id[i] == '-') continue;
    bit -= 4;
    id[i] = kHex[(a >> bit) & 0xF];
  }
  bit = 64;
  for (size_t i = 19; i < id.size(); ++i) {
    if (id[i] == '-') continue;
    bit -= 4;
    id[i] = kHex[(b >> bit) & 0xF];
  }
  return id;
}

// `path` cut at its first `n - 1` slashes: the last piece keeps the rest, '/'
// included.
std::vector<std::string_view> Segments(std::string_view path, size_t n) {
  std::vector<std::string_view> segments;
  for (size_t slash; segments.size() + 1 < n && (slash = path.find('/')) != path.npos;) {
    segments.push_back(path.substr(0, slash));
    path.remove_prefix(slash + 1);
  }
  segments.push_back(path);
  return segments;
}

// The operation whose "METHOD /path/{label}" template the request matches, and
// the labels' values as sent (percent-encoded). A label ending the template
// also takes any unencoded '/' after it ("/tags/arn:aws:ivs:...:stage/abc"), as
// SDKs encode it anyway.
const model::Operation* MatchRoute(std::string_view method, std::string_view path,
                                   std::vector<UriLabel>& labels) {
  // Each operation's template split once (the model's strings are static); splitting
  // them on every request was a third of an HTTP GetStage's allocations.
  struct Route {
    const model::Operation* op;
    std::vector<std::string_view> pattern;
  };
  static const std::vector<Route>* const routes = [] {
    auto* table = new std::vector<Route>();
    for (const model::Operation& op : model::Operations()) {
      std::string_view uri = op.request_uri.substr(0, op.request_uri.find('?'));
      table->push_back(Route{&op, Split(uri, '/')});
    }
    return table;
  }();
  // The path cut for each template length met so far (two or three pieces).
  std::vector<std::vector<std::string_view>> cuts;
  for (const Route& route : *routes) {
    const model::Operation& op = *route.op;
    if (op.http_method != method) continue;
    const std::vector<std::string_view>& pattern = route.pattern;
    if (cuts.size() <= pattern.size()) cuts.resize(pattern.size() + 1);
    if (cuts[pattern.size()].empty()) cuts[pattern.size()] = Segments(path, pattern.size());
    const std::vector<std::string_view>& segments = cuts[pattern.size()];
    if (pattern.size() != segments.size()) continue;
    labels.clear();
    bool match = true;
    for (size_t i = 0; match && i < pattern.size(); ++i) {
      if (pattern[i].size() > 2 && pattern[i].front() == '{' && pattern[i].back() == '}') {
        labels.emplace_back(pattern[i].substr(1, pattern[i].size() - 2), segments[i]);
      } else {
        match = pattern[i] == segments[i];
      }
    }
    if (match) return &op;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<RoutedRequest> RouteHttpRequest(const HttpRequest& request) {
  std::string_view target = request.target;
  std::string_view path = target.substr(0, target.find('?'));
  std::string_view query =
      path.size() < target.size() ? target.substr(path.size() + 1) : std::string_view();
  RoutedRequest routed;
  // The signature is judged first, as AWS authenticates a request before
  // routing it.
  ASSIGN_OR_RETURN(routed.region, RegionFromHeaders(request.headers));
  std::vector<UriLabel> labels;
  // Only modeled routes; the test-control names never match one.
  const model::Operation* op = MatchRoute(request.method, path, labels);
  if (op == nullptr) {
    return UnknownOperationError(StrCat("No operation answers ", request.method, " ", path));
  }
  routed.operation = op;
  ASSIGN_OR_RETURN(routed.body, BindHttpInput(*op, labels, query, request.body));
  return routed;
}

absl::StatusOr<std::string> RegionFromHeaders(std::string_view headers) {
  std::string host_region;
  for (std::string_view line : Split(headers, '\n', /*skip_empty=*/true)) {
    line = TrimAsciiWhitespace(line);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = TrimAsciiWhitespace(line.substr(0, colon));
    std::string_view value = TrimAsciiWhitespace(line.substr(colon + 1));
    if (EqualsIgnoreAsciiCase(name, "authorization")) {
      // AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, ...
      size_t at = value.find("Credential=");
      if (at == std::string_view::npos) continue;
      std::string_view scope = value.substr(at + 11);
      scope = scope.substr(0, scope.find_first_of(", "));
      std::vector<std::string_view> parts = Split(scope, '/');
      // AWS's words for both (aws-sdk-js-v3#5576: InvalidSignatureException;
      // yet-another-cloudwatch-exporter#169: IncompleteSignatureException);
      // both 403 as API Gateway answers them (core/errors.h).
      if (parts.size() != 5) {
        return IncompleteSignatureError(
            StrCat("Credential must have exactly 5 slash-delimited elements, e.g. "
                   "keyid/date/region/service/term, got '",
                   Echo(scope), "'"));
      }
      if (!IsRegionName(parts[2])) {
        return InvalidSignatureError(
            StrCat("Credential should be scoped to a valid region, not '", Echo(parts[2]), "'"));
      }
      return std::string(parts[2]);
    } else if (EqualsIgnoreAsciiCase(name, "host")) {
      // ivsrealtime.REGION.amazonaws.com (also -fips and dual-stack forms)
      std::vector<std::string_view> labels = Split(value, '.');
      if (labels.size() >= 3 && labels[0].starts_with("ivsrealtime") && IsRegionName(labels[1])) {
        host_region = std::string(labels[1]);
      }
    }
  }
  return host_region;
}

HttpResponse MakeHttpResponse(const absl::StatusOr<std::string>& result) {
  HttpResponse response;
  response.headers =
      StrCat("Content-Type: application/json\r\nx-amzn-RequestId: ", NewRequestId(), "\r\n");
  if (result.ok()) {
    response.body = *result;
    return response;
  }
  const ErrorType& error = ErrorTypeOf(result.status());
  response.status = error.http_status;
  std::string type = SignatureErrorType(result.status());
  if (type.empty()) type = error.name;
  StrAppend(&response.headers, "x-amzn-ErrorType: ", type, "\r\n");
  JsonWriter w;
  w.BeginObject();
  w.Field("exceptionMessage", ToStd(result.status().message()));
  w.Field("message", ToStd(result.status().message()));
  w.EndObject();
  response.body = w.Take();
  return response;
}

}  // namespace ivsrt
