// The stored values of the resource layer: a resource record and its order-index entry.
// The framing (8-byte seq, length-prefixed strings) is fixed by the store's format version
// (core/resources/format.h); what changes with the service, the body and the summary, is
// JSON inside it.
#ifndef IVSRT_CORE_RESOURCES_RECORD_H_
#define IVSRT_CORE_RESOURCES_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ivsrt::resources {

struct StoredRecord {
  uint64_t seq;
  std::string_view body;
  std::string_view tags_json;
};
std::string EncodeRecord(uint64_t seq, std::string_view body, std::string_view tags_json);
// Views into `bytes`; nullopt when corrupt.
std::optional<StoredRecord> DecodeRecord(std::string_view bytes);

struct OrderEntry {
  std::string_view id;
  std::string_view summary;  // the summary shape's members but arn and tags, a JSON object
  std::string_view tags_json;
};
std::string EncodeOrderEntry(std::string_view id, std::string_view summary,
                             std::string_view tags_json);
std::optional<OrderEntry> DecodeOrderEntry(std::string_view bytes);

}  // namespace ivsrt::resources

#endif  // IVSRT_CORE_RESOURCES_RECORD_H_
