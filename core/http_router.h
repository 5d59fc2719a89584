// The HTTP entry: what an AWS SDK sends (restJson1) -> an operation, and the
// operation's result -> what the AWS endpoint answers.
#ifndef IVSRT_CORE_HTTP_ROUTER_H_
#define IVSRT_CORE_HTTP_ROUTER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/model/model.h"

namespace ivsrt {

struct HttpRequest {
  std::string_view method;
  std::string_view target;   // path and optional ?query, percent-encoded
  std::string_view headers;  // "Name: value" lines
  std::string_view body;
};

struct HttpResponse {
  int status = 200;
  std::string headers;  // "Name: value\r\n" lines
  std::string body;
};

// A request routed: the operation, its input JSON (URI and query members merged
// in) and the region the caller signed for.
struct RoutedRequest {
  const model::Operation* operation = nullptr;  // the route's operation, never null
  std::string body;
  std::string region;  // empty: the engine's own
};

// UnknownOperationError for paths and methods no operation answers
// (test-control operations included); ValidationError for a malformed label or
// query encoding or a payload that is not one JSON object; the SigV4 errors of
// RegionFromHeaders.
absl::StatusOr<RoutedRequest> RouteHttpRequest(const HttpRequest& request);

// The region of the SigV4 credential scope, else of the host name; "" when
// neither says. A malformed credential scope is refused as AWS refuses it:
// IncompleteSignatureError when it is not five '/'-separated elements,
// InvalidSignatureError when its region is not a region name ([a-z0-9-], 1 to
// 64 characters).
absl::StatusOr<std::string> RegionFromHeaders(std::string_view headers);

// The response for an operation's result.
HttpResponse MakeHttpResponse(const absl::StatusOr<std::string>& result);

}  // namespace ivsrt

#endif  // IVSRT_CORE_HTTP_ROUTER_H_
