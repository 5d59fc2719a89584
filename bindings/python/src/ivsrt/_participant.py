"""Participants of the simulated media plane: Engine.join and what a joined participant does.

Each method is one test-control operation of the engine (README, "Test-control operations";
the rules are the service's, as issue 13 lists them): ``ivsrt:JoinStage``, ``ivsrt:Publish``,
``ivsrt:Unpublish``, ``ivsrt:Subscribe``, ``ivsrt:Unsubscribe``, ``ivsrt:LeaveStage`` and
``ivsrt:ExchangeToken``. The engine answers a refusal as a value (``{"joined": false,
"reason": ...}``, ``{"ok": false, "errorCode": ...}``); here each becomes an exception, so a
refusal a test did not expect cannot pass unnoticed. The engine records a refused publish or
subscribe (a PUBLISH_ERROR or SUBSCRIBE_ERROR event) whether or not the exception is caught; a
refused join or token exchange records nothing. The refusals are answers, not failed calls,
so none is an ``ivsrt.Error``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Optional, Union

if TYPE_CHECKING:
    from ._engine import Engine

__all__ = [
    "JoinRefused",
    "Participant",
    "PublishError",
    "SubscribeError",
    "TokenExchangeRefused",
    "join",
]


class JoinRefused(Exception):
    """``ivsrt:JoinStage`` answered ``{"joined": false, "reason": ...}``: the token is refused
    as IVS refuses it at join (the rules of ``Engine.verify_participant_token``).

    ``reason``: ``"malformed"``, ``"bad_signature"``, ``"expired"``, ``"revoked"`` (after
    DisconnectParticipant) or ``"stage_deleted"``.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(f"join refused: {reason}")
        self.reason = reason


class PublishError(Exception):
    """``ivsrt:Publish`` answered ``{"ok": false, "errorCode": ...}`` (a PUBLISH_ERROR event).

    ``error_code`` is the model's EventErrorCode, as ListParticipantEvents reports it:
    ``"INSUFFICIENT_CAPABILITIES"`` (the token lacks PUBLISH) or ``"QUOTA_EXCEEDED"`` (a 13th
    simultaneous publisher on the stage).
    """

    def __init__(self, error_code: str) -> None:
        super().__init__(f"publish failed: {error_code}")
        self.error_code = error_code


class SubscribeError(Exception):
    """``ivsrt:Subscribe`` answered ``{"ok": false, "errorCode": ...}`` (a SUBSCRIBE_ERROR event).

    ``error_code``: ``"INSUFFICIENT_CAPABILITIES"`` (the token lacks SUBSCRIBE),
    ``"PUBLISHER_NOT_FOUND"`` (the other participant is not publishing) or
    ``"QUOTA_EXCEEDED"`` (the stage's subscriber quota, engine option
    ``quotas={"stageSubscribers": N}``).
    """

    def __init__(self, error_code: str) -> None:
        super().__init__(f"subscribe failed: {error_code}")
        self.error_code = error_code


class TokenExchangeRefused(Exception):
    """``ivsrt:ExchangeToken`` answered ``{"ok": false, "reason": ...}``; nothing changed.

    ``reason``: ``"malformed"``, ``"not_self_signed"`` (a token of CreateParticipantToken or
    CreateStage: exchange takes self-signed tokens only, as the AWS broadcast SDKs do) or
    ``"bad_signature"``.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(f"token exchange refused: {reason}")
        self.reason = reason


@dataclass(frozen=True)
class Participant:
    """A participant connected to a stage's session, as ``Engine.join`` returned it.

    Two objects are equal when they name the same participant of the same session (joining
    again with the same token reconnects the same participant). The methods raise the
    engine's errors too: ``ResourceNotFoundException`` when the participant is no longer
    connected (it left, was disconnected, its token expired or the stage was deleted).
    """

    participant_id: str  # the token's jti
    stage_arn: str
    session_id: str  # "st-" and 13 alphanumerics
    engine: "Engine" = field(compare=False, repr=False)

    def publish(self) -> None:
        """Starts publishing (PUBLISH_STARTED; EventBridge "Participant Published").

        Raises :class:`PublishError` with the errorCode the engine recorded.
        """
        error_code = self._verb("ivsrt:Publish")
        if error_code is not None:
            raise PublishError(error_code)

    def unpublish(self) -> None:
        """Stops publishing (PUBLISH_STOPPED; subscriptions to it stop); ``published`` stays."""
        self._verb("ivsrt:Unpublish")

    def subscribe(self, publisher: Union["Participant", str]) -> None:
        """Subscribes to ``publisher`` (a Participant or its participant id).

        Raises :class:`SubscribeError` with the errorCode the engine recorded.
        """
        error_code = self._verb("ivsrt:Subscribe", publisherParticipantId=_id_of(publisher))
        if error_code is not None:
            raise SubscribeError(error_code)

    def unsubscribe(self, publisher: Union["Participant", str]) -> None:
        """Stops the subscription to ``publisher`` (SUBSCRIBE_STOPPED)."""
        self._verb("ivsrt:Unsubscribe", publisherParticipantId=_id_of(publisher))

    def exchange_token(self, token: str) -> None:
        """Replaces the participant's token with ``token`` (a TOKEN_EXCHANGED event).

        Raises :class:`TokenExchangeRefused` with the engine's reason.
        """
        reason = self._verb("ivsrt:ExchangeToken", token=token)
        if reason is not None:
            raise TokenExchangeRefused(reason)

    def leave(self) -> None:
        """Leaves the stage: publishing and subscriptions stop first, then LEFT."""
        self._verb("ivsrt:LeaveStage")

    def _verb(self, operation: str, **members: str) -> Optional[str]:
        """None for ``{"ok": true}``; the errorCode or reason of ``{"ok": false, ...}``."""
        body: Dict[str, Any] = {"stageArn": self.stage_arn, "participantId": self.participant_id}
        body.update(members)
        answer = self.engine.invoke(operation, body)
        if answer["ok"]:
            return None
        refusal: str = answer.get("errorCode") or answer["reason"]
        return refusal


def _id_of(participant: Union[Participant, str]) -> str:
    return participant.participant_id if isinstance(participant, Participant) else participant


_CLIENT_MEMBERS = {
    "browser_name": "browserName",
    "browser_version": "browserVersion",
    "os_name": "osName",
    "os_version": "osVersion",
    "sdk_version": "sdkVersion",
    "isp_name": "ispName",
}


def join(
    engine: "Engine", token: str, protocol: str, client: Dict[str, Optional[str]]
) -> Participant:
    """``ivsrt:JoinStage``; ``client`` maps Engine.join's keyword names to values or None."""
    request: Dict[str, Any] = {"token": token, "protocol": protocol}
    given = {_CLIENT_MEMBERS[k]: v for k, v in client.items() if v is not None}
    if given:
        request["client"] = given
    answer = engine.invoke("ivsrt:JoinStage", request)
    if not answer["joined"]:
        raise JoinRefused(answer["reason"])
    return Participant(answer["participantId"], answer["stageArn"], answer["sessionId"], engine)
