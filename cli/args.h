// The command line, read the way the AWS CLI reads it:
//   ivsrt [global options] [ivs-realtime] <command> [options] [help]
// Global options may also follow the command. Values are kept as typed;
// request.h turns them into the request.
#ifndef IVSRT_CLI_ARGS_H_
#define IVSRT_CLI_ARGS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/commands.h"

namespace ivsrt::cli {

struct GlobalOptions {
  std::optional<std::string> data_dir;
  std::optional<std::string> region;
  std::optional<std::string> account_id;
  bool version = false;
};

struct CommandArgs {
  // Each option given, once, with its values (a later occurrence replaces an
  // earlier one). A boolean option's value is "true" (--force) or "false"
  // (--no-force).
  std::vector<std::pair<const Option*, std::vector<std::string>>> values;
  std::optional<std::string> cli_input_json;
  std::optional<std::string> skeleton;  // "input" or "output"
  bool help = false;                    // "help": the command's page, or the list of commands
};

// `ivsrt serve [--host H] [--port N] [--engine-options JSON]`, as typed.
struct ServeArgs {
  std::string host = "127.0.0.1";
  std::string port = "4567";
  std::optional<std::string> engine_options;
};

struct Invocation {
  GlobalOptions globals;
  const Command* command = nullptr;  // nullptr with args.help, globals.version or serve
  CommandArgs args;
  std::optional<ServeArgs> serve;  // `ivsrt serve`; args.help for its page
};

// InvalidArgument names the usage problem ("Unknown options: --foo").
absl::StatusOr<Invocation> ParseArgs(const std::vector<std::string>& argv);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_ARGS_H_
