"""The simulated media plane from the command line: join-stage and the media verbs (test
control), the five participant and session operations of the model, and receive-events, each
command a separate process on one store."""
import re

import pytest

ISO_CLI = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$")
SESSION_ID = re.compile(r"^st-[a-zA-Z0-9]{13}$")


@pytest.fixture
def stage(cli):
    """A stage with alice (PUBLISH, SUBSCRIBE) and bob (SUBSCRIBE): (arn, {user: token})."""
    out = cli.json("create-stage", "--name", "show", "--participant-token-configurations",
                   "userId=alice,capabilities=PUBLISH,SUBSCRIBE",
                   "userId=bob,capabilities=SUBSCRIBE")
    return out["stage"]["arn"], {t["userId"]: t for t in out["participantTokens"]}


def who(arn, pid):
    return ["--stage-arn", arn, "--participant-id", pid]


def test_a_session_across_invocations(cli, stage):
    arn, tokens = stage
    alice, bob = tokens["alice"]["participantId"], tokens["bob"]["participantId"]
    joined = cli.json("join-stage", "--token", tokens["alice"]["token"],
                      "--client", "browserName=Firefox,osName=Linux")
    assert set(joined) == {"joined", "participantId", "stageArn", "sessionId"}
    assert (joined["joined"], joined["participantId"], joined["stageArn"]) == (True, alice, arn)
    sid = joined["sessionId"]
    assert SESSION_ID.match(sid)
    assert cli.json("join-stage", "--token", tokens["bob"]["token"], "--protocol", "RTMPS",
                    "--client", '{"sdkVersion": "1.2.0"}')["sessionId"] == sid
    assert cli.json("get-stage", "--arn", arn)["stage"]["activeSessionId"] == sid

    assert cli.json("publish", *who(arn, alice)) == {"ok": True}
    assert cli.json("publish", *who(arn, bob)) == {
        "ok": False, "errorCode": "INSUFFICIENT_CAPABILITIES"}
    subscribe = ["--publisher-participant-id", alice]
    assert cli.json("subscribe", *who(arn, bob), *subscribe) == {"ok": True}
    assert cli.json("unsubscribe", *who(arn, bob), *subscribe) == {"ok": True}
    assert cli.json("subscribe", *who(arn, bob), "--publisher-participant-id", bob) == {
        "ok": False, "errorCode": "PUBLISHER_NOT_FOUND"}
    assert cli.json("exchange-token", *who(arn, bob), "--token",
                    tokens["alice"]["token"]) == {"ok": False, "reason": "not_self_signed"}

    got = cli.json("get-participant", "--stage-arn", arn, "--session-id", sid,
                   "--participant-id", alice)["participant"]
    assert (got["userId"], got["state"], got["published"], got["protocol"]) == (
        "alice", "CONNECTED", True, "WHIP")
    assert (got["browserName"], got["osName"]) == ("Firefox", "Linux")
    assert ISO_CLI.match(got["firstJoinTime"])  # printed as the AWS CLI prints timestamps
    got_bob = cli.json("get-participant", "--stage-arn", arn, "--session-id", sid,
                       "--participant-id", bob)["participant"]
    assert (got_bob["protocol"], got_bob["sdkVersion"]) == ("RTMPS", "1.2.0")

    assert cli.json("unpublish", *who(arn, alice)) == {"ok": True}
    assert cli.json("leave-stage", *who(arn, alice)) == {"ok": True}

    def listed(*filters):
        out = cli.json("list-participants", "--stage-arn", arn, "--session-id", sid, *filters)
        return [p["userId"] for p in out["participants"]]

    assert listed() == ["alice", "bob"]
    assert listed("--filter-by-state", "CONNECTED") == ["bob"]
    assert listed("--filter-by-state", "DISCONNECTED") == ["alice"]
    assert listed("--filter-by-published") == ["alice"]
    assert listed("--no-filter-by-published") == ["bob"]
    assert listed("--filter-by-user-id", "bob") == ["bob"]
    assert listed("--filter-by-recording-state", "ACTIVE") == []
    page = cli.json("list-participants", "--stage-arn", arn, "--session-id", sid,
                    "--max-results", "1")
    assert [p["userId"] for p in page["participants"]] == ["alice"]
    assert listed("--max-results", "1", "--next-token", page["nextToken"]) == ["bob"]

    events = cli.json("list-participant-events", "--stage-arn", arn, "--session-id", sid,
                      "--participant-id", alice)["events"]
    assert [e["name"] for e in events] == ["JOINED", "PUBLISH_STARTED", "PUBLISH_STOPPED", "LEFT"]
    assert all(ISO_CLI.match(e["eventTime"]) and e["participantId"] == alice for e in events)

    session = cli.json("get-stage-session", "--stage-arn", arn, "--session-id", sid)
    assert session["stageSession"]["sessionId"] == sid
    assert ISO_CLI.match(session["stageSession"]["startTime"])
    assert "endTime" not in session["stageSession"]  # bob is still there
    assert [s["sessionId"] for s in cli.json("list-stage-sessions", "--stage-arn", arn)[
        "stageSessions"]] == [sid]


