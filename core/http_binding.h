// Binding a restJson1 request to its operation's input: each member travels
// where the service model puts it (the URI path, the query string, or the JSON
// payload), and is read from there only.
#ifndef IVSRT_CORE_HTTP_BINDING_H_
#define IVSRT_CORE_HTTP_BINDING_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "core/model/model.h"

namespace ivsrt {

// A URI label's name and its value as sent (percent-encoded).
using UriLabel = std::pair<std::string_view, std::string_view>;

// The input JSON of `op`: its URI members from `labels`, its query-string
// members from `query` (a list member takes every value of its key, any other
// the last), and the rest from `payload`, which AWS reads for nothing else: a
// payload copy of a URI or query member is ignored. Labels and query values are
// percent-decoded (a broken escape is a ValidationException naming the member).
// A payload that is not one JSON object is refused as any request body is; an
// operation without payload members ignores its payload.
absl::StatusOr<std::string> BindHttpInput(const model::Operation& op,
                                          const std::vector<UriLabel>& labels,
                                          std::string_view query, std::string_view payload);

// An operation's output as restJson1 sends it: the members `op`'s output shape binds to
// headers (StartParticipantReplication's and StopParticipantReplication's, NOTES.md 1) as
// "Name: value\r\n" lines, the others as the JSON body. Without such members the output is
// the body as is.
struct HttpOutput {
  std::string headers;
  std::string body;
};
absl::StatusOr<HttpOutput> BindHttpOutput(const model::Operation& op, std::string output_json);

}  // namespace ivsrt

#endif  // IVSRT_CORE_HTTP_BINDING_H_
