#include "core/resources/record.h"

#include "core/store/codec.h"

namespace ivsrt::resources {

std::string EncodeRecord(uint64_t seq, std::string_view body, std::string_view tags_json) {
  return store::RecordWriter().U64(seq).Str(body).Str(tags_json).Take();
}

std::optional<StoredRecord> DecodeRecord(std::string_view bytes) {
  store::RecordReader r(bytes);
  StoredRecord record;
  record.seq = r.U64();
  record.body = r.Str();
  record.tags_json = r.Str();
  if (!r.ok()) return std::nullopt;
  return record;
}

std::string EncodeOrderEntry(std::string_view id, std::string_view summary,
                             std::string_view tags_json) {
  return store::RecordWriter().Str(id).Str(summary).Str(tags_json).Take();
}

std::optional<OrderEntry> DecodeOrderEntry(std::string_view bytes) {
  store::RecordReader r(bytes);
  OrderEntry entry;
  entry.id = r.Str();
  entry.summary = r.Str();
  entry.tags_json = r.Str();
  if (!r.ok()) return std::nullopt;
  return entry;
}

}  // namespace ivsrt::resources
