// The List operations of every resource type: one page in creation order, read from the
// order index alone, with sealed, stable nextToken paging (core/ops/page_token.h).
#ifndef IVSRT_CORE_RESOURCES_LISTING_H_
#define IVSRT_CORE_RESOURCES_LISTING_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/json/value.h"
#include "core/ops/op_context.h"
#include "core/resources/resource_types.h"

namespace ivsrt::resources {

struct ListRequest {
  std::string_view operation;    // seals the nextToken: one operation's token fits no other
  std::string_view list_member;  // the output's list member, e.g. "stages"
  int64_t max_results;           // the request's maxResults, or the operation's default
  std::string_view next_token;   // "" for the first page
};

// The whole List response: {"nextToken" (omitted on the last page), list_member: [{"arn",
// the summary members, "tags" when the summary shape has them}]}. A bad nextToken is a
// ValidationException.
absl::StatusOr<std::string> List(const OpContext& ctx, ResourceType type,
                                 const ListRequest& request);

}  // namespace ivsrt::resources

#endif  // IVSRT_CORE_RESOURCES_LISTING_H_
