// The test-control operations' handlers; the dispatcher maps names to them. (The AWS
// operations' handlers register themselves: core/ops/registry.h.)
#ifndef IVSRT_CORE_OPS_HANDLERS_H_
#define IVSRT_CORE_OPS_HANDLERS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/ops/op_context.h"

namespace ivsrt::ops {

// control.cc: the test-control operations ("ivsrt:" names), never reachable over HTTP.
// They are not in the service model, so they read their own (small) JSON bodies.
absl::StatusOr<std::string> VerifyParticipantToken(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> SetClock(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> AdvanceClock(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> GetClock(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> Reset(const OpContext& ctx, std::string_view body);

// media_control.cc: the simulated media plane (README, "Test control").
absl::StatusOr<std::string> JoinStage(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> Publish(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> Unpublish(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> Subscribe(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> Unsubscribe(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> LeaveStage(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> ExchangeToken(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> ReceiveEvents(const OpContext& ctx, std::string_view body);

// ingest_control.cc: encoders publishing with an ingest configuration's stream key.
absl::StatusOr<std::string> StartIngest(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> StopIngest(const OpContext& ctx, std::string_view body);

// fault_control.cc: ivsrt:InjectFault, the failure paths of compositions and recordings.
absl::StatusOr<std::string> InjectFault(const OpContext& ctx, std::string_view body);

}  // namespace ivsrt::ops

#endif  // IVSRT_CORE_OPS_HANDLERS_H_
