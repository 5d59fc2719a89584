// The List operations of every resource type: one page in creation order, read from the
// order index alone, with sealed, stable nextToken paging (core/ops/page_token.h).
#ifndef IVSRT_CORE_RESOURCES_LISTING_H_
#define IVSRT_CORE_RESOURCES_LISTING_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/json/value.h"
#include "core/ops/op_context.h"
#include "core/resources/resource_types.h"
#include "core/store/txn.h"

namespace ivsrt::resources {

struct ListRequest {
  std::string_view operation;    // seals the nextToken: one operation's token fits no other
  std::string_view list_member;  // the output's list member, e.g. "stages"
  int64_t max_results;           // the request's maxResults, or the operation's default
  std::string_view next_token;   // "" for the first page
};

// A List's filters (ListCompositions'): whether the resource `arn`, with `summary` (the
// summary members but arn and tags, a JSON object), is listed; an error ends the List with it.
using ListFilter = std::function<absl::StatusOr<bool>(const store::Txn& txn, std::string_view arn,
                                                      std::string_view summary)>;

// The whole List response: {"nextToken" (omitted on the last page), list_member: [{"arn",
// the summary members, "tags" when the summary shape has them}]}, the resources `keep` lists
// (empty: all). A bad nextToken is a ValidationException. A page ends early only when
// another listed resource follows: the last page has no nextToken.
absl::StatusOr<std::string> List(const OpContext& ctx, ResourceType type,
                                 const ListRequest& request, const ListFilter& keep = {});

// Calls `visit` with the ARN and summary (as for ListFilter) of every resource of
// `type` in the caller's partition, in creation order, until it returns false.
absl::Status ForEachSummary(
    const store::Txn& txn, const OpContext& ctx, ResourceType type,
    const std::function<bool(std::string_view arn, std::string_view summary)>& visit);

}  // namespace ivsrt::resources

#endif  // IVSRT_CORE_RESOURCES_LISTING_H_
