#include "tests/child_process.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

namespace ivsrt::testing {
namespace {

ChildEnd Reap(pid_t pid) {
  ChildEnd end;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return end;
  if (WIFEXITED(status)) end.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) end.signal = WTERMSIG(status);
  return end;
}

// Waits for the pipe to carry a byte or to close (the child ended).
int PollPipe(int fd, std::chrono::milliseconds timeout) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, static_cast<int>(timeout.count()));
}

}  // namespace

Child StartChild(const std::function<int(int write_fd)>& body) {
  int fds[2];
  Child child;
  if (pipe(fds) != 0) return child;
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    _exit(body(fds[1]));
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return child;
  }
  child.pid = pid;
  child.ready_fd = fds[0];
  return child;
}

bool WaitReady(const Child& child, std::chrono::milliseconds timeout) {
  char byte;
  return PollPipe(child.ready_fd, timeout) == 1 && read(child.ready_fd, &byte, 1) == 1;
}

bool KillChild(Child& child) {
  if (child.pid <= 0) return false;
  kill(child.pid, SIGKILL);
  ChildEnd end = Reap(child.pid);
  close(child.ready_fd);
  child = Child{};
  return end.signal == SIGKILL;
}

ChildEnd WaitChild(Child& child, std::chrono::milliseconds timeout) {
  ChildEnd end;
  if (child.pid <= 0) return end;
  // The pipe closes when the child ends; bytes it wrote before are skipped.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    char buf[64];
    if (left.count() <= 0 || PollPipe(child.ready_fd, left) != 1) {
      kill(child.pid, SIGKILL);
      Reap(child.pid);
      end.timed_out = true;
      break;
    }
    if (read(child.ready_fd, buf, sizeof buf) <= 0) {
      end = Reap(child.pid);
      break;
    }
  }
  close(child.ready_fd);
  child = Child{};
  return end;
}

ChildEnd RunInChild(const std::function<int()>& body, std::chrono::milliseconds timeout) {
  Child child = StartChild([&](int) { return body(); });
  return WaitChild(child, timeout);
}

}  // namespace ivsrt::testing
