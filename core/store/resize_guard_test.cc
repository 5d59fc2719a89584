#include "core/store/resize_guard.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace ivsrt::store {
namespace {

using std::chrono::milliseconds;

TEST(ResizeGuardTest, AResizeWaitsForEveryReaderAndReadersWaitForIt) {
  ResizeGuard guard;
  std::atomic<int> readers_inside{0};
  std::atomic<bool> stop{false};
  std::atomic<int> overlaps{0};
  std::atomic<long> reads{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      while (!stop.load()) {
        ResizeGuard::Shared shared(guard);
        readers_inside.fetch_add(1);
        reads.fetch_add(1);
        readers_inside.fetch_sub(1);
      }
    });
  }
  // Readers first: under a sanitizer the resizes could otherwise all run before any reader
  // thread has started.
  while (reads.load() < 100) std::this_thread::yield();
  for (int resize = 0; resize < 200; ++resize) {
    ResizeGuard::Exclusive exclusive(guard);
    if (readers_inside.load() != 0) overlaps.fetch_add(1);
    std::this_thread::yield();
    if (readers_inside.load() != 0) overlaps.fetch_add(1);
  }
  stop = true;
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(overlaps.load(), 0);
  EXPECT_GT(reads.load(), 0);
}

TEST(ResizeGuardTest, AThreadMayTakeItAgainWhileAResizeWaits) {
  ResizeGuard guard;
  std::atomic<bool> resized{false};
  std::thread resizer;
  {
    ResizeGuard::Shared outer(guard);
    resizer = std::thread([&] {
      ResizeGuard::Exclusive exclusive(guard);
      resized = true;
    });
    std::this_thread::sleep_for(milliseconds(50));  // the resize is waiting for `outer`
    {
      ResizeGuard::Shared inner(guard);  // must not wait for the resize
      EXPECT_FALSE(resized.load());
    }
    EXPECT_FALSE(resized.load());
  }
  resizer.join();
  EXPECT_TRUE(resized.load());
  ResizeGuard::Shared after(guard);  // the thread's hold ended with `outer`
}

TEST(ResizeGuardTest, HoldsOfTwoGuardsAreIndependent) {
  ResizeGuard first;
  ResizeGuard second;
  ResizeGuard::Shared a(first);
  std::atomic<bool> resized{false};
  std::thread resizer([&] {
    ResizeGuard::Exclusive exclusive(second);  // nobody holds `second`
    resized = true;
  });
  resizer.join();
  EXPECT_TRUE(resized.load());
  ResizeGuard::Shared b(second);
}

}  // namespace
}  // namespace ivsrt::store
