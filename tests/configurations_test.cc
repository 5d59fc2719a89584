// Storage and encoder configurations (Create/Get/List/Delete of each) and the stage recording
// references to storage configurations, through the engine. The expectations come from the
// service model, the AWS documentation and the AWS CLI examples (NOTES.md sections 5, 10, 13).
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

// A failed call as a client sees it.
struct Failure {
  std::string type;
  int status = 0;
  std::string message;
};

// What one family of configurations is called and needs.
struct Family {
  std::string_view type;      // in the operation names, e.g. "StorageConfiguration"
  std::string_view member;    // the output member, e.g. "storageConfiguration"
  std::string_view arn_type;  // e.g. "storage-configuration"
  std::string_view required;  // the members every Create needs, as a JSON fragment
  std::string_view quota;     // the key in the engine option "quotas"
  int default_quota;          // AWS's (NOTES.md section 10)
};

void PrintTo(const Family& family, std::ostream* os) { *os << family.type; }

constexpr Family kStorage = {
    .type = "StorageConfiguration",
    .member = "storageConfiguration",
    .arn_type = "storage-configuration",
    .required = R"("s3": {"bucketName": "my-bucket"})",
    .quota = "storageConfigurations",
    .default_quota = 5,
};
constexpr Family kEncoder = {
    .type = "EncoderConfiguration",
    .member = "encoderConfiguration",
    .arn_type = "encoder-configuration",
    .required = "",
    .quota = "encoderConfigurations",
    .default_quota = 20,
};

constexpr char kAccount[] = "123456789012";
constexpr char kId[] = "abcdABCDefgh";

std::string ArnBody(std::string_view arn) { return "{\"arn\": " + Quote(arn) + "}"; }

// `n` tags k0..k{n-1}.
std::string Tags(int n) {
  std::string out = "{";
  for (int i = 0; i < n; ++i) StrAppend(&out, i ? "," : "", "\"k", i, "\": \"v\"");
  return out + "}";
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

class ConfigurationsTest : public EngineTest {
 protected:
  Failure Fail(std::string_view operation, std::string_view body,
               std::string_view region = "us-east-1") {
    absl::StatusOr<std::string> result = engine_->InvokeIn(region, operation, body);
    if (result.ok()) return {"success: " + *result, 200, ""};
    const ErrorType& error = ErrorTypeOf(result.status());
    return {std::string(error.name), error.http_status, std::string(result.status().message())};
  }
  // The call must fail with `type`, and its message must name `member`.
  void ExpectError(std::string_view operation, std::string_view body, std::string_view type,
                   std::string_view member) {
    Failure f = Fail(operation, body);
    EXPECT_EQ(f.type, type) << operation << " " << body;
    EXPECT_TRUE(Contains(f.message, member))
        << operation << " " << body << ": \"" << f.message << "\" does not name " << member;
  }

  std::string CreateStorage(std::string_view bucket = "my-bucket", std::string_view name = "") {
    return Call("CreateStorageConfiguration",
                StrCat(R"({"name": )", Quote(name), R"(, "s3": {"bucketName": )", Quote(bucket),
                       "}}"))
        .Str("storageConfiguration/arn");
  }
  Json CreateEncoder(std::string_view video) {
    return Call("CreateEncoderConfiguration", StrCat(R"({"video": )", video, "}"));
  }
  // A stage whose recording goes to `storage_arn`.
  std::string CreateRecordingStage(std::string_view storage_arn) {
    return CreateStageArn(Recording(storage_arn));
  }
  static std::string Recording(std::string_view storage_arn, std::string_view stage_arn = "") {
    std::string body = "{";
    if (!stage_arn.empty()) StrAppend(&body, "\"arn\": ", Quote(stage_arn), ", ");
    return StrCat(body, R"("autoParticipantRecordingConfiguration": {"storageConfigurationArn": )",
                  Quote(storage_arn), "}}");
  }
  std::string RecordingArnOf(const Json& stage_output) {
    return stage_output.Str("stage/autoParticipantRecordingConfiguration/storageConfigurationArn");
  }
};

// ---- rules both families share -----------------------------------------------------------

class FamilyTest : public ConfigurationsTest, public ::testing::WithParamInterface<Family> {
 protected:
  const Family& F() const { return GetParam(); }
  // The other family, whose ARNs and page tokens do not fit this one's operations.
  const Family& Other() const { return F().type == kStorage.type ? kEncoder : kStorage; }
  void OpenWithQuota(int quota) {
    Open(StrCat(R"({"quotas": {")", F().quota, "\": ", quota, "}}"));
  }
  std::string Op(std::string_view verb) const {
    return StrCat(verb, F().type, verb == "List" ? "s" : "");
  }
  std::string ListMember() const { return StrCat(F().member, "s"); }
  // A Create body: the family's required members and `extra` (a JSON fragment).
  std::string Body(std::string_view extra = "") const {
    std::string_view sep = F().required.empty() || extra.empty() ? "" : ", ";
    return StrCat("{", F().required, sep, extra, "}");
  }
  Json Create(std::string_view extra = "") { return Call(Op("Create"), Body(extra)); }
  std::string CreateArn(std::string_view extra = "") {
    return Create(extra).Str(StrCat(F().member, "/arn"));
  }
  // One List page after `token` (empty: the first): the ARNs; `token` becomes the next one.
  std::vector<std::string> Page(int max_results, std::string& token) {
    std::string body = StrCat("{\"maxResults\": ", max_results);
    if (!token.empty()) StrAppend(&body, ", \"nextToken\": ", Quote(token));
    Json page = Call(Op("List"), body + "}");
    std::vector<std::string> arns;
    for (size_t i = 0; i < page.Size(ListMember()); ++i) {
      arns.push_back(page.Str(StrCat(ListMember(), "/", i, "/arn")));
    }
    token = page.Str("nextToken");
    return arns;
  }
  size_t Count(std::string_view region = "us-east-1") {
    absl::StatusOr<std::string> out = engine_->InvokeIn(region, Op("List"), "{}");
    EXPECT_TRUE(out.ok()) << out.status();
    return out.ok() ? Json(*out).Size(ListMember()) : 0;
  }
  std::string ArnIn(std::string_view region, std::string_view account, std::string_view id) {
    return StrCat("arn:aws:ivs:", region, ":", account, ":", F().arn_type, "/", id);
  }
};

