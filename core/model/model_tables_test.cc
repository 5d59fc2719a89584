#include <set>
#include <string>
#include <string_view>

#include "core/model/model.h"
#include "gtest/gtest.h"

namespace ivsrt::model {
namespace {

const Shape& Named(std::string_view name) {
  int index = FindShape(name);
  EXPECT_NE(index, kNoShape) << name;
  return ShapeAt(index == kNoShape ? 0 : index);
}

const Member* MemberOf(const Shape& shape, std::string_view name) {
  for (const Member& m : shape.members) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::string_view PatternOf(const Shape& shape) {
  return shape.pattern == kNoPattern ? "" : Patterns()[shape.pattern];
}

bool ValidIndex(int shape) { return shape >= 0 && static_cast<size_t>(shape) < Shapes().size(); }

TEST(ModelTablesTest, HasEveryOperationOfTheModel) {
  // NOTES.md section 3 lists 39 operations.
  EXPECT_EQ(Operations().size(), 39u);
  for (std::string_view name : {"CreateEncoderConfiguration",
                                "CreateIngestConfiguration",
                                "CreateParticipantToken",
                                "CreateStage",
                                "CreateStorageConfiguration",
                                "DeleteEncoderConfiguration",
                                "DeleteIngestConfiguration",
                                "DeletePublicKey",
                                "DeleteStage",
                                "DeleteStorageConfiguration",
                                "DisconnectParticipant",
                                "GetComposition",
                                "GetEncoderConfiguration",
                                "GetIngestConfiguration",
                                "GetParticipant",
                                "GetPublicKey",
                                "GetStage",
                                "GetStageSession",
                                "GetStorageConfiguration",
                                "ImportPublicKey",
                                "ListCompositions",
                                "ListEncoderConfigurations",
                                "ListIngestConfigurations",
                                "ListParticipantEvents",
                                "ListParticipantReplicas",
                                "ListParticipants",
                                "ListPublicKeys",
                                "ListStageSessions",
                                "ListStages",
                                "ListStorageConfigurations",
                                "ListTagsForResource",
                                "StartComposition",
                                "StartParticipantReplication",
                                "StopComposition",
                                "StopParticipantReplication",
                                "TagResource",
                                "UntagResource",
                                "UpdateIngestConfiguration",
                                "UpdateStage"}) {
    const Operation* op = FindOperation(name);
    ASSERT_NE(op, nullptr) << name;
    EXPECT_EQ(op->name, name);
    ASSERT_TRUE(ValidIndex(op->input_shape)) << name;
    EXPECT_EQ(ShapeAt(op->input_shape).type, Type::kStructure) << name;
    EXPECT_EQ(ShapeAt(op->input_shape).name, std::string(name) + "Request");
    ASSERT_TRUE(ValidIndex(op->output_shape)) << name;
    EXPECT_EQ(ShapeAt(op->output_shape).name, std::string(name) + "Response");
  }
  EXPECT_EQ(FindOperation("NoSuchOperation"), nullptr);
  EXPECT_EQ(FindOperation(""), nullptr);
  EXPECT_EQ(FindOperation("createStage"), nullptr);
}

TEST(ModelTablesTest, TablesAreSortedSoLookupsCanBisect) {
  for (size_t i = 1; i < Shapes().size(); ++i) {
    EXPECT_LT(Shapes()[i - 1].name, Shapes()[i].name);
  }
  for (size_t i = 1; i < Operations().size(); ++i) {
    EXPECT_LT(Operations()[i - 1].name, Operations()[i].name);
  }
  for (size_t i = 1; i < Patterns().size(); ++i) {
    EXPECT_LT(Patterns()[i - 1], Patterns()[i]);
  }
  for (size_t i = 0; i < Shapes().size(); ++i) {
    EXPECT_EQ(FindShape(Shapes()[i].name), static_cast<int>(i));
    EXPECT_EQ(&ShapeAt(static_cast<int>(i)), &Shapes()[i]);
  }
  EXPECT_EQ(FindShape("NoSuchShape"), kNoShape);
  EXPECT_EQ(FindShape(""), kNoShape);
}

TEST(ModelTablesTest, EveryReferenceIsInRangeAndFitsItsType) {
  for (const Shape& s : Shapes()) {
    SCOPED_TRACE(s.name);
    EXPECT_EQ(s.member_shape != kNoShape, s.type == Type::kList);
    EXPECT_EQ(s.key_shape != kNoShape, s.type == Type::kMap);
    EXPECT_EQ(s.value_shape != kNoShape, s.type == Type::kMap);
    if (s.type == Type::kList) {
      EXPECT_TRUE(ValidIndex(s.member_shape));
    }
    if (s.type == Type::kMap) {
      ASSERT_TRUE(ValidIndex(s.key_shape));
      EXPECT_EQ(ShapeAt(s.key_shape).type, Type::kString);
      EXPECT_TRUE(ValidIndex(s.value_shape));
    }
    if (s.type != Type::kStructure) {
      EXPECT_TRUE(s.members.empty());
    }
    std::set<std::string_view> names;
    for (const Member& m : s.members) {
      EXPECT_TRUE(ValidIndex(m.shape)) << m.name;
      EXPECT_TRUE(names.insert(m.name).second) << "duplicate member " << m.name;
      EXPECT_EQ(m.location_name.empty(), m.location == Location::kBody) << m.name;
    }
    if (s.pattern != kNoPattern) {
      EXPECT_GE(s.pattern, 0);
      EXPECT_LT(static_cast<size_t>(s.pattern), Patterns().size());
      EXPECT_EQ(s.type, Type::kString);
    }
    if (!s.enum_values.empty()) {
      EXPECT_EQ(s.type, Type::kString);
    }
    if (s.has_min && s.has_max) {
      EXPECT_LE(s.min, s.max);
    }
  }
}

TEST(ModelTablesTest, ConstraintsMatchTheModel) {
  const Shape& name = Named("StageName");
  EXPECT_EQ(name.type, Type::kString);
  EXPECT_TRUE(name.has_min && name.has_max);
  EXPECT_EQ(name.min, 0);
  EXPECT_EQ(name.max, 128);
  EXPECT_EQ(PatternOf(name), "[a-zA-Z0-9-_]*");

  const Shape& stage_arn = Named("StageArn");
  EXPECT_EQ(stage_arn.min, 1);
  EXPECT_EQ(stage_arn.max, 128);
  EXPECT_EQ(PatternOf(stage_arn), "arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+");

  const Shape& duration = Named("ParticipantTokenDurationMinutes");
  EXPECT_EQ(duration.type, Type::kInteger);
  EXPECT_EQ(duration.min, 1);
  EXPECT_EQ(duration.max, 20160);

  const Shape& framerate = Named("Framerate");
  EXPECT_EQ(framerate.type, Type::kFloat);
  EXPECT_EQ(framerate.min, 1);
  EXPECT_EQ(framerate.max, 60);

  const Shape& grid_gap = Named("GridGap");
  EXPECT_TRUE(grid_gap.has_min);
  EXPECT_FALSE(grid_gap.has_max);

  const Shape& tags = Named("Tags");
  EXPECT_EQ(tags.type, Type::kMap);
  EXPECT_EQ(tags.min, 0);
  EXPECT_EQ(tags.max, 50);
  EXPECT_EQ(ShapeAt(tags.key_shape).name, "TagKey");
  EXPECT_EQ(ShapeAt(tags.key_shape).min, 1);
  EXPECT_EQ(ShapeAt(tags.key_shape).max, 128);
  EXPECT_EQ(ShapeAt(tags.value_shape).name, "TagValue");
  EXPECT_EQ(ShapeAt(tags.value_shape).min, 0);
  EXPECT_EQ(ShapeAt(tags.value_shape).max, 256);

  const Shape& tag_keys = Named("TagKeyList");
  EXPECT_EQ(tag_keys.type, Type::kList);
  EXPECT_EQ(tag_keys.max, 50);
  EXPECT_EQ(ShapeAt(tag_keys.member_shape).name, "TagKey");

  const Shape& capability = Named("ParticipantTokenCapability");
  ASSERT_EQ(capability.enum_values.size(), 2u);
  EXPECT_EQ(capability.enum_values[0], "PUBLISH");
  EXPECT_EQ(capability.enum_values[1], "SUBSCRIBE");

  const Shape& session = Named("StageSessionId");
  EXPECT_EQ(session.min, 16);
  EXPECT_EQ(session.max, 16);

  // Patterns with the ^...$ anchors of the original model keep them.
  EXPECT_EQ(PatternOf(Named("AutoParticipantRecordingStorageConfigurationArn")),
            "^$|^arn:aws:ivs:[a-z0-9-]+:[0-9]+:storage-configuration/[a-zA-Z0-9-]+$");
}

TEST(ModelTablesTest, ResourceArnCarriesTheDocumentedFixUp) {
  EXPECT_EQ(PatternOf(Named("ResourceArn")), "arn:aws:ivs:[a-z0-9-]+:[0-9]+:[a-z-]+/[a-zA-Z0-9-]+");
  for (std::string_view p : Patterns()) {
    EXPECT_EQ(p.find("[a-z-]/"), std::string_view::npos) << p;
  }
}

TEST(ModelTablesTest, MembersKeepOrderRequirednessAndLocation) {
  const Shape& create = ShapeAt(FindOperation("CreateStage")->input_shape);
  ASSERT_EQ(create.members.size(), 4u);
  EXPECT_EQ(create.members[0].name, "name");
  EXPECT_EQ(create.members[1].name, "participantTokenConfigurations");
  EXPECT_EQ(create.members[2].name, "tags");
  EXPECT_EQ(create.members[3].name, "autoParticipantRecordingConfiguration");
  for (const Member& m : create.members) {
    EXPECT_FALSE(m.required) << m.name;
    EXPECT_EQ(m.location, Location::kBody) << m.name;
  }

  const Operation* untag = FindOperation("UntagResource");
  EXPECT_EQ(untag->http_method, "DELETE");
  EXPECT_EQ(untag->request_uri, "/tags/{resourceArn}");
  const Shape& untag_in = ShapeAt(untag->input_shape);
  const Member* arn = MemberOf(untag_in, "resourceArn");
  ASSERT_NE(arn, nullptr);
  EXPECT_TRUE(arn->required);
  EXPECT_EQ(arn->location, Location::kUri);
  EXPECT_EQ(arn->location_name, "resourceArn");
  EXPECT_EQ(ShapeAt(arn->shape).name, "ResourceArn");
  const Member* keys = MemberOf(untag_in, "tagKeys");
  ASSERT_NE(keys, nullptr);
  EXPECT_TRUE(keys->required);
  EXPECT_EQ(keys->location, Location::kQuery);
  EXPECT_EQ(keys->location_name, "tagKeys");

  EXPECT_EQ(FindOperation("ListTagsForResource")->http_method, "GET");
  EXPECT_EQ(FindOperation("CreateStage")->http_method, "POST");
  EXPECT_EQ(FindOperation("CreateStage")->request_uri, "/CreateStage");

  const Member* token_arn =
      MemberOf(ShapeAt(FindOperation("CreateParticipantToken")->input_shape), "stageArn");
  ASSERT_NE(token_arn, nullptr);
  EXPECT_TRUE(token_arn->required);

  const Member* header = MemberOf(Named("ValidationException"), "xAmznErrorType");
  ASSERT_NE(header, nullptr);
  EXPECT_EQ(header->location, Location::kHeader);
  EXPECT_EQ(header->location_name, "x-amzn-ErrorType");
}

}  // namespace
}  // namespace ivsrt::model
