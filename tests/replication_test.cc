// Participant replication (README, "Participant replication"): the engine-clock end, the
// quota, stage deletion, recording of replicas and header members over HTTP; the golden file
// tests/golden/participant_replication.json walks the rest through every surface.
#include <string>

#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

class ReplicationTest : public EngineTest {
 protected:
  // A stage with a connected publisher: {stage ARN, participant id, session id, the
  // ivsrt:JoinStage body that joins it again}.
  struct Publisher {
    std::string stage;
    std::string id;
    std::string session;
    std::string join;
  };
  Publisher JoinAndPublish(std::string_view stage_body = "{}") {
    Publisher p;
    p.stage = CreateStageArn(stage_body);
    Json token = Call("CreateParticipantToken",
                      StrCat("{\"stageArn\": ", Quote(p.stage), ", \"userId\": \"pub\"}"));
    p.join = StrCat("{\"token\": ", Quote(token.Str("participantToken/token")), "}");
    Json joined = Call("ivsrt:JoinStage", p.join);
    p.id = joined.Str("participantId");
    p.session = joined.Str("sessionId");
    EXPECT_TRUE(Call("ivsrt:Publish", Where(p.stage, p.id)).Bool("ok"));
    return p;
  }
  static std::string Where(std::string_view stage, std::string_view id) {
    return StrCat("{\"stageArn\": ", Quote(stage), ", \"participantId\": ", Quote(id), "}");
  }
  static std::string Replication(const Publisher& source, std::string_view destination,
                                 std::string_view extra = "") {
    return StrCat("{\"sourceStageArn\": ", Quote(source.stage),
                  ", \"destinationStageArn\": ", Quote(destination),
                  ", \"participantId\": ", Quote(source.id), extra, "}");
  }
  std::string ActiveSession(std::string_view stage) {
    return Call("GetStage", StrCat("{\"arn\": ", Quote(stage), "}")).Str("stage/activeSessionId");
  }
  Json Participant(std::string_view stage, std::string_view session, std::string_view id) {
    return Call("GetParticipant", StrCat("{\"stageArn\": ", Quote(stage), ", \"sessionId\": ",
                                         Quote(session), ", \"participantId\": ", Quote(id), "}"));
  }
};

// A publisher replicated to a second stage, with a 30 s reconnect window: it stops publishing,
// the replica stays for the window on the engine clock, then ends; both sides say STOPPED.
TEST_F(ReplicationTest, EndsOnTheClockAfterTheReconnectWindow) {
  Publisher source = JoinAndPublish();
  std::string destination = CreateStageArn();
  Call("StartParticipantReplication",
       Replication(source, destination, ", \"reconnectWindowSeconds\": 30"));
  const std::string replica_session = ActiveSession(destination);
  ASSERT_FALSE(replica_session.empty());
  Json replica = Participant(destination, replica_session, source.id);
  EXPECT_EQ(replica.Str("participant/replicationType"), "REPLICA");
  EXPECT_EQ(replica.Str("participant/sourceStageArn"), source.stage);
  EXPECT_EQ(replica.Str("participant/sourceSessionId"), source.session);
  EXPECT_EQ(replica.Str("participant/userId"), "pub");

  Call("ivsrt:Unpublish", Where(source.stage, source.id));
  Call("ivsrt:AdvanceClock", R"({"seconds": 29})");
  EXPECT_EQ(Participant(destination, replica_session, source.id).Str("participant/state"),
            "CONNECTED");
  Call("ivsrt:AdvanceClock", R"({"seconds": 1})");
  replica = Participant(destination, replica_session, source.id);
  EXPECT_EQ(replica.Str("participant/state"), "DISCONNECTED");
  EXPECT_EQ(replica.Str("participant/replicationState"), "STOPPED");
  EXPECT_EQ(
      Participant(source.stage, source.session, source.id).Str("participant/replicationState"),
      "STOPPED");
  Json events =
      Call("ListParticipantEvents", StrCat("{\"stageArn\": ", Quote(destination),
                                           ", \"sessionId\": ", Quote(replica_session),
                                           ", \"participantId\": ", Quote(source.id), "}"));
  ASSERT_EQ(events.Size("events"), 4u);
  EXPECT_EQ(events.Str("events/3/name"), "LEFT");
  EXPECT_EQ(events.Str("events/3/eventTime"), "2026-01-02T03:04:35Z");
  // Nobody is left in the destination: its session ends as any idle session does.
  Call("ivsrt:AdvanceClock", R"({"seconds": 180})");
  EXPECT_EQ(ActiveSession(destination), "");
}

