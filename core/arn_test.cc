#include "core/arn.h"

#include "gtest/gtest.h"

namespace ivsrt {
namespace {

TEST(Arn, ParsesEveryPartOfAResourceArn) {
  auto arn = ParseArn("arn:aws:ivs:us-west-2:123456789012:encoder-configuration/AbCd1234EfGh");
  ASSERT_TRUE(arn.has_value());
  EXPECT_EQ(arn->region, "us-west-2");
  EXPECT_EQ(arn->account, "123456789012");
  EXPECT_EQ(arn->resource_type, "encoder-configuration");
  EXPECT_EQ(arn->id, "AbCd1234EfGh");
  EXPECT_EQ(MakeArn(arn->region, arn->account, arn->resource_type, arn->id),
            "arn:aws:ivs:us-west-2:123456789012:encoder-configuration/AbCd1234EfGh");
}

TEST(Arn, RefusesWhatIsNotOfTheForm) {
  for (std::string_view bad :
       {"", "arn:aws:ivs:", "arn:aws:ivs:us-east-1:123:stage", "arn:aws:ivs:us-east-1:123:stage/",
        "arn:aws:ivs::123:stage/x", "arn:aws:ivs:r::stage/x", "arn:aws:ivs:r:1:/x",
        "arn:aws:ivs:r:1:stage/a/b", "arn:aws:svs:r:1:stage/x", "arn:aws-cn:ivs:r:1:stage/x"}) {
    EXPECT_FALSE(ParseArn(bad).has_value()) << bad;
  }
}

TEST(Arn, RegionNames) {
  EXPECT_TRUE(IsRegionName("us-east-1"));
  EXPECT_TRUE(IsRegionName(std::string(64, 'a')));
  EXPECT_FALSE(IsRegionName(std::string(65, 'a')));
  EXPECT_FALSE(IsRegionName(""));
  EXPECT_FALSE(IsRegionName("US-EAST-1"));
  EXPECT_FALSE(IsRegionName("us_east_1"));
}

}  // namespace
}  // namespace ivsrt