TEST_P(FamilyTest, CreateAnswersWithAnArnOfItsTypeAndGetAnswersTheSame) {
  Json created = Create(R"("name": "first-1_x")");
  const std::string p = StrCat(F().member, "/");
  std::string arn = created.Str(p + "arn");
  std::string prefix = ArnIn("us-east-1", kAccount, "");
  ASSERT_TRUE(arn.starts_with(prefix)) << arn;
  std::string id = arn.substr(prefix.size());
  EXPECT_EQ(id.size(), 12u) << arn;
  for (char c : id) EXPECT_TRUE(isalnum(static_cast<unsigned char>(c))) << arn;
  EXPECT_EQ(created.Str(p + "name"), "first-1_x");
  EXPECT_TRUE(created.Has(p + "tags"));
  EXPECT_EQ(created.Size(p + "tags"), 0u);
  EXPECT_EQ(Call(Op("Get"), ArnBody(arn)).Minified(F().member), created.Minified(F().member));

  Json unnamed = Create();
  EXPECT_TRUE(unnamed.Has(p + "name"));
  EXPECT_EQ(unnamed.Str(p + "name"), "");
  EXPECT_NE(unnamed.Str(p + "arn"), arn);
}

TEST_P(FamilyTest, NamesFollowTheModel) {
  const std::string p = StrCat(F().member, "/name");
  std::string longest(128, 'n');
  EXPECT_EQ(Create("\"name\": " + Quote(longest)).Str(p), longest);
  for (const std::string& bad :
       {std::string("has space"), std::string("a.b"), std::string("ü"), std::string(129, 'n')}) {
    ExpectError(Op("Create"), Body("\"name\": " + Quote(bad)), "ValidationException", "name");
  }
  EXPECT_EQ(Count(), 1u);  // nothing stored by the failed calls
}

TEST_P(FamilyTest, TagRulesOnCreate) {
  Json tagged = Create("\"tags\": " + Tags(50));
  EXPECT_EQ(tagged.Size(StrCat(F().member, "/tags")), 50u);
  EXPECT_EQ(ErrorOf(Op("Create"), Body("\"tags\": " + Tags(51))), "ValidationException");
  ExpectError(Op("Create"), Body(R"("tags": {"aws:owner": "me"})"), "ValidationException", "tags");
  ExpectError(Op("Create"), Body(R"("tags": {"": "v"})"), "ValidationException", "tags");
  EXPECT_EQ(Count(), 1u);
}

TEST_P(FamilyTest, TagOperationsWorkAndTheTagsGoWithTheResource) {
  std::string arn = CreateArn(R"("tags": {"a": "1"})");
  std::string resource = "{\"resourceArn\": " + Quote(arn);
  EXPECT_EQ(Call("TagResource", resource + R"(, "tags": {"b": "2"}})").text(), "{}");
  EXPECT_EQ(Call("ListTagsForResource", resource + "}").Minified("tags"), R"({"a":"1","b":"2"})");
  EXPECT_EQ(Call(Op("Get"), ArnBody(arn)).Str(StrCat(F().member, "/tags/b")), "2");
  EXPECT_EQ(Call(Op("List"), "{}").Minified(ListMember() + "/0/tags"), R"({"a":"1","b":"2"})");
  EXPECT_EQ(Call("UntagResource", resource + R"(, "tagKeys": ["a"]})").text(), "{}");
  EXPECT_EQ(Call(Op("List"), "{}").Minified(ListMember() + "/0/tags"), R"({"b":"2"})");
  ExpectError("TagResource", resource + R"(, "tags": {"aws:x": "1"}})", "ValidationException",
              "tags");

  EXPECT_EQ(Call(Op("Delete"), ArnBody(arn)).text(), "{}");
  EXPECT_EQ(ErrorOf("ListTagsForResource", resource + "}"), "ResourceNotFoundException");
  EXPECT_EQ(ErrorOf("TagResource", resource + R"(, "tags": {"c": "3"}})"),
            "ResourceNotFoundException");
  EXPECT_EQ(ErrorOf("UntagResource", resource + R"(, "tagKeys": ["b"]})"),
            "ResourceNotFoundException");
}

