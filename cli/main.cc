// ivsrt: the aws ivs-realtime commands on an embedded store. Reads the command
// line, builds the request JSON, calls ivsrt_invoke() and prints the answer as
// the AWS CLI would; `ivsrt serve` answers them over HTTP instead (serve.h).
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.h"
#include "cli/config.h"
#include "cli/engine.h"
#include "cli/help.h"
#include "cli/json.h"
#include "cli/output.h"
#include "cli/request.h"
#include "cli/serve.h"
#include "cli/skeleton.h"
#include "cli/text.h"
#include "ivsrt/ivsrt.h"

namespace ivsrt::cli {
namespace {

// The AWS CLI's exit statuses.
constexpr int kSuccess = 0;
constexpr int kUsageError = 252;
constexpr int kConfigError = 253;
constexpr int kServiceError = 254;

void Print(FILE* stream, std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stream);
}

int UsageError(std::string_view problem) {
  Print(stderr, StrCat(UsageText(), "\nivsrt: error: ", problem, "\n"));
  return kUsageError;
}

int ConfigError(std::string_view problem) {
  Print(stderr, StrCat("ivsrt: error: ", problem, "\n"));
  return kConfigError;
}

int RunServe(const Invocation& inv) {
  if (inv.args.help) {
    Print(stdout, ServeHelp());
    return kSuccess;
  }
  absl::StatusOr<int> port = ParsePort(inv.serve->port);
  if (!port.ok()) return UsageError(Msg(port.status().message()));
  absl::StatusOr<std::string> options = EngineOptions(inv.globals);
  if (!options.ok()) return ConfigError(Msg(options.status().message()));
  if (inv.serve->engine_options) {
    options = WithEngineOptions(*options, *inv.serve->engine_options);
    if (!options.ok()) return UsageError(Msg(options.status().message()));
  }
  absl::StatusOr<Engine> engine = Engine::Open(*options);
  if (!engine.ok()) return ConfigError(Msg(engine.status().message()));
  absl::Status served = Serve(*engine, inv.serve->host, *port);
  if (!served.ok()) return ConfigError(Msg(served.message()));
  return kSuccess;
}

int Run(const std::vector<std::string>& argv) {
  absl::StatusOr<Invocation> inv = ParseArgs(argv);
  if (!inv.ok()) return UsageError(Msg(inv.status().message()));
  if (inv->globals.version) {
    Print(stdout, StrCat("ivsrt-cli/", IVSRT_VERSION, " libivsrt/", ivsrt_version(),
                         " ivs-realtime/2020-07-14\n"));
    return kSuccess;
  }
  if (inv->serve) return RunServe(*inv);
  if (inv->command == nullptr) {
    Print(stdout, TopHelp());
    return kSuccess;
  }
  const Command& command = *inv->command;
  if (inv->args.help) {
    Print(stdout, CommandHelp(command));
    return kSuccess;
  }
  if (inv->args.skeleton) {
    Print(stdout, StrCat(Skeleton(command, *inv->args.skeleton == "output").Pretty(), "\n"));
    return kSuccess;
  }
  absl::StatusOr<Json> request = BuildRequest(command, inv->args);
  if (!request.ok()) return UsageError(Msg(request.status().message()));

  absl::StatusOr<std::string> options = EngineOptions(inv->globals);
  if (!options.ok()) return ConfigError(Msg(options.status().message()));
  absl::StatusOr<Engine> engine = Engine::Open(*options);
  if (!engine.ok()) return ConfigError(Msg(engine.status().message()));

  InvokeResult result = engine->Invoke(command.operation, request->Compact());
  if (result.code != IVSRT_OK) {
    Print(stderr, StrCat("\nAn error occurred (", result.error_type, ") when calling the ",
                         command.operation, " operation: ", result.error_message, "\n"));
    return kServiceError;
  }
  absl::StatusOr<Json> response = Json::Parse(result.response);
  if (!response.ok()) {
    Print(stdout, StrCat(result.response, "\n"));
    return kSuccess;
  }
  FormatTimestamps(*response, command.output_shape);
  Print(stdout, OutputText(*response));
  return kSuccess;
}

}  // namespace
}  // namespace ivsrt::cli

int main(int argc, char** argv) {
  return ivsrt::cli::Run(std::vector<std::string>(argv + 1, argv + argc));
}
