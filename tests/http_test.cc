// The HTTP entry: requests as boto3 / aws-sdk-go-v2 send them, answers as AWS
// sends them.
#include <string>

#include "core/strings.h"
#include "re2/re2.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

std::string Auth(std::string_view region) {
  return StrCat("Host: ivsrealtime.", region,
                ".amazonaws.com\r\n"
                "Content-Type: application/json\r\n"
                "X-Amz-Date: 20260102T030405Z\r\n"
                "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/",
                region,
                "/ivs/aws4_request, SignedHeaders=content-type;host;x-amz-date, "
                "Signature=abc\r\n");
}

class HttpTest : public EngineTest {
 protected:
  HttpResponse Send(std::string_view method, std::string_view target, std::string_view body,
                    std::string_view region = "us-west-2") {
    std::string headers = Auth(region);
    return engine_->Http(HttpRequest{method, target, headers, body});
  }
  static std::string Header(const HttpResponse& r, std::string_view name) {
    for (std::string_view line : Split(r.headers, '\n', true)) {
      line = TrimAsciiWhitespace(line);
      if (line.starts_with(StrCat(name, ": "))) return std::string(line.substr(name.size() + 2));
    }
    return "";
  }
  static std::string Encode(std::string_view arn) {
    std::string out;
    for (char c : arn) {
      if (c == ':')
        out += "%3A";
      else if (c == '/')
        out += "%2F";
      else
        out += c;
    }
    return out;
  }
};

TEST_F(HttpTest, PostOperationAnswersJsonWithRequestId) {
  HttpResponse r = Send("POST", "/CreateStage", R"({"name":"h","tags":{"k":"v"}})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Header(r, "Content-Type"), "application/json");
  // A version-4 UUID, lower case, as AWS's request ids; a new one every request.
  const std::string id = Header(r, "x-amzn-RequestId");
  EXPECT_TRUE(
      RE2::FullMatch(id, "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"))
      << id;
  EXPECT_NE(Header(Send("POST", "/ListStages", "{}"), "x-amzn-RequestId"), id);
  EXPECT_EQ(Header(r, "x-amzn-ErrorType"), "");
  Json out(r.body);
  EXPECT_TRUE(out.Str("stage/arn").starts_with("arn:aws:ivs:us-west-2:123456789012:stage/"));
}

TEST_F(HttpTest, ErrorsCarryTypeHeaderStatusAndBothMessageMembers) {
  HttpResponse r = Send("POST", "/GetStage",
                        R"({"arn":"arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh"})");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Header(r, "x-amzn-ErrorType"), "ResourceNotFoundException");
  Json body(r.body);
  EXPECT_FALSE(body.Str("exceptionMessage").empty());
  EXPECT_EQ(body.Str("message"), body.Str("exceptionMessage"));

  r = Send("POST", "/CreateStage", R"({"name":"no spaces"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Header(r, "x-amzn-ErrorType"), "ValidationException");
  EXPECT_NE(Json(r.body).Str("message").find("name"), std::string::npos);
}

TEST_F(HttpTest, TagRoutesTakeTheUrlEncodedArnAndQueryKeys) {
  Json created(Send("POST", "/CreateStage", "{}").body);
  std::string arn = created.Str("stage/arn");
  std::string path = "/tags/" + Encode(arn);
  HttpResponse r = Send("POST", path, R"({"tags":{"a":"1","b c":"2","d+e":"3"}})");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, "{}");
  r = Send("GET", path, "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Json(r.body).Size("tags"), 3u);
  r = Send("DELETE", path + "?tagKeys=a&tagKeys=b%20c&tagKeys=d%2Be", "");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(Send("GET", path, "").body).Size("tags"), 0u);
  // Unencoded slashes in the label are accepted too.
  EXPECT_EQ(Send("GET", "/tags/" + arn, "").status, 200);
}

TEST_F(HttpTest, MalformedArnInPathIsValidationUnknownIs404) {
  EXPECT_EQ(Send("GET", "/tags/arn%3Aaws%3Aivs%3Aus-west-2%3A123456789012%3Astage", "").status,
            400);
  EXPECT_EQ(Send("GET", "/tags/%ZZ", "").status, 400);
  HttpResponse r =
      Send("GET", "/tags/" + Encode("arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh"), "");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Header(r, "x-amzn-ErrorType"), "ResourceNotFoundException");
}