TEST_P(FamilyTest, DeleteRemovesItOnce) {
  std::string kept = CreateArn();
  std::string arn = CreateArn();
  EXPECT_EQ(Call(Op("Delete"), ArnBody(arn)).text(), "{}");
  for (std::string_view verb : {"Get", "Delete"}) {
    Failure f = Fail(Op(verb), ArnBody(arn));
    EXPECT_EQ(f.type, "ResourceNotFoundException") << verb;
    EXPECT_EQ(f.status, 404);
    EXPECT_TRUE(Contains(f.message, arn)) << f.message;
  }
  Json list = Call(Op("List"), "{}");
  ASSERT_EQ(list.Size(ListMember()), 1u);
  EXPECT_EQ(list.Str(ListMember() + "/0/arn"), kept);
}

TEST_P(FamilyTest, WellFormedArnsOfNothingHereAreNotFound) {
  std::string arn = CreateArn();
  std::string id = arn.substr(arn.rfind('/') + 1);
  for (const std::string& absent :
       {ArnIn("us-east-1", kAccount, kId), ArnIn("eu-west-1", kAccount, id),
        ArnIn("us-east-1", "999999999999", id), ArnIn("us-east-1", kAccount, "abc-DEF-123")}) {
    for (std::string_view verb : {"Get", "Delete"}) {
      Failure f = Fail(Op(verb), ArnBody(absent));
      EXPECT_EQ(f.type, "ResourceNotFoundException") << verb << " " << absent;
      EXPECT_EQ(f.status, 404);
    }
  }
  EXPECT_EQ(Count(), 1u);
}

TEST_P(FamilyTest, MalformedArnsAreValidationErrors) {
  for (const std::string& bad :
       {std::string(""), ArnIn("us-east-1", kAccount, ""), ArnIn("us-east-1", kAccount, "ab_c"),
        ArnIn("US-EAST-1", kAccount, kId), ArnIn("us-east-1", "12345678901x", kId),
        StrCat("arn:aws:ivs:us-east-1:", kAccount, ":stage/", kId),
        StrCat("arn:aws:ivs:us-east-1:", kAccount, ":", Other().arn_type, "/", kId),
        StrCat(F().arn_type, "/", kId), std::string(129, 'a')}) {
    for (std::string_view verb : {"Get", "Delete"}) {
      Failure f = Fail(Op(verb), ArnBody(bad));
      EXPECT_EQ(f.type, "ValidationException") << verb << " " << bad;
      EXPECT_EQ(f.status, 400);
      EXPECT_TRUE(Contains(f.message, "arn")) << f.message;
    }
  }
  ExpectError(Op("Get"), "{}", "ValidationException", "arn");
  ExpectError(Op("Delete"), "{}", "ValidationException", "arn");
}

TEST_P(FamilyTest, TheDefaultQuotaHoldsPerRegion) {
  std::vector<std::string> arns;
  for (int i = 0; i < F().default_quota; ++i) arns.push_back(CreateArn());
  Failure over = Fail(Op("Create"), Body());
  EXPECT_EQ(over.type, "ServiceQuotaExceededException");
  EXPECT_EQ(over.status, 402);
  EXPECT_TRUE(Contains(over.message, F().quota)) << over.message;
  EXPECT_EQ(Count(), arns.size());  // nothing stored
  // Another region has its own quota.
  EXPECT_TRUE(engine_->InvokeIn("eu-west-1", Op("Create"), Body()).ok());
  // A deletion makes room for one more.
  Call(Op("Delete"), ArnBody(arns[0]));
  CreateArn();
  EXPECT_EQ(ErrorOf(Op("Create"), Body()), "ServiceQuotaExceededException");
}

TEST_P(FamilyTest, TheQuotaOptionSetsTheQuota) {
  OpenWithQuota(2);
  CreateArn();
  CreateArn();
  EXPECT_EQ(ErrorOf(Op("Create"), Body()), "ServiceQuotaExceededException");
  OpenWithQuota(0);
  EXPECT_EQ(ErrorOf(Op("Create"), Body()), "ServiceQuotaExceededException");
  EXPECT_EQ(Count(), 0u);
}

TEST_P(FamilyTest, ListPagesInCreationOrder) {
  OpenWithQuota(10);
  std::vector<std::string> arns;
  for (int i = 0; i < 7; ++i) arns.push_back(CreateArn(StrCat("\"name\": \"c", i, "\"")));
  Json all = Call(Op("List"), "{}");
  ASSERT_EQ(all.Size(ListMember()), 7u);
  EXPECT_FALSE(all.Has("nextToken"));
  EXPECT_EQ(all.Str(ListMember() + "/6/name"), "c6");

  std::string token;
  EXPECT_EQ(Page(3, token), std::vector<std::string>(arns.begin(), arns.begin() + 3));
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(Page(3, token), std::vector<std::string>(arns.begin() + 3, arns.begin() + 6));
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(Page(3, token), std::vector<std::string>{arns[6]});
  EXPECT_TRUE(token.empty());  // no empty last page

  EXPECT_EQ(Page(7, token), arns);
  EXPECT_TRUE(token.empty());
  ExpectError(Op("List"), R"({"maxResults": 0})", "ValidationException", "maxResults");
  ExpectError(Op("List"), R"({"maxResults": 101})", "ValidationException", "maxResults");
}

