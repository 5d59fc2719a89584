"""The engine's EventBridge stream (``ivsrt:ReceiveEvents``), as Engine.events returns it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, NamedTuple, Optional, TypedDict

if TYPE_CHECKING:
    from ._engine import Engine

__all__ = ["EventBatch", "EventBridgeEvent", "receive_events"]

# One event as EventBridge delivers it (AWS IVS user guide, "Using Amazon EventBridge with
# IVS Real-Time Streaming"). Today every event is "IVS Stage Update" from "aws.ivs", with
# ``resources`` [the stage ARN] and ``detail`` {"session_id", "event_name" ("Participant
# Published", "Participant Unpublished" or "Participant Publish Error"), "event_time",
# "user_id", "participant_id"}. ``time`` and ``event_time`` are ISO-8601 on the engine clock;
# ``id`` a UUID. The keys with a dash are why this is the functional TypedDict form.
EventBridgeEvent = TypedDict(
    "EventBridgeEvent",
    {
        "version": str,
        "id": str,
        "detail-type": str,
        "source": str,
        "account": str,
        "time": str,
        "region": str,
        "resources": List[str],
        "detail": Dict[str, Any],
    },
)


class EventBatch(NamedTuple):
    """What one ``Engine.events`` call read: ``events, cursor = engine.events(...)``.

    ``events`` are oldest first; pass ``cursor`` to the next call to read only later events
    (it is returned unchanged when there were none). Several readers may each keep their own.
    """

    events: List[EventBridgeEvent]
    cursor: str


def receive_events(
    engine: "Engine", cursor: Optional[str], max_events: Optional[int]
) -> EventBatch:
    """``ivsrt:ReceiveEvents``: ``cursor`` None reads from the oldest event kept (the engine
    keeps the last 10,000); ``max_events`` 1..1000, None for the engine's 100. A cursor this
    store never gave out (or gave out before ``Engine.reset``) is a ValidationException."""
    request: Dict[str, Any] = {}
    if cursor is not None:
        request["cursor"] = cursor
    if max_events is not None:
        request["maxEvents"] = max_events
    answer = engine.invoke("ivsrt:ReceiveEvents", request)
    return EventBatch(answer["events"], answer["cursor"])
