// Self-signed participant tokens (issue 15; NOTES.md 8): a P-384 key generated here with
// OpenSSL, imported with ImportPublicKey, signs ES384 tokens the way AWS's samples do
// (jsonwebtoken {algorithm: 'ES384', keyid: publicKeyArn}); ivsrt:JoinStage and
// ivsrt:VerifyParticipantToken accept them and refuse each kind of bad one.
#include <memory>
#include <string>

#include "core/strings.h"
#include "tests/engine_fixture.h"
#include "tests/p384_key.h"

namespace ivsrt::testing {
namespace {

class SelfSignedTokenTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();  // clock 2026-01-02T03:04:05Z = 1767323045
    Json stage = Call("CreateStage", "{}");
    stage_arn_ = stage.Str("stage/arn");
    stage_id_ = stage_arn_.substr(stage_arn_.rfind('/') + 1);
    whip_ = stage.Str("stage/endpoints/whip");
    key_arn_ =
        Call("ImportPublicKey", StrCat("{\"publicKeyMaterial\": ", Quote(key_.PublicPem()), "}"))
            .Str("publicKey/arn");
  }
  std::string Header(std::string_view alg = "ES384") const {
    return StrCat("{\"alg\":\"", alg, "\",\"typ\":\"JWT\",\"kid\":", Quote(key_arn_), "}");
  }
  // The documented claims (NOTES.md 8), with `extra` members appended and, when given,
  // `topic` in place of the stage's id.
  std::string Claims(std::string_view jti = "self-signed-1", int64_t iat = kNow,
                     int64_t exp = kNow + 3600, std::string_view extra = "",
                     std::string_view version = "1.0") const {
    return StrCat(
        "{\"exp\":", exp, ",\"iat\":", iat, ",\"jti\":", Quote(jti),
        ",\"user_id\":\"u1\",\"resource\":", Quote(stage_arn_), ",\"topic\":", Quote(stage_id_),
        ",\"events_url\":\"wss://global.events.live-video.net\"", ",\"whip_url\":", Quote(whip_),
        ",\"capabilities\":{\"allow_publish\":true,\"allow_subscribe\":true}",
        ",\"attributes\":{\"seat\":\"1\"},\"version\":", Quote(version), extra, "}");
  }
  Json Join(const std::string& token) {
    return Call("ivsrt:JoinStage", StrCat("{\"token\": ", Quote(token), "}"));
  }
  std::string Refusal(const std::string& token) {
    Json joined = Join(token);
    EXPECT_FALSE(joined.Bool("joined")) << joined.text();
    Json verified = Call("ivsrt:VerifyParticipantToken", StrCat("{\"token\": ", Quote(token), "}"));
    EXPECT_EQ(verified.Str("reason"), joined.Str("reason"));
    return joined.Str("reason");
  }

  static constexpr int64_t kNow = 1767323045;
  P384Key key_;
  std::string stage_arn_, stage_id_, whip_, key_arn_;
};

