#include "core/store/txn.h"

#include "core/errors.h"
#include "core/store/tsan_order.h"
#include "core/strings.h"

namespace ivsrt::store {
namespace {

MDB_val Val(std::string_view s) { return MDB_val{s.size(), const_cast<char*>(s.data())}; }
std::string_view View(const MDB_val& v) {
  return std::string_view(static_cast<const char*>(v.mv_data), v.mv_size);
}

constexpr std::string_view kMapFullMessage = "store map full";

}  // namespace

absl::Status LmdbStatus(int rc, std::string_view what) {
  if (rc == MDB_SUCCESS) return absl::OkStatus();
  if (rc == MDB_MAP_FULL) return absl::ResourceExhaustedError(ToAbsl(kMapFullMessage));
  return InternalError(StrCat("store ", what, " failed: ", mdb_strerror(rc)));
}

bool IsMapFull(const absl::Status& status) {
  return absl::IsResourceExhausted(status) && ToStd(status.message()) == kMapFullMessage;
}

absl::StatusOr<std::optional<std::string_view>> Txn::Get(Table t, std::string_view key) const {
  if (!Has(t)) return std::nullopt;
  MDB_val k = Val(key);
  MDB_val v;
  int rc = mdb_get(txn_, dbis_[static_cast<int>(t)], &k, &v);
  if (rc == MDB_NOTFOUND) return std::nullopt;
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "get");
  return View(v);
}

absl::Status Txn::Scan(Table t, std::string_view prefix, std::string_view from,
                       const std::function<bool(std::string_view, std::string_view)>& visit) const {
  if (!Has(t)) return absl::OkStatus();
  MDB_cursor* cursor = nullptr;
  int rc = mdb_cursor_open(txn_, dbis_[static_cast<int>(t)], &cursor);
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "cursor");
  std::string_view start = from < prefix ? prefix : from;
  MDB_val k = Val(start);
  MDB_val v;
  // LMDB refuses empty keys, so an unbounded scan starts at the first one.
  rc = mdb_cursor_get(cursor, &k, &v, start.empty() ? MDB_FIRST : MDB_SET_RANGE);
  while (rc == MDB_SUCCESS) {
    std::string_view key = View(k);
    if (key.substr(0, prefix.size()) != prefix || !visit(key, View(v))) break;
    rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT);
  }
  mdb_cursor_close(cursor);
  if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) return LmdbStatus(rc, "scan");
  return absl::OkStatus();
}

absl::Status Txn::Put(Table t, std::string_view key, std::string_view value) {
  MDB_val k = Val(key);
  MDB_val v = Val(value);
  return LmdbStatus(mdb_put(txn_, dbis_[static_cast<int>(t)], &k, &v, 0), "put");
}

absl::Status Txn::Clear(Table t) {
  if (!Has(t)) return absl::OkStatus();
  return LmdbStatus(mdb_drop(txn_, dbis_[static_cast<int>(t)], 0), "clear");
}

absl::Status Txn::Drop(Table t) {
  if (!Has(t)) return absl::OkStatus();
  return LmdbStatus(mdb_drop(txn_, dbis_[static_cast<int>(t)], 1), "drop");
}

absl::Status Txn::Delete(Table t, std::string_view key) {
  if (!Has(t)) return absl::OkStatus();
  MDB_val k = Val(key);
  int rc = mdb_del(txn_, dbis_[static_cast<int>(t)], &k, nullptr);
  if (rc == MDB_NOTFOUND) return absl::OkStatus();
  return LmdbStatus(rc, "delete");
}

absl::Status Txn::Commit() {
  TsanRelease(mdb_txn_env(txn_));
  int rc = mdb_txn_commit(txn_);
  txn_ = nullptr;  // committed or not, LMDB has freed it
  return LmdbStatus(rc, "commit");
}

}  // namespace ivsrt::store
