// One generic walker: a request body checked against its operation's input
// shape.
#ifndef IVSRT_CORE_VALIDATE_VALIDATOR_H_
#define IVSRT_CORE_VALIDATE_VALIDATOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/json/value.h"

namespace ivsrt {

// Containers nested deeper than this (the outermost is level 1) are rejected.
// On-Demand does not enforce parser::max_depth (simdjson 3.0.1 only asserts it
// in development builds), so the walker counts, and its recursion stays bounded
// whatever the input.
inline constexpr int kMaxRequestDepth = 64;

// Checks `json` (a request body; empty means {}) against the structure shape
// `input_shape` (an index into model::Shapes()) and returns its modeled
// members. Any violation is a ValidationException whose message names the
// member path and the rule, e.g. "name: must match [a-zA-Z0-9-_]*". Unknown
// members are skipped (still checked to be well-formed JSON), or rejected when
// `strict`.
absl::StatusOr<Value> ValidateRequest(std::string_view json, int input_shape, bool strict);

// One top-level member of a request body: its name and its value's JSON text.
struct RawMember {
  std::string name;  // unescaped
  std::string json;
};
// The top-level members of a request body (empty means {}), in order, after the
// checks ValidateRequest makes of any body whatever its shape: valid UTF-8, one
// JSON object and nothing after it, nesting within the limit. A violation is
// the ValidationException that ValidateRequest would answer for it.
absl::StatusOr<std::vector<RawMember>> ReadRequestMembers(std::string_view json);

}  // namespace ivsrt

#endif  // IVSRT_CORE_VALIDATE_VALIDATOR_H_
