#include "core/resources/references.h"

#include <string>
#include <vector>

#include "core/errors.h"
#include "core/strings.h"

namespace ivsrt::resources {
namespace {

std::string IncomingKey(std::string_view to, std::string_view from) {
  return StrCat("<", to, "|", from);
}
std::string OutgoingKey(std::string_view from, std::string_view to) {
  return StrCat(">", from, "|", to);
}

}  // namespace

absl::Status AddReference(store::Txn& txn, std::string_view from_arn, std::string_view to_arn) {
  RETURN_IF_ERROR(txn.Put(store::Table::kReferences, IncomingKey(to_arn, from_arn), ""));
  return txn.Put(store::Table::kReferences, OutgoingKey(from_arn, to_arn), "");
}

absl::Status RemoveReferencesFrom(store::Txn& txn, std::string_view from_arn) {
  std::string prefix = OutgoingKey(from_arn, "");
  std::vector<std::string> targets;
  RETURN_IF_ERROR(txn.Scan(store::Table::kReferences, prefix, prefix,
                           [&](std::string_view key, std::string_view) {
                             targets.emplace_back(key.substr(prefix.size()));
                             return true;
                           }));
  for (const std::string& to : targets) {
    RETURN_IF_ERROR(txn.Delete(store::Table::kReferences, OutgoingKey(from_arn, to)));
    RETURN_IF_ERROR(txn.Delete(store::Table::kReferences, IncomingKey(to, from_arn)));
  }
  return absl::OkStatus();
}

absl::Status CheckUnreferenced(const store::Txn& txn, std::string_view arn) {
  std::string prefix = IncomingKey(arn, "");
  std::string referrer;
  RETURN_IF_ERROR(txn.Scan(store::Table::kReferences, prefix, prefix,
                           [&](std::string_view key, std::string_view) {
                             referrer = key.substr(prefix.size());
                             return false;
                           }));
  if (referrer.empty()) return absl::OkStatus();
  return ConflictError(StrCat(arn, " is in use by ", referrer));
}

}  // namespace ivsrt::resources
