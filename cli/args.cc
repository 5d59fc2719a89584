#include "cli/args.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "cli/text.h"

namespace ivsrt::cli {
namespace {

bool IsFlag(std::string_view token) { return token.starts_with("--"); }

// The AWS CLI accepts both "--name value" and "--name=value".
struct Token {
  std::string flag;
  std::optional<std::string> inline_value;
};
Token Split(std::string_view token) {
  size_t eq = token.find('=');
  if (eq == std::string_view::npos) return {std::string(token), std::nullopt};
  return {std::string(token.substr(0, eq)), std::string(token.substr(eq + 1))};
}

class ArgReader {
 public:
  explicit ArgReader(const std::vector<std::string>& argv) : argv_(argv) {}

  absl::StatusOr<Invocation> Read() {
    Invocation inv;
    bool seen_service = false;
    while (i_ < argv_.size()) {
      const std::string& token = argv_[i_];
      if (IsFlag(token)) {
        absl::StatusOr<bool> global = Global(inv.globals);
        if (!global.ok()) return global.status();
        if (!*global) unknown_.push_back(token);
        continue;
      }
      ++i_;
      if (inv.command == nullptr && !seen_service && token == "ivs-realtime") {
        seen_service = true;
        continue;
      }
      if (inv.command == nullptr && token == "help") {
        inv.args.help = true;
        return Done(std::move(inv));
      }
      if (inv.command == nullptr && !inv.serve && token == "serve") {
        absl::Status s = ServeOptions(inv);
        if (!s.ok()) return s;
        continue;
      }
      inv.command = FindCommand(token);
      if (inv.command == nullptr) {
        return absl::InvalidArgumentError(StrCat("argument command: Invalid choice '", Echo(token),
                                                 "'; 'ivsrt help' lists the commands"));
      }
      absl::Status s = CommandOptions(inv);
      if (!s.ok()) return s;
    }
    return Done(std::move(inv));
  }

 private:
  absl::StatusOr<Invocation> Done(Invocation inv) {
    if (!unknown_.empty()) {
      return absl::InvalidArgumentError(StrCat("Unknown options: ", Echo(Join(unknown_, ", "))));
    }
    if (inv.command == nullptr && !inv.serve && !inv.globals.version && !inv.args.help) {
      return absl::InvalidArgumentError("the following arguments are required: command");
    }
    return inv;
  }

  // The flag's value (inline, or the next token); moves past both.
  absl::StatusOr<std::string> OneValue(const Token& t) {
    ++i_;
    if (t.inline_value) return *t.inline_value;
    if (i_ >= argv_.size() || IsFlag(argv_[i_])) {
      return absl::InvalidArgumentError(StrCat("argument ", t.flag, ": expected one argument"));
    }
    return argv_[i_++];
  }

  // Consumes the flag at i_ and its value; true if it is a global option.
  absl::StatusOr<bool> Global(GlobalOptions& g) {
    Token t = Split(argv_[i_]);
    std::optional<std::string>* target = nullptr;
    if (t.flag == "--data-dir") target = &g.data_dir;
    if (t.flag == "--region") target = &g.region;
    if (t.flag == "--account-id") target = &g.account_id;
    if (target != nullptr) {
      absl::StatusOr<std::string> v = OneValue(t);
      if (!v.ok()) return v.status();
      *target = *std::move(v);
      return true;
    }
    if (t.flag == "--version" && !t.inline_value) {
      g.version = true;
      ++i_;
      return true;
    }
    // Accepted so that commands copied from AWS CLI scripts run unchanged.
    if (t.flag == "--output") {
      absl::StatusOr<std::string> v = OneValue(t);
      if (!v.ok()) return v.status();
      if (*v != "json") {
        return absl::InvalidArgumentError(
            StrCat("argument --output: only 'json' is supported, not '", Echo(*v), "'"));
      }
      return true;
    }
    if (t.flag == "--no-cli-pager" && !t.inline_value) {
      ++i_;
      return true;
    }
    ++i_;
    return false;
  }

  // After the command, a word that is not a flag's value: "help", else unknown.
  // Consumes it and returns true; false at a flag.
  bool Positional(Invocation& inv) {
    const std::string& token = argv_[i_];
    if (IsFlag(token)) return false;
    ++i_;
    if (token == "help") {
      inv.args.help = true;
    } else {
      unknown_.push_back(token);
    }
    return true;
  }

