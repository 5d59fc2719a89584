#include "cli/serve.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "cli/text.h"

namespace ivsrt::cli {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(ServeTest, PortsFromZeroTo65535) {
  EXPECT_EQ(*ParsePort("0"), 0);
  EXPECT_EQ(*ParsePort("4567"), 4567);
  EXPECT_EQ(*ParsePort("65535"), 65535);
  for (const char* bad : {"", "-1", "+80", "65536", "80x", " 80", "99999999999"}) {
    absl::StatusOr<int> port = ParsePort(bad);
    ASSERT_FALSE(port.ok()) << bad;
    EXPECT_NE(Msg(port.status().message()).find("argument --port"), std::string_view::npos);
  }
}

TEST(ServeTest, EngineOptionsAreAddedToTheGlobalOnes) {
  absl::StatusOr<std::string> options = WithEngineOptions(
      R"({"data_dir":"/d","region":"eu-west-1"})", R"({"seed": 7, "quotas": {"stages": 1}})");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(*options, R"({"data_dir":"/d","region":"eu-west-1","seed":7,"quotas":{"stages":1}})");
}

TEST(ServeTest, EngineOptionsMustBeAnObjectWithoutTheFlaggedOptions) {
  for (const char* bad : {"[]", "7", "{", "not json"}) {
    absl::StatusOr<std::string> options = WithEngineOptions(R"({"data_dir":"/d"})", bad);
    ASSERT_FALSE(options.ok()) << bad;
    EXPECT_EQ(Msg(options.status().message()), "argument --engine-options: must be a JSON object");
  }
  absl::StatusOr<std::string> region =
      WithEngineOptions(R"({"data_dir":"/d"})", R"({"region":"eu-west-1"})");
  ASSERT_FALSE(region.ok());
  EXPECT_EQ(Msg(region.status().message()), "argument --engine-options: give region with --region");
  EXPECT_FALSE(WithEngineOptions("{}", R"({"data_dir":"/x"})").ok());
  EXPECT_FALSE(WithEngineOptions("{}", R"({"account_id":"111122223333"})").ok());
}

TEST(ServeTest, LoopbackAddresses) {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "localhost"}) {
    EXPECT_TRUE(IsLoopback(host)) << host;
  }
  for (const char* host : {"0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "example.com", ""}) {
    EXPECT_FALSE(IsLoopback(host)) << host;
  }
}

TEST(ServeTest, ListenUrlBracketsIpv6) {
  EXPECT_EQ(ListenUrl("127.0.0.1", 4567), "http://127.0.0.1:4567");
  EXPECT_EQ(ListenUrl("::1", 80), "http://[::1]:80");
  EXPECT_EQ(ListenUrl("localhost", 1), "http://localhost:1");
}

TEST(ServeTest, RequestHeadersWithoutThoseHttplibAdds) {
  httplib::Headers headers = {{"Host", "127.0.0.1:4567"},
                              {"Authorization", "AWS4-HMAC-SHA256 Credential=k/d/r/s/aws4_request"},
                              {"REMOTE_ADDR", "127.0.0.1"},
                              {"REMOTE_PORT", "5555"},
                              {"LOCAL_ADDR", "127.0.0.1"},
                              {"LOCAL_PORT", "4567"}};
  EXPECT_EQ(RequestHeaderLines(headers),
            "Authorization: AWS4-HMAC-SHA256 Credential=k/d/r/s/aws4_request\r\n"
            "Host: 127.0.0.1:4567\r\n");
}

TEST(ServeTest, ParseHeaderLines) {
  EXPECT_EQ(ParseHeaderLines("Content-Type: application/json\r\nx-amzn-ErrorType:  "
                             "ValidationException \r\n\r\nnot a header\nA:b:c\n"),
            (Pairs{{"Content-Type", "application/json"},
                   {"x-amzn-ErrorType", "ValidationException"},
                   {"A", "b:c"}}));
  EXPECT_EQ(ParseHeaderLines(""), Pairs{});
}

}  // namespace
}  // namespace ivsrt::cli
