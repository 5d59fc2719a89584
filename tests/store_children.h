// Bodies for child processes (tests/child_process.h) that use one store beside
// a test: readers that hold their transactions until killed, and an opener that
// opens and closes the store until killed.
#ifndef IVSRT_TESTS_STORE_CHILDREN_H_
#define IVSRT_TESTS_STORE_CHILDREN_H_

#include <string>
#include <vector>

namespace ivsrt::testing {

// Opens the store in `dir`, enters `threads` read transactions that never end
// (none: only keeps the store open), writes one byte to `ready_fd` and waits to
// be killed. Returns non-zero (and says why on stderr) when it cannot.
int HoldReaders(const std::string& dir, int threads, int ready_fd);

// Opens an engine with each of `options` in turn, lists stages and closes it,
// until killed. Writes one byte to `ready_fd` after the first round. Returns
// non-zero (and says why on stderr) on the first error.
int OpenAndListForever(const std::vector<std::string>& options, int ready_fd);

}  // namespace ivsrt::testing

#endif  // IVSRT_TESTS_STORE_CHILDREN_H_
