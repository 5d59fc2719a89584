// --generate-cli-skeleton: a JSON document of a shape's members with
// placeholder values
// ("" for strings, 0 for numbers, the first value of an enum), as the AWS CLI
// generates it.
#ifndef IVSRT_CLI_SKELETON_H_
#define IVSRT_CLI_SKELETON_H_

#include "cli/commands.h"
#include "cli/json.h"

namespace ivsrt::cli {

// The input skeleton of a command, or its output skeleton ({} when it has
// none).
Json Skeleton(const Command& command, bool output);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_SKELETON_H_
