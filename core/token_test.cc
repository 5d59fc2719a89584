#include "core/token.h"

#include <string>

#include "core/base64url.h"
#include "core/hmac.h"
#include "core/strings.h"
#include "gtest/gtest.h"

namespace ivsrt {
namespace {

constexpr std::string_view kKey = "key";

TEST(CheckJwt, ASignedTokenVerifiesAndShowsItsPayload) {
  JwtCheck check = CheckJwt(kKey, SignJwt(kKey, R"({"exp":1})"));
  EXPECT_EQ(check.problem, JwtProblem::kNone);
  EXPECT_EQ(check.payload_json, R"({"exp":1})");
}

TEST(SignJwt, WritesTheHeaderOfAwsApiIssuedTokens) {
  std::string token = SignJwt(kKey, "{}");
  EXPECT_EQ(Base64UrlDecode(token.substr(0, token.find('.'))).value_or(""),
            R"({"alg":"KMS","typ":"JWT"})");
}

// ivsrt 0.1 wrote {"alg":"HS256",...} over the same HMAC: its stores' tokens keep verifying.
TEST(CheckJwt, ATokenOfTheFirstReleaseStillVerifies) {
  std::string signing_input = StrCat(Base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})"), ".",
                                     Base64UrlEncode(R"({"exp":1,"version":"1.0"})"));
  std::string token = StrCat(signing_input, ".", Base64UrlEncode(HmacSha256(kKey, signing_input)));
  JwtCheck check = CheckJwt(kKey, token);
  EXPECT_EQ(check.problem, JwtProblem::kNone);
  EXPECT_EQ(check.payload_json, R"({"exp":1,"version":"1.0"})");
  EXPECT_EQ(CheckJwt("other key", token).problem, JwtProblem::kBadSignature);
}

TEST(CheckJwt, AnythingButThreeNonEmptySegmentsOfJsonIsMalformed) {
  const std::string object = Base64UrlEncode("{}");
  const std::string signature = Base64UrlEncode("0123456789abcdef0123456789abcdef");
  for (const std::string& token :
       {std::string(".."), std::string(""), std::string("."), std::string("..."),
        StrCat(object, "..", signature), StrCat(".", object, ".", signature),
        StrCat(object, ".", object, "."), StrCat(object, ".", object),
        StrCat(Base64UrlEncode("null"), ".", object, ".", signature),
        StrCat(object, ".", Base64UrlEncode("[1]"), ".", signature),
        StrCat(Base64UrlEncode("{"), ".", object, ".", signature),
        StrCat(object, ".", object, ".", signature, ".", signature),
        StrCat(object, ".", object, ".", "!!")}) {
    EXPECT_EQ(CheckJwt(kKey, token).problem, JwtProblem::kMalformed) << token;
  }
}

TEST(CheckJwt, WellFormedButNotOursIsABadSignature) {
  const std::string token = SignJwt(kKey, R"({"exp":1})");
  EXPECT_EQ(CheckJwt("other key", token).problem, JwtProblem::kBadSignature);
  const std::string object = Base64UrlEncode("{}");
  EXPECT_EQ(CheckJwt(kKey, StrCat(object, ".", object, ".", "AAAA")).problem,
            JwtProblem::kBadSignature);
}

}  // namespace
}  // namespace ivsrt