// The documented default pages: 100 for ListEncoderConfigurations, "your service quota or 100,
// whichever is smaller" for ListStorageConfigurations; 100 both, with a quota of 150.
TEST_P(FamilyTest, TheDefaultPageIs100) {
  Open(StrCat(R"({"durability": "nosync", "quotas": {")", F().quota, R"(": 150}})"));
  for (int i = 0; i < 101; ++i) ASSERT_TRUE(Raw(Op("Create"), Body()).ok()) << i;
  Json first = Call(Op("List"), "{}");
  EXPECT_EQ(first.Size(ListMember()), 100u);
  ASSERT_TRUE(first.Has("nextToken"));
  Json rest = Call(Op("List"), "{\"nextToken\": " + Quote(first.Str("nextToken")) + "}");
  EXPECT_EQ(rest.Size(ListMember()), 1u);
  EXPECT_FALSE(rest.Has("nextToken"));
}

TEST_P(FamilyTest, DeletionsBetweenPagesDoNotBreakPaging) {
  OpenWithQuota(10);
  std::vector<std::string> arns;
  for (int i = 0; i < 6; ++i) arns.push_back(CreateArn());
  std::string token;
  EXPECT_EQ(Page(2, token), std::vector<std::string>(arns.begin(), arns.begin() + 2));
  // The first item of the next page (where the token points) and one after it go.
  Call(Op("Delete"), ArnBody(arns[2]));
  Call(Op("Delete"), ArnBody(arns[4]));
  EXPECT_EQ(Page(2, token), (std::vector<std::string>{arns[3], arns[5]}));
  EXPECT_TRUE(token.empty());
}

TEST_P(FamilyTest, NextTokensOpenOnlyInTheirOperationAndRegion) {
  for (int i = 0; i < 3; ++i) CreateArn();
  std::string token;
  Page(1, token);
  ASSERT_FALSE(token.empty());
  std::string with_token = "{\"nextToken\": " + Quote(token) + "}";
  ExpectError(StrCat("List", Other().type, "s"), with_token, "ValidationException", "nextToken");
  ExpectError("ListStages", with_token, "ValidationException", "nextToken");
  EXPECT_EQ(Fail(Op("List"), with_token, "eu-west-1").type, "ValidationException");
  ExpectError(Op("List"), R"({"nextToken": "AAAA"})", "ValidationException", "nextToken");
  ExpectError(Op("List"), R"({"nextToken": "not a token!"})", "ValidationException", "nextToken");
  // A ListStages token does not open here either.
  for (int i = 0; i < 2; ++i) CreateStageArn();
  std::string stages_token = Call("ListStages", R"({"maxResults": 1})").Str("nextToken");
  ASSERT_FALSE(stages_token.empty());
  ExpectError(Op("List"), "{\"nextToken\": " + Quote(stages_token) + "}", "ValidationException",
              "nextToken");
  // In its own operation the token still works.
  EXPECT_EQ(Call(Op("List"), with_token).Size(ListMember()), 2u);
}

TEST_P(FamilyTest, RegionsAreSeparate) {
  absl::StatusOr<std::string> west = engine_->InvokeIn("eu-west-1", Op("Create"), Body());
  ASSERT_TRUE(west.ok()) << west.status();
  std::string arn = Json(*west).Str(StrCat(F().member, "/arn"));
  EXPECT_TRUE(arn.starts_with(ArnIn("eu-west-1", kAccount, ""))) << arn;
  EXPECT_EQ(Count(), 0u);
  EXPECT_EQ(Count("eu-west-1"), 1u);
  EXPECT_EQ(ErrorOf(Op("Get"), ArnBody(arn)), "ResourceNotFoundException");
  EXPECT_EQ(ErrorOf(Op("Delete"), ArnBody(arn)), "ResourceNotFoundException");
  EXPECT_TRUE(engine_->InvokeIn("eu-west-1", Op("Get"), ArnBody(arn)).ok());
  EXPECT_TRUE(engine_->InvokeIn("eu-west-1", Op("Delete"), ArnBody(arn)).ok());
  EXPECT_EQ(Count("eu-west-1"), 0u);
}

INSTANTIATE_TEST_SUITE_P(Configurations, FamilyTest, ::testing::Values(kStorage, kEncoder),
                         [](const auto& info) { return std::string(info.param.type); });

// ---- storage configurations --------------------------------------------------------------

// The AWS CLI's create-storage-configuration and list-storage-configurations examples.
TEST_F(ConfigurationsTest, StorageConfigurationAnswersAsTheAwsCliExamples) {
  Json out = Call("CreateStorageConfiguration",
                  R"({"name": "test-sc", "s3": {"bucketName": "test-bucket-name"}})");
  EXPECT_EQ(out.Size(""), 1u);
  EXPECT_EQ(out.Size("storageConfiguration"), 4u);  // arn, name, s3, tags
  EXPECT_EQ(out.Str("storageConfiguration/name"), "test-sc");
  EXPECT_EQ(out.Minified("storageConfiguration/s3"), R"({"bucketName":"test-bucket-name"})");
  EXPECT_EQ(out.Minified("storageConfiguration/tags"), "{}");

  // Summaries carry s3 too.
  Json list = Call("ListStorageConfigurations", "{}");
  EXPECT_EQ(list.Size(""), 1u);
  ASSERT_EQ(list.Size("storageConfigurations"), 1u);
  EXPECT_EQ(list.Minified("storageConfigurations/0"), out.Minified("storageConfiguration"));
}

