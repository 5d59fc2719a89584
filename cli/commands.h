// The one table of commands: every operation of the service model becomes a
// command whose options are its input members (CreateStage -> create-stage,
// participantTokenConfigurations
// -> --participant-token-configurations), plus the engine's test-control
// operations.
#ifndef IVSRT_CLI_COMMANDS_H_
#define IVSRT_CLI_COMMANDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.h"

namespace ivsrt::cli {

struct Option {
  std::string flag;    // "--participant-token-configurations"
  std::string member;  // "participantTokenConfigurations"
  model::Type type;
  int shape;  // index into model::Shapes(), or model::kNoShape (test-control
              // members)
  bool required;
  // What the option means, for test-control options (the model has no
  // documentation to give the others); printed by "<command> help".
  std::string doc = {};
};

struct Command {
  std::string name;       // "create-stage"
  std::string operation;  // "CreateStage", or "ivsrt:VerifyParticipantToken"
  int input_shape;        // or model::kNoShape
  int output_shape;       // or model::kNoShape
  bool test_control;
  std::vector<Option> options;  // in model member order
  // What a test-control command does and prints (help.cc); empty for the
  // model's operations.
  std::string doc = {};
};

// Sorted by name.
const std::vector<Command>& Commands();
// nullptr when there is no such command.
const Command* FindCommand(std::string_view name);
const Option* FindOption(const Command& command, std::string_view flag);

// botocore's xform_name with dashes: "CreateStage" -> "create-stage",
// "filterByStageArn" -> "filter-by-stage-arn".
std::string DashedName(std::string_view camel_case);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_COMMANDS_H_
