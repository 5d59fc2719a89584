#include "core/ops/op_context.h"

#include <string>
#include <vector>

#include "core/errors.h"
#include "core/store/codec.h"
#include "core/strings.h"

namespace ivsrt {
namespace {
constexpr std::string_view kIdCounterKey = "id_counter";
constexpr std::string_view kGenerationKey = "generation";

absl::StatusOr<uint64_t> LoadCounter(const store::Txn& txn, std::string_view key) {
  ASSIGN_OR_RETURN(auto stored, txn.Get(store::Table::kMeta, key));
  if (!stored.has_value()) return 0;
  auto parsed = store::ParseBigEndian64(*stored);
  if (!parsed) return InternalError(StrCat("corrupt ", key));
  return *parsed;
}

}  // namespace

std::string OpContext::Partition() const { return StrCat(account, ":", region, ":"); }

absl::StatusOr<uint64_t> NextCounter(store::Txn& txn, std::string_view key) {
  ASSIGN_OR_RETURN(uint64_t counter, LoadCounter(txn, key));
  RETURN_IF_ERROR(txn.Put(store::Table::kMeta, key, store::BigEndian64(counter + 1)));
  return counter;
}

absl::StatusOr<DrawnId> NextId(store::Txn& txn, const OpContext& ctx) {
  ASSIGN_OR_RETURN(uint64_t counter, NextCounter(txn, kIdCounterKey));
  return DrawnId{counter, ctx.services->ids.Alnum12(counter)};
}

absl::StatusOr<uint64_t> StoreGeneration(const store::Txn& txn) {
  return LoadCounter(txn, kGenerationKey);
}

absl::Status ResetMeta(store::Txn& txn) {
  ASSIGN_OR_RETURN(uint64_t generation, StoreGeneration(txn));
  std::vector<std::string> keys;
  RETURN_IF_ERROR(
      txn.Scan(store::Table::kMeta, "", "", [&](std::string_view key, std::string_view) {
        if (key != kSigningKeyMetaKey && key != kFormatVersionMetaKey) keys.emplace_back(key);
        return true;
      }));
  for (const std::string& key : keys) RETURN_IF_ERROR(txn.Delete(store::Table::kMeta, key));
  return txn.Put(store::Table::kMeta, kGenerationKey, store::BigEndian64(generation + 1));
}

std::string_view StringOr(const Value& request, std::string_view member,
                          std::string_view fallback) {
  const Value* v = request.Find(member);
  return v != nullptr && v->kind() == Value::Kind::kString ? std::string_view{v->as_string()}
                                                           : fallback;
}

}  // namespace ivsrt