TEST_F(HttpTest, TheUriArnWinsOverABodyMember) {
  std::string arn = Json(Send("POST", "/CreateStage", "{}").body).Str("stage/arn");
  HttpResponse r = Send(
      "POST", "/tags/" + Encode(arn),
      R"({"resourceArn":"arn:aws:ivs:us-west-2:123456789012:stage/zzzzzzzzzzzz","tags":{"a":"1"}})");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(Send("GET", "/tags/" + Encode(arn), "").body).Str("tags/a"), "1");
}

TEST_F(HttpTest, RegionsAreIsolated) {
  std::string west =
      Json(Send("POST", "/CreateStage", R"({"name":"w"})", "us-west-2").body).Str("stage/arn");
  Json east_list(Send("POST", "/ListStages", "{}", "eu-central-1").body);
  EXPECT_EQ(east_list.Size("stages"), 0u);
  Json west_list(Send("POST", "/ListStages", "{}", "us-west-2").body);
  ASSERT_EQ(west_list.Size("stages"), 1u);
  EXPECT_EQ(west_list.Str("stages/0/arn"), west);
  EXPECT_EQ(Send("POST", "/GetStage", "{\"arn\": " + Quote(west) + "}", "eu-central-1").status,
            404);
  // The region also comes from the host name when nothing is signed, else the
  // engine's.
  HttpResponse by_host = engine_->Http(
      HttpRequest{"POST", "/ListStages", "Host: ivsrealtime.us-west-2.amazonaws.com\r\n", "{}"});
  EXPECT_EQ(Json(by_host.body).Size("stages"), 1u);
  HttpResponse unsigned_request = engine_->Http(HttpRequest{"POST", "/ListStages", "", "{}"});
  EXPECT_EQ(Json(unsigned_request.body).Size("stages"), 0u);  // us-east-1
}

TEST_F(HttpTest, UnknownRoutesAndTestControlAreNotReachable) {
  for (auto [method, target] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {"POST", "/NoSuchOperation"},
           {"GET", "/CreateStage"},
           {"PUT", "/tags/abc"},
           {"POST", "/ivsrt:Reset"},
           {"POST", "/ivsrt%3AReset"},
           {"POST", "/"},
           {"POST", "CreateStage"},
           {"POST", "ListStages"},
           {"GET", "tags/abc"},
           {"POST", ""}}) {
    HttpResponse r = Send(method, target, "{}");
    EXPECT_EQ(r.status, 404) << method << " " << target;
    EXPECT_EQ(Header(r, "x-amzn-ErrorType"), "UnknownOperationException");
  }
}

TEST_F(HttpTest, BodiesAsBotocoreSendsThem) {
  // botocore sends {} bodies for operations without input members, and omits
  // null members.
  EXPECT_EQ(Send("POST", "/ListStages", "").status, 200);
  HttpResponse r = Send("POST", "/CreateParticipantToken", "not json");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Send("POST", "/tags/x", "[]").status, 400);
}

// AWS binds a URI or query-string member from there only: a payload copy is
// ignored, whatever it holds, under whatever spelling of its name.
TEST_F(HttpTest, UriMembersInThePayloadAreIgnored) {
  std::string arn = Json(Send("POST", "/CreateStage", "{}").body).Str("stage/arn");
  std::string path = "/tags/" + Encode(arn);
  for (std::string_view body :
       {R"({"tags": {"a": "b"}, "resourceArn": "zzz"})",
        R"({"resourceArn": 5, "tags": {"a": "b"}})",
        R"({"resource\u0041rn": ["x"], "tags": {"a": "b"}, "resourceArn": null})"}) {
    HttpResponse r = Send("POST", path, body);
    EXPECT_EQ(r.status, 200) << body << " " << r.body;
  }
  // The query string names the keys to remove; a payload naming others removes
  // nothing.
  HttpResponse r = Send("DELETE", path + "?tagKeys=nope", R"({"tagKeys": ["a"]})");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(Send("GET", path, R"({"resourceArn": "zzz"})").body).Str("tags/a"), "b");
  r = Send("DELETE", path, R"({"tagKeys": ["a"]})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Json(r.body).Str("message"), "tagKeys: is required");
}

