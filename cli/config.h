// The engine options of one invocation, from global options, then the
// environment, then defaults: data directory (IVSRT_DATA_DIR;
// $XDG_DATA_HOME/ivsrt or ~/.local/share/ivsrt), region (AWS_REGION,
// AWS_DEFAULT_REGION; us-east-1) and account id (engine default).
#ifndef IVSRT_CLI_CONFIG_H_
#define IVSRT_CLI_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "cli/args.h"

namespace ivsrt::cli {

// The options JSON for ivsrt_engine_open(); creates the data directory on first
// use.
absl::StatusOr<std::string> EngineOptions(const GlobalOptions& globals);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_CONFIG_H_
