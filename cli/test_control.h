// The test-control commands: the engine's "ivsrt:" operations, which the
// service model does not know, with their options typed and documented here
// (the shapes are the README's "Test-control operations" table).
#ifndef IVSRT_CLI_TEST_CONTROL_H_
#define IVSRT_CLI_TEST_CONTROL_H_

#include <vector>

#include "cli/commands.h"

namespace ivsrt::cli {

// verify-participant-token, join-stage, publish, unpublish, subscribe,
// unsubscribe, leave-stage, exchange-token and receive-events, unsorted; each
// with test_control set, model::kNoShape for its shapes and its options', and
// a doc for itself and each option.
std::vector<Command> TestControlCommands();

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_TEST_CONTROL_H_
