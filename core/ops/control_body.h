// Reading the small JSON bodies of the test-control operations ("ivsrt:" names), which
// the service model does not describe.
#ifndef IVSRT_CORE_OPS_CONTROL_BODY_H_
#define IVSRT_CORE_OPS_CONTROL_BODY_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "simdjson.h"

namespace ivsrt::ops {

// The body's top-level object, parsed fully (these bodies are tiny and off the hot path);
// "" reads as {}. ValidationException when it is no JSON object.
absl::StatusOr<simdjson::dom::object> ParseObject(simdjson::dom::parser& parser,
                                                  std::string_view body);
// The member's value, or nullopt when absent or null. Of repeated keys the last counts, as
// for the AWS operations' bodies.
std::optional<simdjson::dom::element> Member(simdjson::dom::object object, std::string_view member);
// The string member `member`; ValidationException naming it when absent or not a string.
absl::StatusOr<std::string_view> RequiredString(simdjson::dom::object object,
                                                std::string_view member);

// The string member `member`, held to the model's string shape `shape_name` (its length and
// pattern; never empty): ValidationException naming the member otherwise.
absl::StatusOr<std::string_view> RequiredModelString(simdjson::dom::object object,
                                                     std::string_view member,
                                                     std::string_view shape_name);

}  // namespace ivsrt::ops

#endif  // IVSRT_CORE_OPS_CONTROL_BODY_H_
