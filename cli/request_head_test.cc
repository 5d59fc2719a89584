#include "cli/request_head.h"

#include <gtest/gtest.h>

#include <string>

#include "core/strings.h"

namespace ivsrt::cli {
namespace {

HeadVerdict Verdict(const std::string& received) { return CheckRequestHead(received).verdict; }

std::string Line(size_t size) { return "GET /" + std::string(size - 14, 'a') + " HTTP/1.1"; }

TEST(RequestHeadTest, CompleteHeadsAndTheirSize) {
  std::string head = "POST /CreateStage HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n";
  HeadCheck check = CheckRequestHead(head + "{}GET / HTTP/1.1\r\n");
  EXPECT_EQ(check.verdict, HeadVerdict::kComplete);
  EXPECT_EQ(check.size, head.size());
  EXPECT_EQ(CheckRequestHead("GET / HTTP/1.1\r\n\r\n").size, 18u);
}

TEST(RequestHeadTest, IncompleteUntilTheEmptyCrlfLine) {
  for (const char* partial : {"", "GET", "GET / HTTP/1.1\r", "GET / HTTP/1.1\r\n",
                              "GET / HTTP/1.1\r\nHost: x\r\n", "GET / HTTP/1.1\r\nHost: x\r\n\r",
                              // httplib ends a head only at "\r\n", not at a bare "\n"
                              "GET / HTTP/1.1\nHost: x\n\n"}) {
    EXPECT_EQ(Verdict(partial), HeadVerdict::kIncomplete) << partial;
  }
}

TEST(RequestHeadTest, TheRequestLineIsAtMost8190Bytes) {
  EXPECT_EQ(Line(kMaxRequestLine).size(), kMaxRequestLine);
  EXPECT_EQ(Verdict(Line(kMaxRequestLine) + "\r\n\r\n"), HeadVerdict::kComplete);
  EXPECT_EQ(Verdict(Line(kMaxRequestLine + 1) + "\r\n\r\n"), HeadVerdict::kUriTooLong);
  // Judged before the line ends: 8190 bytes and a '\r' may still be whole.
  EXPECT_EQ(Verdict(Line(kMaxRequestLine) + "\r"), HeadVerdict::kIncomplete);
  EXPECT_EQ(Verdict(Line(kMaxRequestLine) + "\ra"), HeadVerdict::kUriTooLong);
}

TEST(RequestHeadTest, FieldLinesAreAtMost8190Bytes) {
  std::string field = "X-Big: " + std::string(kMaxFieldLine - 7, 'v');
  EXPECT_EQ(Verdict("GET / HTTP/1.1\r\n" + field + "\r\n\r\n"), HeadVerdict::kComplete);
  EXPECT_EQ(Verdict("GET / HTTP/1.1\r\n" + field + "v\r\n\r\n"), HeadVerdict::kFieldsTooLarge);
  EXPECT_EQ(Verdict("GET / HTTP/1.1\r\n" + field + "vv"), HeadVerdict::kFieldsTooLarge);
}

TEST(RequestHeadTest, AtMost100Fields) {
  std::string head = "GET / HTTP/1.1\r\n";
  for (size_t i = 0; i < kMaxFields; ++i) head += StrCat("X-", i, ": v\r\n");
  EXPECT_EQ(Verdict(head + "\r\n"), HeadVerdict::kComplete);
  EXPECT_EQ(Verdict(head + "X-More: v\r\n\r\n"), HeadVerdict::kFieldsTooLarge);
}

TEST(RequestHeadTest, TheRequestLineAndValuesAreAtMost10240BytesTogether) {
  std::string line = Line(2048);
  std::string value(kMaxLineAndValues - 2048 - 4096, 'v');
  std::string head = line + "\r\nA: " + std::string(4096, 'v') + "\r\nB:  " + value + " \r\n";
  EXPECT_EQ(Verdict(head + "\r\n"), HeadVerdict::kComplete);
  EXPECT_EQ(Verdict(head + "C: v\r\n\r\n"), HeadVerdict::kFieldsTooLarge);
  // Names and separators do not count toward it.
  EXPECT_EQ(Verdict(head + "Empty-Value:\r\n\r\n"), HeadVerdict::kComplete);
}

TEST(RequestHeadTest, TheWholeHeadIsAtMost32KiB) {
  std::string head = "GET / HTTP/1.1\r\n";
  while (head.size() <= kMaxHeadBytes) head += std::string(1000, 'n') + ":\r\n";
  EXPECT_EQ(Verdict(head), HeadVerdict::kFieldsTooLarge);
  EXPECT_EQ(Verdict(head.substr(0, kMaxHeadBytes + 1)), HeadVerdict::kFieldsTooLarge);
  EXPECT_EQ(Verdict(head.substr(0, kMaxHeadBytes - 1200)), HeadVerdict::kIncomplete);
}

}  // namespace
}  // namespace ivsrt::cli
