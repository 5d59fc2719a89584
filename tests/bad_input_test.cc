// Bad input, table-driven, through the C ABI's two entries (ivsrt_invoke and
// ivsrt_http): each case gets its AWS error, stores nothing, and leaves the
// engine working.
#include <cctype>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/base64url.h"
#include "core/strings.h"
#include "ivsrt/ivsrt.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

struct Outcome {
  int status = 0;    // HTTP status (200 on success)
  std::string type;  // AWS error type; "" on success
  std::string body;  // response JSON (or error body over HTTP)
};

class CApiEngine {
 public:
  explicit CApiEngine(std::string_view options) {
    ivsrt_error* error = nullptr;
    EXPECT_EQ(ivsrt_engine_open(options.data(), options.size(), &engine_, &error), IVSRT_OK);
    ivsrt_error_free(error);
  }
  ~CApiEngine() { ivsrt_engine_close(engine_); }

  Outcome Invoke(std::string_view op, std::string_view body) const {
    char* out = nullptr;
    size_t len = 0;
    ivsrt_error* error = nullptr;
    int rc =
        ivsrt_invoke(engine_, op.data(), op.size(), body.data(), body.size(), &out, &len, &error);
    Outcome o;
    if (rc == IVSRT_OK) {
      o.status = 200;
      o.body.assign(out, len);
    } else {
      EXPECT_EQ(out, nullptr);
      EXPECT_EQ(len, 0u);
      o.status = ivsrt_error_http_status(error);
      o.type = ivsrt_error_type(error);
      o.body = ivsrt_error_message(error);
      EXPECT_EQ(ivsrt_error_code(error), rc);
    }
    ivsrt_free(out);
    ivsrt_error_free(error);
    return o;
  }

  Outcome Http(std::string_view method, std::string_view target, std::string_view body,
               std::string_view headers = "Host: ivsrealtime.us-east-1.amazonaws.com\r\n") const {
    int status = 0;
    char* h = nullptr;
    char* b = nullptr;
    size_t hlen = 0, blen = 0;
    ivsrt_error* error = nullptr;
    EXPECT_EQ(ivsrt_http(engine_, method.data(), method.size(), target.data(), target.size(),
                         headers.data(), headers.size(), body.data(), body.size(), &status, &h,
                         &hlen, &b, &blen, &error),
              IVSRT_OK);
    Outcome o;
    o.status = status;
    std::string head(h == nullptr ? "" : h, hlen);
    o.body.assign(b == nullptr ? "" : b, blen);
    ivsrt_free(h);
    ivsrt_free(b);
    ivsrt_error_free(error);
    size_t at = head.find("x-amzn-ErrorType: ");
    if (at != std::string::npos) {
      at += 18;
      o.type = head.substr(at, head.find("\r\n", at) - at);
    }
    return o;
  }

 private:
  ivsrt_engine* engine_ = nullptr;
};

int StatusOf(std::string_view type) {
  if (type == "ValidationException") return 400;
  if (type == "ResourceNotFoundException" || type == "UnknownOperationException") return 404;
  if (type == "ConflictException") return 409;
  if (type == "ServiceQuotaExceededException") return 402;
  if (type == "AccessDeniedException" || type == "PendingVerification") return 403;
  return 500;
}

constexpr std::string_view kV = "ValidationException";
constexpr std::string_view kNF = "ResourceNotFoundException";
constexpr std::string_view kUnknown = "UnknownOperationException";

