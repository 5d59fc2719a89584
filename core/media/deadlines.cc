#include "core/media/deadlines.h"

#include <vector>

#include "core/errors.h"
#include "core/store/codec.h"
#include "core/strings.h"

namespace ivsrt::media {
namespace {

bool IsCompositionKind(DeadlineKind kind) {
  return kind == DeadlineKind::kCompositionStep || kind == DeadlineKind::kCompositionLife ||
         kind == DeadlineKind::kDestinationReconnect;
}

// BE64(due) kind stageArn|sessionId[|participantId (kTokenExpiry, kRecordingStep,
// kReplicationEnd)], or BE64(due) kind compositionArn[|destinationId
// (kDestinationReconnect)]: due order, then a stable tie order.
std::string DeadlineKey(const Deadline& d) {
  if (IsCompositionKind(d.kind)) {
    std::string key = StrCat(store::BigEndian64(static_cast<uint64_t>(d.due)),
                             std::string(1, static_cast<char>(d.kind)), d.composition_arn);
    if (d.kind == DeadlineKind::kDestinationReconnect) StrAppend(&key, "|", d.destination_id);
    return key;
  }
  std::string key =
      StrCat(store::BigEndian64(static_cast<uint64_t>(d.due)),
             std::string(1, static_cast<char>(d.kind)), d.stage_arn, "|", d.session_id);
  if (d.kind != DeadlineKind::kSessionEnd) StrAppend(&key, "|", d.participant_id);
  return key;
}

absl::StatusOr<Deadline> ParseDeadlineKey(std::string_view key) {
  auto corrupt = [&] { return InternalError("corrupt deadline key"); };
  if (key.size() < 10) return corrupt();
  Deadline d;
  d.due = static_cast<int64_t>(*store::ParseBigEndian64(key.substr(0, 8)));
  d.kind = static_cast<DeadlineKind>(key[8]);
  std::string_view rest = key.substr(9);
  if (d.kind == DeadlineKind::kDestinationReconnect) {
    const size_t bar = rest.find('|');
    if (bar == std::string_view::npos) return corrupt();
    d.composition_arn = std::string(rest.substr(0, bar));
    d.destination_id = std::string(rest.substr(bar + 1));
    return d;
  }
  if (IsCompositionKind(d.kind)) {
    d.composition_arn = std::string(rest);
    return d;
  }
  std::vector<std::string_view> parts;
  for (size_t bar = rest.find('|'); bar != std::string_view::npos; bar = rest.find('|')) {
    parts.push_back(rest.substr(0, bar));
    rest.remove_prefix(bar + 1);
  }
  parts.push_back(rest);
  const size_t expected = d.kind == DeadlineKind::kSessionEnd ? 2 : 3;
  if ((d.kind != DeadlineKind::kTokenExpiry && d.kind != DeadlineKind::kSessionEnd &&
       d.kind != DeadlineKind::kRecordingStep && d.kind != DeadlineKind::kReplicationEnd) ||
      parts.size() != expected) {
    return corrupt();
  }
  d.stage_arn = std::string(parts[0]);
  d.session_id = std::string(parts[1]);
  if (expected == 3) d.participant_id = std::string(parts[2]);
  return d;
}

}  // namespace

absl::Status AddDeadline(store::Txn& txn, const Deadline& d) {
  return txn.Put(store::Table::kDeadlines, DeadlineKey(d), "");
}

absl::Status RemoveDeadline(store::Txn& txn, const Deadline& d) {
  return txn.Delete(store::Table::kDeadlines, DeadlineKey(d));
}

absl::StatusOr<std::optional<Deadline>> FirstDeadline(const store::Txn& txn) {
  std::optional<std::string> first;
  RETURN_IF_ERROR(
      txn.Scan(store::Table::kDeadlines, "", "", [&](std::string_view key, std::string_view) {
        first = std::string(key);
        return false;
      }));
  if (!first) return std::optional<Deadline>();
  ASSIGN_OR_RETURN(Deadline d, ParseDeadlineKey(*first));
  return std::optional<Deadline>(std::move(d));
}

}  // namespace ivsrt::media
