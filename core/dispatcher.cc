#include "core/dispatcher.h"

#include <array>

#include "core/errors.h"
#include "core/model/model.h"
#include "core/ops/handlers.h"
#include "core/strings.h"
#include "core/validate/validator.h"

namespace ivsrt {
namespace {

struct AwsOperation {
  std::string_view name;
  Handler handler;
};

constexpr std::array kAwsOperations = {
    AwsOperation{"CreateStage", &ops::CreateStage},
    AwsOperation{"GetStage", &ops::GetStage},
    AwsOperation{"ListStages", &ops::ListStages},
    AwsOperation{"UpdateStage", &ops::UpdateStage},
    AwsOperation{"DeleteStage", &ops::DeleteStage},
    AwsOperation{"CreateParticipantToken", &ops::CreateParticipantToken},
    AwsOperation{"DisconnectParticipant", &ops::DisconnectParticipant},
    AwsOperation{"TagResource", &ops::TagResource},
    AwsOperation{"UntagResource", &ops::UntagResource},
    AwsOperation{"ListTagsForResource", &ops::ListTagsForResource},
    AwsOperation{"CreateStorageConfiguration", &ops::CreateStorageConfiguration},
    AwsOperation{"GetStorageConfiguration", &ops::GetStorageConfiguration},
    AwsOperation{"ListStorageConfigurations", &ops::ListStorageConfigurations},
    AwsOperation{"DeleteStorageConfiguration", &ops::DeleteStorageConfiguration},
    AwsOperation{"CreateEncoderConfiguration", &ops::CreateEncoderConfiguration},
    AwsOperation{"GetEncoderConfiguration", &ops::GetEncoderConfiguration},
    AwsOperation{"ListEncoderConfigurations", &ops::ListEncoderConfigurations},
    AwsOperation{"DeleteEncoderConfiguration", &ops::DeleteEncoderConfiguration},
};

using ControlHandler = absl::StatusOr<std::string> (*)(const OpContext&, std::string_view);
struct ControlOperation {
  std::string_view name;
  ControlHandler handler;
};

constexpr std::array kControlOperations = {
    ControlOperation{"ivsrt:VerifyParticipantToken", &ops::VerifyParticipantToken},
    ControlOperation{"ivsrt:SetClock", &ops::SetClock},
    ControlOperation{"ivsrt:AdvanceClock", &ops::AdvanceClock},
    ControlOperation{"ivsrt:GetClock", &ops::GetClock},
    ControlOperation{"ivsrt:Reset", &ops::Reset},
};

const AwsOperation* FindAwsOperation(std::string_view name) {
  for (const AwsOperation& op : kAwsOperations) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

}  // namespace

absl::Status CheckRequestSize(std::string_view body) {
  if (body.size() <= kMaxRequestBytes) return absl::OkStatus();
  return ValidationError(
      StrCat("request body: must be at most ", kMaxRequestBytes, " bytes, got ", body.size()));
}

bool IsImplementedAwsOperation(std::string_view operation) {
  return FindAwsOperation(operation) != nullptr;
}

absl::StatusOr<std::string> Dispatch(const OpContext& ctx, std::string_view operation,
                                     std::string_view body, bool strict) {
  RETURN_IF_ERROR(CheckRequestSize(body));
  if (operation.starts_with(kControlPrefix)) {
    for (const ControlOperation& op : kControlOperations) {
      if (op.name == operation) return op.handler(ctx, body);
    }
    return UnknownOperationError(StrCat("Unknown test-control operation: ", operation));
  }
  const AwsOperation* op = FindAwsOperation(operation);
  if (op == nullptr) {
    if (model::FindOperation(operation) != nullptr) {
      return UnknownOperationError(
          StrCat("Operation ", operation, " is not implemented by ivsrt yet"));
    }
    return UnknownOperationError(StrCat("Unknown operation: ", operation));
  }
  const model::Operation* modeled = model::FindOperation(operation);
  ASSIGN_OR_RETURN(Value request, ValidateRequest(body, modeled->input_shape, strict));
  return op->handler(ctx, request);
}

}  // namespace ivsrt
