"""Engine.join and Participant: each refusal as its exception, the engine's errors, and the
rules a test reaches through them (capabilities, the publisher and subscriber quotas, token
expiry, the idle session end). Expected values are the documented rules, written by hand."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

import pytest

import ivsrt

START = "2026-05-01T10:00:00Z"


def stage(engine: ivsrt.Engine, *configs: Dict[str, Any]) -> Tuple[str, List[str]]:
    """A new stage and a token per configuration."""
    created = engine.invoke("CreateStage", {"participantTokenConfigurations": list(configs)})
    return created["stage"]["arn"], [t["token"] for t in created["participantTokens"]]


def participant(engine: ivsrt.Engine, p: ivsrt.Participant) -> Dict[str, Any]:
    got: Dict[str, Any] = engine.invoke("GetParticipant", {
        "stageArn": p.stage_arn, "sessionId": p.session_id,
        "participantId": p.participant_id})["participant"]
    return got


def altered(token: str) -> str:
    """The token with its signature changed: the first character holds the signature's first
    6 bits, so another one changes them."""
    header, payload, signature = token.split(".")
    other = "B" if signature[0] == "A" else "A"
    return f"{header}.{payload}.{other}{signature[1:]}"


def refusal(engine: ivsrt.Engine, token: str) -> str:
    with pytest.raises(ivsrt.JoinRefused) as info:
        engine.join(token)
    assert str(info.value) == f"join refused: {info.value.reason}"
    return info.value.reason


# ---- refused joins ---------------------------------------------------------------------------

def test_a_malformed_token_is_refused(ivsrt_engine: ivsrt.Engine) -> None:
    assert refusal(ivsrt_engine, "not-a-token") == "malformed"


def test_an_altered_token_is_refused_for_its_signature(ivsrt_engine: ivsrt.Engine) -> None:
    _, [token] = stage(ivsrt_engine, {"userId": "u"})
    assert refusal(ivsrt_engine, altered(token)) == "bad_signature"


@pytest.mark.ivsrt(clock=START)
def test_an_expired_token_is_refused(ivsrt_engine: ivsrt.Engine) -> None:
    arn, _ = stage(ivsrt_engine)
    token = ivsrt_engine.invoke("CreateParticipantToken", {"stageArn": arn, "duration": 1})[
        "participantToken"]["token"]
    ivsrt_engine.advance_clock(61)
    assert refusal(ivsrt_engine, token) == "expired"


def test_a_token_of_a_disconnected_participant_is_refused(ivsrt_engine: ivsrt.Engine) -> None:
    arn, [token] = stage(ivsrt_engine, {"userId": "u"})
    p = ivsrt_engine.join(token)
    ivsrt_engine.invoke("DisconnectParticipant",
                        {"stageArn": arn, "participantId": p.participant_id})
    assert refusal(ivsrt_engine, token) == "revoked"
    assert participant(ivsrt_engine, p)["state"] == "DISCONNECTED"


def test_a_token_of_a_deleted_stage_is_refused(ivsrt_engine: ivsrt.Engine) -> None:
    arn, [token, other] = stage(ivsrt_engine, {"userId": "u"}, {"userId": "v"})
    p = ivsrt_engine.join(token)
    ivsrt_engine.invoke("DeleteStage", {"arn": arn})
    assert refusal(ivsrt_engine, other) == "stage_deleted"
    with pytest.raises(ivsrt.ResourceNotFoundException):
        p.publish()


def test_bad_join_arguments_are_validation_errors(ivsrt_engine: ivsrt.Engine) -> None:
    _, [token] = stage(ivsrt_engine, {"userId": "u"})
    with pytest.raises(ivsrt.ValidationException, match="protocol"):
        ivsrt_engine.join(token, protocol="SRT")
    with pytest.raises(ivsrt.ValidationException, match="client.browserName"):
        ivsrt_engine.join(token, browser_name="<script>")


# ---- the participant -------------------------------------------------------------------------

@pytest.mark.ivsrt(clock=START)
def test_joining_again_reconnects_the_same_participant(ivsrt_engine: ivsrt.Engine) -> None:
    _, [token] = stage(ivsrt_engine, {"userId": "u"})
    first = ivsrt_engine.join(token, browser_name="Chrome")
    first.leave()
    ivsrt_engine.advance_clock(5)
    second = ivsrt_engine.join(token, browser_name="Safari")
    assert second == first and second is not first
    got = participant(ivsrt_engine, second)
    assert (got["state"], got["firstJoinTime"], got["browserName"]) == (
        "CONNECTED", START, "Safari")
    assert repr(second) == (f"Participant(participant_id={second.participant_id!r}, "
                            f"stage_arn={second.stage_arn!r}, session_id={second.session_id!r})")


def test_a_participant_that_left_can_do_nothing_more(ivsrt_engine: ivsrt.Engine) -> None:
    _, [token] = stage(ivsrt_engine, {"userId": "u"})
    p = ivsrt_engine.join(token)
    p.leave()
    for verb in (p.publish, p.unpublish, p.leave, lambda: p.subscribe("x"),
                 lambda: p.unsubscribe("x"), lambda: p.exchange_token(token)):
        with pytest.raises(ivsrt.ResourceNotFoundException, match="not connected"):
            verb()


def test_published_stays_true_after_unpublishing(ivsrt_engine: ivsrt.Engine) -> None:
    _, [token] = stage(ivsrt_engine, {"userId": "u"})
    p = ivsrt_engine.join(token)
    assert participant(ivsrt_engine, p)["published"] is False
    p.publish()
    p.unpublish()
    assert participant(ivsrt_engine, p)["published"] is True


def test_a_thirteenth_publisher_exceeds_the_quota(ivsrt_engine: ivsrt.Engine) -> None:
    arn, tokens = stage(ivsrt_engine, *({"userId": f"u{i}"} for i in range(12)))  # the most
    tokens.append(ivsrt_engine.invoke("CreateParticipantToken", {"stageArn": arn})[
        "participantToken"]["token"])
    publishers = [ivsrt_engine.join(t) for t in tokens]
    for p in publishers[:12]:
        p.publish()
    with pytest.raises(ivsrt.PublishError) as info:
        publishers[12].publish()
    assert info.value.error_code == "QUOTA_EXCEEDED"
    assert not isinstance(info.value, ivsrt.Error)  # an answer, not a failed call
    publishers[0].unpublish()
    publishers[12].publish()  # a place is free again


@pytest.mark.ivsrt(quotas={"stageSubscribers": 1})
def test_the_subscriber_quota_is_the_engine_option(ivsrt_engine: ivsrt.Engine) -> None:
    _, tokens = stage(ivsrt_engine, {"userId": "pub"}, {"userId": "a"}, {"userId": "b"})
    publisher, a, b = (ivsrt_engine.join(t) for t in tokens)
    publisher.publish()
    a.subscribe(publisher)
    with pytest.raises(ivsrt.SubscribeError) as info:
        b.subscribe(publisher)
    assert info.value.error_code == "QUOTA_EXCEEDED"
    a.unsubscribe(publisher)
    b.subscribe(publisher)


def test_an_exchange_refusal_names_its_reason(ivsrt_engine: ivsrt.Engine) -> None:
    _, [token] = stage(ivsrt_engine, {"userId": "u"})
    p = ivsrt_engine.join(token)
    with pytest.raises(ivsrt.TokenExchangeRefused) as info:
        p.exchange_token("x.y")
    assert info.value.reason == "malformed"
    with pytest.raises(ivsrt.TokenExchangeRefused) as info:
        p.exchange_token(altered(token))
    assert info.value.reason == "bad_signature"


@pytest.mark.ivsrt(clock=START)
def test_a_token_that_expires_disconnects_its_participant(ivsrt_engine: ivsrt.Engine) -> None:
    arn, _ = stage(ivsrt_engine)
    token = ivsrt_engine.invoke("CreateParticipantToken", {"stageArn": arn, "duration": 1})[
        "participantToken"]["token"]
    p = ivsrt_engine.join(token)
    ivsrt_engine.advance_clock(59)
    p.publish()
    ivsrt_engine.advance_clock(2)  # past exp: the next call that reads the clock sees it
    assert participant(ivsrt_engine, p)["state"] == "DISCONNECTED"
    with pytest.raises(ivsrt.ResourceNotFoundException):
        p.unpublish()


@pytest.mark.ivsrt(clock=START, session_end_delay_seconds=10)
def test_the_idle_session_end_is_an_engine_option(ivsrt_engine: ivsrt.Engine) -> None:
    arn, [token] = stage(ivsrt_engine, {"userId": "u"})
    ivsrt_engine.join(token).leave()
    ivsrt_engine.advance_clock(9)
    assert "activeSessionId" in ivsrt_engine.invoke("GetStage", {"arn": arn})["stage"]
    ivsrt_engine.advance_clock(1)
    assert "activeSessionId" not in ivsrt_engine.invoke("GetStage", {"arn": arn})["stage"]

