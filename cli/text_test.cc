#include "cli/text.h"

#include <gtest/gtest.h>

#include <string>

namespace ivsrt::cli {
namespace {

TEST(TextTest, EchoKeepsShortTextWhole) {
  EXPECT_EQ(Echo("abc"), "abc");
  const std::string longest(kMaxEchoedBytes, 'x');
  EXPECT_EQ(Echo(longest), longest);
}

TEST(TextTest, EchoCutsLongTextAndSaysSo) {
  const std::string value(50000, 'x');
  EXPECT_EQ(Echo(value), std::string(kMaxEchoedBytes, 'x') + "...");
}

TEST(TextTest, EchoNeverSplitsAUtf8Sequence) {
  // "é" is two bytes; an odd cut would leave half of one.
  std::string value = "a";
  for (int i = 0; i < 100; ++i) value += "\xc3\xa9";
  const std::string echoed = Echo(value);
  ASSERT_TRUE(echoed.ends_with("..."));
  const std::string kept = echoed.substr(0, echoed.size() - 3);
  EXPECT_EQ(kept, value.substr(0, kMaxEchoedBytes - 1));
  EXPECT_EQ(value.substr(0, kept.size()), kept);
}

TEST(TextTest, EchoAtCentresTheWindowOnThePosition) {
  std::string value(10000, 'x');
  value[5000] = '^';
  const Excerpt e = EchoAt(value, 5000);
  EXPECT_LE(e.text.size(), kMaxEchoedBytes + 6);
  EXPECT_TRUE(e.text.starts_with("..."));
  EXPECT_TRUE(e.text.ends_with("..."));
  EXPECT_EQ(e.text[e.column], '^');
}

TEST(TextTest, EchoAtTheEndShowsTheTail) {
  const std::string value = std::string(10000, 'x') + "end";
  const Excerpt e = EchoAt(value, value.size());
  EXPECT_TRUE(e.text.starts_with("..."));
  EXPECT_TRUE(e.text.ends_with("end"));
  EXPECT_EQ(e.column, e.text.size());
}

TEST(TextTest, EchoAtTheStartOfShortTextIsThePosition) {
  const Excerpt e = EchoAt("k=v,", 4);
  EXPECT_EQ(e.text, "k=v,");
  EXPECT_EQ(e.column, 4u);
}

}  // namespace
}  // namespace ivsrt::cli
