// The operation registry: every operation of the service model and, for those ivsrt
// implements, its handler. Each family's rules file registers its own operations with one
// IVSRT_REGISTER_OPERATIONS line at its bottom, so adding a family touches no list elsewhere:
// the dispatcher, ivsrt:ListOperations, the tests, the fuzz targets and the README check all
// read this registry.
//
// Registrations run during static initialisation, from objects nothing else references: every
// binary links the whole of ivsrt_core (CMakeLists.txt), or the linker would drop them.
#ifndef IVSRT_CORE_OPS_REGISTRY_H_
#define IVSRT_CORE_OPS_REGISTRY_H_

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/json/value.h"
#include "core/model/model.h"
#include "core/ops/op_context.h"

namespace ivsrt {

// An operation: request already validated against its input shape; returns the
// output JSON.
using Handler = absl::StatusOr<std::string> (*)(const OpContext& ctx, const Value& request);

namespace registry {

struct Registration {
  std::string_view name;  // an operation of the service model
  Handler handler;
};

struct Entry {
  const model::Operation* model;
  Handler handler;          // nullptr: not implemented by ivsrt yet
  std::string_view family;  // the rules file that registered it; empty when not implemented
};

// Every operation of the model, in the model's order, with the handlers registered for them.
class Registry {
 public:
  Registry();

  // Adds `family`'s handlers. A name the model does not have, or one registered before, is
  // not added but recorded for Check: this runs during static initialisation, inside the
  // user's process, where throwing or aborting would kill it before main().
  void Register(std::string_view family, std::initializer_list<Registration> operations);
  // OK, or an InternalError naming every registration that was refused.
  absl::Status Check() const;

  std::span<const Entry> operations() const { return entries_; }
  // nullptr when the model has no such operation.
  const Entry* Find(std::string_view name) const;

 private:
  std::vector<Entry> entries_;  // parallel to model::Operations()
  std::vector<std::string> problems_;
};

// The process's registry: written only by IVSRT_REGISTER_OPERATIONS during static
// initialisation, read-only (and so safe from any thread) afterwards.
Registry& Global();

// The global registry's operations, one by name, the names with a handler, and its Check.
// A build whose registrations were refused answers every AWS operation with that error
// (InternalServerException), and its registry test fails.
std::span<const Entry> Operations();
const Entry* FindOperation(std::string_view name);
std::vector<std::string_view> ImplementedOperations();
absl::Status Check();

}  // namespace registry
}  // namespace ivsrt

// Registers a family's operations, once, at namespace scope at the bottom of its rules file:
//   IVSRT_REGISTER_OPERATIONS(Stages, {"CreateStage", &CreateStage}, {"GetStage", &GetStage});
#define IVSRT_REGISTER_OPERATIONS(family, ...)                      \
  [[maybe_unused]] static const bool ivsrt_registered_##family##_ = \
      (::ivsrt::registry::Global().Register(#family, {__VA_ARGS__}), true)

#endif  // IVSRT_CORE_OPS_REGISTRY_H_