// A payload is read as one JSON object before any member is bound, and refused
// as any request body is: the URI member cannot make "{}{...}" look like a
// missing member.
TEST_F(HttpTest, MalformedTagPayloadsAreMalformedJson) {
  std::string arn = Json(Send("POST", "/CreateStage", "{}").body).Str("stage/arn");
  std::string path = "/tags/" + Encode(arn);
  for (std::string_view body :
       {R"({}{"tags": {"a": "b"}})", R"({"tags": {"a": "b"}} {)", R"({"tags": {"a": "b"},})",
        R"({"tags": {"a": "b"}, "resourceArn": "x")", R"({"tags": {"a": "b"}, "x": [tru]})"}) {
    HttpResponse r = Send("POST", path, body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(Json(r.body).Str("message"), "request body: malformed JSON") << body;
    EXPECT_EQ(Json(Send("POST", "/CreateStage", body).body).Str("message"),
              "request body: malformed JSON")
        << body;
  }
  EXPECT_EQ(Json(Send("POST", path, "[]").body).Str("message"), "request body: must be an object");
  EXPECT_EQ(Json(Send("POST", path, std::string(65, '[')).body).Str("message"),
            "request body: must be an object");
  HttpResponse big = Send("POST", path, StrCat("{", std::string(1 << 20, ' '), "}"));
  EXPECT_EQ(big.status, 400);
  EXPECT_EQ(Json(big.body).Str("message"),
            "request body: must be at most 1048576 bytes, got 1048578");
  EXPECT_EQ(Json(Send("GET", path, "").body).Size("tags"), 0u);
}

// A credential scope AWS would not accept is refused as AWS refuses it, never
// answered from another region: 403 InvalidSignatureException for a region that
// is no region name, 403 IncompleteSignatureException for a scope that is not
// five elements (403 as `ivsrt serve` answers every SigV4 refusal).
TEST_F(HttpTest, MalformedCredentialScopesAreRefused) {
  struct Case {
    std::string scope;
    int status;
    std::string type, message;
  };
  std::string long_region(200, 'a');
  std::vector<Case> cases = {
      {"AKID/20260102/../ivs/aws4_request", 403, "InvalidSignatureException",
       "Credential should be scoped to a valid region, not '..'"},
      {"AKID/20260102//ivs/aws4_request", 403, "InvalidSignatureException",
       "Credential should be scoped to a valid region, not ''"},
      {"AKID/20260102/US-WEST-2/ivs/aws4_request", 403, "InvalidSignatureException",
       "Credential should be scoped to a valid region, not 'US-WEST-2'"},
      {StrCat("AKID/20260102/", long_region, "/ivs/aws4_request"), 403, "InvalidSignatureException",
       StrCat("Credential should be scoped to a valid region, not '", long_region.substr(0, 64),
              "...'")},
      {"AKID/20260102/../../ivs/aws4_request", 403, "IncompleteSignatureException",
       "Credential must have exactly 5 slash-delimited elements, e.g. "
       "keyid/date/region/service/term, got "
       "'AKID/20260102/../../ivs/aws4_request'"},
      {"", 403, "IncompleteSignatureException",
       "Credential must have exactly 5 slash-delimited elements, e.g. "
       "keyid/date/region/service/term, got ''"},
  };
  for (const Case& c : cases) {
    std::string headers = StrCat(
        "Host: ivsrealtime.us-west-2.amazonaws.com\r\nAuthorization: "
        "AWS4-HMAC-SHA256 "
        "Credential=",
        c.scope, ", SignedHeaders=host, Signature=abc\r\n");
    for (std::string_view target : {"/CreateStage", "/NoSuchOperation"}) {
      HttpResponse r = engine_->Http(HttpRequest{"POST", target, headers, "{}"});
      EXPECT_EQ(r.status, c.status) << c.scope;
      EXPECT_EQ(Header(r, "x-amzn-ErrorType"), c.type) << c.scope;
      EXPECT_EQ(Json(r.body).Str("message"), c.message);
    }
  }
  for (std::string_view region : {"us-west-2", "us-east-1"}) {
    EXPECT_EQ(Json(Send("POST", "/ListStages", "{}", region).body).Size("stages"), 0u);
  }
}

}  // namespace
}  // namespace ivsrt::testing
