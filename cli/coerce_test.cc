#include "cli/coerce.h"

#include <gtest/gtest.h>

#include <string>

#include "cli/shorthand.h"
#include "cli/text.h"

namespace ivsrt::cli {
namespace {

int InputMemberShape(const char* operation, std::string_view member) {
  const model::Operation* op = model::FindOperation(operation);
  for (const model::Member& m : model::ShapeAt(op->input_shape).members) {
    if (m.name == member) return m.shape;
  }
  return model::kNoShape;
}

std::string Typed(const char* shorthand, int shape) {
  absl::StatusOr<Json> parsed = ParseShorthand(shorthand);
  if (!parsed.ok()) return "parse error";
  absl::StatusOr<Json> typed = Coerce(*parsed, shape, "v");
  if (!typed.ok()) {
    return "error: " + std::string(Msg(typed.status().message()));
  }
  return typed->Compact();
}

TEST(CoerceTest, ScalarsTakeTheModelType) {
  EXPECT_EQ(CoerceScalar("60", model::Type::kInteger)->Compact(), "60");
  EXPECT_EQ(CoerceScalar("-3", model::Type::kLong)->Compact(), "-3");
  EXPECT_EQ(CoerceScalar("1.5", model::Type::kFloat)->Compact(), "1.5");
  EXPECT_EQ(CoerceScalar("TRUE", model::Type::kBoolean)->Compact(), "true");
  EXPECT_EQ(CoerceScalar("60", model::Type::kString)->Compact(), "\"60\"");
  EXPECT_FALSE(CoerceScalar("sixty", model::Type::kInteger).ok());
  EXPECT_FALSE(CoerceScalar("1.5", model::Type::kInteger).ok());
  EXPECT_FALSE(CoerceScalar("yes", model::Type::kBoolean).ok());
  EXPECT_FALSE(CoerceScalar("inf", model::Type::kDouble).ok());
}

TEST(CoerceTest, StructureMembersAreTyped) {
  int configs = InputMemberShape("CreateStage", "participantTokenConfigurations");
  int config = model::ShapeAt(configs).member_shape;
  EXPECT_EQ(Typed("userId=alice,duration=60,capabilities=PUBLISH", config),
            R"({"userId":"alice","duration":60,"capabilities":["PUBLISH"]})");
  EXPECT_EQ(Typed("attributes={role=host},capabilities=PUBLISH,SUBSCRIBE", config),
            R"({"attributes":{"role":"host"},"capabilities":["PUBLISH","SUBSCRIBE"]})");
}

TEST(CoerceTest, UnknownMembersAndWrongFormsAreUsageErrors) {
  int config = model::ShapeAt(InputMemberShape("CreateStage", "participantTokenConfigurations"))
                   .member_shape;
  EXPECT_EQ(Typed("user=alice", config),
            "error: Unknown parameter in v: \"user\", must be one of: "
            "duration, userId, "
            "attributes, capabilities");
  EXPECT_NE(Typed("duration=long", config).find("invalid literal for int()"), std::string::npos);
  EXPECT_NE(Typed("userId=a,b", config).find("Invalid type for parameter v.userId"),
            std::string::npos);
}

TEST(CoerceTest, MapsKeepStringValues) {
  int tags = InputMemberShape("CreateStage", "tags");
  EXPECT_EQ(Typed("env=dev,team=video", tags), R"({"env":"dev","team":"video"})");
}

}  // namespace
}  // namespace ivsrt::cli