// The jti may hold '_' (the docs' form), as DisconnectParticipant's ParticipantTokenId may;
// GetParticipant's ParticipantId may not.
TEST_F(SelfSignedTokenTest, JoinsWithItsJtiAsTheParticipantId) {
  std::string token = key_.Sign(Header(), Claims("self_signed-1"));
  Json verified = Call("ivsrt:VerifyParticipantToken", StrCat("{\"token\": ", Quote(token), "}"));
  EXPECT_TRUE(verified.Bool("valid")) << verified.text();
  Json joined = Join(token);
  ASSERT_TRUE(joined.Bool("joined")) << joined.text();
  EXPECT_EQ(joined.Str("participantId"), "self_signed-1");
  EXPECT_TRUE(Call("ivsrt:Publish", StrCat("{\"stageArn\": ", Quote(stage_arn_),
                                           ", \"participantId\": \"self_signed-1\"}"))
                  .Bool("ok"));
  // Listed, but the operations whose participantId is the model's ParticipantId
  // ([a-zA-Z0-9-]*) refuse the id as AWS's validation would.
  const std::string where = StrCat("{\"stageArn\": ", Quote(stage_arn_),
                                   ", \"sessionId\": ", Quote(joined.Str("sessionId")));
  EXPECT_EQ(Call("ListParticipants", StrCat(where, "}")).Str("participants/0/participantId"),
            "self_signed-1");
  for (const char* op : {"GetParticipant", "ListParticipantEvents"}) {
    EXPECT_EQ(ErrorOf(op, StrCat(where, ", \"participantId\": \"self_signed-1\"}")),
              "ValidationException")
        << op;
  }
  EXPECT_EQ(ErrorOf("StartParticipantReplication",
                    StrCat("{\"sourceStageArn\": ", Quote(stage_arn_),
                           ", \"destinationStageArn\": "
                           "\"arn:aws:ivs:us-east-1:123456789012:stage/AAAAAAAAAAAA\", "
                           "\"participantId\": \"self_signed-1\"}")),
            "ValidationException");
  // DisconnectParticipant finds and revokes it as an API-issued participant.
  Call("DisconnectParticipant",
       StrCat("{\"stageArn\": ", Quote(stage_arn_), ", \"participantId\": \"self_signed-1\"}"));
  EXPECT_EQ(Refusal(token), "revoked");
}

TEST_F(SelfSignedTokenTest, EachBadTokenIsRefusedWithItsReason) {
  P384Key other;
  EXPECT_EQ(Refusal(other.Sign(Header(), Claims())), "bad_signature");  // a wrong key
  std::string good = key_.Sign(Header(), Claims());
  std::string changed = key_.Sign(Header(), Claims());
  changed.replace(changed.find('.') + 1, changed.rfind('.') - changed.find('.') - 1,
                  Base64UrlEncode(Claims("someone-else")));  // a changed claim
  EXPECT_EQ(Refusal(changed), "bad_signature");
  EXPECT_EQ(Refusal(key_.Sign(Header(), "{\"exp\": 1}")), "malformed");       // claims missing
  EXPECT_EQ(Refusal(key_.Sign(Header(), Claims("has space"))), "malformed");  // not a jti
  EXPECT_EQ(Refusal(key_.Sign(Header("ES256"), Claims())), "bad_signature");  // another alg
  EXPECT_EQ(Refusal(key_.Sign(Header(), Claims("a", kNow - 7200, kNow - 3600))), "expired");
  EXPECT_EQ(Refusal(key_.Sign(Header(), Claims("a", kNow, kNow + 14 * 86400 + 1))),
            "invalid_claims");  // more than 14 days
  EXPECT_EQ(Refusal(key_.Sign(Header(), Claims("a", kNow, kNow + 60, "", "0.0"))),
            "invalid_claims");
  // A resource for another stage: its topic and whip_url are this one's.
  std::string other_stage = Call("CreateStage", "{}").Str("stage/arn");
  std::string moved = Claims();
  moved.replace(moved.find(stage_arn_), stage_arn_.size(), other_stage);
  EXPECT_EQ(Refusal(key_.Sign(Header(), moved)), "invalid_claims");
  // The key deleted: its tokens no longer join.
  Call("DeletePublicKey", StrCat("{\"arn\": ", Quote(key_arn_), "}"));
  EXPECT_EQ(Refusal(good), "unknown_key");
}

