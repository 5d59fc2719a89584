#include "core/resources/resource_types.h"

namespace ivsrt::resources {

const ResourceTypeInfo* FindByArnType(std::string_view arn_type) {
  for (const ResourceTypeInfo& info : kResourceTypes) {
    if (info.arn_type == arn_type) return &info;
  }
  return nullptr;
}

}  // namespace ivsrt::resources
