#include "core/media/live_session.h"

#include <string>
#include <vector>

#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

class LiveSessionTest : public EngineTest {
 protected:
  // Joins `count` participants to a new stage; their ids.
  std::vector<std::string> JoinNew(int count) {
    stage_arn_ = CreateStageArn();
    std::vector<std::string> ids;
    for (int i = 0; i < count; ++i) {
      std::string token =
          Call("CreateParticipantToken", StrCat("{\"stageArn\": ", Quote(stage_arn_), "}"))
              .Str("participantToken/token");
      Json joined = Call("ivsrt:JoinStage", StrCat("{\"token\": ", Quote(token), "}"));
      session_id_ = joined.Str("sessionId");
      ids.push_back(joined.Str("participantId"));
    }
    return ids;
  }
  Json Verb(std::string_view op, const std::string& id, std::string_view publisher = "") {
    std::string body =
        StrCat("{\"stageArn\": ", Quote(stage_arn_), ", \"participantId\": ", Quote(id));
    if (!publisher.empty()) body += StrCat(", \"publisherParticipantId\": ", Quote(publisher));
    Json answer = Call(op, body + "}");
    EXPECT_TRUE(answer.Bool("ok")) << op << " " << answer.text();
    return answer;
  }
  Json Events(const std::string& id) {
    return Call("ListParticipantEvents", StrCat("{\"stageArn\": ", Quote(stage_arn_),
                                                ", \"sessionId\": ", Quote(session_id_),
                                                ", \"participantId\": ", Quote(id), "}"));
  }
  std::string stage_arn_, session_id_;
};

// An Unpublish skips looking for subscribers only while nobody subscribes to anyone: with
// one subscriber left (of another publisher's, after others unsubscribed and left), the
// publisher's subscriber is still found and stopped.
TEST_F(LiveSessionTest, UnpublishStopsTheLastSubscriberLeft) {
  std::vector<std::string> ids = JoinNew(5);
  const std::string &p1 = ids[0], &p2 = ids[1], &a = ids[2], &b = ids[3], &c = ids[4];
  Verb("ivsrt:Publish", p1);
  Verb("ivsrt:Publish", p2);
  Verb("ivsrt:Subscribe", a, p1);
  Verb("ivsrt:Subscribe", a, p2);
  Verb("ivsrt:Subscribe", b, p1);
  Verb("ivsrt:Subscribe", c, p2);
  Verb("ivsrt:Unsubscribe", a, p1);
  Verb("ivsrt:Unsubscribe", b, p1);
  Verb("ivsrt:LeaveStage", c);
  const size_t before = Events(a).Size("events");
  Verb("ivsrt:Unpublish", p2);
  Json events = Events(a);
  ASSERT_EQ(events.Size("events"), before + 1);
  const std::string last = StrCat("events/", before);
  EXPECT_EQ(events.Str(last + "/name"), "SUBSCRIBE_STOPPED");
  EXPECT_EQ(events.Str(last + "/remoteParticipantId"), p2);
  // Nobody subscribes now: p1's Unpublish stops nothing.
  const size_t b_before = Events(b).Size("events");
  Verb("ivsrt:Unpublish", p1);
  EXPECT_EQ(Events(a).Size("events"), before + 1);
  EXPECT_EQ(Events(b).Size("events"), b_before);
}

}  // namespace
}  // namespace ivsrt::testing