struct Case {
  std::string name;
  std::string op;
  std::string body;
  std::string_view want;
};

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = std::make_unique<CApiEngine>(
        R"({"seed": 42, "clock": "2026-01-02T03:04:05Z", "quotas": {"stages": 10}})");
    Json created(Ok("CreateStage", R"({"name": "ref", "tags": {"keep": "me"},
                                      "participantTokenConfigurations": [{"userId": "u"}]})"));
    arn_ = created.Str("stage/arn");
    token_ = created.Str("participantTokens/0/token");
    pid_ = created.Str("participantTokens/0/participantId");
    Ok("CreateStage", R"({"name": "second"})");
    next_ = Json(Ok("ListStages", R"({"maxResults": 1})")).Str("nextToken");
    ASSERT_FALSE(next_.empty());
  }

  std::string Ok(std::string_view op, std::string_view body) {
    Outcome o = engine_->Invoke(op, body);
    EXPECT_EQ(o.type, "") << op << " " << body << ": " << o.body;
    return o.status == 200 ? o.body : "{}";
  }

  // Everything a client can see of the store.
  std::string Fingerprint() {
    std::string all = Ok("ListStages", R"({"maxResults": 100})");
    all += Ok("GetStage", "{\"arn\": " + Quote(arn_) + "}");
    all += Ok("ListTagsForResource", "{\"resourceArn\": " + Quote(arn_) + "}");
    all += Ok("ivsrt:VerifyParticipantToken", "{\"token\": " + Quote(token_) + "}");
    return all;
  }

  // The engine still creates and deletes.
  void ExpectWorking() {
    std::string arn = Json(Ok("CreateStage", "{}")).Str("stage/arn");
    ASSERT_FALSE(arn.empty());
    Ok("DeleteStage", "{\"arn\": " + Quote(arn) + "}");
  }

  std::string Fill(std::string s) const {
    for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"$ARN", arn_},
                            {"$NEXT", next_},
                            {"$PID", pid_}}) {
      for (size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, from.size(), to);
    }
    return s;
  }

  // Runs every case through both entries: same error type, nothing stored,
  // still working.
  void RunTable(const std::vector<Case>& cases) {
    std::string before = Fingerprint();
    for (const Case& c : cases) {
      SCOPED_TRACE(c.name);
      std::string body = Fill(c.body);
      Outcome invoked = engine_->Invoke(c.op, body);
      EXPECT_EQ(invoked.type, c.want) << invoked.body.substr(0, 300);
      EXPECT_EQ(invoked.status, StatusOf(c.want));
      std::string method, target, http_body;
      if (HttpForm(c.op, body, method, target, http_body)) {
        Outcome http = engine_->Http(method, target, http_body);
        EXPECT_EQ(http.type, c.want) << http.body.substr(0, 300);
        EXPECT_EQ(http.status, StatusOf(c.want));
        EXPECT_TRUE(Json(http.body).Has("exceptionMessage")) << http.body.substr(0, 300);
      }
      EXPECT_EQ(Fingerprint(), before);
      ExpectWorking();
      ++tried_;
    }
    RecordProperty("inputs_tried", tried_);
  }

  // The request as an SDK sends it over HTTP: "POST /Name", or the REST routes
  // of the tag operations. False when the body cannot be said that way (or the
  // name is test-control).
  static bool HttpForm(const std::string& op, const std::string& body, std::string& method,
                       std::string& target, std::string& http_body) {
    if (op.starts_with("ivsrt:")) return false;
    http_body = body;
    if (op != "TagResource" && op != "UntagResource" && op != "ListTagsForResource") {
      method = "POST";
      target = "/" + op;
      return true;
    }
    simdjson::dom::parser parser;
    simdjson::dom::object request;
    std::string_view arn;
    if (parser.parse(body).get_object().get(request) != simdjson::SUCCESS ||
        request["resourceArn"].get_string().get(arn) != simdjson::SUCCESS) {
      return false;
    }
    target = "/tags/" + PercentEncode(arn);
    if (op == "TagResource") {
      method = "POST";
      return true;
    }
    http_body.clear();
    if (op == "ListTagsForResource") {
      method = "GET";
      return true;
    }
    method = "DELETE";
    simdjson::dom::array keys;
    if (request["tagKeys"].get_array().get(keys) != simdjson::SUCCESS) return false;
    char sep = '?';
    for (simdjson::dom::element key : keys) {
      std::string_view k;
      if (key.get_string().get(k) != simdjson::SUCCESS) return false;
      target += StrCat(std::string(1, sep), "tagKeys=", PercentEncode(k));
      sep = '&';
    }
    return true;
  }
  static std::string PercentEncode(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
        out += static_cast<char>(c);
      } else {
        out += StrCat("%", absl::Hex(c, absl::kZeroPad2));
      }
    }
    return out;
  }

  std::unique_ptr<CApiEngine> engine_;
  std::string arn_, token_, pid_, next_;
  int tried_ = 0;
};

TEST_F(BadInputTest, MalformedAndTruncatedJson) {
  std::string full = R"({"name": "x", "tags": {"a": "b"}})";
  std::vector<Case> cases = {
      {"open brace", "CreateStage", "{", kV},
      {"unterminated string", "CreateStage", R"({"name": "a)", kV},
      {"missing value", "CreateStage", R"({"name": })", kV},
      {"trailing comma", "CreateStage", R"({"name": "a",})", kV},
      {"single quotes", "CreateStage", "{'name': 'a'}", kV},
      {"bare word", "CreateStage", "nul", kV},
      {"array body", "CreateStage", "[]", kV},
      {"string body", "CreateStage", R"("CreateStage")", kV},
      {"number body", "CreateStage", "42", kV},
      {"two documents", "CreateStage", "{}{}", kV},
      {"trailing garbage", "CreateStage", "{} x", kV},
      {"unquoted key", "CreateStage", "{name: \"a\"}", kV},
      {"bad escape", "CreateStage", R"({"name": "\q"})", kV},
      {"short unicode escape", "CreateStage", R"({"name": "\u12"})", kV},
      {"comment", "CreateStage", "{/* c */}", kV},
      {"NaN", "ListStages", R"({"maxResults": NaN})", kV},
      {"leading zero", "ListStages", R"({"maxResults": 01})", kV},
      {"plus sign", "ListStages", R"({"maxResults": +1})", kV},
  };
  for (size_t n = 1; n < full.size(); ++n) {  // every proper prefix of a valid request
    cases.push_back({StrCat("prefix ", n), "CreateStage", full.substr(0, n), kV});
  }
  RunTable(cases);
}

