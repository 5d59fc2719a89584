// One page of a media-plane list (ListStageSessions, ListParticipants, ListParticipantEvents,
// ListParticipantReplicas): keys under one prefix, each the prefix and an 8-byte position.
#ifndef IVSRT_CORE_OPS_KEY_PAGE_H_
#define IVSRT_CORE_OPS_KEY_PAGE_H_

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/json/value.h"
#include "core/json/writer.h"
#include "core/ops/op_context.h"
#include "core/store/txn.h"

namespace ivsrt::ops {

// Writes the item of `value` to `items` when it passes the list's filter (false: skipped).
using WriteItem = std::function<absl::StatusOr<bool>(std::string_view value, JsonWriter& items)>;

// One page of the keys under `prefix` (each the prefix and an 8-byte position), in key
// order, as {"<list_member>": [...], "nextToken"?}; maxResults defaults to 50, the documented
// default of these lists (NOTES.md 5.9). `scope` names the list (operation and parent) that
// its nextTokens are sealed to.
absl::StatusOr<std::string> Page(const OpContext& ctx, const store::Txn& txn,
                                 std::string_view scope, std::string_view list_member,
                                 store::Table table, std::string_view prefix, const Value& request,
                                 const WriteItem& write_item);

}  // namespace ivsrt::ops

#endif  // IVSRT_CORE_OPS_KEY_PAGE_H_
