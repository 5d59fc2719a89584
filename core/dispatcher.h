// Operation name -> handler: the registry's for the AWS operations (core/ops/registry.h),
// its own table for the test-control ones.
#ifndef IVSRT_CORE_DISPATCHER_H_
#define IVSRT_CORE_DISPATCHER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/ops/op_context.h"

namespace ivsrt {

// Test-control operations are named with this prefix, which no AWS operation
// name can have.
inline constexpr std::string_view kControlPrefix = "ivsrt:";
// Larger request bodies are a ValidationException.
inline constexpr size_t kMaxRequestBytes = size_t{1} << 20;
absl::Status CheckRequestSize(std::string_view body);

// Runs `operation` on `body`: reads and validates it against the model (strict:
// unknown members rejected), then calls the operation's handler. Unknown names,
// and valid requests of operations not implemented yet, are UnknownOperationError.
absl::StatusOr<std::string> Dispatch(const OpContext& ctx, std::string_view operation,
                                     std::string_view body, bool strict);

}  // namespace ivsrt

#endif  // IVSRT_CORE_DISPATCHER_H_
