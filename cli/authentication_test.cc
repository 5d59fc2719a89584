#include "cli/authentication.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace ivsrt::cli {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr char kSigned[] =
    "AWS4-HMAC-SHA256 Credential=AKID/20260102/us-east-1/ivs/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=00";

TEST(AuthenticationTest, ASignedRequestPasses) {
  EXPECT_EQ(UnsignedRefusal(
                {{"Host", "x"}, {"X-Amz-Date", "20260102T030405Z"}, {"Authorization", kSigned}}),
            std::nullopt);
  EXPECT_EQ(UnsignedRefusal({{"authorization", kSigned}, {"date", "Fri, 02 Jan 2026"}}),
            std::nullopt);
}

TEST(AuthenticationTest, NoAuthorizationHeaderIsAMissingToken) {
  for (const Headers& headers : {Headers{}, Headers{{"Host", "x"}, {"X-Amz-Date", "2026"}}}) {
    std::optional<Refusal> refusal = UnsignedRefusal(headers);
    ASSERT_TRUE(refusal.has_value());
    EXPECT_EQ(refusal->status, 403);
    EXPECT_EQ(refusal->type, "MissingAuthenticationTokenException");
    EXPECT_EQ(refusal->message, "Missing Authentication Token");
  }
}

TEST(AuthenticationTest, AnIncompleteSignatureNamesWhatIsMissing) {
  std::optional<Refusal> bearer = UnsignedRefusal({{"Authorization", "Bearer abc"}});
  ASSERT_TRUE(bearer.has_value());
  EXPECT_EQ(bearer->status, 403);
  EXPECT_EQ(bearer->type, "IncompleteSignatureException");
  EXPECT_EQ(bearer->message,
            "Authorization header requires 'Credential' parameter. Authorization header requires "
            "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
            "header. Authorization=Bearer abc");
  std::optional<Refusal> no_credential = UnsignedRefusal(
      {{"Authorization", "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00"}, {"Date", "d"}});
  ASSERT_TRUE(no_credential.has_value());
  EXPECT_EQ(no_credential->message,
            "Authorization header requires 'Credential' parameter. "
            "Authorization=AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00");
  std::optional<Refusal> undated = UnsignedRefusal({{"Authorization", kSigned}});
  ASSERT_TRUE(undated.has_value());
  EXPECT_EQ(undated->type, "IncompleteSignatureException");
  EXPECT_EQ(undated->message.substr(0, 103),
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
            "header. Authorization=AWS4");
}

TEST(AuthenticationTest, TheEchoedHeaderIsCut) {
  std::optional<Refusal> refusal = UnsignedRefusal({{"Authorization", std::string(1000, 'x')}});
  ASSERT_TRUE(refusal.has_value());
  EXPECT_LT(refusal->message.size(), 400u);
}

TEST(AuthenticationTest, RefusalBodyHasOnlyAMessage) {
  EXPECT_EQ(RefusalBody("Missing \"Authentication\" Token"),
            R"({"message":"Missing \"Authentication\" Token"})");
}

}  // namespace
}  // namespace ivsrt::cli