TEST_F(BadInputTest, WrongTypes) {
  RunTable({
      {"name number", "CreateStage", R"({"name": 5})", kV},
      {"name bool", "CreateStage", R"({"name": true})", kV},
      {"name object", "CreateStage", R"({"name": {}})", kV},
      {"tags array", "CreateStage", R"({"tags": []})", kV},
      {"tag value number", "CreateStage", R"({"tags": {"a": 1}})", kV},
      {"tag value null", "CreateStage", R"({"tags": {"a": null}})", kV},
      {"configurations object", "CreateStage", R"({"participantTokenConfigurations": {}})", kV},
      {"configuration number", "CreateStage", R"({"participantTokenConfigurations": [5]})", kV},
      {"configuration null", "CreateStage", R"({"participantTokenConfigurations": [null]})", kV},
      {"recording string", "CreateStage", R"({"autoParticipantRecordingConfiguration": "x"})", kV},
      {"media types string", "CreateStage",
       R"({"autoParticipantRecordingConfiguration": {"mediaTypes": "AUDIO_VIDEO"}})", kV},
      {"media type unknown", "CreateStage",
       R"({"autoParticipantRecordingConfiguration": {"mediaTypes": ["VIDEO"]}})", kV},
      {"replicas string", "CreateStage",
       R"({"autoParticipantRecordingConfiguration": {"recordParticipantReplicas": "true"}})", kV},
      {"arn number", "GetStage", R"({"arn": 123})", kV},
      {"arn array", "GetStage", "{\"arn\": [\"$ARN\"]}", kV},
      {"arn missing", "GetStage", "{}", kV},
      {"arn null", "GetStage", R"({"arn": null})", kV},
      {"maxResults string", "ListStages", R"({"maxResults": "10"})", kV},
      {"maxResults fraction", "ListStages", R"({"maxResults": 1.5})", kV},
      {"maxResults bool", "ListStages", R"({"maxResults": true})", kV},
      {"duration string", "CreateParticipantToken", R"({"stageArn": "$ARN", "duration": "60"})",
       kV},
      {"capabilities string", "CreateParticipantToken",
       R"({"stageArn": "$ARN", "capabilities": "PUBLISH"})", kV},
      {"capability unknown", "CreateParticipantToken",
       R"({"stageArn": "$ARN", "capabilities": ["ADMIN"]})", kV},
      {"capability lowercase", "CreateParticipantToken",
       R"({"stageArn": "$ARN", "capabilities": ["publish"]})", kV},
      {"attributes list", "CreateParticipantToken", R"({"stageArn": "$ARN", "attributes": ["a"]})",
       kV},
      {"tags string", "TagResource", R"({"resourceArn": "$ARN", "tags": "a=b"})", kV},
      {"tags missing", "TagResource", R"({"resourceArn": "$ARN"})", kV},
      {"tagKeys string", "UntagResource", R"({"resourceArn": "$ARN", "tagKeys": "keep"})", kV},
      {"tagKeys numbers", "UntagResource", R"({"resourceArn": "$ARN", "tagKeys": [1]})", kV},
      {"participantId number", "DisconnectParticipant",
       R"({"stageArn": "$ARN", "participantId": 1})", kV},
      {"clock time number", "ivsrt:SetClock", R"({"time": 1})", kV},
      {"clock time not ISO", "ivsrt:SetClock", R"({"time": "yesterday"})", kV},
      {"advance string", "ivsrt:AdvanceClock", R"({"seconds": "60"})", kV},
      {"verify token number", "ivsrt:VerifyParticipantToken", R"({"token": 1})", kV},
  });
}

TEST_F(BadInputTest, DeepNesting) {
  constexpr size_t kLevels = 100000;
  RunTable({
      {"arrays in tags", "CreateStage",
       StrCat("{\"tags\": ", Repeat("[", kLevels), Repeat("]", kLevels), "}"), kV},
      {"objects in an unknown member", "CreateStage",
       StrCat("{\"x\": ", Repeat("{\"a\": ", kLevels), "1", Repeat("}", kLevels), "}"), kV},
      {"arrays in an unknown member", "CreateStage",
       StrCat("{\"x\": ", Repeat("[", kLevels), Repeat("]", kLevels), "}"), kV},
      {"unbalanced", "CreateStage", Repeat("[", kLevels), kV},
      {"body of arrays", "ListStages", StrCat(Repeat("[", kLevels), Repeat("]", kLevels)), kV},
      {"configurations nest", "CreateStage",
       StrCat("{\"participantTokenConfigurations\": [", Repeat("{\"attributes\": ", 5000), "{}",
              Repeat("}", 5000), "]}"),
       kV},
      {"control op", "ivsrt:SetClock", StrCat(Repeat("[", kLevels), Repeat("]", kLevels)), kV},
  });
}

