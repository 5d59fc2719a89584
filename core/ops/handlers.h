// Every operation handler, by resource family. The registry maps names to them.
#ifndef IVSRT_CORE_OPS_HANDLERS_H_
#define IVSRT_CORE_OPS_HANDLERS_H_

#include <string>

#include "absl/status/statusor.h"
#include "core/json/value.h"
#include "core/ops/op_context.h"

namespace ivsrt::ops {

// stages.cc
absl::StatusOr<std::string> CreateStage(const OpContext& ctx, const Value& request);
absl::StatusOr<std::string> GetStage(const OpContext& ctx, const Value& request);
absl::StatusOr<std::string> ListStages(const OpContext& ctx, const Value& request);
absl::StatusOr<std::string> UpdateStage(const OpContext& ctx, const Value& request);
absl::StatusOr<std::string> DeleteStage(const OpContext& ctx, const Value& request);

// participants.cc
absl::StatusOr<std::string> CreateParticipantToken(const OpContext& ctx, const Value& request);
absl::StatusOr<std::string> DisconnectParticipant(const OpContext& ctx, const Value& request);

// tags.cc
absl::StatusOr<std::string> TagResource(const OpContext& ctx, const Value& request);
absl::StatusOr<std::string> UntagResource(const OpContext& ctx, const Value& request);
absl::StatusOr<std::string> ListTagsForResource(const OpContext& ctx, const Value& request);

// storage_configurations.cc
absl::StatusOr<std::string> CreateStorageConfiguration(const OpContext& ctx, const Value& request);
absl::StatusOr<std::string> GetStorageConfiguration(const OpContext& ctx, const Value& request);
absl::StatusOr<std::string> ListStorageConfigurations(const OpContext& ctx, const Value& request);
absl::StatusOr<std::string> DeleteStorageConfiguration(const OpContext& ctx, const Value& request);

// encoder_configurations.cc
absl::StatusOr<std::string> CreateEncoderConfiguration(const OpContext& ctx, const Value& request);
absl::StatusOr<std::string> GetEncoderConfiguration(const OpContext& ctx, const Value& request);
absl::StatusOr<std::string> ListEncoderConfigurations(const OpContext& ctx, const Value& request);
absl::StatusOr<std::string> DeleteEncoderConfiguration(const OpContext& ctx, const Value& request);

// control.cc: the test-control operations ("ivsrt:" names), never reachable over HTTP.
// They are not in the service model, so they read their own (small) JSON bodies.
absl::StatusOr<std::string> VerifyParticipantToken(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> SetClock(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> AdvanceClock(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> GetClock(const OpContext& ctx, std::string_view body);
absl::StatusOr<std::string> Reset(const OpContext& ctx, std::string_view body);

}  // namespace ivsrt::ops

#endif  // IVSRT_CORE_OPS_HANDLERS_H_
