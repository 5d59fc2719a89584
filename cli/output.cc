#include "cli/output.h"

#include <string>

#include "absl/strings/ascii.h"
#include "cli/text.h"
#include "core/model/model.h"

namespace ivsrt::cli {

std::string IsoFormat(std::string_view ts) {
  // YYYY-MM-DDTHH:MM:SS[.fraction]Z
  constexpr size_t kSeconds = 19;
  if (ts.size() < kSeconds + 1 || !ts.ends_with("Z") || ts[10] != 'T') {
    return std::string(ts);
  }
  std::string_view fraction = ts.substr(kSeconds, ts.size() - kSeconds - 1);
  std::string micros;
  if (!fraction.empty()) {
    if (fraction[0] != '.' || fraction.size() < 2) return std::string(ts);
    std::string digits(fraction.substr(1));
    for (char c : digits) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
        return std::string(ts);
      }
    }
    digits.resize(6, '0');
    if (digits != "000000") micros = StrCat(".", digits);
  }
  return StrCat(ts.substr(0, kSeconds), micros, "+00:00");
}

void FormatTimestamps(Json& value, int shape_index) {
  if (shape_index == model::kNoShape) return;
  const model::Shape& shape = model::ShapeAt(shape_index);
  switch (shape.type) {
    case model::Type::kTimestamp:
      if (value.is_string()) value = Json::String(IsoFormat(value.text()));
      return;
    case model::Type::kStructure:
      if (!value.is_object()) return;
      for (Json::Member& m : value.members()) {
        for (const model::Member& member : shape.members) {
          if (member.name == m.first) FormatTimestamps(m.second, member.shape);
        }
      }
      return;
    case model::Type::kMap:
      if (!value.is_object()) return;
      for (Json::Member& m : value.members()) {
        FormatTimestamps(m.second, shape.value_shape);
      }
      return;
    case model::Type::kList:
      if (!value.is_array()) return;
      for (Json& item : value.items()) {
        FormatTimestamps(item, shape.member_shape);
      }
      return;
    default:
      return;
  }
}

std::string OutputText(const Json& response) {
  if (response.is_object() && response.members().empty()) return "";
  return StrCat(response.Pretty(), "\n");
}

}  // namespace ivsrt::cli