  absl::Status ServeOptions(Invocation& inv) {
    ServeArgs& serve = inv.serve.emplace();
    while (i_ < argv_.size()) {
      const std::string& token = argv_[i_];
      if (Positional(inv)) continue;
      Token t = Split(token);
      std::string* target = t.flag == "--host"   ? &serve.host
                            : t.flag == "--port" ? &serve.port
                                                 : nullptr;
      if (target != nullptr || t.flag == "--engine-options") {
        absl::StatusOr<std::string> v = OneValue(t);
        if (!v.ok()) return v.status();
        if (target != nullptr) {
          *target = *std::move(v);
        } else {
          serve.engine_options = *std::move(v);
        }
        continue;
      }
      absl::StatusOr<bool> global = Global(inv.globals);
      if (!global.ok()) return global.status();
      if (!*global) unknown_.push_back(token);
    }
    return absl::OkStatus();
  }

  absl::Status CommandOptions(Invocation& inv) {
    const Command& command = *inv.command;
    while (i_ < argv_.size()) {
      const std::string& token = argv_[i_];
      if (Positional(inv)) continue;
      Token t = Split(token);
      if (t.flag == "--cli-input-json") {
        absl::StatusOr<std::string> v = OneValue(t);
        if (!v.ok()) return v.status();
        inv.args.cli_input_json = *std::move(v);
        continue;
      }
      if (t.flag == "--generate-cli-skeleton") {
        ++i_;
        std::string kind = t.inline_value.value_or("input");
        if (!t.inline_value && i_ < argv_.size() &&
            (argv_[i_] == "input" || argv_[i_] == "output")) {
          kind = argv_[i_++];
        }
        if (kind != "input" && kind != "output") {
          return absl::InvalidArgumentError(
              StrCat("argument --generate-cli-skeleton: Invalid choice '", Echo(kind),
                     "', valid choices are: input | output"));
        }
        inv.args.skeleton = kind;
        continue;
      }
      if (const Option* option = FindOption(command, t.flag)) {
        absl::StatusOr<std::vector<std::string>> values = Values(*option, t);
        if (!values.ok()) return values.status();
        Set(inv.args, option, *std::move(values));
        continue;
      }
      if (const Option* negated = Negated(command, t.flag); negated && !t.inline_value) {
        ++i_;
        Set(inv.args, negated, {"false"});
        continue;
      }
      absl::StatusOr<bool> global = Global(inv.globals);
      if (!global.ok()) return global.status();
      if (!*global) unknown_.push_back(token);
    }
    return absl::OkStatus();
  }

  // "--no-force" for a boolean option "--force".
  static const Option* Negated(const Command& command, std::string_view flag) {
    if (!flag.starts_with("--no-")) return nullptr;
    const Option* o = FindOption(command, StrCat("--", flag.substr(5)));
    return o != nullptr && o->type == model::Type::kBoolean ? o : nullptr;
  }

  absl::StatusOr<std::vector<std::string>> Values(const Option& option, const Token& t) {
    if (option.type == model::Type::kBoolean) {
      ++i_;
      if (t.inline_value) return std::vector<std::string>{*t.inline_value};
      return std::vector<std::string>{"true"};
    }
    if (option.type != model::Type::kList) {
      absl::StatusOr<std::string> v = OneValue(t);
      if (!v.ok()) return v.status();
      return std::vector<std::string>{*std::move(v)};
    }
    ++i_;
    std::vector<std::string> values;
    if (t.inline_value) values.push_back(*t.inline_value);
    while (i_ < argv_.size() && !IsFlag(argv_[i_])) {
      values.push_back(argv_[i_++]);
    }
    if (values.empty()) {
      return absl::InvalidArgumentError(
          StrCat("argument ", t.flag, ": expected at least one argument"));
    }
    return values;
  }

  static void Set(CommandArgs& args, const Option* option, std::vector<std::string> values) {
    for (auto& entry : args.values) {
      if (entry.first == option) {
        entry.second = std::move(values);
        return;
      }
    }
    args.values.emplace_back(option, std::move(values));
  }

  const std::vector<std::string>& argv_;
  size_t i_ = 0;
  std::vector<std::string> unknown_;
};

}  // namespace

absl::StatusOr<Invocation> ParseArgs(const std::vector<std::string>& argv) {
  return ArgReader(argv).Read();
}

}  // namespace ivsrt::cli
