#include "core/http_router.h"

#include <vector>

#include "absl/random/random.h"
#include "core/strings.h"
#include "absl/strings/str_format.h"
#include "core/dispatcher.h"
#include "core/errors.h"
#include "core/json/writer.h"
#include "core/model/model.h"

namespace ivsrt {
namespace {

constexpr std::string_view kTagsPrefix = "/tags/";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// False on a broken %XX escape.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return true;
}

bool IsRegionName(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

std::string NewRequestId() {
  thread_local absl::InsecureBitGen gen;
  uint64_t a = absl::Uniform<uint64_t>(gen);
  uint64_t b = absl::Uniform<uint64_t>(gen);
  a = (a & ~uint64_t{0xF000}) | 0x4000;                          // version 4
  b = (b & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);      // RFC 4122 variant
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", a >> 32, (a >> 16) & 0xFFFF, a & 0xFFFF,
                         b >> 48, b & 0xFFFFFFFFFFFFull);
}

// `{"resourceArn": arn, ...body members}`: the URI member is appended last, so it wins
// over a same-named member in the body.
absl::StatusOr<std::string> WithResourceArn(std::string_view body, std::string_view arn) {
  std::string_view trimmed = TrimAsciiWhitespace(body);
  std::string arn_member;
  AppendJsonString(arn_member, "resourceArn");
  arn_member += ':';
  AppendJsonString(arn_member, arn);
  if (trimmed.empty()) return StrCat("{", arn_member, "}");
  if (trimmed.front() != '{' || trimmed.back() != '}') {
    return ValidationError("request body: must be a JSON object");
  }
  std::string_view inner = TrimAsciiWhitespace(trimmed.substr(1, trimmed.size() - 2));
  if (inner.empty()) return StrCat("{", arn_member, "}");
  return StrCat(trimmed.substr(0, trimmed.size() - 1), ",", arn_member, "}");
}

absl::StatusOr<RoutedRequest> RouteTags(std::string_view method, std::string_view label,
                                        std::string_view query, std::string_view body) {
  std::string arn;
  if (!PercentDecode(label, false, arn)) {
    return ValidationError("resourceArn: malformed percent-encoding in the request path");
  }
  RoutedRequest routed;
  if (method == "GET") {
    routed.operation = "ListTagsForResource";
    ASSIGN_OR_RETURN(routed.body, WithResourceArn("", arn));
  } else if (method == "POST") {
    routed.operation = "TagResource";
    ASSIGN_OR_RETURN(routed.body, WithResourceArn(body, arn));
  } else if (method == "DELETE") {
    routed.operation = "UntagResource";
    JsonWriter w;
    w.BeginObject().Field("resourceArn", arn);
    bool any_key = false;
    for (std::string_view pair : Split(query, '&', /*skip_empty=*/true)) {
      size_t eq = pair.find('=');
      std::string_view name = pair.substr(0, eq);
      std::string_view value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
      if (name != "tagKeys") continue;
      if (!any_key) w.Key("tagKeys").BeginArray();
      any_key = true;
      std::string key;
      if (!PercentDecode(value, true, key)) {
        return ValidationError("tagKeys: malformed percent-encoding in the query string");
      }
      w.String(key);
    }
    if (any_key) w.EndArray();
    w.EndObject();
    routed.body = w.Take();
  } else {
    return UnknownOperationError(StrCat("No operation answers ", method, " /tags/"));
  }
  return routed;
}

}  // namespace

absl::StatusOr<RoutedRequest> RouteHttpRequest(const HttpRequest& request) {
  std::string_view target = request.target;
  std::string_view path = target.substr(0, target.find('?'));
  std::string_view query =
      path.size() < target.size() ? target.substr(path.size() + 1) : std::string_view();
  RoutedRequest routed;
  if (path.starts_with(kTagsPrefix)) {
    ASSIGN_OR_RETURN(routed, RouteTags(request.method, path.substr(kTagsPrefix.size()), query,
                                       request.body));
  } else {
    std::string_view name = path.starts_with("/") ? path.substr(1) : path;
    const model::Operation* op = model::FindOperation(name);
    // Only modeled "POST /Name" routes; the test-control names never match one.
    if (op == nullptr || op->http_method != request.method ||
        op->request_uri != StrCat("/", name)) {
      return UnknownOperationError(
          StrCat("No operation answers ", request.method, " ", path));
    }
    routed.operation = std::string(name);
    routed.body = std::string(request.body);
  }
  routed.region = RegionFromHeaders(request.headers);
  return routed;
}

std::string RegionFromHeaders(std::string_view headers) {
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
      if (parts.size() == 5 && IsRegionName(parts[2])) return std::string(parts[2]);
    } else if (EqualsIgnoreAsciiCase(name, "host")) {
      // ivsrealtime.REGION.amazonaws.com (also -fips and dual-stack forms)
      std::vector<std::string_view> labels = Split(value, '.');
      if (labels.size() >= 3 && labels[0].starts_with("ivsrealtime") &&
          IsRegionName(labels[1])) {
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
  std::string_view type;
  if (IsUnknownOperation(result.status())) {
    type = "UnknownOperationException";
    response.status = 404;
  } else {
    AwsError error = AwsErrorOf(result.status());
    type = AwsErrorTypeName(error);
    response.status = AwsErrorHttpStatus(error);
  }
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
