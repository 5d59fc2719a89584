// nextToken values: opaque, sealed with an HMAC over the partition, the
// operation and the store's generation, so a forged, altered or foreign token,
// or one from before an ivsrt:Reset, is a ValidationException. A token holds
// the position after the last item returned, so paging stays stable while items
// come and go.
#ifndef IVSRT_CORE_OPS_PAGE_TOKEN_H_
#define IVSRT_CORE_OPS_PAGE_TOKEN_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/ops/op_context.h"

namespace ivsrt {

// Both read the generation in `txn`, the transaction that reads the page.
absl::StatusOr<std::string> SealPageToken(const OpContext& ctx, const store::Txn& txn,
                                          std::string_view operation, uint64_t position);
absl::StatusOr<uint64_t> OpenPageToken(const OpContext& ctx, const store::Txn& txn,
                                       std::string_view operation, std::string_view token);

// maxResults of a List request (every List operation of the model names it so), or its
// default.
int64_t MaxResults(const Value& request, int64_t fallback);

}  // namespace ivsrt

#endif  // IVSRT_CORE_OPS_PAGE_TOKEN_H_