// With no window (the default) the replica ends as soon as the source stops publishing:
// observed by the very next call.
TEST_F(ReplicationTest, WithoutAWindowEndsAtOnce) {
  Publisher source = JoinAndPublish();
  std::string destination = CreateStageArn();
  Call("StartParticipantReplication", Replication(source, destination));
  const std::string replica_session = ActiveSession(destination);
  Call("ivsrt:LeaveStage", Where(source.stage, source.id));
  Json replica = Participant(destination, replica_session, source.id);
  EXPECT_EQ(replica.Str("participant/state"), "DISCONNECTED");
  EXPECT_EQ(replica.Str("participant/replicationState"), "STOPPED");
}

// A source that leaves and joins again (the same token) within the window, and publishes,
// keeps its replication; the replica never left.
TEST_F(ReplicationTest, AReconnectWithinTheWindowKeepsTheReplication) {
  Publisher source = JoinAndPublish();
  std::string destination = CreateStageArn();
  Call("StartParticipantReplication",
       Replication(source, destination, ", \"reconnectWindowSeconds\": 60"));
  Call("ivsrt:LeaveStage", Where(source.stage, source.id));
  Call("ivsrt:AdvanceClock", R"({"seconds": 50})");
  EXPECT_EQ(Call("ivsrt:JoinStage", source.join).Str("sessionId"), source.session);
  Call("ivsrt:Publish", Where(source.stage, source.id));
  Call("ivsrt:AdvanceClock", R"({"seconds": 3600})");
  Json replica = Participant(destination, ActiveSession(destination), source.id);
  EXPECT_EQ(replica.Str("participant/state"), "CONNECTED");
  EXPECT_EQ(replica.Str("participant/replicationState"), "ACTIVE");
}

// The source's session may end within the window (10 s after the last one left, here): back
// in the stage's next session, publishing, it keeps its replication there, and the replica
// and the list entry name that session.
TEST_F(ReplicationTest, ASourceBackInANewSessionKeepsTheReplication) {
  Open(R"({"seed": 42, "clock": "2026-01-02T03:04:05Z", "session_end_delay_seconds": 10})");
  Publisher source = JoinAndPublish();
  std::string destination = CreateStageArn();
  Call("StartParticipantReplication",
       Replication(source, destination, ", \"reconnectWindowSeconds\": 300"));
  Call("ivsrt:LeaveStage", Where(source.stage, source.id));
  Call("ivsrt:AdvanceClock", R"({"seconds": 60})");
  const std::string next = Call("ivsrt:JoinStage", source.join).Str("sessionId");
  EXPECT_NE(next, source.session);
  Call("ivsrt:Publish", Where(source.stage, source.id));
  Call("ivsrt:AdvanceClock", R"({"seconds": 600})");
  Json replica = Participant(destination, ActiveSession(destination), source.id);
  EXPECT_EQ(replica.Str("participant/replicationState"), "ACTIVE");
  EXPECT_EQ(replica.Str("participant/sourceSessionId"), next);
  Json there = Participant(source.stage, next, source.id);
  EXPECT_EQ(there.Str("participant/replicationType"), "SOURCE");
  EXPECT_EQ(there.Str("participant/replicationState"), "ACTIVE");
  Json list =
      Call("ListParticipantReplicas", StrCat("{\"sourceStageArn\": ", Quote(source.stage),
                                             ", \"participantId\": ", Quote(source.id), "}"));
  EXPECT_EQ(list.Str("replicas/0/sourceSessionId"), next);
}

// A replica cannot be a source, and the request's attributes are at most 1 KB.
TEST_F(ReplicationTest, RefusesAReplicaAsSourceAndLargeAttributes) {
  Publisher source = JoinAndPublish();
  std::string destination = CreateStageArn();
  std::string third = CreateStageArn();
  EXPECT_EQ(ErrorOf("StartParticipantReplication",
                    Replication(
                        source, destination,
                        StrCat(", \"attributes\": {\"k\": ", Quote(std::string(1024, 'v')), "}"))),
            "ValidationException");
  Call("StartParticipantReplication", Replication(source, destination));
  Publisher replica{destination, source.id, ActiveSession(destination), ""};
  EXPECT_EQ(ErrorOf("StartParticipantReplication", Replication(replica, third)),
            "ValidationException");
}

