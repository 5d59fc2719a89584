#include "core/ops/registry.h"

#include "absl/strings/str_join.h"
#include "core/errors.h"
#include "core/strings.h"

namespace ivsrt::registry {

Registry::Registry() {
  for (const model::Operation& op : model::Operations()) {
    entries_.push_back(Entry{&op, nullptr, {}});
  }
}

void Registry::Register(std::string_view family, std::initializer_list<Registration> operations) {
  for (const Registration& r : operations) {
    const model::Operation* op = model::FindOperation(r.name);
    if (op == nullptr) {
      problems_.push_back(
          StrCat(family, " registers ", r.name, ", which is not an operation of the model"));
      continue;
    }
    Entry& entry = entries_[op - model::Operations().data()];
    if (entry.handler != nullptr) {
      problems_.push_back(
          StrCat(family, " registers ", r.name, ", already registered by ", entry.family));
      continue;
    }
    if (r.handler == nullptr) {
      problems_.push_back(StrCat(family, " registers ", r.name, " without a handler"));
      continue;
    }
    entry.handler = r.handler;
    entry.family = family;
  }
}

absl::Status Registry::Check() const {
  if (problems_.empty()) return absl::OkStatus();
  return InternalError(StrCat("operation registry: ", absl::StrJoin(problems_, "; ")));
}

const Entry* Registry::Find(std::string_view name) const {
  const model::Operation* op = model::FindOperation(name);
  return op == nullptr ? nullptr : &entries_[op - model::Operations().data()];
}

Registry& Global() {
  // Never destroyed, so a lookup from another static object's destructor stays valid.
  static Registry* const registry = new Registry();
  return *registry;
}

std::span<const Entry> Operations() { return Global().operations(); }
const Entry* FindOperation(std::string_view name) { return Global().Find(name); }

std::vector<std::string_view> ImplementedOperations() {
  std::vector<std::string_view> names;
  for (const Entry& entry : Operations()) {
    if (entry.handler != nullptr) names.push_back(entry.model->name);
  }
  return names;
}

absl::Status Check() { return Global().Check(); }

}  // namespace ivsrt::registry