TEST_F(BadInputTest, HugeBodiesAndStrings) {
  constexpr size_t k100MB = size_t{100} << 20;
  RunTable({
      {"100 MB name", "CreateStage", StrCat("{\"name\": \"", std::string(k100MB, 'a'), "\"}"), kV},
      {"100 MB of whitespace", "ListStages", StrCat("{", std::string(k100MB, ' '), "}"), kV},
      {"100 MB control body", "ivsrt:GetClock", std::string(k100MB, '{'), kV},
      {"name 129", "CreateStage", StrCat("{\"name\": \"", std::string(129, 'a'), "\"}"), kV},
      {"tag key 129", "CreateStage", StrCat("{\"tags\": {\"", std::string(129, 'k'), "\": \"v\"}}"),
       kV},
      {"tag key empty", "CreateStage", R"({"tags": {"": "v"}})", kV},
      {"tag value 257", "CreateStage",
       StrCat("{\"tags\": {\"k\": \"", std::string(257, 'v'), "\"}}"), kV},
      {"51 tags", "CreateStage",
       [] {
         std::string tags = "{\"tags\": {";
         for (int i = 0; i < 51; ++i) tags += StrCat(i ? "," : "", "\"k", i, "\": \"v\"");
         return tags + "}}";
       }(),
       kV},
      {"13 configurations", "CreateStage",
       StrCat("{\"participantTokenConfigurations\": [", Repeat("{},", 12), "{}]}"), kV},
      {"userId 129", "CreateParticipantToken",
       StrCat("{\"stageArn\": \"$ARN\", \"userId\": \"", std::string(129, 'u'), "\"}"), kV},
      {"attributes over 1 KB", "CreateParticipantToken",
       StrCat("{\"stageArn\": \"$ARN\", \"attributes\": {\"a\": \"", std::string(1100, 'x'),
              "\"}}"),
       kV},
      {"arn 129", "GetStage",
       StrCat("{\"arn\": \"arn:aws:ivs:us-east-1:123456789012:stage/", std::string(129, 'a'),
              "\"}"),
       kV},
      {"arn 1 MB", "GetStage", StrCat("{\"arn\": \"", std::string(1 << 20, 'a'), "\"}"), kV},
      {"participantId 65", "DisconnectParticipant",
       StrCat("{\"stageArn\": \"$ARN\", \"participantId\": \"", std::string(65, 'p'), "\"}"), kV},
      {"reason 129", "DisconnectParticipant",
       StrCat("{\"stageArn\": \"$ARN\", \"participantId\": \"$PID\", "
              "\"reason\": \"",
              std::string(129, 'r'), "\"}"),
       kV},
      {"nextToken 1025", "ListStages", StrCat("{\"nextToken\": \"", std::string(1025, 'A'), "\"}"),
       kV},
  });
}

TEST_F(BadInputTest, InvalidUtf8AndNulBytes) {
  using namespace std::string_literals;
  RunTable({
      {"0xFF in name", "CreateStage", "{\"name\": \"a\xff\"}", kV},
      {"truncated sequence in tag", "CreateStage", "{\"tags\": {\"k\": \"\xc3\"}}", kV},
      {"overlong slash", "CreateStage", "{\"tags\": {\"k\": \"\xc0\xaf\"}}", kV},
      {"UTF-16 surrogate bytes", "CreateStage", "{\"tags\": {\"k\": \"\xed\xa0\x80\"}}", kV},
      {"beyond U+10FFFF", "CreateStage", "{\"tags\": {\"k\": \"\xf4\x90\x80\x80\"}}", kV},
      {"invalid key bytes", "CreateStage", "{\"tags\": {\"\xfe\": \"v\"}}", kV},
      {"invalid member name", "CreateStage", "{\"\xff\": 1}", kV},
      {"lone high surrogate escape", "CreateStage", R"({"tags": {"k": "\ud800"}})", kV},
      {"lone low surrogate escape", "CreateStage", R"({"tags": {"k": "\udc00x"}})", kV},
      {"raw NUL in string", "CreateStage", "{\"name\": \"a\0b\"}"s, kV},
      {"raw NUL in tag value", "CreateStage", "{\"tags\": {\"k\": \"a\0b\"}}"s, kV},
      {"raw NUL after body", "CreateStage", "{}\0"s, kV},
      {"raw NUL before body", "CreateStage", "\0{}"s, kV},
      {"escaped NUL in name", "CreateStage", R"({"name": "a\u0000b"})", kV},
      {"escaped NUL in arn", "GetStage", R"({"arn": "$ARN\u0000"})", kV},
      {"raw newline in string", "CreateStage", "{\"name\": \"a\nb\"}", kV},
      {"raw tab in string", "CreateStage", "{\"name\": \"a\tb\"}", kV},
      {"NUL in arn member", "TagResource", R"({"resourceArn": "$ARN\u0000x", "tags": {"a": "b"}})",
       kV},
  });
}

