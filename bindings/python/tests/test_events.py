"""Engine.events: the EventBridge stream read with cursors, in pages, by several readers and
by another engine on the same data_dir."""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest

import ivsrt


def publish_and_stop(engine: ivsrt.Engine, users: List[str]) -> List[str]:
    """Each user joins a new stage, publishes and unpublishes: two events per user (Participant
    Published, Participant Unpublished). Returns the participant ids."""
    created = engine.invoke("CreateStage", {"participantTokenConfigurations": [
        {"userId": u} for u in users]})
    ids = []
    for token in created["participantTokens"]:
        p = engine.join(token["token"])
        p.publish()
        p.unpublish()
        ids.append(p.participant_id)
    return ids


def names(batch: ivsrt.EventBatch) -> List[str]:
    return [f"{e['detail']['user_id']}:{e['detail']['event_name']}" for e in batch.events]


def test_a_cursor_resumes_after_the_last_event_read(ivsrt_engine: ivsrt.Engine) -> None:
    empty = ivsrt_engine.events()
    assert empty.events == []
    publish_and_stop(ivsrt_engine, ["a"])
    first = ivsrt_engine.events(empty.cursor)
    assert names(first) == ["a:Participant Published", "a:Participant Unpublished"]
    assert ivsrt_engine.events(first.cursor) == ivsrt.EventBatch([], first.cursor)
    publish_and_stop(ivsrt_engine, ["b"])
    assert names(ivsrt_engine.events(first.cursor)) == [
        "b:Participant Published", "b:Participant Unpublished"]
    # Without a cursor: everything kept, oldest first.
    assert names(ivsrt_engine.events())[::2] == ["a:Participant Published",
                                                "b:Participant Published"]


def test_max_events_pages_and_readers_keep_their_own_cursors(ivsrt_engine: ivsrt.Engine) -> None:
    publish_and_stop(ivsrt_engine, ["a", "b", "c"])
    pages = []
    cursor = None
    while True:
        batch = ivsrt_engine.events(cursor, max_events=4)
        if not batch.events:
            break
        pages.append(names(batch))
        cursor = batch.cursor
    assert [len(p) for p in pages] == [4, 2]
    assert sum(pages, []) == names(ivsrt_engine.events())
    other_reader = ivsrt_engine.events(max_events=1)
    assert names(other_reader) == ["a:Participant Published"]
    assert ivsrt_engine.events(cursor).events == []  # the first reader is unaffected


def test_bad_arguments_are_validation_errors(ivsrt_engine: ivsrt.Engine) -> None:
    with pytest.raises(ivsrt.ValidationException, match="maxEvents"):
        ivsrt_engine.events(max_events=0)
    with pytest.raises(ivsrt.ValidationException, match="maxEvents"):
        ivsrt_engine.events(max_events=1001)
    with pytest.raises(ivsrt.ValidationException, match="cursor"):
        ivsrt_engine.events("nonsense")


def test_reset_invalidates_cursors(ivsrt_engine: ivsrt.Engine) -> None:
    publish_and_stop(ivsrt_engine, ["a"])
    cursor = ivsrt_engine.events().cursor
    ivsrt_engine.reset()
    with pytest.raises(ivsrt.ValidationException):
        ivsrt_engine.events(cursor)
    assert ivsrt_engine.events().events == []


def test_another_engine_on_the_data_dir_sees_participants_and_events(tmp_path: Path) -> None:
    with ivsrt.Engine(data_dir=tmp_path) as first, ivsrt.Engine(data_dir=tmp_path) as second:
        created = first.invoke("CreateStage", {"participantTokenConfigurations": [
            {"userId": "a"}]})
        p = first.join(created["participantTokens"][0]["token"])
        p.publish()
        listed = second.invoke("ListParticipants", {"stageArn": p.stage_arn,
                                                    "sessionId": p.session_id})
        assert [x["participantId"] for x in listed["participants"]] == [p.participant_id]
        assert names(second.events()) == ["a:Participant Published"]
        # A Participant acts through its own engine; the other sees the result.
        p.unpublish()
        assert names(second.events()) == ["a:Participant Published", "a:Participant Unpublished"]
