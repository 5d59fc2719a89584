// Whole operations for resource types whose stored body is exactly their output members
// (storage and encoder configurations, ...): each runs in one transaction and writes the
// response {output_member: {"arn", body members, "tags"}}. A family calls them after its own
// rules; the stage family, whose output is computed, uses the lower layer instead.
#ifndef IVSRT_CORE_RESOURCES_OPERATIONS_H_
#define IVSRT_CORE_RESOURCES_OPERATIONS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/json/value.h"
#include "core/ops/op_context.h"
#include "core/resources/resource_types.h"

namespace ivsrt::resources {

// Create with the request's `tags` member (a map Value or nullptr; "aws:" keys are a
// ValidationException) and `body`.
absl::StatusOr<std::string> CreateOperation(const OpContext& ctx, ResourceType type,
                                            const Value* tags, std::string body,
                                            std::string_view output_member);
// Get by ARN (errors as resources::Load).
absl::StatusOr<std::string> GetOperation(const OpContext& ctx, ResourceType type,
                                         std::string_view arn, std::string_view output_member);
// Delete by ARN, answering {} (errors as resources::Load and resources::Delete).
absl::StatusOr<std::string> DeleteOperation(const OpContext& ctx, ResourceType type,
                                            std::string_view arn);

}  // namespace ivsrt::resources

#endif  // IVSRT_CORE_RESOURCES_OPERATIONS_H_
