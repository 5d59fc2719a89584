#include "core/ops/op_context.h"

#include "core/strings.h"
#include "core/errors.h"
#include "core/store/codec.h"

namespace ivsrt {
namespace {
constexpr std::string_view kIdCounterKey = "id_counter";
}  // namespace

std::string OpContext::Partition() const { return StrCat(account, ":", region, ":"); }

absl::StatusOr<DrawnId> NextId(store::Txn& txn, const OpContext& ctx) {
  ASSIGN_OR_RETURN(auto stored, txn.Get(store::Table::kMeta, kIdCounterKey));
  uint64_t counter = 0;
  if (stored.has_value()) {
    auto parsed = store::ParseBigEndian64(*stored);
    if (!parsed) return InternalError("corrupt id counter");
    counter = *parsed;
  }
  RETURN_IF_ERROR(txn.Put(store::Table::kMeta, kIdCounterKey, store::BigEndian64(counter + 1)));
  return DrawnId{counter, ctx.services->ids.Alnum12(counter)};
}

std::string_view StringOr(const Value& request, std::string_view member,
                          std::string_view fallback) {
  const Value* v = request.Find(member);
  return v != nullptr && v->kind() == Value::Kind::kString ? std::string_view(v->as_string())
                                                           : fallback;
}

}  // namespace ivsrt
