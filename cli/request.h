// The request JSON of one command: --cli-input-json first, then each option
// given on the command line over it, each value read as the AWS CLI reads it
// (file:// contents, JSON, shorthand or plain text).
#ifndef IVSRT_CLI_REQUEST_H_
#define IVSRT_CLI_REQUEST_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/json.h"

namespace ivsrt::cli {

// InvalidArgument names the usage problem (malformed value, missing required
// option).
absl::StatusOr<Json> BuildRequest(const Command& command, const CommandArgs& args);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_REQUEST_H_
