#include "cli/skeleton.h"

#include <string>
#include <vector>

#include "absl/algorithm/container.h"

namespace ivsrt::cli {
namespace {

// `open` holds the structures being expanded; a structure that contains itself
// stops there.
Json Placeholder(int shape_index, std::vector<int>& open) {
  const model::Shape& shape = model::ShapeAt(shape_index);
  switch (shape.type) {
    case model::Type::kStructure: {
      Json out = Json::Object();
      if (absl::c_linear_search(open, shape_index)) return out;
      open.push_back(shape_index);
      for (const model::Member& m : shape.members) {
        out.Set(std::string(m.name), Placeholder(m.shape, open));
      }
      open.pop_back();
      return out;
    }
    case model::Type::kList: {
      Json out = Json::Array();
      out.Append(Placeholder(shape.member_shape, open));
      return out;
    }
    case model::Type::kMap: {
      Json out = Json::Object();
      out.Set("KeyName", Placeholder(shape.value_shape, open));
      return out;
    }
    case model::Type::kInteger:
    case model::Type::kLong:
      return Json::Number("0");
    case model::Type::kFloat:
    case model::Type::kDouble:
      return Json::Number("0.0");
    case model::Type::kBoolean:
      return Json::Bool(true);
    case model::Type::kTimestamp:
      return Json::String("1970-01-01T00:00:00");
    case model::Type::kString:
      if (!shape.enum_values.empty()) {
        return Json::String(std::string(shape.enum_values[0]));
      }
      return Json::String("");
    case model::Type::kBlob:
      return Json::String("");
  }
  return Json();
}

}  // namespace

Json Skeleton(const Command& command, bool output) {
  std::vector<int> open;
  const int shape = output ? command.output_shape : command.input_shape;
  if (shape != model::kNoShape) return Placeholder(shape, open);
  Json out = Json::Object();
  if (!output) {
    for (const Option& o : command.options) {
      if (o.type == model::Type::kStructure) {
        out.Set(o.member, Json::Object());
      } else if (o.type == model::Type::kInteger) {
        out.Set(o.member, Json::Number("0"));
      } else {
        out.Set(o.member, Json::String(""));
      }
    }
  }
  return out;
}

}  // namespace ivsrt::cli
