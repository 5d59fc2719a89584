#include "core/dispatcher.h"

#include <array>

#include "core/errors.h"
#include "core/json/writer.h"
#include "core/media/live_session.h"
#include "core/ops/handlers.h"
#include "core/ops/registry.h"
#include "core/strings.h"
#include "core/validate/validator.h"

namespace ivsrt {
namespace {

using ControlHandler = absl::StatusOr<std::string> (*)(const OpContext&, std::string_view);
struct ControlOperation {
  std::string_view name;
  ControlHandler handler;
};

absl::StatusOr<std::string> ListOperations(const OpContext& ctx, std::string_view body);

constexpr std::array kControlOperations = {
    ControlOperation{"ivsrt:VerifyParticipantToken", &ops::VerifyParticipantToken},
    ControlOperation{"ivsrt:SetClock", &ops::SetClock},
    ControlOperation{"ivsrt:AdvanceClock", &ops::AdvanceClock},
    ControlOperation{"ivsrt:GetClock", &ops::GetClock},
    ControlOperation{"ivsrt:Reset", &ops::Reset},
    ControlOperation{"ivsrt:JoinStage", &ops::JoinStage},
    ControlOperation{"ivsrt:Publish", &ops::Publish},
    ControlOperation{"ivsrt:Unpublish", &ops::Unpublish},
    ControlOperation{"ivsrt:Subscribe", &ops::Subscribe},
    ControlOperation{"ivsrt:Unsubscribe", &ops::Unsubscribe},
    ControlOperation{"ivsrt:LeaveStage", &ops::LeaveStage},
    ControlOperation{"ivsrt:ExchangeToken", &ops::ExchangeToken},
    ControlOperation{"ivsrt:ReceiveEvents", &ops::ReceiveEvents},
    ControlOperation{"ivsrt:StartIngest", &ops::StartIngest},
    ControlOperation{"ivsrt:StopIngest", &ops::StopIngest},
    ControlOperation{"ivsrt:InjectFault", &ops::InjectFault},
    ControlOperation{"ivsrt:ListOperations", &ListOperations},
};

// Every name Dispatch answers: the model's operations (implemented or not), then the
// test-control ones. Here rather than in ops/control.cc, as it reads the control table.
absl::StatusOr<std::string> ListOperations(const OpContext&, std::string_view) {
  JsonWriter w;
  w.BeginObject().Key("operations").BeginArray();
  for (const registry::Entry& op : registry::Operations()) {
    w.BeginObject().Field("name", op.model->name);
    w.Key("implemented").Bool(op.handler != nullptr).EndObject();
  }
  for (const ControlOperation& op : kControlOperations) {
    w.BeginObject().Field("name", op.name);
    w.Key("implemented").Bool(true).EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

}  // namespace

absl::Status CheckRequestSize(std::string_view body) {
  if (body.size() <= kMaxRequestBytes) return absl::OkStatus();
  return ValidationError(
      StrCat("request body: must be at most ", kMaxRequestBytes, " bytes, got ", body.size()));
}

absl::StatusOr<std::string> Dispatch(const OpContext& ctx, std::string_view operation,
                                     std::string_view body, bool strict) {
  RETURN_IF_ERROR(CheckRequestSize(body));
  if (operation.starts_with(kControlPrefix)) {
    for (const ControlOperation& op : kControlOperations) {
      if (op.name != operation) continue;
      // Whatever the clock has made due happens before the call observes the store.
      if (op.handler != &ops::Reset) RETURN_IF_ERROR(media::ApplyDueTransitions(ctx));
      return op.handler(ctx, body);
    }
    return UnknownOperationError(StrCat("Unknown test-control operation: ", operation));
  }
  RETURN_IF_ERROR(registry::Check());
  const registry::Entry* op = registry::FindOperation(operation);
  if (op == nullptr) return UnknownOperationError(StrCat("Unknown operation: ", operation));
  // Not implemented yet or not, a request is held against the model first, so bad input is
  // the ValidationException AWS would answer.
  ASSIGN_OR_RETURN(Value request, ValidateRequest(body, op->model->input_shape, strict));
  if (op->handler == nullptr) {
    return UnknownOperationError(
        StrCat("Operation ", operation, " is not implemented by ivsrt yet"));
  }
  RETURN_IF_ERROR(media::ApplyDueTransitions(ctx));
  return op->handler(ctx, request);
}

}  // namespace ivsrt
