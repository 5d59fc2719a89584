// Counts the LMDB environments this test process has open on each directory,
// exactly: tests/CMakeLists.txt links the test binary with the linker's --wrap
// of mdb_env_open and mdb_env_close. An environment counts from the start of
// its mdb_env_open until its mdb_env_close has returned.
#ifndef IVSRT_TESTS_LMDB_ENV_COUNT_H_
#define IVSRT_TESTS_LMDB_ENV_COUNT_H_

#include <string>

namespace ivsrt::testing {

// Forgets the most seen so far (environments open now stay counted).
void ResetMostEnvironments();
// The most environments open at once on any one directory since the last reset.
int MostEnvironmentsAtOnce();

}  // namespace ivsrt::testing

#endif  // IVSRT_TESTS_LMDB_ENV_COUNT_H_
