// Running a piece of a test in a forked child, so that a hang or a crash there
// is a test failure with a reason instead of a stuck or dead test binary.
#ifndef IVSRT_TESTS_CHILD_PROCESS_H_
#define IVSRT_TESTS_CHILD_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <functional>

namespace ivsrt::testing {

// How a child ended: its exit code, or the signal that killed it, or that it
// did not end in time (it was then SIGKILLed).
struct ChildEnd {
  bool timed_out = false;
  int exit_code = -1;  // when it exited
  int signal = 0;      // when a signal killed it
};

// Forks; the child runs `body` and exits with its result. Waits up to
// `timeout`. No engine of the parent may be open across the fork (LMDB's rule).
ChildEnd RunInChild(const std::function<int()>& body, std::chrono::milliseconds timeout);

// A started child that the test stops itself (SIGKILL) or waits for.
struct Child {
  pid_t pid = -1;
  int ready_fd = -1;  // the parent's end of a pipe: the child's body writes to write_fd
};
// Forks; the child runs `body(write_fd)` and exits with its result.
Child StartChild(const std::function<int(int write_fd)>& body);
// Waits until the child wrote one byte to its pipe; false when it ended first
// or after `timeout`.
bool WaitReady(const Child& child, std::chrono::milliseconds timeout);
// SIGKILLs the child and reaps it; true when the kill is what ended it.
bool KillChild(Child& child);
// Waits for the child to end by itself, at most `timeout` (then kills it).
ChildEnd WaitChild(Child& child, std::chrono::milliseconds timeout);

}  // namespace ivsrt::testing

#endif  // IVSRT_TESTS_CHILD_PROCESS_H_
