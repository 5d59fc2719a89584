"""The ten stage-API operations, each through a real boto3 client and through Engine.invoke.

Expectations come from the AWS API reference and the service model (NOTES.md), not from
the engine's output.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Dict

import pytest
from conftest import STAGE_ARN_RE, expect_error

OTHER_ACCOUNT_ARN = "arn:aws:ivs:us-east-1:210987654321:stage/abcdABCDefgh"
UNKNOWN_ARN = "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh"
MALFORMED_ARNS = ["nope", "arn:aws:ivs:us-east-1:123456789012:stage/", "arn:aws:s3:::bucket"]


def create_stage(api: Any, **params: Any) -> Dict[str, Any]:
    stage: Dict[str, Any] = api.call("CreateStage", **params)["stage"]
    return stage


# -- CreateStage ---------------------------------------------------------------------------


def test_create_stage_fills_the_documented_defaults(api: Any) -> None:
    out = api.call("CreateStage", name="demo-1", tags={"team": "video"})
    stage = out["stage"]
    assert re.match(STAGE_ARN_RE, stage["arn"])
    assert stage["name"] == "demo-1"
    assert stage["tags"] == {"team": "video"}
    assert set(stage["endpoints"]) >= {"events", "whip", "rtmp", "rtmps"}
    assert stage["endpoints"]["events"].startswith("wss://")
    assert stage["autoParticipantRecordingConfiguration"]["storageConfigurationArn"] == ""
    assert stage["autoParticipantRecordingConfiguration"]["mediaTypes"] == ["AUDIO_VIDEO"]
    assert "activeSessionId" not in stage  # nobody has joined
    assert out.get("participantTokens", []) == []


def test_create_stage_without_members_has_empty_tags(api: Any) -> None:
    stage = create_stage(api)
    assert stage["tags"] == {}
    assert stage.get("name", "") == ""


def test_create_stage_issues_participant_tokens(api: Any) -> None:
    out = api.call(
        "CreateStage",
        name="s",
        participantTokenConfigurations=[
            {"userId": "alice", "capabilities": ["PUBLISH"], "duration": 60},
            {"userId": "bob", "attributes": {"seat": "2"}},
        ],
    )
    tokens = out["participantTokens"]
    assert [t["userId"] for t in tokens] == ["alice", "bob"]
    assert tokens[0]["capabilities"] == ["PUBLISH"]
    for t in tokens:
        assert re.fullmatch(r"[a-zA-Z0-9]{12}", t["participantId"])
        assert t["token"].count(".") == 2
        assert "expirationTime" not in t and "duration" not in t  # as AWS answers CreateStage
        claims = api.engine.verify_participant_token(t["token"])["claims"]
        assert claims["jti"] == t["participantId"]
        assert claims["resource"] == out["stage"]["arn"]
    assert tokens[0]["participantId"] != tokens[1]["participantId"]


@pytest.mark.parametrize(
    "params",
    [
        {"name": "has space"},
        {"name": "x" * 129},
        {"tags": {"aws:reserved": "v"}},
        {"tags": {"k" * 129: "v"}},
        {"tags": {"k": "v" * 257}},
        {"tags": {f"k{i}": "v" for i in range(51)}},
        {"participantTokenConfigurations": [{"duration": 20161}]},
        {"participantTokenConfigurations": [{}] * 13},
    ],
    ids=["name-pattern", "name-length", "aws-tag", "tag-key-length", "tag-value-length",
         "51-tags", "token-duration", "13-tokens"],
)
def test_create_stage_validation(api: Any, params: Dict[str, Any]) -> None:
    expect_error(api, "ValidationException", 400, "CreateStage", **params)
    assert api.call("ListStages")["stages"] == []  # nothing was created


def test_create_stage_accepts_exactly_50_tags(api: Any) -> None:
    tags = {f"k{i}": "v" for i in range(50)}
    assert create_stage(api, tags=tags)["tags"] == tags


@pytest.mark.ivsrt(quotas={"stages": 2})
def test_create_stage_quota(api: Any) -> None:
    create_stage(api)
    second = create_stage(api)
    expect_error(api, "ServiceQuotaExceededException", 402, "CreateStage", name="third")
    api.call("DeleteStage", arn=second["arn"])
    create_stage(api, name="third")  # room again


# -- GetStage ------------------------------------------------------------------------------


def test_get_stage(api: Any) -> None:
    created = create_stage(api, name="g", tags={"a": "b"})
    got = api.call("GetStage", arn=created["arn"])["stage"]
    assert got == created


@pytest.mark.parametrize("arn", MALFORMED_ARNS)
def test_get_stage_malformed_arn_is_a_validation_error(api: Any, arn: str) -> None:
    expect_error(api, "ValidationException", 400, "GetStage", arn=arn)


@pytest.mark.parametrize("arn", [UNKNOWN_ARN, OTHER_ACCOUNT_ARN,
                                 "arn:aws:ivs:eu-west-1:123456789012:stage/abcdABCDefgh"])
def test_get_stage_unknown_arn_is_not_found(api: Any, arn: str) -> None:
    expect_error(api, "ResourceNotFoundException", 404, "GetStage", arn=arn)


# -- ListStages ----------------------------------------------------------------------------


def test_list_stages_summaries(api: Any) -> None:
    a = create_stage(api, name="a", tags={"x": "1"})
    listed = api.call("ListStages")["stages"]
    assert len(listed) == 1
    assert listed[0]["arn"] == a["arn"]
    assert listed[0]["name"] == "a"
    assert listed[0]["tags"] == {"x": "1"}


def test_list_stages_pages_with_next_token(api: Any) -> None:
    arns = {create_stage(api, name=f"s{i}")["arn"] for i in range(7)}
    seen = []
    pages = 0
    kwargs: Dict[str, Any] = {"maxResults": 3}
    while True:
        page = api.call("ListStages", **kwargs)
        pages += 1
        assert len(page["stages"]) <= 3
        seen += [s["arn"] for s in page["stages"]]
        if not page.get("nextToken"):
            break
        kwargs["nextToken"] = page["nextToken"]
    assert pages == 3
    assert sorted(seen) == sorted(arns)  # each exactly once


def test_list_stages_is_stable_while_stages_change(api: Any) -> None:
    arns = [create_stage(api, name=f"s{i}")["arn"] for i in range(6)]
    first = api.call("ListStages", maxResults=2)
    created_meanwhile = create_stage(api, name="late")["arn"]
    seen = [s["arn"] for s in first["stages"]]
    token = first["nextToken"]
    while token:
        page = api.call("ListStages", maxResults=2, nextToken=token)
        seen += [s["arn"] for s in page["stages"]]
        token = page.get("nextToken")
    assert len(seen) == len(set(seen))
    assert set(arns) <= set(seen) <= set(arns) | {created_meanwhile}


@pytest.mark.parametrize("params", [{"maxResults": 101}, {"nextToken": "forged"},
                                    {"nextToken": "not a token!"}])
def test_list_stages_validation(api: Any, params: Dict[str, Any]) -> None:
    create_stage(api)
    expect_error(api, "ValidationException", 400, "ListStages", **params)


# -- UpdateStage ---------------------------------------------------------------------------


def test_update_stage(api: Any) -> None:
    stage = create_stage(api, name="before", tags={"k": "v"})
    updated = api.call("UpdateStage", arn=stage["arn"], name="after")["stage"]
    assert updated["arn"] == stage["arn"]
    assert updated["name"] == "after"
    assert updated["tags"] == {"k": "v"}
    assert api.call("GetStage", arn=stage["arn"])["stage"]["name"] == "after"


def test_update_stage_errors(api: Any) -> None:
    stage = create_stage(api, name="keep")
    expect_error(api, "ValidationException", 400, "UpdateStage", arn=stage["arn"], name="bad name")
    expect_error(api, "ValidationException", 400, "UpdateStage", arn="nope", name="x")
    expect_error(api, "ResourceNotFoundException", 404, "UpdateStage", arn=UNKNOWN_ARN, name="x")
    assert api.call("GetStage", arn=stage["arn"])["stage"]["name"] == "keep"


# -- DeleteStage ---------------------------------------------------------------------------


def test_delete_stage(api: Any) -> None:
    stage = create_stage(api, tags={"k": "v"})
    assert api.call("DeleteStage", arn=stage["arn"]) == {}
    expect_error(api, "ResourceNotFoundException", 404, "GetStage", arn=stage["arn"])
    expect_error(api, "ResourceNotFoundException", 404, "DeleteStage", arn=stage["arn"])
    expect_error(api, "ResourceNotFoundException", 404, "ListTagsForResource",
                 resourceArn=stage["arn"])
    assert api.call("ListStages")["stages"] == []


def test_delete_stage_malformed_arn(api: Any) -> None:
    expect_error(api, "ValidationException", 400, "DeleteStage", arn="nope")


# -- CreateParticipantToken ----------------------------------------------------------------


@pytest.mark.ivsrt(clock="2026-01-02T03:04:05Z")
def test_create_participant_token_claims(api: Any) -> None:
    stage = create_stage(api)
    token = api.call(
        "CreateParticipantToken",
        stageArn=stage["arn"],
        userId="alice",
        attributes={"role": "host"},
        capabilities=["SUBSCRIBE"],
        duration=90,
    )["participantToken"]
    assert re.fullmatch(r"[a-zA-Z0-9]{12}", token["participantId"])
    assert token["expirationTime"] == "2026-01-02T04:34:05Z"  # issue time + 90 minutes
    assert token["userId"] == "alice"
    assert token["capabilities"] == ["SUBSCRIBE"]

    verdict = api.engine.verify_participant_token(token["token"])
    assert verdict["valid"] is True
    claims = verdict["claims"]
    issued = int(dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc).timestamp())
    assert claims["iat"] == issued
    assert claims["exp"] == issued + 90 * 60
    assert claims["jti"] == token["participantId"]
    assert claims["resource"] == stage["arn"]
    assert claims["topic"] == stage["arn"].rsplit("/", 1)[1]
    assert claims["user_id"] == "alice"
    assert claims["attributes"] == {"role": "host"}
    assert claims["capabilities"] == {"allow_subscribe": True}  # no allow_publish key
    assert claims["events_url"] == stage["endpoints"]["events"]
    assert claims["whip_url"] == stage["endpoints"]["whip"]
    assert claims["version"] == "0.0"  # as in AWS's API-issued tokens


@pytest.mark.ivsrt(clock="2026-01-02T03:04:05Z")
def test_create_participant_token_defaults(api: Any) -> None:
    stage = create_stage(api)
    token = api.call("CreateParticipantToken", stageArn=stage["arn"])["participantToken"]
    assert token["expirationTime"] == "2026-01-02T15:04:05Z"  # default duration: 720 minutes
    claims = api.engine.verify_participant_token(token["token"])["claims"]
    assert claims["capabilities"] == {"allow_publish": True, "allow_subscribe": True}


@pytest.mark.ivsrt(clock="2026-01-02T03:04:05Z")
def test_participant_token_expires_with_the_clock(api: Any) -> None:
    stage = create_stage(api)
    token = api.call("CreateParticipantToken", stageArn=stage["arn"], duration=1)
    jwt = token["participantToken"]["token"]
    api.engine.advance_clock(59)
    assert api.engine.verify_participant_token(jwt)["valid"] is True
    api.engine.advance_clock(1)
    verdict = api.engine.verify_participant_token(jwt)
    assert (verdict["valid"], verdict["reason"]) == (False, "expired")


def test_create_participant_token_errors(api: Any) -> None:
    stage = create_stage(api)
    expect_error(api, "ResourceNotFoundException", 404, "CreateParticipantToken",
                 stageArn=UNKNOWN_ARN)
    expect_error(api, "ValidationException", 400, "CreateParticipantToken", stageArn="nope")
    expect_error(api, "ValidationException", 400, "CreateParticipantToken",
                 stageArn=stage["arn"], duration=20161)
    expect_error(api, "ValidationException", 400, "CreateParticipantToken",
                 stageArn=stage["arn"], attributes={"big": "x" * 1100})
    expect_error(api, "ValidationException", 400, "CreateParticipantToken",
                 stageArn=stage["arn"], userId="u" * 129)


def test_forged_tokens_do_not_verify(api: Any) -> None:
    stage = create_stage(api)
    jwt = api.call("CreateParticipantToken", stageArn=stage["arn"])["participantToken"]["token"]
    header, payload, signature = jwt.split(".")
    # The first character: the last one also holds padding bits, and changing those makes a
    # non-canonical encoding (malformed, not badly signed).
    flipped = ("B" if signature[0] == "A" else "A") + signature[1:]
    assert api.engine.verify_participant_token(f"{header}.{payload}.{flipped}")["reason"] == (
        "bad_signature"
    )
    assert api.engine.verify_participant_token("not-a-jwt") == {"valid": False,
                                                                "reason": "malformed"}


# -- DisconnectParticipant -----------------------------------------------------------------


def test_disconnect_participant_revokes_its_token(api: Any) -> None:
    stage = create_stage(api)
    kept = api.call("CreateParticipantToken", stageArn=stage["arn"])["participantToken"]
    gone = api.call("CreateParticipantToken", stageArn=stage["arn"])["participantToken"]
    out = api.call("DisconnectParticipant", stageArn=stage["arn"],
                   participantId=gone["participantId"], reason="bye")
    assert out == {}
    verdict = api.engine.verify_participant_token(gone["token"])
    assert (verdict["valid"], verdict["reason"]) == (False, "revoked")
    assert api.engine.verify_participant_token(kept["token"])["valid"] is True


def test_disconnect_participant_errors(api: Any) -> None:
    stage = create_stage(api)
    expect_error(api, "ResourceNotFoundException", 404, "DisconnectParticipant",
                 stageArn=stage["arn"], participantId="abcdABCDefgh")
    expect_error(api, "ResourceNotFoundException", 404, "DisconnectParticipant",
                 stageArn=UNKNOWN_ARN, participantId="abcdABCDefgh")
    expect_error(api, "ValidationException", 400, "DisconnectParticipant",
                 stageArn="nope", participantId="abcdABCDefgh")
    expect_error(api, "ValidationException", 400, "DisconnectParticipant",
                 stageArn=stage["arn"], participantId="bad id!")


def test_delete_stage_revokes_its_tokens(api: Any) -> None:
    out = api.call("CreateStage", participantTokenConfigurations=[{"userId": "u"}])
    jwt = out["participantTokens"][0]["token"]
    api.call("DeleteStage", arn=out["stage"]["arn"])
    verdict = api.engine.verify_participant_token(jwt)
    assert (verdict["valid"], verdict["reason"]) == (False, "stage_deleted")


# -- TagResource / UntagResource / ListTagsForResource -------------------------------------


def test_tag_untag_list(api: Any) -> None:
    arn = create_stage(api, tags={"a": "1"})["arn"]
    assert api.call("TagResource", resourceArn=arn, tags={"b": "2", "a": "one"}) == {}
    assert api.call("ListTagsForResource", resourceArn=arn) == {"tags": {"a": "one", "b": "2"}}
    assert api.call("GetStage", arn=arn)["stage"]["tags"] == {"a": "one", "b": "2"}
    assert api.call("UntagResource", resourceArn=arn, tagKeys=["a", "absent"]) == {}
    assert api.call("ListTagsForResource", resourceArn=arn) == {"tags": {"b": "2"}}


def test_tag_keys_that_need_url_encoding(api: Any) -> None:
    arn = create_stage(api)["arn"]
    tags = {"a/b c": "x", "k=v&w": "y", "ünï": "z"}
    api.call("TagResource", resourceArn=arn, tags=tags)
    assert api.call("ListTagsForResource", resourceArn=arn)["tags"] == tags
    api.call("UntagResource", resourceArn=arn, tagKeys=["a/b c", "ünï"])
    assert api.call("ListTagsForResource", resourceArn=arn)["tags"] == {"k=v&w": "y"}


def test_fifty_tag_limit_counts_the_merge(api: Any) -> None:
    arn = create_stage(api, tags={f"old{i}": "v" for i in range(30)})["arn"]
    expect_error(api, "ValidationException", 400, "TagResource", resourceArn=arn,
                 tags={f"new{i}": "v" for i in range(21)})
    assert len(api.call("ListTagsForResource", resourceArn=arn)["tags"]) == 30  # unchanged
    api.call("TagResource", resourceArn=arn, tags={f"new{i}": "v" for i in range(20)})
    assert len(api.call("ListTagsForResource", resourceArn=arn)["tags"]) == 50
    # Overwriting existing keys does not grow the set.
    api.call("TagResource", resourceArn=arn, tags={"old0": "w"})
    expect_error(api, "ValidationException", 400, "TagResource", resourceArn=arn,
                 tags={"one-more": "v"})


def test_tag_validation(api: Any) -> None:
    arn = create_stage(api)["arn"]
    expect_error(api, "ValidationException", 400, "TagResource", resourceArn=arn,
                 tags={"aws:x": "v"})
    expect_error(api, "ValidationException", 400, "TagResource", resourceArn=arn,
                 tags={f"k{i}": "v" for i in range(51)})
    expect_error(api, "ValidationException", 400, "TagResource", resourceArn=arn,
                 tags={"k": "v" * 257})
    assert api.call("ListTagsForResource", resourceArn=arn)["tags"] == {}


@pytest.mark.parametrize("op,params", [
    ("TagResource", {"tags": {"k": "v"}}),
    ("UntagResource", {"tagKeys": ["k"]}),
    ("ListTagsForResource", {}),
])
def test_tag_operations_malformed_vs_unknown_arn(api: Any, op: str, params: Dict[str, Any]) -> None:
    expect_error(api, "ValidationException", 400, op, resourceArn="nope", **params)
    expect_error(api, "ValidationException", 400, op, resourceArn="arn:aws:ivs:us-east-1:1:stage",
                 **params)
    expect_error(api, "ResourceNotFoundException", 404, op, resourceArn=UNKNOWN_ARN, **params)
    expect_error(api, "ResourceNotFoundException", 404, op,
                 resourceArn="arn:aws:ivs:us-east-1:123456789012:composition/abcdABCDefgh", **params)
