#include "core/ops/key_page.h"

#include <optional>

#include "core/errors.h"
#include "core/model/members.h"
#include "core/ops/page_token.h"
#include "core/store/codec.h"
#include "core/strings.h"

namespace ivsrt::ops {
namespace {

constexpr int64_t kDefaultPage = 50;

}  // namespace

absl::StatusOr<std::string> Page(const OpContext& ctx, const store::Txn& txn,
                                 std::string_view scope, std::string_view list_member,
                                 store::Table table, std::string_view prefix, const Value& request,
                                 const WriteItem& write_item) {
  const int64_t max_results = MaxResults(request, kDefaultPage);
  uint64_t from = 0;
  std::string_view next_token = StringOr(request, members::ListStagesRequest::nextToken, "");
  if (!next_token.empty()) {
    ASSIGN_OR_RETURN(from, OpenPageToken(ctx, txn, scope, next_token));
  }
  JsonWriter items;
  items.BeginArray();
  int64_t count = 0;
  std::optional<uint64_t> next;  // the position of the next page's first item
  absl::Status failure;
  RETURN_IF_ERROR(txn.Scan(table, prefix, StrCat(prefix, store::BigEndian64(from)),
                           [&](std::string_view key, std::string_view value) {
                             std::optional<uint64_t> position =
                                 store::ParseBigEndian64(key.substr(prefix.size()));
                             if (!position) return true;  // not an item key of this list
                             if (count == max_results) {
                               // Only an item that passes the filter makes another page.
                               JsonWriter probe;
                               absl::StatusOr<bool> passes = write_item(value, probe);
                               if (!passes.ok()) failure = passes.status();
                               if (passes.ok() && *passes) next = *position;
                               return passes.ok() && !*passes;
                             }
                             absl::StatusOr<bool> written = write_item(value, items);
                             if (!written.ok()) {
                               failure = written.status();
                               return false;
                             }
                             if (*written) ++count;
                             return true;
                           }));
  RETURN_IF_ERROR(failure);
  items.EndArray();
  JsonWriter w;
  w.BeginObject();
  if (next) {
    ASSIGN_OR_RETURN(std::string token, SealPageToken(ctx, txn, scope, *next));
    w.Field("nextToken", token);
  }
  w.Key(list_member).Raw(items.str());
  w.EndObject();
  return w.Take();
}

}  // namespace ivsrt::ops