TEST_F(BadInputTest, NumbersOutOfRange) {
  RunTable({
      {"maxResults 0", "ListStages", R"({"maxResults": 0})", kV},
      {"maxResults -1", "ListStages", R"({"maxResults": -1})", kV},
      {"maxResults 101", "ListStages", R"({"maxResults": 101})", kV},
      {"maxResults 2^63", "ListStages", R"({"maxResults": 9223372036854775808})", kV},
      {"maxResults -2^63-1", "ListStages", R"({"maxResults": -9223372036854775809})", kV},
      {"maxResults 2^64", "ListStages", R"({"maxResults": 18446744073709551616})", kV},
      {"maxResults 1e999", "ListStages", R"({"maxResults": 1e999})", kV},
      {"maxResults 1e2", "ListStages", R"({"maxResults": 1e2})", kV},
      {"maxResults 2^32+1", "ListStages", R"({"maxResults": 4294967297})", kV},
      {"100 digits", "ListStages", StrCat("{\"maxResults\": ", std::string(100, '9'), "}"), kV},
      {"duration 0", "CreateParticipantToken", R"({"stageArn": "$ARN", "duration": 0})", kV},
      {"duration -5", "CreateParticipantToken", R"({"stageArn": "$ARN", "duration": -5})", kV},
      {"duration 20161", "CreateParticipantToken", R"({"stageArn": "$ARN", "duration": 20161})",
       kV},
      {"duration 2^31", "CreateParticipantToken", R"({"stageArn": "$ARN", "duration": 2147483648})",
       kV},
      {"duration -2^63", "CreateParticipantToken",
       R"({"stageArn": "$ARN", "duration": -9223372036854775808})", kV},
      {"segment seconds 0", "CreateStage",
       R"({"autoParticipantRecordingConfiguration": {"hlsConfiguration": {"targetSegmentDurationSeconds": 0}}})",
       kV},
      {"reconnect window -1", "CreateStage",
       R"({"autoParticipantRecordingConfiguration": {"recordingReconnectWindowSeconds": -1}})", kV},
      {"advance seconds 1e999", "ivsrt:AdvanceClock", R"({"seconds": 1e999})", kV},
      {"advance seconds 2^63", "ivsrt:AdvanceClock", R"({"seconds": 9223372036854775808})", kV},
      {"advance seconds -2^63", "ivsrt:AdvanceClock", R"({"seconds": -9223372036854775808})", kV},
  });
}

// Duplicate members: every occurrence is validated and the last one wins
// (Jackson's default, and what the HTTP entry relies on to bind the
// {resourceArn} path label over the body), so no value can slip past the
// validator behind a valid twin.
TEST_F(BadInputTest, DuplicateKeys) {
  RunTable({
      {"invalid first name", "CreateStage", R"({"name": "bad name!", "name": "ok"})", kV},
      {"invalid last name", "CreateStage", R"({"name": "ok", "name": "bad name!"})", kV},
      {"invalid first arn", "GetStage", R"({"arn": "nope", "arn": "$ARN"})", kV},
      {"absent last arn", "GetStage",
       R"({"arn": "$ARN", "arn": "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh"})", kNF},
      {"invalid duplicate tag", "TagResource",
       StrCat("{\"resourceArn\": \"$ARN\", \"tags\": {\"a\": \"1\", \"a\": \"",
              std::string(257, 'x'), "\"}}"),
       kV},
      {"invalid nested duplicate", "CreateStage",
       StrCat("{\"participantTokenConfigurations\": [{\"userId\": \"a\", "
              "\"userId\": \"",
              std::string(129, 'u'), "\"}]}"),
       kV},
      {"maxResults 1 then 1000", "ListStages", R"({"maxResults": 1, "maxResults": 1000})", kV},
      {"maxResults 1000 then 1", "ListStages", R"({"maxResults": 1000, "maxResults": 1})", kV},
  });
  Json created(Ok("CreateStage", R"({"name": "first", "name": "last"})"));
  EXPECT_EQ(created.Str("stage/name"), "last");
  Ok("DeleteStage", "{\"arn\": " + Quote(created.Str("stage/arn")) + "}");
  EXPECT_EQ(Json(Ok("ListStages", R"({"maxResults": 100, "maxResults": 1})")).Size("stages"), 1u);
}

TEST_F(BadInputTest, ForgedAndStaleNextTokens) {
  std::string other_next;
  {
    CApiEngine other(R"({"seed": 43})");
    other.Invoke("CreateStage", "{}");
    other.Invoke("CreateStage", "{}");
    other_next = Json(other.Invoke("ListStages", R"({"maxResults": 1})").body).Str("nextToken");
    ASSERT_FALSE(other_next.empty());
  }
  std::string tampered = next_;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  RunTable({
      {"word", "ListStages", R"({"nextToken": "forged"})", kV},
      {"base64 of a position", "ListStages",
       StrCat("{\"nextToken\": \"", Base64UrlEncode(std::string("\x01\0\0\0\0\0\0\0\x01", 9)),
              "\"}"),
       kV},
      {"tampered", "ListStages", StrCat("{\"nextToken\": \"", tampered, "\"}"), kV},
      {"truncated", "ListStages",
       StrCat("{\"nextToken\": \"", next_.substr(0, next_.size() - 2), "\"}"), kV},
      {"extended", "ListStages", R"({"nextToken": "$NEXTAA"})", kV},
      {"not base64", "ListStages", R"({"nextToken": "$NEXT!"})", kV},
      {"another store's", "ListStages", StrCat("{\"nextToken\": \"", other_next, "\"}"), kV},
  });
  // A token is bound to its region: the same token sent to another region is
  // refused.
  Outcome elsewhere = engine_->Http("POST", "/ListStages", Fill(R"({"nextToken": "$NEXT"})"),
                                    "Host: ivsrealtime.eu-west-1.amazonaws.com\r\n");
  EXPECT_EQ(elsewhere.type, kV);
  // A genuine token still works, even when the stage it points past is gone.
  Outcome page = engine_->Invoke("ListStages", Fill(R"({"maxResults": 1, "nextToken": "$NEXT"})"));
  EXPECT_EQ(page.status, 200) << page.body;
}

