#include "core/model/model.h"

#include <algorithm>
#include <cassert>

namespace ivsrt::model {
namespace {

// The generator emits shapes and operations sorted by name (model_tables_test
// checks it).
template <typename T>
const T* FindByName(std::span<const T> table, std::string_view name) {
  auto it = std::lower_bound(table.begin(), table.end(), name,
                             [](const T& entry, std::string_view n) { return entry.name < n; });
  return it != table.end() && it->name == name ? &*it : nullptr;
}

}  // namespace

const Operation* FindOperation(std::string_view name) { return FindByName(Operations(), name); }

const Shape& ShapeAt(int index) {
  assert(index >= 0 && static_cast<size_t>(index) < Shapes().size());
  return Shapes()[index];
}

int FindShape(std::string_view name) {
  const Shape* shape = FindByName(Shapes(), name);
  return shape == nullptr ? kNoShape : static_cast<int>(shape - Shapes().data());
}

}  // namespace ivsrt::model
