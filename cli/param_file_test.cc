#include "cli/param_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "cli/text.h"
#include "core/dispatcher.h"

namespace ivsrt::cli {
namespace {

std::string Path(std::string_view name) {
  return StrCat(::testing::TempDir(), "/param_file_test_", getpid(), "_", name);
}

std::string Error(std::string_view value) {
  absl::StatusOr<std::string> read = ReadParamFile(value);
  if (read.ok()) return "ok";
  EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(Msg(read.status().message()));
}

TEST(ParamFileTest, PlainValuesPassThrough) {
  absl::StatusOr<std::string> read = ReadParamFile("name");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, "name");
}

TEST(ParamFileTest, ReadsAFileUpToTheEngineRequestLimit) {
  const std::string path = Path("limit");
  std::ofstream(path, std::ios::binary) << std::string(kMaxRequestBytes, 'x');
  absl::StatusOr<std::string> read = ReadParamFile("file://" + path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->size(), kMaxRequestBytes);

  std::ofstream(path, std::ios::app | std::ios::binary) << 'x';
  EXPECT_EQ(Error("file://" + path),
            StrCat("Unable to load paramfile file://", path, ": larger than ", kMaxRequestBytes,
                   " bytes, the largest request the engine accepts"));
  std::remove(path.c_str());
}

TEST(ParamFileTest, AnEndlessFileStopsAtTheLimit) {
  EXPECT_TRUE(Error("file:///dev/zero")
                  .ends_with(StrCat("larger than ", kMaxRequestBytes,
                                    " bytes, the largest request the engine accepts")));
}

TEST(ParamFileTest, UnreadableFilesAreErrorsNamingTheCause) {
  EXPECT_EQ(Error("file:///nonexistent/input.json"),
            "Unable to load paramfile file:///nonexistent/input.json: No such "
            "file or directory");
  EXPECT_EQ(Error("file://" + ::testing::TempDir()),
            StrCat("Unable to load paramfile file://", ::testing::TempDir(), ": Is a directory"));
  const std::string path = Path("unreadable");
  std::ofstream(path) << "{}";
  chmod(path.c_str(), 0);
  // Root reads whatever the mode says: as root, the read runs in a child as
  // "nobody".
  if (geteuid() != 0) {
    EXPECT_TRUE(Error("file://" + path).ends_with(": Permission denied"));
  } else {
    std::fflush(nullptr);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      bool denied = setgid(65534) == 0 && setuid(65534) == 0 &&
                    Error("file://" + path).ends_with(": Permission denied");
      _exit(denied ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  std::remove(path.c_str());
}

TEST(ParamFileTest, AFifoWithoutAWriterReadsAsEmptyInsteadOfHanging) {
  const std::string path = Path("fifo");
  ASSERT_EQ(mkfifo(path.c_str(), 0600), 0);
  absl::StatusOr<std::string> read = ReadParamFile("file://" + path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, "");
  std::remove(path.c_str());
}

TEST(ParamFileTest, ALongPathIsQuotedShortly) {
  const std::string value = "file:///" + std::string(50000, 'x');
  const std::string error = Error(value);
  EXPECT_LT(error.size(), 200u) << error;
  EXPECT_TRUE(error.starts_with(
      StrCat("Unable to load paramfile ", value.substr(0, kMaxEchoedBytes), "...: ")))
      << error;
}

}  // namespace
}  // namespace ivsrt::cli