// At most 5 concurrent replications per participant: the 6th is a
// ServiceQuotaExceededException; stopping one frees its place.
TEST_F(ReplicationTest, FiveConcurrentReplicationsPerParticipant) {
  Publisher source = JoinAndPublish();
  std::vector<std::string> destinations;
  for (int i = 0; i < 6; ++i) destinations.push_back(CreateStageArn());
  for (int i = 0; i < 5; ++i)
    Call("StartParticipantReplication", Replication(source, destinations[i]));
  EXPECT_EQ(ErrorOf("StartParticipantReplication", Replication(source, destinations[5])),
            "ServiceQuotaExceededException");
  EXPECT_EQ(ActiveSession(destinations[5]), "");  // nothing happened there
  Call("StopParticipantReplication", Replication(source, destinations[0]));
  Call("StartParticipantReplication", Replication(source, destinations[5]));
  Json list =
      Call("ListParticipantReplicas", StrCat("{\"sourceStageArn\": ", Quote(source.stage),
                                             ", \"participantId\": ", Quote(source.id), "}"));
  ASSERT_EQ(list.Size("replicas"), 6u);
  EXPECT_EQ(list.Str("replicas/0/replicationState"), "STOPPED");
  EXPECT_EQ(list.Str("replicas/5/replicationState"), "ACTIVE");
}

// A destination with 12 publishers refuses the replica, and nothing changes.
TEST_F(ReplicationTest, AFullDestinationRefusesTheReplica) {
  Publisher source = JoinAndPublish();
  std::string destination = CreateStageArn();
  for (int i = 0; i < 12; ++i) {
    Json token = Call("CreateParticipantToken", StrCat("{\"stageArn\": ", Quote(destination), "}"));
    Json joined = Call("ivsrt:JoinStage",
                       StrCat("{\"token\": ", Quote(token.Str("participantToken/token")), "}"));
    ASSERT_TRUE(Call("ivsrt:Publish", Where(destination, joined.Str("participantId"))).Bool("ok"));
  }
  EXPECT_EQ(ErrorOf("StartParticipantReplication", Replication(source, destination)),
            "ServiceQuotaExceededException");
  EXPECT_EQ(Call("ListParticipantReplicas", StrCat("{\"sourceStageArn\": ", Quote(source.stage),
                                                   ", \"participantId\": ", Quote(source.id), "}"))
                .Size("replicas"),
            0u);
  EXPECT_FALSE(
      Participant(source.stage, source.session, source.id).Has("participant/replicationType"));
}

// Deleting the source stage ends its replications (the replica leaves) and forgets them;
// DisconnectParticipant of a replica ends its replication.
TEST_F(ReplicationTest, DeletingTheSourceOrDisconnectingTheReplicaEndsIt) {
  Publisher source = JoinAndPublish();
  std::string first = CreateStageArn();
  std::string second = CreateStageArn();
  Call("StartParticipantReplication",
       Replication(source, first, ", \"reconnectWindowSeconds\": 300"));
  Call("StartParticipantReplication",
       Replication(source, second, ", \"reconnectWindowSeconds\": 300"));
  const std::string first_session = ActiveSession(first);
  const std::string second_session = ActiveSession(second);

  Call("DisconnectParticipant", Where(second, source.id));
  EXPECT_EQ(Participant(second, second_session, source.id).Str("participant/replicationState"),
            "STOPPED");
  EXPECT_EQ(
      Participant(source.stage, source.session, source.id).Str("participant/replicationState"),
      "ACTIVE");  // the first one goes on

  Call("DeleteStage", StrCat("{\"arn\": ", Quote(source.stage), "}"));
  Json replica = Participant(first, first_session, source.id);
  EXPECT_EQ(replica.Str("participant/state"), "DISCONNECTED");
  EXPECT_EQ(replica.Str("participant/replicationState"), "STOPPED");
  EXPECT_EQ(Call("ListParticipantReplicas", StrCat("{\"sourceStageArn\": ", Quote(source.stage),
                                                   ", \"participantId\": ", Quote(source.id), "}"))
                .Size("replicas"),
            0u);
}

