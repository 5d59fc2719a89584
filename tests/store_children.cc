#include "tests/store_children.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "core/engine.h"
#include "core/store/store.h"

namespace ivsrt::testing {
namespace {

int Say(const char* what, const absl::Status& status, int code) {
  std::fprintf(stderr, "%s: %s\n", what, std::string(status.message()).c_str());
  return code;
}

}  // namespace

int HoldReaders(const std::string& dir, int threads, int ready_fd) {
  auto store = store::Store::Open(dir, store::Durability::kSync);
  if (!store.ok()) return Say("reader open", store.status(), 3);
  std::atomic<int> entered{0}, failed{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < threads; ++i) {
    readers.emplace_back([&] {
      absl::Status status = (*store)->Read([&](const store::Txn&) {
        ++entered;
        for (;;) pause();
        return absl::OkStatus();
      });
      if (!status.ok()) ++failed;
    });
  }
  while (entered + failed < threads) std::this_thread::yield();
  if (failed > 0) return 4;
  if (write(ready_fd, "r", 1) != 1) return 5;
  for (;;) pause();
}

int OpenAndListForever(const std::vector<std::string>& options, int ready_fd) {
  for (size_t i = 0;; ++i) {
    auto engine = Engine::Open(options[i % options.size()]);
    if (!engine.ok()) return Say("opener open", engine.status(), 3);
    auto listed = (*engine)->Invoke("ListStages", "{}");
    if (!listed.ok()) return Say("opener ListStages", listed.status(), 4);
    if (i == 0 && write(ready_fd, "r", 1) != 1) return 5;
  }
}

}  // namespace ivsrt::testing
