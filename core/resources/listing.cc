#include "core/resources/listing.h"

#include <vector>

#include "core/arn.h"
#include "core/errors.h"
#include "core/json/writer.h"
#include "core/model/model.h"
#include "core/ops/page_token.h"
#include "core/resources/record.h"
#include "core/resources/resources.h"
#include "core/store/codec.h"
#include "core/strings.h"

namespace ivsrt::resources {
namespace {

bool SummaryHasTags(ResourceType type) {
  const model::Shape& shape = model::ShapeAt(model::FindShape(Info(type).summary_shape));
  for (const model::Member& member : shape.members) {
    if (member.name == "tags") return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<std::string> List(const OpContext& ctx, ResourceType type,
                                 const ListRequest& request, const ListFilter& keep) {
  const bool with_tags = SummaryHasTags(type);
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    uint64_t from_seq = 0;
    if (!request.next_token.empty()) {
      ASSIGN_OR_RETURN(from_seq, OpenPageToken(ctx, txn, request.operation, request.next_token));
    }
    const std::string prefix = TypePrefix(ctx, type);
    // One ARN buffer for the page: building each ARN anew was a sixth of ListStages.
    std::string arn = MakeArn(ctx.region, ctx.account, Info(type).arn_type, "");
    const size_t arn_prefix = arn.size();
    JsonWriter items;
    items.BeginArray();
    int64_t count = 0;
    bool more = false;
    uint64_t next_seq = 0;  // the first item of the next page
    absl::Status failed;
    RETURN_IF_ERROR(
        txn.Scan(store::Table::kOrder, prefix, StrCat(prefix, store::BigEndian64(from_seq)),
                 [&](std::string_view key, std::string_view value) {
                   auto entry = DecodeOrderEntry(value);
                   if (!entry) {
                     failed = InternalError(StrCat("corrupt order entry under ", prefix));
                     return false;
                   }
                   arn.resize(arn_prefix);
                   arn += entry->id;
                   if (keep) {
                     absl::StatusOr<bool> kept = keep(txn, arn, entry->summary);
                     if (!kept.ok()) {
                       failed = kept.status();
                       return false;
                     }
                     if (!*kept) return true;
                   }
                   // A next page only when another resource is listed.
                   if (count == request.max_results) {
                     more = true;
                     next_seq = *store::ParseBigEndian64(key.substr(prefix.size()));
                     return false;
                   }
                   // Every summary shape's members sort before "tags" (resources_test checks the
                   // model): the entry is in AWS's alphabetical order without parsing the summary.
                   items.BeginObject().Field("arn", arn).RawMembers(entry->summary);
                   if (with_tags) items.Key("tags").Raw(entry->tags_json);
                   items.EndObject();
                   ++count;
                   return true;
                 }));
    RETURN_IF_ERROR(failed);
    items.EndArray();
    JsonWriter w;
    w.BeginObject();
    if (more) {
      ASSIGN_OR_RETURN(std::string token, SealPageToken(ctx, txn, request.operation, next_seq));
      w.Field("nextToken", token);
    }
    w.Key(request.list_member).Raw(items.str());
    w.EndObject();
    response = w.Take();
    return absl::OkStatus();
  }));
  return response;
}

absl::Status ForEachSummary(
    const store::Txn& txn, const OpContext& ctx, ResourceType type,
    const std::function<bool(std::string_view arn, std::string_view summary)>& visit) {
  const std::string prefix = TypePrefix(ctx, type);
  absl::Status corrupt;
  RETURN_IF_ERROR(
      txn.Scan(store::Table::kOrder, prefix, prefix, [&](std::string_view, std::string_view value) {
        auto entry = DecodeOrderEntry(value);
        if (!entry) {
          corrupt = InternalError(StrCat("corrupt order entry under ", prefix));
          return false;
        }
        return visit(MakeArn(ctx.region, ctx.account, Info(type).arn_type, entry->id),
                     entry->summary);
      }));
  return corrupt;
}

}  // namespace ivsrt::resources
