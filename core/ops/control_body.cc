#include "core/ops/control_body.h"

#include "core/errors.h"
#include "core/strings.h"

namespace ivsrt::ops {

// The body's top-level object, parsed fully (these bodies are tiny and off the
// hot path).
absl::StatusOr<simdjson::dom::object> ParseObject(simdjson::dom::parser& parser,
                                                  std::string_view body) {
  if (body.empty()) body = "{}";
  simdjson::dom::element root;
  simdjson::dom::object object;
  simdjson::error_code error = parser.parse(body.data(), body.size()).get(root);
  if (error == simdjson::NUMBER_ERROR) {
    // The DOM parser refuses the whole body at such a number; say so, not
    // that the body is no object.
    return ValidationError(
        "request body: a number is malformed or beyond the 64-bit integer "
        "range");
  }
  if (error != simdjson::SUCCESS || root.get_object().get(object) != simdjson::SUCCESS) {
    return ValidationError("request body: must be a JSON object");
  }
  return object;
}

absl::StatusOr<std::string_view> RequiredString(simdjson::dom::object object,
                                                std::string_view member) {
  std::string_view value;
  if (object[member].get_string().get(value) != simdjson::SUCCESS) {
    return ValidationError(StrCat(member, ": is required and must be a string"));
  }
  return value;
}

}  // namespace ivsrt::ops