TEST_F(ConfigurationsTest, BucketNamesFollowTheModel) {
  for (const std::string& good :
       {std::string("abc"), std::string(63, 'b'), std::string("my.bucket-1"), std::string("0-9")}) {
    std::string arn = CreateStorage(good);
    EXPECT_EQ(
        Call("GetStorageConfiguration", ArnBody(arn)).Str("storageConfiguration/s3/bucketName"),
        good);
    Call("DeleteStorageConfiguration", ArnBody(arn));
  }
  for (const std::string& bad :
       {std::string("ab"), std::string(64, 'b'), std::string("My-Bucket"), std::string("my_bucket"),
        std::string("my bucket"), std::string("")}) {
    ExpectError("CreateStorageConfiguration", R"({"s3": {"bucketName": )" + Quote(bad) + "}}",
                "ValidationException", "s3.bucketName");
  }
  ExpectError("CreateStorageConfiguration", R"({"s3": {}})", "ValidationException",
              "s3.bucketName");
  ExpectError("CreateStorageConfiguration", R"({"s3": {"bucketName": 5}})", "ValidationException",
              "s3.bucketName");
  ExpectError("CreateStorageConfiguration", R"({"name": "no-s3"})", "ValidationException", "s3");
  ExpectError("CreateStorageConfiguration", "{}", "ValidationException", "s3");
  EXPECT_EQ(Call("ListStorageConfigurations", "{}").Size("storageConfigurations"), 0u);
}

// ListStorageConfigurations' default page is "your service quota or 100, whichever is
// smaller": a store reopened with a smaller quota than it holds pages by that quota.
TEST_F(ConfigurationsTest, ListStorageConfigurationsPagesByASmallerQuota) {
  std::string dir = TempDir();
  Open(StrCat(R"({"data_dir": )", Quote(dir), R"(, "quotas": {"storageConfigurations": 4}})"));
  std::vector<std::string> arns;
  for (int i = 0; i < 4; ++i) arns.push_back(CreateStorage());
  EXPECT_EQ(Call("ListStorageConfigurations", "{}").Size("storageConfigurations"), 4u);
  Open(StrCat(R"({"data_dir": )", Quote(dir), R"(, "quotas": {"storageConfigurations": 3}})"));
  Json page = Call("ListStorageConfigurations", "{}");
  EXPECT_EQ(page.Size("storageConfigurations"), 3u);
  EXPECT_EQ(page.Str("storageConfigurations/0/arn"), arns[0]);
  ASSERT_TRUE(page.Has("nextToken"));
  Json last =
      Call("ListStorageConfigurations", "{\"nextToken\": " + Quote(page.Str("nextToken")) + "}");
  EXPECT_EQ(last.Size("storageConfigurations"), 1u);
  EXPECT_EQ(last.Str("storageConfigurations/0/arn"), arns[3]);
  EXPECT_EQ(ErrorOf("CreateStorageConfiguration", R"({"s3": {"bucketName": "one-more"}})"),
            "ServiceQuotaExceededException");
  engine_.reset();
  std::filesystem::remove_all(dir);
}

// ---- encoder configurations --------------------------------------------------------------

TEST_F(ConfigurationsTest, EncoderConfigurationFillsTheDocumentedVideoDefaults) {
  Json out = Call("CreateEncoderConfiguration", "{}");
  EXPECT_EQ(out.Size("encoderConfiguration"), 4u);  // arn, name, tags, video
  EXPECT_EQ(out.Str("encoderConfiguration/name"), "");
  EXPECT_EQ(out.Minified("encoderConfiguration/tags"), "{}");
  EXPECT_EQ(out.Size("encoderConfiguration/video"), 4u);
  EXPECT_EQ(out.Int("encoderConfiguration/video/width"), 1280);
  EXPECT_EQ(out.Int("encoderConfiguration/video/height"), 720);
  EXPECT_EQ(out.Int("encoderConfiguration/video/bitrate"), 2500000);
  EXPECT_EQ(out.Int("encoderConfiguration/video/framerate"), 30);  // 30, as the CLI shows it
  EXPECT_EQ(CreateEncoder("{}").Minified("encoderConfiguration/video"),
            out.Minified("encoderConfiguration/video"));

  // What is given is kept, the rest filled in.
  Json partial = CreateEncoder(R"({"width": 640, "height": 360})");
  EXPECT_EQ(partial.Int("encoderConfiguration/video/width"), 640);
  EXPECT_EQ(partial.Int("encoderConfiguration/video/height"), 360);
  EXPECT_EQ(partial.Int("encoderConfiguration/video/bitrate"), 2500000);
  EXPECT_EQ(partial.Int("encoderConfiguration/video/framerate"), 30);
  Json got = Call("GetEncoderConfiguration", ArnBody(partial.Str("encoderConfiguration/arn")));
  EXPECT_EQ(got.Minified("encoderConfiguration/video"),
            partial.Minified("encoderConfiguration/video"));
}