TEST_F(BadInputTest, ArnsOfEveryWrongShape) {
  std::vector<std::string> invalid = {
      "",
      "arn",
      "arn:aws:ivs",
      "arn:aws:ivs:us-east-1:123456789012:stage/",
      "arn:aws:ivs:us-east-1:123456789012:stage",
      "arn:aws:ivs:us-east-1:123456789012:",
      "arn:aws-cn:ivs:us-east-1:123456789012:stage/abcdABCDefgh",
      "arn:aws:s3:us-east-1:123456789012:stage/abcdABCDefgh",
      "arn:aws:ivs-realtime:us-east-1:123456789012:stage/abcdABCDefgh",
      "arn:aws:ivs:US-EAST-1:123456789012:stage/abcdABCDefgh",
      "arn:aws:ivs:us_east_1:123456789012:stage/abcdABCDefgh",
      "arn:aws:ivs::123456789012:stage/abcdABCDefgh",
      "arn:aws:ivs:us-east-1::stage/abcdABCDefgh",
      "arn:aws:ivs:us-east-1:12345678901a:stage/abcdABCDefgh",
      "arn:aws:ivs:us-east-1:123456789012:channel/abcdABCDefgh",
      "arn:aws:ivs:us-east-1:123456789012:Stage/abcdABCDefgh",
      "arn:aws:ivs:us-east-1:123456789012:stage/abc_def",
      "arn:aws:ivs:us-east-1:123456789012:stage/abc/def",
      "arn:aws:ivs:us-east-1:123456789012:stage/abc def",
      "arn:aws:ivs:us-east-1:123456789012:stage/abc.def",
      " arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh",
      "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh ",
      "xarn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh",
      "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh:extra",
      "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh\n",
      "arn%3Aaws%3Aivs%3Aus-east-1%3A123456789012%3Astage%2FabcdABCDefgh",
      "ARN:AWS:IVS:us-east-1:123456789012:stage/abcdABCDefgh",
      "arn:aws:ivs:us-east-1:123456789012:stage/\u00e9t\u00e9",
  };
  // Well formed, but naming nothing here: another account, region, or a stage
  // never made.
  std::vector<std::string> absent = {
      "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh",
      "arn:aws:ivs:us-east-1:210987654321:stage/abcdABCDefgh",
      "arn:aws:ivs:eu-west-1:123456789012:stage/abcdABCDefgh",
      "arn:aws:ivs:us-east-1:123456789012:stage/" + std::string(86, 'a'),
  };
  std::string id = arn_.substr(arn_.rfind('/') + 1);
  absent.push_back("arn:aws:ivs:eu-west-1:123456789012:stage/" + id);  // ours, other region
  absent.push_back("arn:aws:ivs:us-east-1:123456789013:stage/" + id);  // ours, other account
  // The tag operations take any IVS resource ARN (the model's ResourceArn
  // pattern, as intended): a well-formed channel ARN is only absent there.
  const std::string channel = "arn:aws:ivs:us-east-1:123456789012:channel/abcdABCDefgh";
  std::vector<Case> cases;
  for (const auto& [arns, stage_want] : {std::pair{invalid, kV}, std::pair{absent, kNF}}) {
    for (const std::string& arn : arns) {
      std::string_view want = stage_want;
      std::string q = Quote(arn);
      cases.push_back({"GetStage " + arn, "GetStage", "{\"arn\": " + q + "}", want});
      cases.push_back(
          {"UpdateStage " + arn, "UpdateStage", "{\"arn\": " + q + ", \"name\": \"n\"}", want});
      cases.push_back({"DeleteStage " + arn, "DeleteStage", "{\"arn\": " + q + "}", want});
      cases.push_back({"CreateParticipantToken " + arn, "CreateParticipantToken",
                       "{\"stageArn\": " + q + "}", want});
      cases.push_back({"DisconnectParticipant " + arn, "DisconnectParticipant",
                       "{\"stageArn\": " + q + ", \"participantId\": \"$PID\"}", want});
      if (arn == channel) want = kNF;
      cases.push_back({"TagResource " + arn, "TagResource",
                       "{\"resourceArn\": " + q + ", \"tags\": {\"a\": \"b\"}}", want});
      cases.push_back({"UntagResource " + arn, "UntagResource",
                       "{\"resourceArn\": " + q + ", \"tagKeys\": [\"keep\"]}", want});
      cases.push_back({"ListTagsForResource " + arn, "ListTagsForResource",
                       "{\"resourceArn\": " + q + "}", want});
    }
  }
  RunTable(cases);
}

TEST_F(BadInputTest, UnknownOperationNames) {
  using namespace std::string_literals;
  RunTable({
      {"empty", "", "{}", kUnknown},
      {"lowercase", "createstage", "{}", kUnknown},
      {"trailing space", "CreateStage ", "{}", kUnknown},
      {"leading slash", "/CreateStage", "{}", kUnknown},
      {"NUL inside", "CreateStage\0x"s, "{}", kUnknown},
      {"control prefix alone", "ivsrt:", "{}", kUnknown},
      {"unknown control", "ivsrt:Nope", "{}", kUnknown},
      {"control with a space", "ivsrt: Reset", "{}", kUnknown},
      {"1 MB name", std::string(1 << 20, 'A'), "{}", kUnknown},
      {"invalid UTF-8 name", "Create\xffStage", "{}", kUnknown},
  });
}

