"""A whole stage session driven through the Python API (Engine.join, Participant) and read
back through the five AWS operations, once through boto3 and once through Engine.invoke (the
`api` fixture of conftest.py), and through Engine.events.

Every expected value is written by hand from the rules of issue 13: three participants with
different capabilities join, publish, subscribe, one is refused a token exchange, one is
disconnected, the rest leave, and the session ends 180 s after the last one left.
"""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from conftest import expect_error

import ivsrt

START = "2026-05-01T10:00:00Z"


def at(seconds: int) -> str:
    """The instant `seconds` after START (all within the hour), as the engine writes it."""
    return f"2026-05-01T10:{seconds // 60:02d}:{seconds % 60:02d}Z"


def event(name: str, pid: str, seconds: int, **more: str) -> Dict[str, Any]:
    return {"name": name, "participantId": pid, "eventTime": at(seconds), **more}


@pytest.mark.ivsrt(seed=11, clock=START)
def test_a_whole_session(api: Any) -> None:
    engine: ivsrt.Engine = api.engine
    created = api.call("CreateStage", name="show", participantTokenConfigurations=[
        {"userId": "alice", "capabilities": ["PUBLISH", "SUBSCRIBE"]},
        {"userId": "bob", "capabilities": ["SUBSCRIBE"]},
        {"userId": "carol", "capabilities": ["PUBLISH"], "attributes": {"seat": "3"}},
    ])
    arn = created["stage"]["arn"]
    tokens = {t["userId"]: t for t in created["participantTokens"]}
    assert "activeSessionId" not in api.call("GetStage", arn=arn)["stage"]
    assert api.call("ListStageSessions", stageArn=arn)["stageSessions"] == []

    # 10:00:00 alice joins and starts the session.
    alice = engine.join(tokens["alice"]["token"], browser_name="Firefox", browser_version="120.0",
                        os_name="Linux", os_version="6.1", sdk_version="1.24.0",
                        isp_name="Example ISP")
    sid = alice.session_id
    assert (alice.participant_id, alice.stage_arn) == (tokens["alice"]["participantId"], arn)
    assert api.call("GetStage", arn=arn)["stage"]["activeSessionId"] == sid
    assert api.call("ListStages")["stages"][0]["activeSessionId"] == sid
    assert api.call("GetStageSession", stageArn=arn, sessionId=sid) == {
        "stageSession": {"sessionId": sid, "startTime": START}}

    # 10:00:10 bob and carol join the same session; who may publish and subscribe.
    engine.advance_clock(10)
    bob = engine.join(tokens["bob"]["token"])
    carol = engine.join(tokens["carol"]["token"], protocol="RTMPS")
    assert bob.session_id == carol.session_id == sid
    alice.publish()
    with pytest.raises(ivsrt.PublishError) as refused:
        bob.publish()
    assert refused.value.error_code == "INSUFFICIENT_CAPABILITIES"
    carol.publish()
    bob.subscribe(alice)
    bob.subscribe(carol.participant_id)  # a participant id does as well as a Participant
    with pytest.raises(ivsrt.SubscribeError) as refused_sub:
        carol.subscribe(alice)
    assert refused_sub.value.error_code == "INSUFFICIENT_CAPABILITIES"
    with pytest.raises(ivsrt.SubscribeError) as not_found:
        bob.subscribe(bob)
    assert not_found.value.error_code == "PUBLISHER_NOT_FOUND"
    with pytest.raises(ivsrt.TokenExchangeRefused) as exchange:
        bob.exchange_token(tokens["alice"]["token"])  # API-issued: not self-signed
    assert exchange.value.reason == "not_self_signed"

    assert api.call("GetParticipant", stageArn=arn, sessionId=sid,
                    participantId=alice.participant_id) == {"participant": {
        "participantId": alice.participant_id, "userId": "alice", "state": "CONNECTED",
        "firstJoinTime": START, "published": True, "protocol": "WHIP",
        "browserName": "Firefox", "browserVersion": "120.0", "osName": "Linux",
        "osVersion": "6.1", "sdkVersion": "1.24.0", "ispName": "Example ISP"}}
    got_carol = api.call("GetParticipant", stageArn=arn, sessionId=sid,
                         participantId=carol.participant_id)["participant"]
    assert (got_carol["protocol"], got_carol["attributes"]) == ("RTMPS", {"seat": "3"})

    # 10:00:20 bob drops carol; alice stops publishing, which ends bob's subscription to her.
    engine.advance_clock(10)
    bob.unsubscribe(carol)
    alice.unpublish()

    # 10:00:30 carol is disconnected by the API: her token is revoked.
    engine.advance_clock(10)
    assert api.call("DisconnectParticipant", stageArn=arn,
                    participantId=carol.participant_id, reason="moderated") == {}
    with pytest.raises(ivsrt.ResourceNotFoundException):
        carol.publish()
    with pytest.raises(ivsrt.JoinRefused) as rejoin:
        engine.join(tokens["carol"]["token"])
    assert rejoin.value.reason == "revoked"

    # 10:00:35 alice leaves.
    engine.advance_clock(5)
    alice.leave()

    def participants(**filters: Any) -> List[Dict[str, Any]]:
        listed: List[Dict[str, Any]] = api.call("ListParticipants", stageArn=arn, sessionId=sid,
                                                **filters)["participants"]
        return listed

    def summary(p: ivsrt.Participant, user: str, state: str, joined: int,
                published: bool) -> Dict[str, Any]:
        return {"participantId": p.participant_id, "userId": user, "state": state,
                "firstJoinTime": at(joined), "published": published}

    a = summary(alice, "alice", "DISCONNECTED", 0, True)
    b = summary(bob, "bob", "CONNECTED", 10, False)
    c = summary(carol, "carol", "DISCONNECTED", 10, True)
    assert participants() == [a, b, c]  # join order
    assert participants(filterByState="CONNECTED") == [b]
    assert participants(filterByState="DISCONNECTED") == [a, c]
    assert participants(filterByPublished=True) == [a, c]
    assert participants(filterByPublished=False) == [b]
    assert participants(filterByUserId="carol") == [c]
    assert participants(filterByRecordingState="ACTIVE") == []
    expect_error(api, "ValidationException", 400, "ListParticipants", stageArn=arn,
                 sessionId=sid, filterByUserId="bob", filterByState="CONNECTED")
    first_page = api.call("ListParticipants", stageArn=arn, sessionId=sid, maxResults=2)
    assert first_page["participants"] == [a, b]
    assert participants(maxResults=2, nextToken=first_page["nextToken"]) == [c]

    # 10:01:00 bob, the last one, leaves; the session ends 180 s later.
    engine.advance_clock(25)
    bob.leave()

    def events(p: ivsrt.Participant) -> List[Dict[str, Any]]:
        listed: List[Dict[str, Any]] = api.call(
            "ListParticipantEvents", stageArn=arn, sessionId=sid,
            participantId=p.participant_id)["events"]
        return listed

    aid, bid, cid = alice.participant_id, bob.participant_id, carol.participant_id
    assert events(alice) == [event("JOINED", aid, 0), event("PUBLISH_STARTED", aid, 10),
                             event("PUBLISH_STOPPED", aid, 20), event("LEFT", aid, 35)]
    assert events(bob) == [
        event("JOINED", bid, 10),
        event("PUBLISH_ERROR", bid, 10, errorCode="INSUFFICIENT_CAPABILITIES"),
        event("SUBSCRIBE_STARTED", bid, 10, remoteParticipantId=aid),
        event("SUBSCRIBE_STARTED", bid, 10, remoteParticipantId=cid),
        event("SUBSCRIBE_ERROR", bid, 10, remoteParticipantId=bid,
              errorCode="PUBLISHER_NOT_FOUND"),
        event("SUBSCRIBE_STOPPED", bid, 20, remoteParticipantId=cid),
        event("SUBSCRIBE_STOPPED", bid, 20, remoteParticipantId=aid),
        event("LEFT", bid, 60),
    ]
    assert events(carol) == [
        event("JOINED", cid, 10), event("PUBLISH_STARTED", cid, 10),
        event("SUBSCRIBE_ERROR", cid, 10, remoteParticipantId=aid,
              errorCode="INSUFFICIENT_CAPABILITIES"),
        event("PUBLISH_STOPPED", cid, 30), event("LEFT", cid, 30),
    ]

    engine.advance_clock(179)
    assert api.call("GetStage", arn=arn)["stage"]["activeSessionId"] == sid
    assert "endTime" not in api.call("GetStageSession", stageArn=arn, sessionId=sid)[
        "stageSession"]
    engine.advance_clock(1)  # 10:04:00
    assert "activeSessionId" not in api.call("GetStage", arn=arn)["stage"]
    ended = {"sessionId": sid, "startTime": START, "endTime": at(240)}
    assert api.call("GetStageSession", stageArn=arn, sessionId=sid) == {"stageSession": ended}

    # A later join starts a new session, listed first.
    again = engine.join(tokens["alice"]["token"])
    assert again.session_id != sid
    assert api.call("ListStageSessions", stageArn=arn)["stageSessions"] == [
        {"sessionId": again.session_id, "startTime": at(240)}, ended]
    assert api.call("GetStage", arn=arn)["stage"]["activeSessionId"] == again.session_id

    # The EventBridge stream: publishing events only, oldest first.
    def stage_update(user: str, p: ivsrt.Participant, name: str, seconds: int) -> Dict[str, Any]:
        return {"session_id": sid, "event_name": name, "event_time": at(seconds),
                "user_id": user, "participant_id": p.participant_id}

    batch = engine.events()
    assert [e["detail"] for e in batch.events] == [
        stage_update("alice", alice, "Participant Published", 10),
        stage_update("bob", bob, "Participant Publish Error", 10),
        stage_update("carol", carol, "Participant Published", 10),
        stage_update("alice", alice, "Participant Unpublished", 20),
        stage_update("carol", carol, "Participant Unpublished", 30),
    ]
    for e in batch.events:
        assert (e["detail-type"], e["source"], e["resources"]) == (
            "IVS Stage Update", "aws.ivs", [arn])
        assert (e["account"], e["region"], e["version"]) == ("123456789012", "us-east-1", "0")
        assert e["time"] == e["detail"]["event_time"]
    assert engine.events(batch.cursor) == ivsrt.EventBatch([], batch.cursor)