// The AWS CLI's create-encoder-configuration and list-encoder-configurations examples.
TEST_F(ConfigurationsTest, EncoderConfigurationAnswersAsTheAwsCliExamples) {
  Json out = Call("CreateEncoderConfiguration", R"({"name": "test-ec", "video": {
      "bitrate": 3500000, "framerate": 30.0, "height": 1080, "width": 1920}})");
  EXPECT_EQ(out.Str("encoderConfiguration/name"), "test-ec");
  EXPECT_EQ(out.Size("encoderConfiguration/video"), 4u);
  EXPECT_EQ(out.Int("encoderConfiguration/video/bitrate"), 3500000);
  EXPECT_EQ(out.Int("encoderConfiguration/video/framerate"), 30);
  EXPECT_EQ(out.Int("encoderConfiguration/video/height"), 1080);
  EXPECT_EQ(out.Int("encoderConfiguration/video/width"), 1920);

  // Summaries are {arn, name, tags}: no video.
  Json list = Call("ListEncoderConfigurations", "{}");
  ASSERT_EQ(list.Size("encoderConfigurations"), 1u);
  EXPECT_EQ(list.Size("encoderConfigurations/0"), 3u);
  EXPECT_EQ(list.Str("encoderConfigurations/0/arn"), out.Str("encoderConfiguration/arn"));
  EXPECT_EQ(list.Str("encoderConfigurations/0/name"), "test-ec");
  EXPECT_EQ(list.Minified("encoderConfigurations/0/tags"), "{}");
  EXPECT_FALSE(list.Has("encoderConfigurations/0/video"));
}

TEST_F(ConfigurationsTest, VideoSizeRules) {
  for (std::string_view good :
       {R"({"width": 1920, "height": 1080})", R"({"width": 1080, "height": 1920})",
        R"({"width": 2, "height": 2})", R"({"width": 1920})", R"({"height": 1080})"}) {
    EXPECT_TRUE(Raw("CreateEncoderConfiguration", StrCat(R"({"video": )", good, "}")).ok()) << good;
  }
  Json portrait = CreateEncoder(R"({"width": 1080, "height": 1920})");
  EXPECT_EQ(portrait.Int("encoderConfiguration/video/width"), 1080);
  EXPECT_EQ(portrait.Int("encoderConfiguration/video/height"), 1920);

  struct Bad {
    std::string_view video;
    std::string_view member;
  };
  for (const Bad& bad : {
           Bad{R"({"width": 1922, "height": 720})", "video.width"},  // the model's 2..1920
           Bad{R"({"width": 720, "height": 1922})", "video.height"},
           Bad{R"({"width": 0, "height": 720})", "video.width"},
           Bad{R"({"width": 1280, "height": 1})", "video.height"},
           Bad{R"({"width": -2})", "video.width"},
           Bad{R"({"width": 641, "height": 360})", "video.width"},  // odd
           Bad{R"({"width": 640, "height": 361})", "video.height"},
           Bad{R"({"width": 1920, "height": 1082})", "video"},  // 2,077,440 pixels
           Bad{R"({"width": 1082, "height": 1920})", "video"},
           Bad{R"({"width": 1920, "height": 1920})", "video"},
           Bad{R"({"width": "1920"})", "video.width"},
           Bad{R"({"width": 640.5})", "video.width"},
       }) {
    ExpectError("CreateEncoderConfiguration", StrCat(R"({"video": )", bad.video, "}"),
                "ValidationException", bad.member);
  }
  EXPECT_EQ(Call("ListEncoderConfigurations", "{}").Size("encoderConfigurations"), 6u);
}

TEST_F(ConfigurationsTest, FramerateIsAFloatFrom1To60) {
  Json ntsc = CreateEncoder(R"({"framerate": 29.97})");
  Json got = Call("GetEncoderConfiguration", ArnBody(ntsc.Str("encoderConfiguration/arn")));
  for (const Json* out : {&ntsc, &got}) {
    double framerate = 0;
    ASSERT_EQ(out->root()["encoderConfiguration"]["video"]["framerate"].get_double().get(framerate),
              simdjson::SUCCESS);
    EXPECT_EQ(framerate, 29.97);
  }
  // Kept at the model's precision, a 32-bit float (an assumption: AWS's outputs are floats).
  Json fine = CreateEncoder(R"({"framerate": 29.97000000001})");
  EXPECT_EQ(fine.Minified("encoderConfiguration/video/framerate"), "29.97");
  for (std::string_view good : {"1", "1.0", "60", "59.94", "12.5"}) {
    EXPECT_TRUE(
        Raw("CreateEncoderConfiguration", StrCat(R"({"video": {"framerate": )", good, "}}")).ok())
        << good;
  }
  for (std::string_view bad : {"0.5", "0", "60.5", "61", "-30", "1e39", "\"30\""}) {
    ExpectError("CreateEncoderConfiguration", StrCat(R"({"video": {"framerate": )", bad, "}}"),
                "ValidationException", "video.framerate");
  }
}

