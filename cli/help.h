// "ivsrt help" (the list of commands) and "ivsrt <command> help" (its options,
// with their shorthand and JSON syntax and the model's constraints), as the AWS
// CLI's help pages.
#ifndef IVSRT_CLI_HELP_H_
#define IVSRT_CLI_HELP_H_

#include <string>

#include "cli/commands.h"

namespace ivsrt::cli {

std::string TopHelp();
std::string CommandHelp(const Command& command);
// "ivsrt serve help".
std::string ServeHelp();
// The usage lines printed before a usage error.
std::string UsageText();

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_HELP_H_
