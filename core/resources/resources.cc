#include "core/resources/resources.h"

#include "core/arn.h"
#include "core/errors.h"
#include "core/model/model.h"
#include "core/resources/record.h"
#include "core/resources/references.h"
#include "core/store/codec.h"
#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt::resources {
namespace {

std::string CountKey(const OpContext& ctx, ResourceType type) {
  return StrCat("count:", TypePrefix(ctx, type));
}

absl::StatusOr<uint64_t> Count(const store::Txn& txn, const OpContext& ctx, ResourceType type) {
  ASSIGN_OR_RETURN(auto bytes, txn.Get(store::Table::kMeta, CountKey(ctx, type)));
  if (!bytes.has_value()) return 0;
  auto count = store::ParseBigEndian64(*bytes);
  if (!count) return InternalError("corrupt resource count");
  return *count;
}

absl::Status AddToCount(store::Txn& txn, const OpContext& ctx, ResourceType type, int64_t delta) {
  ASSIGN_OR_RETURN(uint64_t count, Count(txn, ctx, type));
  return txn.Put(store::Table::kMeta, CountKey(ctx, type), store::BigEndian64(count + delta));
}

// The type's key prefix (TypePrefix) and `rest`, in one allocation.
std::string TypeKey(const OpContext& ctx, ResourceType type, std::string_view rest) {
  return StrCat(ctx.region, ":", ctx.account, ":", Info(type).arn_type, "/", rest);
}

std::string RecordKey(const OpContext& ctx, ResourceType type, std::string_view id) {
  return TypeKey(ctx, type, id);
}

std::string OrderKey(const OpContext& ctx, ResourceType type, uint64_t seq) {
  return TypeKey(ctx, type, store::BigEndian64(seq));
}

// The members of `body` that the type's summary shape has (but arn and tags, which the
// List writes itself), as a JSON object: what a List entry needs, kept in the order index.
absl::StatusOr<std::string> SummaryOf(ResourceType type, std::string_view body) {
  const model::Shape& shape = model::ShapeAt(model::FindShape(Info(type).summary_shape));
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(body.data(), body.size()).get_object().get(object) != simdjson::SUCCESS) {
    return InternalError(StrCat("corrupt ", Info(type).shape, " body"));
  }
  JsonWriter w;
  w.BeginObject();
  for (auto [key, value] : object) {
    for (const model::Member& member : shape.members) {
      if (member.name == key && key != "arn" && key != "tags") {
        w.Key(key).Raw(simdjson::minify(value));
        break;
      }
    }
  }
  w.EndObject();
  return w.Take();
}

absl::Status PutRecordAndOrder(store::Txn& txn, const OpContext& ctx, const Resource& r) {
  ASSIGN_OR_RETURN(std::string summary, SummaryOf(r.type, r.body));
  RETURN_IF_ERROR(txn.Put(store::Table::kResources, RecordKey(ctx, r.type, r.id),
                          EncodeRecord(r.seq, r.body, r.tags_json)));
  return txn.Put(store::Table::kOrder, OrderKey(ctx, r.type, r.seq),
                 EncodeOrderEntry(r.id, summary, r.tags_json));
}

absl::StatusOr<Resource> LoadParsed(const store::Txn& txn, const OpContext& ctx,
                                    const ResourceTypeInfo& info, const Arn& parsed,
                                    std::string_view arn) {
  auto not_found = [&] { return ResourceNotFoundError(StrCat(info.shape, " not found: ", arn)); };
  if (parsed.region != ctx.region || parsed.account != ctx.account) return not_found();
  ASSIGN_OR_RETURN(auto bytes,
                   txn.Get(store::Table::kResources, RecordKey(ctx, info.type, parsed.id)));
  if (!bytes.has_value()) return not_found();
  auto record = DecodeRecord(*bytes);
  if (!record) return InternalError(StrCat("corrupt record of ", arn));
  return Resource{info.type,   std::string(parsed.id),    std::string(arn),
                  record->seq, std::string(record->body), std::string(record->tags_json)};
}

// Writes the members of `members_json` (an object of members in alphabetical order) into
// the open object with "tags": `tags_json` in its alphabetical place.
void WriteMembersAndTags(JsonWriter& w, std::string_view members_json, std::string_view tags_json) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object object;
  bool tags_written = false;
  if (parser.parse(members_json.data(), members_json.size()).get_object().get(object) ==
      simdjson::SUCCESS) {
    for (auto [key, value] : object) {
      if (!tags_written && key > "tags") {
        w.Key("tags").Raw(tags_json);
        tags_written = true;
      }
      w.Key(key).Raw(simdjson::minify(value));
    }
  }
  if (!tags_written) w.Key("tags").Raw(tags_json);
}

}  // namespace

std::string TypePrefix(const OpContext& ctx, ResourceType type) { return TypeKey(ctx, type, ""); }