// Bad participant tokens are answered with a verdict (not an error), and never
// "valid".
TEST_F(BadInputTest, ForgedTamperedExpiredAndRevokedTokens) {
  std::string other_token;
  {
    CApiEngine other(R"({"seed": 43, "clock": "2026-01-02T03:04:05Z"})");
    std::string arn = Json(other.Invoke("CreateStage", "{}").body).Str("stage/arn");
    other_token =
        Json(other.Invoke("CreateParticipantToken", "{\"stageArn\": " + Quote(arn) + "}").body)
            .Str("participantToken/token");
  }
  std::string header = token_.substr(0, token_.find('.'));
  std::string signature = token_.substr(token_.rfind('.') + 1);
  std::string payload = JwtPayload(token_);
  ASSERT_FALSE(payload.empty());
  std::string changed = payload;
  changed.replace(changed.find("\"u\""), 3, "\"v\"");  // user_id "u" -> "v"
  std::string flipped = token_;
  flipped[flipped.size() - 3] = flipped[flipped.size() - 3] == 'A' ? 'B' : 'A';
  struct TokenCase {
    std::string name, token, reason;
  };
  std::vector<TokenCase> cases = {
      {"empty", "", "malformed"},
      {"one part", "abc", "malformed"},
      {"four parts", token_ + ".x", "malformed"},
      {"not base64", "!!.!!.!!", "malformed"},
      {"1 MB", std::string((1 << 20) - 20, 'a'), "malformed"},
      {"NUL inside", token_.substr(0, 10) + std::string(1, '\0') + token_.substr(11), "malformed"},
      {"another store's key", other_token, "bad_signature"},
      {"signature flipped", flipped, "bad_signature"},
      {"signature dropped", token_.substr(0, token_.rfind('.') + 1), "malformed"},
      {"empty parts", "..", "malformed"},
      {"header not JSON", Base64UrlEncode("alg") + token_.substr(header.size()), "malformed"},
      {"claim changed", header + "." + Base64UrlEncode(changed) + "." + signature, "bad_signature"},
      {"alg none unsigned",
       Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." + Base64UrlEncode(payload) + ".",
       "malformed"},
      {"alg none",
       Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." + Base64UrlEncode(payload) + "." +
           signature,
       "bad_signature"},
  };
  for (const TokenCase& c : cases) {
    SCOPED_TRACE(c.name);
    Outcome o =
        engine_->Invoke("ivsrt:VerifyParticipantToken", "{\"token\": " + Quote(c.token) + "}");
    ASSERT_EQ(o.status, 200) << o.body;
    Json verdict(o.body);
    EXPECT_FALSE(verdict.Bool("valid"));
    EXPECT_EQ(verdict.Str("reason"), c.reason);
  }
  // Revoked, then expired (the clock moves past the default 12 hours).
  Ok("DisconnectParticipant", Fill(R"({"stageArn": "$ARN", "participantId": "$PID"})"));
  EXPECT_EQ(
      Json(Ok("ivsrt:VerifyParticipantToken", "{\"token\": " + Quote(token_) + "}")).Str("reason"),
      "revoked");
  std::string fresh =
      Json(Ok("CreateParticipantToken", Fill(R"({"stageArn": "$ARN", "duration": 1})")))
          .Str("participantToken/token");
  Ok("ivsrt:AdvanceClock", R"({"seconds": 60})");
  EXPECT_EQ(
      Json(Ok("ivsrt:VerifyParticipantToken", "{\"token\": " + Quote(fresh) + "}")).Str("reason"),
      "expired");
}