TEST_F(ConfigurationsTest, BitrateIsFrom1To8500000) {
  EXPECT_EQ(CreateEncoder(R"({"bitrate": 8500000})").Int("encoderConfiguration/video/bitrate"),
            8500000);
  EXPECT_EQ(CreateEncoder(R"({"bitrate": 1})").Int("encoderConfiguration/video/bitrate"), 1);
  for (std::string_view bad : {"8500001", "0", "-1", "2.5", "\"2500000\""}) {
    ExpectError("CreateEncoderConfiguration", StrCat(R"({"video": {"bitrate": )", bad, "}}"),
                "ValidationException", "video.bitrate");
  }
  EXPECT_EQ(ErrorOf("CreateEncoderConfiguration", R"({"video": []})"), "ValidationException");
}

// ---- stage recordings refer to storage configurations ------------------------------------

TEST_F(ConfigurationsTest, ARecordingStageNeedsAnExistingStorageConfigurationHere) {
  std::string storage = CreateStorage();
  Json stage = Call("CreateStage", Recording(storage));
  EXPECT_EQ(RecordingArnOf(stage), storage);
  EXPECT_EQ(RecordingArnOf(Call("GetStage", ArnBody(stage.Str("stage/arn")))), storage);

  std::string id = storage.substr(storage.rfind('/') + 1);
  std::string deleted = CreateStorage();
  Call("DeleteStorageConfiguration", ArnBody(deleted));
  absl::StatusOr<std::string> west = engine_->InvokeIn("eu-west-1", "CreateStorageConfiguration",
                                                       R"({"s3": {"bucketName": "west-bucket"}})");
  ASSERT_TRUE(west.ok()) << west.status();
  for (const std::string& missing :
       {StrCat("arn:aws:ivs:us-east-1:", kAccount, ":storage-configuration/", kId), deleted,
        Json(*west).Str("storageConfiguration/arn"),
        StrCat("arn:aws:ivs:us-east-1:999999999999:storage-configuration/", id),
        StrCat("arn:aws:ivs:eu-west-1:", kAccount, ":storage-configuration/", id)}) {
    ExpectError("CreateStage", Recording(missing), "ValidationException",
                "autoParticipantRecordingConfiguration.storageConfigurationArn");
  }
  // Not a storage configuration ARN at all: the model's pattern.
  for (const std::string& bad :
       {StrCat("arn:aws:ivs:us-east-1:", kAccount, ":stage/", kId),
        StrCat("arn:aws:ivs:us-east-1:", kAccount, ":encoder-configuration/", kId)}) {
    ExpectError("CreateStage", Recording(bad), "ValidationException",
                "autoParticipantRecordingConfiguration.storageConfigurationArn");
  }
  ExpectError("CreateStage", R"({"autoParticipantRecordingConfiguration": {}})",
              "ValidationException", "storageConfigurationArn");
  EXPECT_EQ(Call("ListStages", "{}").Size("stages"), 1u);  // only the first one was stored

  // The same through UpdateStage, which then changes nothing.
  std::string arn = stage.Str("stage/arn");
  ExpectError("UpdateStage", Recording(deleted, arn), "ValidationException",
              "autoParticipantRecordingConfiguration.storageConfigurationArn");
  EXPECT_EQ(RecordingArnOf(Call("GetStage", ArnBody(arn))), storage);
  EXPECT_EQ(ErrorOf("DeleteStorageConfiguration", ArnBody(storage)), "ConflictException");
}

TEST_F(ConfigurationsTest, AStorageConfigurationInUseCannotBeDeleted) {
  std::string storage = CreateStorage("in-use", "kept");
  Call("TagResource", "{\"resourceArn\": " + Quote(storage) + R"(, "tags": {"a": "1"}})");
  std::string stage = CreateRecordingStage(storage);
  Json before = Call("GetStorageConfiguration", ArnBody(storage));

  Failure f = Fail("DeleteStorageConfiguration", ArnBody(storage));
  EXPECT_EQ(f.type, "ConflictException");
  EXPECT_EQ(f.status, 409);
  EXPECT_TRUE(Contains(f.message, storage)) << f.message;
  EXPECT_TRUE(Contains(f.message, stage)) << f.message;
  // Nothing changed.
  EXPECT_EQ(Call("GetStorageConfiguration", ArnBody(storage)).text(), before.text());
  EXPECT_EQ(Call("ListStorageConfigurations", "{}").Size("storageConfigurations"), 1u);
  EXPECT_EQ(RecordingArnOf(Call("GetStage", ArnBody(stage))), storage);
  // Renaming the stage keeps its recording, and so the reference.
  Call("UpdateStage", "{\"arn\": " + Quote(stage) + R"(, "name": "renamed"})");
  EXPECT_EQ(ErrorOf("DeleteStorageConfiguration", ArnBody(storage)), "ConflictException");
  // Encoder configurations are not held by stages.
  std::string encoder = CreateEncoder("{}").Str("encoderConfiguration/arn");
  EXPECT_EQ(Call("DeleteEncoderConfiguration", ArnBody(encoder)).text(), "{}");
}

