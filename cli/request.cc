#include "cli/request.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "cli/coerce.h"
#include "cli/param_file.h"
#include "cli/shorthand.h"
#include "cli/text.h"

namespace ivsrt::cli {
namespace {

bool LooksLikeJson(std::string_view text) {
  std::string_view s = TrimAsciiWhitespace(text);
  return s.starts_with("{") || s.starts_with("[");
}

bool IsComplex(model::Type type) {
  return type == model::Type::kStructure || type == model::Type::kMap || type == model::Type::kList;
}

absl::Status ParamError(std::string_view flag, std::string_view message) {
  return absl::InvalidArgumentError(StrCat("Error parsing parameter '", flag, "': ", message));
}

absl::StatusOr<Json> ParseJson(std::string_view flag, std::string_view text) {
  absl::StatusOr<Json> json = Json::Parse(text);
  if (!json.ok()) {
    return ParamError(flag, StrCat("Invalid JSON: ", Msg(json.status().message()),
                                   "\nJSON received: ", Echo(text)));
  }
  return json;
}

// One structure or map (or list item of one), as JSON or shorthand. A test-control
// option (model::kNoShape) is passed on as parsed: its members are strings.
absl::StatusOr<Json> ComplexValue(const Option& option, int shape, std::string_view text,
                                  std::string_view path) {
  if (LooksLikeJson(text)) return ParseJson(option.flag, text);
  if (shape != model::kNoShape && model::ShapeAt(shape).type == model::Type::kList) {
    return ParamError(option.flag, "expected a JSON list");
  }
  absl::StatusOr<Json> parsed = ParseShorthand(text);
  if (!parsed.ok()) {
    return ParamError(option.flag, Msg(parsed.status().message()));
  }
  absl::StatusOr<Json> typed = Coerce(*parsed, shape, path);
  if (!typed.ok()) {
    return ParamError(option.flag, Msg(typed.status().message()));
  }
  return typed;
}

absl::StatusOr<Json> ScalarValue(const Option& option, model::Type type, std::string_view text) {
  absl::StatusOr<Json> v = CoerceScalar(text, type);
  if (!v.ok()) return ParamError(option.flag, Msg(v.status().message()));
  return v;
}

absl::StatusOr<Json> ListValue(const Option& option, const std::vector<std::string>& texts) {
  if (texts.size() == 1 && LooksLikeJson(texts[0]) &&
      TrimAsciiWhitespace(texts[0]).starts_with("[")) {
    return ParseJson(option.flag, texts[0]);
  }
  const int item_shape = model::ShapeAt(option.shape).member_shape;
  const model::Type item_type = model::ShapeAt(item_shape).type;
  Json list = Json::Array();
  for (size_t i = 0; i < texts.size(); ++i) {
    absl::StatusOr<Json> item =
        IsComplex(item_type)
            ? ComplexValue(option, item_shape, texts[i], StrCat(option.member, "[", i, "]"))
            : ScalarValue(option, item_type, texts[i]);
    if (!item.ok()) return item.status();
    list.Append(*std::move(item));
  }
  return list;
}

absl::StatusOr<Json> OptionValue(const Option& option, const std::vector<std::string>& given) {
  std::vector<std::string> texts;
  for (const std::string& g : given) {
    absl::StatusOr<std::string> text = ReadParamFile(g);
    if (!text.ok()) {
      return ParamError(option.flag, Msg(text.status().message()));
    }
    texts.push_back(*std::move(text));
  }
  if (option.type == model::Type::kList) return ListValue(option, texts);
  if (IsComplex(option.type)) {
    return ComplexValue(option, option.shape, texts[0], option.member);
  }
  return ScalarValue(option, option.type, texts[0]);
}

}  // namespace

absl::StatusOr<Json> BuildRequest(const Command& command, const CommandArgs& args) {
  Json request = Json::Object();
  if (args.cli_input_json) {
    absl::StatusOr<std::string> text = ReadParamFile(*args.cli_input_json);
    if (!text.ok()) {
      return ParamError("--cli-input-json", Msg(text.status().message()));
    }
    absl::StatusOr<Json> input = ParseJson("--cli-input-json", *text);
    if (!input.ok()) return input.status();
    if (!input->is_object()) {
      return ParamError("--cli-input-json", "Invalid JSON: expected a JSON object");
    }
    request = *std::move(input);
  }
  for (const auto& [option, values] : args.values) {
    absl::StatusOr<Json> value = OptionValue(*option, values);
    if (!value.ok()) return value.status();
    request.Set(option->member, *std::move(value));
  }
  std::vector<std::string_view> missing;
  for (const Option& option : command.options) {
    if (option.required && request.Find(option.member) == nullptr) {
      missing.push_back(option.flag);
    }
  }
  if (!missing.empty()) {
    return absl::InvalidArgumentError(
        StrCat("the following arguments are required: ", Join(missing, ", ")));
  }
  return request;
}

}  // namespace ivsrt::cli
