// Gives command-line text the model's types, as the AWS CLI does before
// sending: "60" for an integer member becomes 60, "true" for a boolean true, a
// single value for a list a one-item list. Only the form is checked; the engine
// validates the values.
#ifndef IVSRT_CLI_COERCE_H_
#define IVSRT_CLI_COERCE_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "cli/json.h"
#include "core/model/model.h"

namespace ivsrt::cli {

// A scalar member of `type` given as text; strings (and blobs, timestamps) pass
// through.
absl::StatusOr<Json> CoerceScalar(std::string_view text, model::Type type);

// A value parsed from shorthand (strings, arrays and objects) for the shape at
// `shape`. `path` names the value in error messages.
absl::StatusOr<Json> Coerce(const Json& value, int shape, std::string_view path);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_COERCE_H_