// Token exchange (user guide, "Token Exchange"): capabilities, attributes, user_id and exp
// change at once; topic, resource, jti, whip_url and events_url may not.
TEST_F(SelfSignedTokenTest, TokenExchangeChangesWhatTheParticipantMayDo) {
  ASSERT_TRUE(Join(key_.Sign(Header(), Claims())).Bool("joined"));
  std::string session_id =
      Call("GetStage", StrCat("{\"arn\": ", Quote(stage_arn_), "}")).Str("stage/activeSessionId");
  auto verb = [&](std::string_view op, std::string_view extra = "") {
    return Call(op, StrCat("{\"stageArn\": ", Quote(stage_arn_),
                           ", \"participantId\": \"self-signed-1\"", extra, "}"));
  };
  auto exchange = [&](const std::string& token) {
    return verb("ivsrt:ExchangeToken", StrCat(", \"token\": ", Quote(token)));
  };
  ASSERT_TRUE(verb("ivsrt:Publish").Bool("ok"));
  // Subscribe only, another user_id and attributes, a later exp.
  std::string downgraded = Claims("self-signed-1", kNow, kNow + 7200);
  downgraded.replace(downgraded.find("\"allow_publish\":true,"), 21, "");
  downgraded.replace(downgraded.find("\"u1\""), 4, "\"u2\"");
  downgraded.replace(downgraded.find("{\"seat\":\"1\"}"), 12, "{\"seat\":\"2\"}");
  Json done = exchange(key_.Sign(Header(), downgraded));
  EXPECT_TRUE(done.Bool("ok")) << done.text();
  Json events = Call("ListParticipantEvents",
                     StrCat("{\"stageArn\": ", Quote(stage_arn_), ", \"sessionId\": \"", session_id,
                            "\", \"participantId\": \"self-signed-1\"}"));
  ASSERT_EQ(events.Size("events"), 4u) << events.text();
  EXPECT_EQ(events.Str("events/2/name"), "TOKEN_EXCHANGED");
  EXPECT_EQ(events.Minified("events/2/previousToken"),
            R"({"attributes":{"seat":"1"},"capabilities":["PUBLISH","SUBSCRIBE"],)"
            R"("expirationTime":"2026-01-02T04:04:05Z","userId":"u1"})");
  EXPECT_EQ(events.Minified("events/2/newToken"),
            R"({"attributes":{"seat":"2"},"capabilities":["SUBSCRIBE"],)"
            R"("expirationTime":"2026-01-02T05:04:05Z","userId":"u2"})");
  EXPECT_EQ(events.Str("events/3/name"), "PUBLISH_STOPPED");  // PUBLISH lost
  EXPECT_EQ(verb("ivsrt:Publish").Str("errorCode"), "INSUFFICIENT_CAPABILITIES");
  Json participant =
      Call("GetParticipant", StrCat("{\"stageArn\": ", Quote(stage_arn_), ", \"sessionId\": \"",
                                    session_id, "\", \"participantId\": \"self-signed-1\"}"));
  EXPECT_EQ(participant.Str("participant/userId"), "u2");

  // Refusals change nothing.
  EXPECT_EQ(exchange(key_.Sign(Header(), Claims("another-jti"))).Str("reason"),
            "immutable_claim_changed");
  EXPECT_EQ(
      exchange(key_.Sign(Header(), Claims("self-signed-1", kNow - 7200, kNow - 1))).Str("reason"),
      "expired");
  std::string api_token =
      Call("CreateParticipantToken", StrCat("{\"stageArn\": ", Quote(stage_arn_), "}"))
          .Str("participantToken/token");
  EXPECT_EQ(exchange(api_token).Str("reason"), "not_self_signed");
  EXPECT_EQ(exchange("garbage").Str("reason"), "malformed");
  EXPECT_EQ(verb("ivsrt:Publish").Str("errorCode"), "INSUFFICIENT_CAPABILITIES");
}

// A participant that joined with an API-issued token cannot exchange it, even for a
// self-signed one.
TEST_F(SelfSignedTokenTest, AnApiIssuedParticipantCannotExchange) {
  Json token = Call("CreateParticipantToken", StrCat("{\"stageArn\": ", Quote(stage_arn_), "}"));
  std::string id = token.Str("participantToken/participantId");
  ASSERT_TRUE(Join(token.Str("participantToken/token")).Bool("joined"));
  Json refused =
      Call("ivsrt:ExchangeToken",
           StrCat("{\"stageArn\": ", Quote(stage_arn_), ", \"participantId\": ", Quote(id),
                  ", \"token\": ", Quote(key_.Sign(Header(), Claims(id))), "}"));
  EXPECT_EQ(refused.Str("reason"), "not_self_signed");
}

}  // namespace
}  // namespace ivsrt::testing