absl::StatusOr<Resource> Create(store::Txn& txn, const OpContext& ctx, ResourceType type,
                                const TagMap& tags,
                                const std::function<std::string(std::string_view id)>& make_body) {
  const ResourceTypeInfo& info = Info(type);
  ASSIGN_OR_RETURN(uint64_t count, Count(txn, ctx, type));
  const int64_t quota = ctx.services->quotas.limit(type);
  if (count >= static_cast<uint64_t>(quota)) {
    return ServiceQuotaExceededError(StrCat(info.shape, " quota exceeded: at most ", quota,
                                            " per account and region (quota \"", info.quota_name,
                                            "\")"));
  }
  ASSIGN_OR_RETURN(DrawnId drawn, NextId(txn, ctx));
  Resource r;
  r.type = type;
  r.id = drawn.id;
  r.arn = MakeArn(ctx.region, ctx.account, info.arn_type, r.id);
  r.seq = drawn.counter;
  r.body = make_body(r.id);
  r.tags_json = TagsToJson(tags);
  RETURN_IF_ERROR(Import(txn, ctx, r));
  return r;
}

absl::StatusOr<Resource> Load(const store::Txn& txn, const OpContext& ctx, ResourceType type,
                              std::string_view arn) {
  const ResourceTypeInfo& info = Info(type);
  auto parsed = ParseArn(arn);
  if (!parsed || parsed->resource_type != info.arn_type) {
    return ValidationError(StrCat("arn: ", Echo(arn), " is not a ", info.arn_type, " ARN"));
  }
  return LoadParsed(txn, ctx, info, *parsed, arn);
}

absl::StatusOr<Resource> LoadTaggable(const store::Txn& txn, const OpContext& ctx,
                                      std::string_view arn) {
  auto parsed = ParseArn(arn);
  const ResourceTypeInfo* info = parsed ? FindByArnType(parsed->resource_type) : nullptr;
  if (info == nullptr || !info->taggable) {
    return ResourceNotFoundError(StrCat("Resource not found: ", arn));
  }
  return LoadParsed(txn, ctx, *info, *parsed, arn);
}

absl::Status Import(store::Txn& txn, const OpContext& ctx, const Resource& resource) {
  RETURN_IF_ERROR(PutRecordAndOrder(txn, ctx, resource));
  return AddToCount(txn, ctx, resource.type, +1);
}

absl::Status Save(store::Txn& txn, const OpContext& ctx, const Resource& resource) {
  ASSIGN_OR_RETURN(std::string summary, SummaryOf(resource.type, resource.body));
  const std::string order_key = OrderKey(ctx, resource.type, resource.seq);
  ASSIGN_OR_RETURN(auto order, txn.Get(store::Table::kOrder, order_key));
  auto entry = order.has_value() ? DecodeOrderEntry(*order) : std::nullopt;
  if (!entry || entry->summary != summary || entry->tags_json != resource.tags_json) {
    RETURN_IF_ERROR(txn.Put(store::Table::kOrder, order_key,
                            EncodeOrderEntry(resource.id, summary, resource.tags_json)));
  }
  return txn.Put(store::Table::kResources, RecordKey(ctx, resource.type, resource.id),
                 EncodeRecord(resource.seq, resource.body, resource.tags_json));
}

absl::Status SaveTags(store::Txn& txn, const OpContext& ctx, const Resource& resource,
                      std::string_view tags_json) {
  if (tags_json == resource.tags_json) return absl::OkStatus();
  const std::string order_key = OrderKey(ctx, resource.type, resource.seq);
  ASSIGN_OR_RETURN(auto order, txn.Get(store::Table::kOrder, order_key));
  auto entry = order.has_value() ? DecodeOrderEntry(*order) : std::nullopt;
  if (!entry) return InternalError(StrCat("corrupt order entry of ", resource.arn));
  // The entry's views die with the next write: encode before putting anything.
  std::string updated = EncodeOrderEntry(entry->id, entry->summary, tags_json);
  RETURN_IF_ERROR(txn.Put(store::Table::kOrder, order_key, updated));
  return txn.Put(store::Table::kResources, RecordKey(ctx, resource.type, resource.id),
                 EncodeRecord(resource.seq, resource.body, tags_json));
}

absl::Status Delete(store::Txn& txn, const OpContext& ctx, const Resource& resource) {
  RETURN_IF_ERROR(CheckUnreferenced(txn, resource.arn));
  RETURN_IF_ERROR(RemoveReferencesFrom(txn, resource.arn));
  RETURN_IF_ERROR(txn.Delete(store::Table::kResources, RecordKey(ctx, resource.type, resource.id)));
  RETURN_IF_ERROR(txn.Delete(store::Table::kOrder, OrderKey(ctx, resource.type, resource.seq)));
  return AddToCount(txn, ctx, resource.type, -1);
}

void WriteResource(JsonWriter& w, const Resource& resource) {
  w.BeginObject();
  w.Field("arn", resource.arn);
  WriteMembersAndTags(w, resource.body, resource.tags_json);
  w.EndObject();
}

}  // namespace ivsrt::resources