// recordParticipantReplicas decides whether a replica is recorded in a recording stage.
TEST_F(ReplicationTest, RecordParticipantReplicasDecidesTheReplicasRecording) {
  Json storage = Call("CreateStorageConfiguration", R"({"s3": {"bucketName": "rec-bucket"}})");
  const std::string sc = storage.Str("storageConfiguration/arn");
  Publisher source = JoinAndPublish();
  std::string records = CreateStageArn(StrCat(
      "{\"autoParticipantRecordingConfiguration\": {\"storageConfigurationArn\": ", Quote(sc),
      "}}"));
  std::string skips = CreateStageArn(StrCat(
      "{\"autoParticipantRecordingConfiguration\": {\"storageConfigurationArn\": ", Quote(sc),
      ", \"recordParticipantReplicas\": false}}"));
  Call("StartParticipantReplication", Replication(source, records));
  Call("StartParticipantReplication", Replication(source, skips));
  Json recorded = Participant(records, ActiveSession(records), source.id);
  EXPECT_EQ(recorded.Str("participant/recordingState"), "STARTING");
  EXPECT_EQ(recorded.Str("participant/recordingS3BucketName"), "rec-bucket");
  EXPECT_FALSE(
      Participant(skips, ActiveSession(skips), source.id).Has("participant/recordingState"));
}

// Over HTTP, Start's and Stop's members are headers and the body is {}.
TEST_F(ReplicationTest, HeaderMembersTravelAsHeadersOverHttp) {
  Publisher source = JoinAndPublish();
  std::string destination = CreateStageArn();
  for (std::string_view op : {"StartParticipantReplication", "StopParticipantReplication"}) {
    HttpResponse r =
        engine_->Http(HttpRequest{"POST", StrCat("/", op), "", Replication(source, destination)});
    EXPECT_EQ(r.status, 200) << op;
    EXPECT_EQ(r.body, "{}") << op;
    for (std::string_view header :
         {"Access-Control-Allow-Origin: *\r\n", "Cache-Control: no-store, no-cache\r\n",
          "Content-Security-Policy: default-src 'self'; upgrade-insecure-requests;\r\n",
          "Strict-Transport-Security: max-age:47304000; includeSubDomains\r\n",
          "X-Content-Type-Options: nosniff\r\n", "X-Frame-Options: DENY\r\n",
          "Access-Control-Expose-Headers: Access-Control-Allow-Origin,"}) {
      EXPECT_NE(r.headers.find(header), std::string::npos) << op << " lacks " << header;
    }
  }
  // Other operations have no header members: none of these headers.
  HttpResponse r = engine_->Http(HttpRequest{"POST", "/ListStages", "", "{}"});
  EXPECT_EQ(r.headers.find("Access-Control-Allow-Origin"), std::string::npos);
}

// An ingest participant carries its configuration and redundantIngest.
TEST_F(ReplicationTest, IngestParticipantsCarryTheirConfiguration) {
  std::string stage = CreateStageArn();
  Json ingest = Call("CreateIngestConfiguration",
                     StrCat("{\"ingestProtocol\": \"RTMPS\", \"redundantIngest\": true, "
                            "\"stageArn\": ",
                            Quote(stage), "}"));
  Json started =
      Call("ivsrt:StartIngest",
           StrCat("{\"streamKey\": ", Quote(ingest.Str("ingestConfiguration/streamKey")), "}"));
  Json p = Participant(stage, started.Str("sessionId"), started.Str("participantId"));
  EXPECT_EQ(p.Str("participant/ingestConfigurationArn"), ingest.Str("ingestConfiguration/arn"));
  EXPECT_TRUE(p.Bool("participant/redundantIngest"));
  Json list =
      Call("ListParticipants", StrCat("{\"stageArn\": ", Quote(stage),
                                      ", \"sessionId\": ", Quote(started.Str("sessionId")), "}"));
  EXPECT_EQ(list.Str("participants/0/ingestConfigurationArn"),
            ingest.Str("ingestConfiguration/arn"));
  EXPECT_TRUE(list.Bool("participants/0/redundantIngest"));
}

}  // namespace
}  // namespace ivsrt::testing
