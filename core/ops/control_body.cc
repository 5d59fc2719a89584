#include "core/ops/control_body.h"

#include <algorithm>

#include "core/errors.h"
#include "core/model/model.h"
#include "core/strings.h"
#include "core/validate/pattern.h"

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
  if (error != simdjson::SUCCESS) return ValidationError("request body: malformed JSON");
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return ValidationError("request body: must be a JSON object");
  }
  return object;
}

std::optional<simdjson::dom::element> Member(simdjson::dom::object object,
                                             std::string_view member) {
  std::optional<simdjson::dom::element> found;
  for (auto [key, value] : object) {
    if (key == member) found = value;
  }
  if (found && found->is_null()) return std::nullopt;
  return found;
}

absl::StatusOr<std::string_view> RequiredString(simdjson::dom::object object,
                                                std::string_view member) {
  std::optional<simdjson::dom::element> element = Member(object, member);
  std::string_view value;
  if (!element || element->get_string().get(value) != simdjson::SUCCESS) {
    return ValidationError(StrCat(member, ": is required and must be a string"));
  }
  return value;
}

absl::StatusOr<std::string_view> RequiredModelString(simdjson::dom::object object,
                                                     std::string_view member,
                                                     std::string_view shape_name) {
  ASSIGN_OR_RETURN(std::string_view value, RequiredString(object, member));
  const model::Shape& shape = model::ShapeAt(model::FindShape(shape_name));
  const size_t min = std::max<size_t>(1, shape.has_min ? static_cast<size_t>(shape.min) : 1);
  const size_t max = static_cast<size_t>(shape.max);
  if (value.size() < min || value.size() > max ||
      (shape.pattern != model::kNoPattern && !MatchesPattern(shape.pattern, value))) {
    return ValidationError(StrCat(member, ": must be ", min, " to ", max, " characters",
                                  shape.pattern != model::kNoPattern
                                      ? StrCat(" matching ", model::Patterns()[shape.pattern])
                                      : std::string()));
  }
  return value;
}

}  // namespace ivsrt::ops
