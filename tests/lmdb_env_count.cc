#include "tests/lmdb_env_count.h"

#include <lmdb.h>

#include <algorithm>
#include <map>
#include <mutex>

extern "C" int __real_mdb_env_open(MDB_env* env, const char* path, unsigned int flags,
                                   mdb_mode_t mode);
extern "C" void __real_mdb_env_close(MDB_env* env);

namespace ivsrt::testing {
namespace {

struct Count {
  std::mutex mu;
  std::map<MDB_env*, std::string> dirs;
  std::map<std::string, int> open;
  int most = 0;
};

Count& TheCount() {
  static auto* count = new Count();
  return *count;
}

}  // namespace

void ResetMostEnvironments() {
  Count& c = TheCount();
  std::lock_guard<std::mutex> lock(c.mu);
  c.most = 0;
  for (const auto& [dir, n] : c.open) c.most = std::max(c.most, n);
}

int MostEnvironmentsAtOnce() {
  Count& c = TheCount();
  std::lock_guard<std::mutex> lock(c.mu);
  return c.most;
}

}  // namespace ivsrt::testing

// Counted before the real open: an open under way already holds lock.mdb. A
// failed open is still closed by its caller (LMDB's rule), which uncounts it.
extern "C" int __wrap_mdb_env_open(MDB_env* env, const char* path, unsigned int flags,
                                   mdb_mode_t mode) {
  {
    ivsrt::testing::Count& c = ivsrt::testing::TheCount();
    std::lock_guard<std::mutex> lock(c.mu);
    c.dirs[env] = path;
    c.most = std::max(c.most, ++c.open[path]);
  }
  return __real_mdb_env_open(env, path, flags, mode);
}

extern "C" void __wrap_mdb_env_close(MDB_env* env) {
  __real_mdb_env_close(env);
  ivsrt::testing::Count& c = ivsrt::testing::TheCount();
  std::lock_guard<std::mutex> lock(c.mu);
  auto it = c.dirs.find(env);
  if (it == c.dirs.end()) return;
  --c.open[it->second];
  c.dirs.erase(it);
}