// The HTTP entry alone: routes, methods and the /tags/{resourceArn} label.
TEST_F(BadInputTest, HttpRoutesMethodsAndPercentEncoding) {
  struct HttpCase {
    std::string method, target, body;
    std::string_view want;
  };
  std::string enc;  // the reference ARN, percent-encoded as SDKs send it
  for (char c : arn_) enc += c == ':' ? "%3A" : c == '/' ? "%2F" : std::string(1, c);
  std::string id = arn_.substr(arn_.rfind('/') + 1);
  std::string prefix = "arn%3Aaws%3Aivs%3Aus-east-1%3A123456789012%3Astage%2F";
  std::vector<HttpCase> cases = {
      {"PUT", "/CreateStage", "{}", kUnknown},
      {"GET", "/CreateStage", "", kUnknown},
      {"DELETE", "/DeleteStage", "{}", kUnknown},
      {"post", "/CreateStage", "{}", kUnknown},
      {"POST ", "/CreateStage", "{}", kUnknown},
      {"", "/CreateStage", "{}", kUnknown},
      {"BREW", "/CreateStage", "{}", kUnknown},
      {"POST", "/createstage", "{}", kUnknown},
      {"POST", "/CreateStage/", "{}", kUnknown},
      {"POST", "//CreateStage", "{}", kUnknown},
      {"POST", "/./CreateStage", "{}", kUnknown},
      {"POST", "/../CreateStage", "{}", kUnknown},
      {"POST", "/Create%53tage", "{}", kUnknown},
      {"POST", "", "{}", kUnknown},
      {"POST", "/", "{}", kUnknown},
      {"POST", "*", "{}", kUnknown},
      {"POST", "/ivsrt:Reset", "{}", kUnknown},
      {"POST", "/ivsrt%3AReset", "{}", kUnknown},
      {"POST", std::string("/CreateStage\0", 13), "{}", kUnknown},
      {"POST", "/tags", "{}", kUnknown},
      {"PUT", "/tags/" + enc, R"({"tags": {"a": "b"}})", kUnknown},
      {"PATCH", "/tags/" + enc, R"({"tags": {"a": "b"}})", kUnknown},
      {"GET", "/tags/", "", kV},
      {"GET", "/tags/%", "", kV},
      {"GET", "/tags/%4", "", kV},
      {"GET", "/tags/%ZZ", "", kV},
      {"GET", "/tags/" + enc + "%", "", kV},
      {"GET", "/tags/" + enc + "%00", "", kV},
      {"GET", "/tags/" + prefix + "%00" + id.substr(1), "", kV},
      {"GET", "/tags/" + prefix + id + "%2F..%2F", "", kV},
      {"GET",
       "/tags/"
       "arn%253Aaws%253Aivs%253Aus-east-1%253A123456789012%253Astage%252F" +
           id,
       "", kV},
      {"GET", "/tags/" + prefix + id + "%3F", "", kV},
      {"GET", "/tags/" + prefix + id + "+", "", kV},
      {"GET", "/tags/" + prefix + id + "%20", "", kV},
      {"GET", "/tags/" + prefix + "%2e%2e%2fstage%2F" + id, "", kV},
      {"GET", "/tags/" + prefix + id + "%C0%AF", "", kV},
      {"GET", "/tags/" + prefix + id + "%FF", "", kV},
      {"GET", "/tags/" + prefix + "abcdABCDefgh", "", kNF},
      {"POST", "/tags/" + enc, "", kV},
      {"POST", "/tags/" + enc, "[]", kV},
      {"POST", "/tags/" + enc, R"({"tags": {"a": "b"})", kV},
      {"POST", "/tags/" + enc, "{\"tags\": {\"a\": \"b\"}} {", kV},
      {"POST", "/tags/" + enc, "}{", kV},
      {"POST", "/tags/" + enc, R"({"tags": {"a": "b"}, "resourceArn": 5)", kV},
      {"DELETE", "/tags/" + enc, "", kV},
      {"DELETE", "/tags/" + enc + "?tagKeys=%ZZ", "", kV},
      {"DELETE", "/tags/" + enc + "?tagKeys=%", "", kV},
      {"DELETE", "/tags/" + enc + "?tagkeys=keep", "", kV},
      {"DELETE", "/tags/" + enc + "?tagKeys=" + std::string(129, 'k'), "", kV},
  };
  std::string before = Fingerprint();
  for (const HttpCase& c : cases) {
    SCOPED_TRACE(c.method + " " + c.target + " " + c.body);
    Outcome o = engine_->Http(c.method, c.target, c.body);
    EXPECT_EQ(o.type, c.want) << o.body;
    EXPECT_EQ(o.status, StatusOf(c.want));
    EXPECT_TRUE(Json(o.body).Has("exceptionMessage")) << o.body;
    EXPECT_EQ(Fingerprint(), before);
    ExpectWorking();
  }
  // Lowercase hex and an ARN in the body that the path overrides are both fine.
  std::string lower = enc;
  for (size_t at; (at = lower.find("%3A")) != std::string::npos;) lower.replace(at, 3, "%3a");
  EXPECT_EQ(engine_->Http("GET", "/tags/" + lower, "").status, 200);
  EXPECT_EQ(
      engine_
          ->Http(
              "POST", "/tags/" + enc,
              R"({"resourceArn": "arn:aws:ivs:us-east-1:123456789012:stage/zz", "tags": {"n": "1"}})")
          .status,
      200);
  EXPECT_EQ(Json(Ok("ListTagsForResource", "{\"resourceArn\": " + Quote(arn_) + "}")).Str("tags/n"),
            "1");
}

// Malformed headers other than a SigV4 credential (http_test.cc) never break a
// request: the region falls back to the engine's.
TEST_F(BadInputTest, MalformedHeadersAreHarmless) {
  using namespace std::string_literals;
  for (std::string headers :
       {""s, "\r\n\r\n"s, "no colon here"s, ":"s, "Host:"s, "Host: ivsrealtime..amazonaws.com"s,
        "Host: ivsrealtime.US-EAST-1.amazonaws.com"s, "Host: ivsrealtime.a_b.amazonaws.com"s,
        "Authorization: AWS4-HMAC-SHA256 Signature=abc"s, "Host: \0\xff"s,
        std::string(1 << 20, 'H'), std::string(100000, '\n')}) {
    Outcome o = engine_->Http("POST", "/ListStages", "{}", headers);
    EXPECT_EQ(o.status, 200) << headers.substr(0, 80);
    EXPECT_EQ(Json(o.body).Size("stages"), 2u);
  }
}

}  // namespace
}  // namespace ivsrt::testing