def test_receive_events_with_a_cursor(cli, stage):
    arn, tokens = stage
    alice = cli.json("join-stage", "--token", tokens["alice"]["token"])["participantId"]
    cli.json("publish", *who(arn, alice))
    cli.json("leave-stage", *who(arn, alice))
    out = cli.json("receive-events")
    assert [e["detail"]["event_name"] for e in out["events"]] == [
        "Participant Published", "Participant Unpublished"]
    first = out["events"][0]
    assert (first["detail-type"], first["source"], first["resources"]) == (
        "IVS Stage Update", "aws.ivs", [arn])
    assert first["detail"]["participant_id"] == alice and first["detail"]["user_id"] == "alice"
    assert cli.json("receive-events", "--cursor", out["cursor"]) == {
        "events": [], "cursor": out["cursor"]}
    one = cli.json("receive-events", "--max-events", "1")
    assert one["events"] == out["events"][:1]
    assert cli.json("receive-events", "--cursor", one["cursor"])["events"] == out["events"][1:]


def test_refused_joins_print_the_reason_and_exit_0(cli, stage):
    arn, tokens = stage
    assert cli.json("join-stage", "--token", "not-a-token") == {
        "joined": False, "reason": "malformed"}
    cli.ok("disconnect-participant", "--stage-arn", arn, "--participant-id",
           tokens["bob"]["participantId"])
    assert cli.json("join-stage", "--token", tokens["bob"]["token"]) == {
        "joined": False, "reason": "revoked"}
    cli.ok("delete-stage", "--arn", arn)
    assert cli.json("join-stage", "--token", tokens["alice"]["token"]) == {
        "joined": False, "reason": "stage_deleted"}


@pytest.mark.parametrize("args, error", [
    (["publish", "--stage-arn", "ARN", "--participant-id", "nobody"],
     "ResourceNotFoundException"),
    (["join-stage", "--token", "t", "--protocol", "SRT"], "ValidationException"),
    (["join-stage", "--token", "t", "--client", "browser=x"], "ValidationException"),
    (["receive-events", "--max-events", "0"], "ValidationException"),
    (["receive-events", "--cursor", "nonsense"], "ValidationException"),
])
def test_engine_errors_exit_254(cli, stage, args, error):
    arn, _ = stage
    r = cli.run(*[arn if a == "ARN" else a for a in args])
    assert r.code == 254, r.err
    operation = "ivsrt:" + {"publish": "Publish", "join-stage": "JoinStage",
                            "receive-events": "ReceiveEvents"}[args[0]]
    assert r.err.startswith(f"\nAn error occurred ({error}) when calling the {operation} "
                            "operation: ")


def test_help_lists_and_describes_the_media_commands(cli):
    top = cli.ok("help").out
    control = top[top.index("TEST-CONTROL COMMANDS"):]
    for name in ("join-stage", "publish", "unpublish", "subscribe", "unsubscribe",
                 "leave-stage", "exchange-token", "receive-events"):
        assert f"o {name}\n" in control
    for name in ("get-participant", "list-participants", "list-participant-events",
                 "get-stage-session", "list-stage-sessions"):
        assert f"o {name}\n" in top[:top.index("TEST-CONTROL COMMANDS")]
    join = cli.ok("join-stage", "help").out
    assert "Calls the ivsrt:JoinStage operation." in join
    assert "--token <value>\n" in join and "[--client <value>]" in join
    assert "browserName=string,browserVersion=string" in join
    assert "--max-events (integer)\n          1 to 1000" in cli.ok("receive-events", "help").out
    assert "JoinStage" in cli.ok("serve", "help").out
