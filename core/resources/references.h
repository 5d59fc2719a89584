// References between resources (a stage's recording configuration uses a storage
// configuration): while one exists, deleting the resource referred to is a
// ConflictException. Kept in kReferences under two keys per reference,
// "<" + to + "|" + from and ">" + from + "|" + to, so both directions are one prefix scan.
#ifndef IVSRT_CORE_RESOURCES_REFERENCES_H_
#define IVSRT_CORE_RESOURCES_REFERENCES_H_

#include <string_view>

#include "absl/status/status.h"
#include "core/store/txn.h"

namespace ivsrt::resources {

absl::Status AddReference(store::Txn& txn, std::string_view from_arn, std::string_view to_arn);
// Removes every reference `from_arn` makes.
absl::Status RemoveReferencesFrom(store::Txn& txn, std::string_view from_arn);
// ConflictException naming a referrer when any resource refers to `arn`.
absl::Status CheckUnreferenced(const store::Txn& txn, std::string_view arn);

}  // namespace ivsrt::resources

#endif  // IVSRT_CORE_RESOURCES_REFERENCES_H_
