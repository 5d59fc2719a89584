#include "core/http_router.h"

#include "core/errors.h"
#include "gtest/gtest.h"

namespace ivsrt {
namespace {

absl::StatusOr<RoutedRequest> Route(std::string_view method, std::string_view target,
                                    std::string_view headers = "", std::string_view body = "") {
  return RouteHttpRequest({method, target, headers, body});
}

TEST(HttpRouter, RoutesEveryModelOperationByMethodAndPath) {
  auto create = Route("POST", "/CreateEncoderConfiguration", "", R"({"name":"e"})");
  ASSERT_TRUE(create.ok()) << create.status();
  EXPECT_EQ(create->operation->name, "CreateEncoderConfiguration");
  EXPECT_EQ(create->body, R"({"name":"e"})");
  auto list = Route("POST", "/ListStorageConfigurations");
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->operation->name, "ListStorageConfigurations");
  // Every operation of the model routes, the composition ones included.
  EXPECT_EQ(Route("POST", "/GetComposition", "", "{}")->operation->name, "GetComposition");
}

TEST(HttpRouter, TagPathsCarryTheArnLabelAndQueryMembers) {
  const std::string arn = "arn:aws:ivs:us-east-1:123456789012:storage-configuration/AbCd";
  auto list = Route("GET", "/tags/arn%3Aaws%3Aivs%3Aus-east-1%3A123456789012%3Astorage-"
                           "configuration%2FAbCd");
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->operation->name, "ListTagsForResource");
  EXPECT_NE(list->body.find(arn), std::string::npos) << list->body;
  auto untag = Route("DELETE", "/tags/" + arn + "?tagKeys=a&tagKeys=b%20c");
  ASSERT_TRUE(untag.ok()) << untag.status();
  EXPECT_EQ(untag->operation->name, "UntagResource");
  EXPECT_NE(untag->body.find(R"(["a","b c"])"), std::string::npos) << untag->body;
}

TEST(HttpRouter, UnknownPathsAndMethodsAndControlOperationsAreUnknownOperations) {
  EXPECT_TRUE(absl::IsUnimplemented(Route("GET", "/CreateStage").status()));
  EXPECT_TRUE(absl::IsUnimplemented(Route("POST", "/Nope").status()));
  EXPECT_TRUE(absl::IsUnimplemented(Route("POST", "/ivsrt:Reset").status()));
}

TEST(HttpRouter, RegionComesFromTheCredentialScopeThenTheHost) {
  EXPECT_EQ(*RegionFromHeaders("Authorization: AWS4-HMAC-SHA256 "
                               "Credential=AKID/20260102/eu-west-1/ivs/aws4_request, "
                               "SignedHeaders=host, Signature=00\r\n"
                               "Host: ivsrealtime.us-east-1.amazonaws.com"),
            "eu-west-1");
  EXPECT_EQ(*RegionFromHeaders("Host: ivsrealtime.ap-south-1.amazonaws.com"), "ap-south-1");
  EXPECT_EQ(*RegionFromHeaders("Host: localhost:4566"), "");
}

TEST(HttpRouter, ErrorsCarryTheAwsTypeAndStatus) {
  HttpResponse conflict = MakeHttpResponse(ConflictError("in use"));
  EXPECT_EQ(conflict.status, 409);
  EXPECT_NE(conflict.headers.find("x-amzn-ErrorType: ConflictException"), std::string::npos)
      << conflict.headers;
  EXPECT_NE(conflict.body.find("in use"), std::string::npos);
  HttpResponse ok = MakeHttpResponse(std::string("{}"));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "{}");
}

}  // namespace
}  // namespace ivsrt
