#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets: valid requests of every operation.

Run from anywhere; rewrites tests/fuzz/corpus/{fuzz_invoke,fuzz_http}/seed-*.
"""
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
SEP = "\n~~~\n"

FULL_STAGE = {
    "name": "seed-stage",
    "tags": {"team": "video", "env": "test"},
    "participantTokenConfigurations": [
        {"userId": "alice", "duration": 60, "capabilities": ["PUBLISH", "SUBSCRIBE"],
         "attributes": {"role": "host"}},
        {"capabilities": ["SUBSCRIBE"]},
    ],
    "autoParticipantRecordingConfiguration": {
        "storageConfigurationArn": "",
        "mediaTypes": ["AUDIO_VIDEO"],
        "thumbnailConfiguration": {"targetIntervalSeconds": 60, "storage": ["SEQUENTIAL", "LATEST"],
                                   "recordingMode": "INTERVAL"},
        "recordingReconnectWindowSeconds": 10,
        "hlsConfiguration": {"targetSegmentDurationSeconds": 6},
        "recordParticipantReplicas": True,
    },
}

# (operation, request) sequences; "$ARN" etc. are filled in by the harness.
INVOKE = {
    "create-full": [("CreateStage", FULL_STAGE)],
    "stage-lifecycle": [
        ("CreateStage", {"name": "a"}),
        ("GetStage", {"arn": "$ARN"}),
        ("UpdateStage", {"arn": "$ARN", "name": "b",
                         "autoParticipantRecordingConfiguration": {"mediaTypes": ["NONE"]}}),
        ("DeleteStage", {"arn": "$ARN"}),
        ("GetStage", {"arn": "$ARN"}),
    ],
    "list-pages": [
        ("CreateStage", {}), ("CreateStage", {"name": "x"}), ("CreateStage", {"tags": {"k": "v"}}),
        ("ListStages", {"maxResults": 1}),
        ("ListStages", {"maxResults": 1, "nextToken": "$NEXT"}),
        ("DeleteStage", {"arn": "$ARN2"}),
        ("ListStages", {"maxResults": 1, "nextToken": "$NEXT"}),
    ],
    "tokens": [
        ("CreateStage", {}),
        ("CreateParticipantToken", {"stageArn": "$ARN", "duration": 20160, "userId": "u",
                                    "attributes": {"a": "b"}, "capabilities": ["PUBLISH"]}),
        ("ivsrt:VerifyParticipantToken", {"token": "$TOKEN"}),
        ("DisconnectParticipant", {"stageArn": "$ARN", "participantId": "$PID", "reason": "bye"}),
        ("ivsrt:VerifyParticipantToken", {"token": "$TOKEN"}),
        ("ivsrt:AdvanceClock", {"seconds": 1209600}),
        ("ivsrt:VerifyParticipantToken", {"token": "$TOKEN"}),
    ],
    "tags": [
        ("CreateStage", {"tags": {"a": "1"}}),
        ("TagResource", {"resourceArn": "$ARN", "tags": {"b": "2", "c": ""}}),
        ("ListTagsForResource", {"resourceArn": "$ARN"}),
        ("UntagResource", {"resourceArn": "$ARN", "tagKeys": ["a", "zz"]}),
        ("ListTagsForResource", {"resourceArn": "$ARN"}),
    ],
    "storage-configurations": [
        ("CreateStorageConfiguration", {"name": "s", "s3": {"bucketName": "my-bucket.1"},
                                        "tags": {"k": "v"}}),
        ("GetStorageConfiguration", {"arn": "$SC"}),
        ("CreateStage", {"autoParticipantRecordingConfiguration": {"storageConfigurationArn": "$SC"}}),
        ("DeleteStorageConfiguration", {"arn": "$SC"}),
        ("UpdateStage", {"arn": "$ARN",
                         "autoParticipantRecordingConfiguration": {"storageConfigurationArn": ""}}),
        ("DeleteStorageConfiguration", {"arn": "$SC"}),
        ("ListStorageConfigurations", {"maxResults": 1}),
    ],
    "encoder-configurations": [
        ("CreateEncoderConfiguration", {"name": "e", "video": {"width": 1920, "height": 1080,
                                                               "framerate": 29.97,
                                                               "bitrate": 8500000}}),
        ("CreateEncoderConfiguration", {}),
        ("ListEncoderConfigurations", {"maxResults": 1}),
        ("ListEncoderConfigurations", {"maxResults": 1, "nextToken": "$NEXT"}),
        ("TagResource", {"resourceArn": "$EC", "tags": {"a": "1"}}),
        ("GetEncoderConfiguration", {"arn": "$EC"}),
        ("DeleteEncoderConfiguration", {"arn": "$EC"}),
        ("ListTagsForResource", {"resourceArn": "$EC"}),
    ],
    "compositions": [
        ("CreateStorageConfiguration", {"s3": {"bucketName": "bkt"}}),
        ("CreateEncoderConfiguration", {}),
        ("CreateStage", {}),
        ("StartComposition", {"stageArn": "$ARN", "idempotencyToken": "t-1",
                              "layout": {"pip": {"pipWidth": 320, "videoFillMode": "CONTAIN"}},
                              "destinations": [
                                  {"name": "live", "channel": {
                                      "channelArn": "arn:aws:ivs:us-east-1:123456789012:channel/c",
                                      "encoderConfigurationArn": "$EC"}},
                                  {"s3": {"storageConfigurationArn": "$SC",
                                          "encoderConfigurationArns": ["$EC"],
                                          "recordingConfiguration": {
                                              "format": "HLS",
                                              "hlsConfiguration": {"targetSegmentDurationSeconds": 4}},
                                          "thumbnailConfigurations": [
                                              {"storage": ["LATEST"], "targetIntervalSeconds": 5}]}}]}),
        ("ListCompositions", {"filterByStageArn": "$ARN", "filterByEncoderConfigurationArn": "$EC",
                              "maxResults": 1}),
        ("DeleteEncoderConfiguration", {"arn": "$EC"}),
        ("ivsrt:AdvanceClock", {"seconds": 61}),
        ("GetComposition", {"arn": "arn:aws:ivs:us-east-1:123456789012:composition/abcdABCDefgh"}),
        ("StopComposition", {"arn": "arn:aws:ivs:us-east-1:123456789012:composition/abcdABCDefgh"}),
        ("ivsrt:AdvanceClock", {"seconds": 302}),
        ("DeleteStage", {"arn": "$ARN"}),
    ],
    # Ingest configurations (issue 15): $IC and $KEY the last one's ARN and stream key.
    "ingest": [
        ("CreateStage", {}),
        ("CreateIngestConfiguration", {"ingestProtocol": "RTMP", "insecureIngest": True,
                                       "stageArn": "$ARN", "userId": "obs",
                                       "attributes": {"k": "v"}, "redundantIngest": True}),
        ("CreateIngestConfiguration", {"ingestProtocol": "RTMPS", "stageArn": ""}),
        ("CreateIngestConfiguration", {"ingestProtocol": "RTMP"}),
        ("ListIngestConfigurations", {"filterByState": "ACTIVE", "maxResults": 1}),
        ("ListIngestConfigurations", {"filterByStageArn": "$ARN", "filterByState": "ACTIVE"}),
        ("UpdateIngestConfiguration", {"arn": "$IC", "stageArn": "$ARN", "redundantIngest": True}),
        ("ivsrt:StartIngest", {"streamKey": "$KEY"}),
        ("ivsrt:StartIngest", {"streamKey": "$KEY"}),
        ("ivsrt:StartIngest", {"streamKey": "rt_123456789012_us-east-1_abcdABCDefgh_x"}),
        ("GetIngestConfiguration", {"arn": "$IC"}),
        ("UpdateIngestConfiguration", {"arn": "$IC", "stageArn": ""}),
        ("DisconnectParticipant", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("ivsrt:StopIngest", {"streamKey": "$KEY"}),
        ("DeleteIngestConfiguration", {"arn": "$IC", "force": True}),
        ("DeleteStage", {"arn": "$ARN"}),
    ],
    "clock": [
        ("ivsrt:GetClock", {}), ("ivsrt:SetClock", {"time": "2030-05-06T07:08:09Z"}),
        ("ivsrt:AdvanceClock", {"seconds": 60}), ("ivsrt:Reset", {}),
    ],
    # The simulated media plane (issue 13): $TOKEN2/$PID2 are alice (the input's first
    # token), $TOKEN/$PID bob until someone else joins, $SID the session.
    "session-lifecycle": [
        ("CreateStage", {"participantTokenConfigurations": [
            {"userId": "alice", "capabilities": ["PUBLISH", "SUBSCRIBE"]},
            {"userId": "bob", "capabilities": ["SUBSCRIBE"], "attributes": {"seat": "3"}}]}),
        ("ivsrt:JoinStage", {"token": "$TOKEN2", "client": {"browserName": "Firefox",
                                                            "osName": "Linux"}}),
        ("ivsrt:Publish", {"stageArn": "$ARN", "participantId": "$PID2"}),
        ("ivsrt:JoinStage", {"token": "$TOKEN", "protocol": "RTMPS"}),
        ("ivsrt:Subscribe", {"stageArn": "$ARN", "participantId": "$PID",
                             "publisherParticipantId": "$PID2"}),
        ("ivsrt:Publish", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("GetStageSession", {"stageArn": "$ARN", "sessionId": "$SID"}),
        ("GetParticipant", {"stageArn": "$ARN", "sessionId": "$SID", "participantId": "$PID"}),
        ("ListParticipants", {"stageArn": "$ARN", "sessionId": "$SID", "filterByPublished": True}),
        ("ivsrt:ExchangeToken", {"stageArn": "$ARN", "participantId": "$PID", "token": "$TOKEN2"}),
        ("ivsrt:Unsubscribe", {"stageArn": "$ARN", "participantId": "$PID",
                               "publisherParticipantId": "$PID2"}),
        ("ivsrt:Unpublish", {"stageArn": "$ARN", "participantId": "$PID2"}),
        ("ivsrt:LeaveStage", {"stageArn": "$ARN", "participantId": "$PID2"}),
        ("ivsrt:LeaveStage", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("ListParticipantEvents", {"stageArn": "$ARN", "sessionId": "$SID",
                                   "participantId": "$PID", "maxResults": 2}),
        ("ListParticipantEvents", {"stageArn": "$ARN", "sessionId": "$SID",
                                   "participantId": "$PID", "maxResults": 2, "nextToken": "$NEXT"}),
        ("ivsrt:AdvanceClock", {"seconds": 180}),
        ("GetStage", {"arn": "$ARN"}),
        ("ListStageSessions", {"stageArn": "$ARN"}),
        ("ivsrt:ReceiveEvents", {"maxEvents": 2}),
        ("ivsrt:ReceiveEvents", {"cursor": "$CUR"}),
    ],
    "list-participants": [
        ("CreateStage", {"participantTokenConfigurations": [
            {"userId": "u1"}, {"userId": "u2", "capabilities": ["SUBSCRIBE"]}, {"userId": "u3"}]}),
        ("ivsrt:JoinStage", {"token": "$TOKEN2"}),
        ("ivsrt:JoinStage", {"token": "$TOKEN"}),
        ("ivsrt:LeaveStage", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("ListParticipants", {"stageArn": "$ARN", "sessionId": "$SID", "maxResults": 1}),
        ("ListParticipants", {"stageArn": "$ARN", "sessionId": "$SID", "maxResults": 1,
                              "nextToken": "$NEXT"}),
        ("ListParticipants", {"stageArn": "$ARN", "sessionId": "$SID", "filterByState": "CONNECTED"}),
        ("ListParticipants", {"stageArn": "$ARN", "sessionId": "$SID",
                              "filterByState": "DISCONNECTED"}),
        ("ListParticipants", {"stageArn": "$ARN", "sessionId": "$SID", "filterByUserId": "u1"}),
        ("ListParticipants", {"stageArn": "$ARN", "sessionId": "$SID",
                              "filterByRecordingState": "ACTIVE"}),
        ("ListParticipants", {"stageArn": "$ARN", "sessionId": "$SID", "filterByUserId": "u1",
                              "filterByPublished": False}),
        ("ivsrt:JoinStage", {"token": "$TOKEN"}),
        ("GetParticipant", {"stageArn": "$ARN", "sessionId": "$SID", "participantId": "$PID"}),
    ],
    # Thirteen publishers for twelve places: the oracle publishes everyone connected.
    "publisher-quota": [("CreateStage", {})] + [
        call for _ in range(13) for call in (
            ("CreateParticipantToken", {"stageArn": "$ARN", "capabilities": ["PUBLISH"]}),
            ("ivsrt:JoinStage", {"token": "$TOKEN"}))
    ] + [("ivsrt:Publish", {"stageArn": "$ARN", "participantId": "$PID"})],
    # One publisher ($PID2), four subscribers; the fuzz engine allows three.
    "subscriber-quota": [
        ("CreateStage", {}),
        ("CreateParticipantToken", {"stageArn": "$ARN"}),
        ("ivsrt:JoinStage", {"token": "$TOKEN"}),
        ("ivsrt:Publish", {"stageArn": "$ARN", "participantId": "$PID2"}),
    ] + [
        call for _ in range(4) for call in (
            ("CreateParticipantToken", {"stageArn": "$ARN", "capabilities": ["SUBSCRIBE"]}),
            ("ivsrt:JoinStage", {"token": "$TOKEN"}),
            ("ivsrt:Subscribe", {"stageArn": "$ARN", "participantId": "$PID",
                                 "publisherParticipantId": "$PID2"}))
    ],
    "token-expiry": [
        ("CreateStage", {}),
        ("CreateParticipantToken", {"stageArn": "$ARN", "duration": 1, "userId": "short"}),
        ("ivsrt:JoinStage", {"token": "$TOKEN"}),
        ("ivsrt:AdvanceClock", {"seconds": 61}),
        ("ivsrt:Publish", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("GetParticipant", {"stageArn": "$ARN", "sessionId": "$SID", "participantId": "$PID"}),
        ("ivsrt:JoinStage", {"token": "$TOKEN"}),
        ("ivsrt:AdvanceClock", {"seconds": 180}),
        ("GetStageSession", {"stageArn": "$ARN", "sessionId": "$SID"}),
    ],
    "disconnect-delete": [
        ("CreateStage", {}), ("CreateStage", {}),
        ("CreateParticipantToken", {"stageArn": "$ARN2"}),
        ("ivsrt:JoinStage", {"token": "$TOKEN"}),
        ("DisconnectParticipant", {"stageArn": "$ARN2", "participantId": "$PID"}),
        ("ivsrt:JoinStage", {"token": "$TOKEN"}),
        ("CreateParticipantToken", {"stageArn": "$ARN", "capabilities": ["PUBLISH"]}),
        ("ivsrt:JoinStage", {"token": "$TOKEN"}),
        ("ivsrt:Publish", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("DeleteStage", {"arn": "$ARN"}),
        ("ivsrt:JoinStage", {"token": "$TOKEN"}),
        ("GetStageSession", {"stageArn": "$ARN", "sessionId": "$SID"}),
        ("ivsrt:ReceiveEvents", {}),
    ],
    "rejoin": [
        ("CreateStage", {}),
        ("CreateParticipantToken", {"stageArn": "$ARN"}),
        ("ivsrt:JoinStage", {"token": "$TOKEN"}),
        ("ivsrt:LeaveStage", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("ivsrt:AdvanceClock", {"seconds": 10}),
        ("ivsrt:JoinStage", {"token": "$TOKEN"}),
        ("ivsrt:LeaveStage", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("ivsrt:AdvanceClock", {"seconds": 200}),
        ("ivsrt:JoinStage", {"token": "$TOKEN", "protocol": "RTMP"}),
        ("ListStageSessions", {"stageArn": "$ARN", "maxResults": 1}),
        ("ListStageSessions", {"stageArn": "$ARN", "maxResults": 1, "nextToken": "$NEXT"}),
        ("GetStageSession", {"stageArn": "$ARN", "sessionId": "$SID"}),
    ],
    "media-errors": [
        ("ivsrt:JoinStage", {"token": "not.a.token"}),
        ("CreateStage", {}),
        ("CreateParticipantToken", {"stageArn": "$ARN"}),
        ("ivsrt:JoinStage", {"token": "$TOKEN", "protocol": "SRT"}),
        ("ivsrt:JoinStage", {"token": "$TOKEN", "client": {"browserName": "<script>"}}),
        ("ivsrt:Publish", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("ivsrt:Subscribe", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("ivsrt:ReceiveEvents", {"maxEvents": 1001}),
        ("ivsrt:ReceiveEvents", {"cursor": "forged"}),
        ("GetStageSession", {"stageArn": "$ARN", "sessionId": "st-AAAAAAAAAAAAA"}),
        ("ListParticipants", {"stageArn": "$ARN", "sessionId": "st-AAAAAAAAAAAAA"}),
        ("ListParticipantEvents", {"stageArn": "$ARN", "sessionId": "st-1", "participantId": "x"}),
        ("ListStageSessions", {"stageArn": "$ARN", "nextToken": "forged"}),
    ],
    "errors": [
        ("CreateStage", {"name": "bad name!"}),
        ("GetStage", {"arn": "arn:aws:ivs:us-east-1:123456789012:stage/nope"}),
        ("ListStages", {"nextToken": "forged"}),
        ("CreateEncoderConfiguration", {"video": {"width": 1279}}),
        ("ListPublicKeys", {}),
        ("NoSuchOperation", {}),
    ],
    # Participant replication (issue 15): alice ($TOKEN2/$PID2) publishes in the oldest stage
    # ($ARN2) and is replicated to the newest ($ARN).
    "replication": [
        ("CreateStage", {"participantTokenConfigurations": [
            {"userId": "alice", "capabilities": ["PUBLISH"], "attributes": {"team": "red"}}]}),
        ("CreateStage", {"autoParticipantRecordingConfiguration": {
            "storageConfigurationArn": "", "recordParticipantReplicas": False}}),
        ("ivsrt:JoinStage", {"token": "$TOKEN2"}),
        ("StartParticipantReplication", {"sourceStageArn": "$ARN2", "destinationStageArn": "$ARN",
                                         "participantId": "$PID2"}),
        ("ivsrt:Publish", {"stageArn": "$ARN2", "participantId": "$PID2"}),
        ("StartParticipantReplication", {"sourceStageArn": "$ARN2", "destinationStageArn": "$ARN",
                                         "participantId": "$PID2", "reconnectWindowSeconds": 5,
                                         "attributes": {"team": "blue"}}),
        ("ListParticipantReplicas", {"sourceStageArn": "$ARN2", "participantId": "$PID2",
                                     "maxResults": 1}),
        ("ivsrt:Unpublish", {"stageArn": "$ARN2", "participantId": "$PID2"}),
        ("ivsrt:AdvanceClock", {"seconds": 6}),
        ("StopParticipantReplication", {"sourceStageArn": "$ARN2", "destinationStageArn": "$ARN",
                                        "participantId": "$PID2"}),
        ("DeleteStage", {"arn": "$ARN"}),
        ("ListParticipantReplicas", {"sourceStageArn": "$ARN2", "participantId": "$PID2"}),
    ],
    # ivsrt:InjectFault (issue 14): $COMP and $DEST the last composition and destination.
    "faults": [
        ("CreateStorageConfiguration", {"s3": {"bucketName": "bkt"}}),
        ("CreateEncoderConfiguration", {}),
        ("CreateStage", {"autoParticipantRecordingConfiguration": {"storageConfigurationArn": "$SC",
                                                                    "recordingReconnectWindowSeconds": 5},
                         "participantTokenConfigurations": [{"capabilities": ["PUBLISH"]}]}),
        ("ivsrt:JoinStage", {"token": "$TOKEN"}),
        ("ivsrt:Publish", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("StartComposition", {"stageArn": "$ARN", "destinations": [
            {"channel": {"channelArn": "arn:aws:ivs:us-east-1:123456789012:channel/c"}},
            {"s3": {"storageConfigurationArn": "$SC", "encoderConfigurationArns": ["$EC"]}}]}),
        ("ivsrt:InjectFault", {"target": "$ARN", "participantId": "$PID",
                               "fault": "recording_start_failure"}),
        ("ListParticipants", {"stageArn": "$ARN", "sessionId": "$SID",
                              "filterByRecordingState": "FAILED"}),
        ("ivsrt:AdvanceClock", {"seconds": 2}),
        ("ivsrt:InjectFault", {"target": "$COMP", "destinationId": "$DEST",
                               "fault": "destination_reconnecting"}),
        ("ivsrt:InjectFault", {"target": "$COMP", "fault": "destination_failure"}),
        ("ivsrt:AdvanceClock", {"seconds": 30}),
        ("ivsrt:Unpublish", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("ivsrt:Publish", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("ivsrt:AdvanceClock", {"seconds": 2}),
        ("ivsrt:InjectFault", {"target": "$ARN", "participantId": "$PID",
                               "fault": "recording_end_failure"}),
        ("ivsrt:Unpublish", {"stageArn": "$ARN", "participantId": "$PID"}),
        ("ivsrt:AdvanceClock", {"seconds": 30}),
        ("ListParticipants", {"stageArn": "$ARN", "sessionId": "$SID",
                              "filterByRecordingState": "STOPPING"}),
        ("GetComposition", {"arn": "$COMP"}),
        ("ivsrt:InjectFault", {"target": "$COMP", "fault": "session_failure"}),
        ("ivsrt:InjectFault", {"target": "$COMP", "fault": "melt", "destinationId": ""}),
        ("ivsrt:InjectFault", {"target": "$ARN", "fault": "session_failure"}),
        ("ivsrt:AdvanceClock", {"seconds": 86400}),
        ("ivsrt:ReceiveEvents", {}),
    ],
}


def invoke_seed(calls):
    return SEP.join(f"{op}\n{json.dumps(body)}" for op, body in calls)


HOST = "Host: ivsrealtime.us-east-1.amazonaws.com"
AUTH = ("Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260102/eu-west-1/ivs/aws4_request, "
        "SignedHeaders=host, Signature=00")


def post(op, body, headers=HOST):
    return f"POST /{op}\n{headers}\n\n{json.dumps(body)}"


ARN_ENC = "$ARN"  # the harness substitutes the raw ARN; the router accepts it undecoded too

HTTP = {
    "create-full": [post("CreateStage", FULL_STAGE)],
    "stage-lifecycle": [
        post("CreateStage", {"name": "a"}), post("GetStage", {"arn": "$ARN"}),
        post("UpdateStage", {"arn": "$ARN", "name": "b"}), post("DeleteStage", {"arn": "$ARN"}),
    ],
    "list-pages": [
        post("CreateStage", {}), post("CreateStage", {}), post("ListStages", {"maxResults": 1}),
        post("ListStages", {"maxResults": 1, "nextToken": "$NEXT"}),
    ],
    "tokens": [
        post("CreateStage", {}),
        post("CreateParticipantToken", {"stageArn": "$ARN", "capabilities": ["SUBSCRIBE"]}),
        post("DisconnectParticipant", {"stageArn": "$ARN", "participantId": "$PID"}),
    ],
    "tags": [
        post("CreateStage", {}),
        f"POST /tags/{ARN_ENC}\n{HOST}\n\n" + json.dumps({"tags": {"a": "1", "b c": "2"}}),
        f"GET /tags/{ARN_ENC}\n{HOST}\n\n",
        f"DELETE /tags/{ARN_ENC}?tagKeys=a&tagKeys=b+c\n{HOST}\n\n",
        "GET /tags/arn%3Aaws%3Aivs%3Aus-east-1%3A123456789012%3Astage%2Fabc\n\n",
    ],
    "configurations": [
        post("CreateStorageConfiguration", {"s3": {"bucketName": "bkt"}}),
        post("CreateStage", {"autoParticipantRecordingConfiguration": {"storageConfigurationArn": "$SC"}}),
        post("DeleteStorageConfiguration", {"arn": "$SC"}),
        post("CreateEncoderConfiguration", {"video": {"framerate": 60}}),
        post("ListEncoderConfigurations", {}), post("GetEncoderConfiguration", {"arn": "$EC"}),
    ],
    "compositions": [
        post("CreateStage", {}),
        post("StartComposition", {"stageArn": "$ARN", "destinations": [
            {"channel": {"channelArn": "arn:aws:ivs:us-east-1:123456789012:channel/c"}}]}),
        post("ListCompositions", {"filterByStageArn": "$ARN"}),
    ],
    "faults": [
        post("CreateStage", {}),
        post("StartComposition", {"stageArn": "$ARN", "destinations": [
            {"channel": {"channelArn": "arn:aws:ivs:us-east-1:123456789012:channel/c"}}]}),
        post("ivsrt:InjectFault", {"target": "$COMP", "fault": "session_failure"}),
        post("ListParticipants", {"stageArn": "$ARN", "sessionId": "st-AAAAAAAAAAAAA",
                                  "filterByRecordingState": "FAILED"}),
    ],
    "ingest": [
        post("CreateIngestConfiguration", {"ingestProtocol": "RTMPS", "name": "obs"}),
        post("ListIngestConfigurations", {"filterByState": "INACTIVE"}),
        post("GetIngestConfiguration", {"arn": "$IC"}),
        post("DeleteIngestConfiguration", {"arn": "$IC"}),
    ],
    "replication": [
        post("CreateStage", {}), post("CreateStage", {}),
        post("StartParticipantReplication", {"sourceStageArn": "$ARN2", "destinationStageArn": "$ARN",
                                             "participantId": "p", "reconnectWindowSeconds": 300}),
        post("ListParticipantReplicas", {"sourceStageArn": "$ARN2", "participantId": "p"}),
        post("StopParticipantReplication", {"sourceStageArn": "$ARN2", "destinationStageArn": "$ARN",
                                            "participantId": "p"}),
    ],
    "regions": [
        post("CreateStage", {"name": "eu"}, AUTH), post("ListStages", {}, AUTH),
        post("DeleteStage", {"arn": "$ARN"}, "host: ivsrealtime.eu-west-1.amazonaws.com"),
    ],
    "sessions": [
        post("CreateStage", {}),
        post("ListStageSessions", {"stageArn": "$ARN", "maxResults": 1}),
        post("GetStageSession", {"stageArn": "$ARN", "sessionId": "st-AAAAAAAAAAAAA"}),
        post("ListParticipants", {"stageArn": "$ARN", "sessionId": "st-AAAAAAAAAAAAA",
                                  "filterByState": "CONNECTED"}),
        post("GetParticipant", {"stageArn": "$ARN", "sessionId": "st-AAAAAAAAAAAAA",
                                "participantId": "p"}),
        post("ListParticipantEvents", {"stageArn": "$ARN", "sessionId": "st-AAAAAAAAAAAAA",
                                       "participantId": "p"}),
        post("CreateParticipantToken", {"stageArn": "$ARN"}),
        post("ivsrt:JoinStage", {"token": "$TOKEN"}),
    ],
    "errors": [
        "PUT /CreateStage\n\n{}", "GET /ListStages\n\n", "POST /Nope\n\n{}",
        "POST /CreateStage\nContent-Type: application/json\n\n{\"name\": 5}",
        "DELETE /tags/%ZZ\n\n",
    ],
}


def main():
    for target, seeds, render in (("fuzz_invoke", INVOKE, invoke_seed),
                                  ("fuzz_http", HTTP, SEP.join)):
        out = HERE / "corpus" / target
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("seed-*"):
            old.unlink()
        for name, calls in seeds.items():
            (out / f"seed-{name}").write_text(render(calls))
        if target == "fuzz_invoke":  # one single-call seed per operation, too
            ops = {op for calls in seeds.values() for op, _ in calls}
            for op in sorted(ops):
                body = next(b for calls in seeds.values() for o, b in calls if o == op)
                (out / f"seed-op-{op.replace(':', '-')}").write_text(f"{op}\n{json.dumps(body)}")


if __name__ == "__main__":
    main()
