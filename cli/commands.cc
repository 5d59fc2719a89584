#include "cli/commands.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "cli/test_control.h"
#include "cli/text.h"

namespace ivsrt::cli {
namespace {

bool IsUpper(char c) { return absl::ascii_isupper(static_cast<unsigned char>(c)); }
bool IsLower(char c) { return absl::ascii_islower(static_cast<unsigned char>(c)); }
bool IsDigit(char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); }

Command FromModel(const model::Operation& op) {
  Command c{DashedName(op.name),    std::string(op.name),
            op.input_shape,         op.output_shape,
            /*test_control=*/false, {}};
  if (op.input_shape == model::kNoShape) return c;
  for (const model::Member& m : model::ShapeAt(op.input_shape).members) {
    c.options.push_back(Option{StrCat("--", DashedName(m.name)), std::string(m.name),
                               model::ShapeAt(m.shape).type, m.shape, m.required});
  }
  return c;
}

std::vector<Command> Build() {
  std::vector<Command> commands;
  for (const model::Operation& op : model::Operations()) {
    commands.push_back(FromModel(op));
  }
  for (Command& c : TestControlCommands()) commands.push_back(std::move(c));
  std::sort(commands.begin(), commands.end(),
            [](const Command& a, const Command& b) { return a.name < b.name; });
  return commands;
}

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command>* const kCommands = new std::vector<Command>(Build());
  return *kCommands;
}

const Command* FindCommand(std::string_view name) {
  for (const Command& c : Commands()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const Option* FindOption(const Command& command, std::string_view flag) {
  for (const Option& o : command.options) {
    if (o.flag == flag) return &o;
  }
  return nullptr;
}

// botocore applies two rules: a capitalized word gets a separator before it
// ("(.)([A-Z][a-z]+)"), then a capital after a lowercase letter or digit does
// ("([a-z0-9])([A-Z])").
std::string DashedName(std::string_view name) {
  std::string first;
  for (size_t i = 0; i < name.size(); ++i) {
    if (i > 0 && IsUpper(name[i]) && i + 1 < name.size() && IsLower(name[i + 1]) &&
        first.back() != '-') {
      first.push_back('-');
    }
    first.push_back(name[i]);
  }
  std::string out;
  for (size_t i = 0; i < first.size(); ++i) {
    if (i > 0 && IsUpper(first[i]) && (IsLower(first[i - 1]) || IsDigit(first[i - 1]))) {
      out.push_back('-');
    }
    out.push_back(first[i]);
  }
  return absl::AsciiStrToLower(out);
}

}  // namespace ivsrt::cli