TEST_F(ConfigurationsTest, UpdateStageMovesOrReleasesTheReference) {
  std::string a = CreateStorage("bucket-a");
  std::string b = CreateStorage("bucket-b");
  std::string stage = CreateRecordingStage(a);

  EXPECT_EQ(RecordingArnOf(Call("UpdateStage", Recording(b, stage))), b);
  EXPECT_EQ(ErrorOf("DeleteStorageConfiguration", ArnBody(b)), "ConflictException");
  EXPECT_EQ(Call("DeleteStorageConfiguration", ArnBody(a)).text(), "{}");

  // "" disables recording: the defaults come back and b is free.
  Json off = Call("UpdateStage", "{\"arn\": " + Quote(stage) +
                                     R"(, "autoParticipantRecordingConfiguration": {
      "storageConfigurationArn": "", "mediaTypes": ["AUDIO_ONLY"],
      "recordingReconnectWindowSeconds": 60}})");
  EXPECT_EQ(RecordingArnOf(off), "");
  EXPECT_EQ(off.Minified("stage/autoParticipantRecordingConfiguration/mediaTypes"),
            R"(["AUDIO_VIDEO"])");
  EXPECT_EQ(off.Int("stage/autoParticipantRecordingConfiguration/recordingReconnectWindowSeconds"),
            0);
  EXPECT_EQ(Call("DeleteStorageConfiguration", ArnBody(b)).text(), "{}");
  EXPECT_EQ(ErrorOf("GetStorageConfiguration", ArnBody(b)), "ResourceNotFoundException");
  EXPECT_EQ(Call("GetStage", ArnBody(stage)).Str("stage/arn"), stage);
}

TEST_F(ConfigurationsTest, DeletingEveryStageThatRecordsReleasesTheStorage) {
  std::string storage = CreateStorage();
  std::string first = CreateRecordingStage(storage);
  std::string second = CreateRecordingStage(storage);
  std::string unrelated = CreateStageArn(
      R"({"autoParticipantRecordingConfiguration": {"storageConfigurationArn": ""}})");
  Call("DeleteStage", ArnBody(first));
  EXPECT_EQ(ErrorOf("DeleteStorageConfiguration", ArnBody(storage)), "ConflictException");
  Call("DeleteStage", ArnBody(second));
  EXPECT_EQ(Call("DeleteStorageConfiguration", ArnBody(storage)).text(), "{}");
  EXPECT_EQ(Call("GetStage", ArnBody(unrelated)).Str("stage/arn"), unrelated);
}

// Stages and storage configurations of one region refer to each other only there.
TEST_F(ConfigurationsTest, ReferencesStayInTheirRegion) {
  auto west = [&](std::string_view operation, std::string_view body) {
    absl::StatusOr<std::string> out = engine_->InvokeIn("eu-west-1", operation, body);
    EXPECT_TRUE(out.ok()) << operation << ": " << out.status();
    return Json(out.ok() ? *out : "{}");
  };
  std::string storage = west("CreateStorageConfiguration", R"({"s3": {"bucketName": "west"}})")
                            .Str("storageConfiguration/arn");
  std::string stage = west("CreateStage", Recording(storage)).Str("stage/arn");
  EXPECT_EQ(Fail("DeleteStorageConfiguration", ArnBody(storage), "eu-west-1").type,
            "ConflictException");
  west("DeleteStage", ArnBody(stage));
  west("DeleteStorageConfiguration", ArnBody(storage));
}

TEST_F(ConfigurationsTest, ResetClearsConfigurationsTagsAndReferences) {
  std::vector<std::string> storages;
  for (int i = 0; i < 5; ++i) storages.push_back(CreateStorage());
  std::string encoder =
      Call("CreateEncoderConfiguration", R"({"tags": {"a": "1"}})").Str("encoderConfiguration/arn");
  std::string stage = CreateRecordingStage(storages[0]);
  EXPECT_EQ(Call("ivsrt:Reset", "{}").text(), "{}");

  EXPECT_EQ(Call("ListStorageConfigurations", "{}").Size("storageConfigurations"), 0u);
  EXPECT_EQ(Call("ListEncoderConfigurations", "{}").Size("encoderConfigurations"), 0u);
  EXPECT_EQ(ErrorOf("GetStorageConfiguration", ArnBody(storages[0])), "ResourceNotFoundException");
  EXPECT_EQ(ErrorOf("GetEncoderConfiguration", ArnBody(encoder)), "ResourceNotFoundException");
  EXPECT_EQ(ErrorOf("ListTagsForResource", "{\"resourceArn\": " + Quote(encoder) + "}"),
            "ResourceNotFoundException");
  EXPECT_EQ(ErrorOf("GetStage", ArnBody(stage)), "ResourceNotFoundException");
  // The quota counts start again, and no reference from before holds the new ones (ids
  // replay after a reset, so the first new one has the ARN the stage used).
  std::vector<std::string> again;
  for (int i = 0; i < 5; ++i) again.push_back(CreateStorage());
  ASSERT_EQ(again[0], storages[0]) << "ids replay after a reset (README: every counter is gone)";
  for (const std::string& arn : again) {
    EXPECT_EQ(Call("DeleteStorageConfiguration", ArnBody(arn)).text(), "{}") << arn;
  }
}

}  // namespace
}  // namespace ivsrt::testing
