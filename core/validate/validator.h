// One generic walker: a request body checked against its operation's input shape.
#ifndef IVSRT_CORE_VALIDATE_VALIDATOR_H_
#define IVSRT_CORE_VALIDATE_VALIDATOR_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "core/json/value.h"

namespace ivsrt {

// Checks `json` (a request body; empty means {}) against the structure shape
// `input_shape` (an index into model::Shapes()) and returns its modeled members.
// Any violation is a ValidationException whose message names the member path and the
// rule, e.g. "name: must match [a-zA-Z0-9-_]*". Unknown members are skipped (still
// checked to be well-formed JSON), or rejected when `strict`.
absl::StatusOr<Value> ValidateRequest(std::string_view json, int input_shape, bool strict);

}  // namespace ivsrt

#endif  // IVSRT_CORE_VALIDATE_VALIDATOR_H_
