#include "core/resources/resources.h"

#include <algorithm>
#include <filesystem>
#include <string>

#include "core/errors.h"
#include "core/model/model.h"
#include "core/resources/listing.h"
#include "core/resources/record.h"
#include "core/resources/references.h"
#include "core/strings.h"
#include "gtest/gtest.h"
#include "simdjson.h"

namespace ivsrt::resources {
namespace {

class ResourcesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           StrCat("ivsrt-resources-", ::testing::UnitTest::GetInstance()->random_seed(), "-",
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    store_ = *store::Store::Open(dir_.string(), store::Durability::kNoSync);
    services_ = std::make_unique<Services>(
        Services{store_.get(), &clock_, "key", IdGenerator("ids"), "pages", Quotas()});
    ctx_ = OpContext{services_.get(), "123456789012", "us-east-1", absl::UnixEpoch()};
  }
  void TearDown() override {
    services_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  absl::StatusOr<Resource> CreateIn(const OpContext& ctx, ResourceType type,
                                    std::string body = R"({"name":"n"})", TagMap tags = {}) {
    absl::StatusOr<Resource> created;
    absl::Status status = store_->Write([&](store::Txn& txn) -> absl::Status {
      created = Create(txn, ctx, type, tags, [&](std::string_view) { return body; });
      return created.status();
    });
    if (!status.ok()) return status;
    return created;
  }
  absl::StatusOr<Resource> LoadArn(const OpContext& ctx, ResourceType type, std::string_view arn) {
    absl::StatusOr<Resource> loaded;
    absl::Status status = store_->Read([&](const store::Txn& txn) -> absl::Status {
      loaded = Load(txn, ctx, type, arn);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return loaded;
  }

  std::filesystem::path dir_;
  std::shared_ptr<store::Store> store_;
  Clock clock_;
  std::unique_ptr<Services> services_;
  OpContext ctx_;
};

TEST_F(ResourcesTest, CreateMakesAnArnOfTheTypeAndLoadReturnsTheRecord) {
  auto created = CreateIn(ctx_, ResourceType::kEncoderConfiguration, R"({"name":"e","video":{}})",
                          {{"k", "v"}});
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->arn,
            "arn:aws:ivs:us-east-1:123456789012:encoder-configuration/" + created->id);
  EXPECT_EQ(created->id.size(), 12u);
  auto loaded = LoadArn(ctx_, ResourceType::kEncoderConfiguration, created->arn);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->body, R"({"name":"e","video":{}})");
  EXPECT_EQ(loaded->tags_json, R"({"k":"v"})");
  EXPECT_EQ(loaded->seq, created->seq);
}

TEST_F(ResourcesTest, LoadTellsMalformedFromAbsentAndFromOtherPartitions) {
  auto created = CreateIn(ctx_, ResourceType::kStage);
  ASSERT_TRUE(created.ok());
  // An ARN of another type is malformed for this one.
  EXPECT_TRUE(absl::IsInvalidArgument(
      LoadArn(ctx_, ResourceType::kStorageConfiguration, created->arn).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(LoadArn(ctx_, ResourceType::kStage, "nope").status()));
  OpContext other_region = ctx_;
  other_region.region = "eu-west-1";
  EXPECT_TRUE(absl::IsNotFound(LoadArn(other_region, ResourceType::kStage, created->arn).status()));
  OpContext other_account = ctx_;
  other_account.account = "210987654321";
  EXPECT_TRUE(
      absl::IsNotFound(LoadArn(other_account, ResourceType::kStage, created->arn).status()));
  EXPECT_TRUE(absl::IsNotFound(
      LoadArn(ctx_, ResourceType::kStage, "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh")
          .status()));
}

TEST_F(ResourcesTest, LoadTaggableFindsEveryTypeAndNothingElse) {
  for (const ResourceTypeInfo& info : kResourceTypes) {
    auto created = CreateIn(ctx_, info.type);
    ASSERT_TRUE(created.ok()) << info.arn_type;
    ASSERT_TRUE(store_
                    ->Read([&](const store::Txn& txn) -> absl::Status {
                      auto loaded = LoadTaggable(txn, ctx_, created->arn);
                      EXPECT_TRUE(loaded.ok()) << info.arn_type;
                      EXPECT_EQ(loaded->type, info.type);
                      auto channel = LoadTaggable(
                          txn, ctx_, "arn:aws:ivs:us-east-1:123456789012:channel/abcdABCDefgh");
                      EXPECT_TRUE(absl::IsNotFound(channel.status()));
                      return absl::OkStatus();
                    })
                    .ok());
  }
}

TEST_F(ResourcesTest, QuotasArePerTypeAndPartitionAndDeletingFreesRoom) {
  services_->quotas.set_limit(ResourceType::kPublicKey, 2);
  auto first = CreateIn(ctx_, ResourceType::kPublicKey);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(CreateIn(ctx_, ResourceType::kPublicKey).ok());
  absl::Status over = CreateIn(ctx_, ResourceType::kPublicKey).status();
  EXPECT_TRUE(absl::IsResourceExhausted(over)) << over;
  EXPECT_NE(std::string(over.message()).find("\"publicKeys\""), std::string::npos) << over;
  EXPECT_TRUE(CreateIn(ctx_, ResourceType::kStage).ok());  // another type
  OpContext other = ctx_;
  other.region = "eu-west-1";
  EXPECT_TRUE(CreateIn(other, ResourceType::kPublicKey).ok());  // another partition
  ASSERT_TRUE(store_->Write([&](store::Txn& txn) { return Delete(txn, ctx_, *first); }).ok());
  EXPECT_TRUE(CreateIn(ctx_, ResourceType::kPublicKey).ok());
}

TEST_F(ResourcesTest, AReferencedResourceCannotBeDeletedUntilReleased) {
  auto storage = CreateIn(ctx_, ResourceType::kStorageConfiguration);
  auto stage = CreateIn(ctx_, ResourceType::kStage);
  ASSERT_TRUE(storage.ok() && stage.ok());
  ASSERT_TRUE(
      store_->Write([&](store::Txn& txn) { return AddReference(txn, stage->arn, storage->arn); })
          .ok());
  absl::Status conflict =
      store_->Write([&](store::Txn& txn) { return Delete(txn, ctx_, *storage); });
  EXPECT_TRUE(absl::IsFailedPrecondition(conflict)) << conflict;
  EXPECT_TRUE(LoadArn(ctx_, ResourceType::kStorageConfiguration, storage->arn).ok());
  // Deleting the referrer releases its references.
  ASSERT_TRUE(store_->Write([&](store::Txn& txn) { return Delete(txn, ctx_, *stage); }).ok());
  EXPECT_TRUE(store_->Write([&](store::Txn& txn) { return Delete(txn, ctx_, *storage); }).ok());
}

TEST_F(ResourcesTest, ListPagesInCreationOrderFromTheIndexWithTheSummaryMembers) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(CreateIn(ctx_, ResourceType::kStorageConfiguration,
                         StrCat(R"({"name":"s)", i, R"(","s3":{"bucketName":"b"},"extra":1})"),
                         {{"i", StrCat(i)}})
                    .ok());
  }
  std::string token;
  std::vector<std::string> names;
  for (int page = 0; page < 3; ++page) {
    auto out = List(ctx_, ResourceType::kStorageConfiguration,
                    {"ListStorageConfigurations", "storageConfigurations", 2, token});
    ASSERT_TRUE(out.ok()) << out.status();
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    simdjson::dom::array items;
    ASSERT_EQ(parser.parse(*out).get(doc), simdjson::SUCCESS);
    ASSERT_EQ(doc["storageConfigurations"].get_array().get(items), simdjson::SUCCESS);
    for (simdjson::dom::element item : items) {
      std::string_view name, bucket;
      ASSERT_EQ(item["name"].get_string().get(name), simdjson::SUCCESS);
      names.emplace_back(name);
      // The summary shape's members only: s3 is one, "extra" is not.
      ASSERT_EQ(item["s3"]["bucketName"].get_string().get(bucket), simdjson::SUCCESS);
      EXPECT_EQ(bucket, "b");
      EXPECT_TRUE(item["extra"].error());
      EXPECT_FALSE(item["tags"]["i"].error());
    }
    std::string_view next;
    token = doc["nextToken"].get_string().get(next) == simdjson::SUCCESS ? std::string(next) : "";
  }
  EXPECT_EQ(names, (std::vector<std::string>{"s0", "s1", "s2", "s3", "s4"}));
  EXPECT_EQ(token, "");
  // A token of one List operation is no token of another.
  auto first = List(ctx_, ResourceType::kStorageConfiguration,
                    {"ListStorageConfigurations", "storageConfigurations", 2, ""});
  simdjson::dom::parser parser;
  std::string_view sealed;
  ASSERT_EQ(parser.parse(*first)["nextToken"].get_string().get(sealed), simdjson::SUCCESS);
  auto foreign = List(ctx_, ResourceType::kStage, {"ListStages", "stages", 2, sealed});
  EXPECT_TRUE(absl::IsInvalidArgument(foreign.status()));
}

TEST_F(ResourcesTest, SaveTagsUpdatesTheRecordAndTheIndex) {
  auto created = CreateIn(ctx_, ResourceType::kStage, R"({"name":"n"})", {{"a", "1"}});
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(store_
                  ->Write([&](store::Txn& txn) {
                    return SaveTags(txn, ctx_, *created, R"({"a":"1","b":"2"})");
                  })
                  .ok());
  auto out = List(ctx_, ResourceType::kStage, {"ListStages", "stages", 10, ""});
  ASSERT_TRUE(out.ok());
  EXPECT_NE(out->find(R"("tags":{"a":"1","b":"2"})"), std::string::npos) << *out;
  EXPECT_EQ(LoadArn(ctx_, ResourceType::kStage, created->arn)->tags_json, R"({"a":"1","b":"2"})");
}

// List entries splice the stored summary before "tags" without parsing it (a summary
// without tags, IngestConfigurationSummary, needs no order).
TEST(ResourceTypesTest, EverySummaryMemberSortsBeforeTags) {
  for (const ResourceTypeInfo& info : kResourceTypes) {
    int shape = model::FindShape(info.summary_shape);
    ASSERT_NE(shape, model::kNoShape) << info.summary_shape;
    const auto& members = model::ShapeAt(shape).members;
    const bool with_tags = std::any_of(members.begin(), members.end(),
                                       [](const model::Member& m) { return m.name == "tags"; });
    for (const model::Member& member : members) {
      if (with_tags) EXPECT_LE(member.name, "tags") << info.summary_shape << "." << member.name;
    }
    EXPECT_NE(model::FindShape(info.shape), model::kNoShape) << info.shape;
  }
}

TEST_F(ResourcesTest, OutputsPutTagsInTheirAlphabeticalPlace) {
  auto created = CreateIn(ctx_, ResourceType::kEncoderConfiguration,
                          R"({"name":"e","video":{"width":2}})", {{"k", "v"}});
  ASSERT_TRUE(created.ok());
  JsonWriter w;
  WriteResource(w, *created);
  EXPECT_EQ(w.str(),
            R"({"arn":")" + created->arn + R"(","name":"e","tags":{"k":"v"},"video":{"width":2}})");
}

TEST(RecordTest, RoundTripsAndRefusesTruncation) {
  std::string record = EncodeRecord(7, R"({"name":"x"})", "{}");
  auto decoded = DecodeRecord(record);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->seq, 7u);
  EXPECT_EQ(decoded->body, R"({"name":"x"})");
  EXPECT_EQ(decoded->tags_json, "{}");
  EXPECT_FALSE(DecodeRecord(std::string_view(record).substr(0, record.size() - 1)).has_value());
  std::string entry = EncodeOrderEntry("abc", "{}", R"({"k":"v"})");
  auto order = DecodeOrderEntry(entry);
  ASSERT_TRUE(order.has_value());
  EXPECT_EQ(order->id, "abc");
  EXPECT_EQ(order->tags_json, R"({"k":"v"})");
  EXPECT_FALSE(DecodeOrderEntry("x").has_value());
}

TEST(TagJsonTest, JsonFormRoundTripsSortedAndCorruptionIsInternal) {
  TagMap tags{{"b", "2"}, {"a", "\"quoted\""}};
  std::string json = TagsToJson(tags);
  EXPECT_EQ(json, R"({"a":"\"quoted\"","b":"2"})");
  EXPECT_EQ(*TagsFromJson(json), tags);
  EXPECT_TRUE(absl::IsInternal(TagsFromJson("[1]").status()));
  TagMap fifty, fifty_one;
  for (int i = 0; i < 51; ++i) (i < 50 ? fifty : fifty_one)[StrCat("k", i)] = "";
  fifty_one.insert(fifty.begin(), fifty.end());
  EXPECT_TRUE(CheckTagCount(fifty).ok());
  EXPECT_TRUE(absl::IsInvalidArgument(CheckTagCount(fifty_one)));
}

}  // namespace
}  // namespace ivsrt::resources
