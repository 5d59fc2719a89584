"""Engine.inject_fault: the failure paths of compositions and recordings on the manual clock
(README "Compositions", "Faults"); the full walk is tests/golden/composition_faults.json."""

from __future__ import annotations

from typing import List

import pytest

import ivsrt

CHANNEL = {"channel": {"channelArn": "arn:aws:ivs:us-east-1:123456789012:channel/abcABCdefDEg"}}


def composition_events(engine: ivsrt.Engine, cursor: str) -> List[str]:
    return [
        f"{e['detail']['event_name']}@{e['time'][11:19]}"
        for e in engine.events(cursor).events
        if e["detail-type"] == "IVS Composition State Change"
    ]


def test_a_destination_failure_fails_the_composition(ivsrt_engine: ivsrt.Engine) -> None:
    ivsrt_engine.set_clock("2026-02-03T04:05:06Z")
    created = ivsrt_engine.invoke("CreateStage", {"participantTokenConfigurations": [{}]})
    stage = created["stage"]["arn"]
    ivsrt_engine.join(created["participantTokens"][0]["token"]).publish()
    arn = ivsrt_engine.invoke(
        "StartComposition", {"stageArn": stage, "destinations": [CHANNEL]})["composition"]["arn"]
    ivsrt_engine.advance_clock(2)
    cursor = ivsrt_engine.events().cursor
    destination = ivsrt_engine.invoke("GetComposition", {"arn": arn})["composition"][
        "destinations"][0]["id"]
    ivsrt_engine.inject_fault(arn, "destination_failure", destination_id=destination)
    composition = ivsrt_engine.invoke("GetComposition", {"arn": arn})["composition"]
    assert composition["destinations"][0]["state"] == "RECONNECTING"
    ivsrt_engine.advance_clock(30)
    composition = ivsrt_engine.invoke("GetComposition", {"arn": arn})["composition"]
    assert composition["state"] == "FAILED"
    assert composition["endTime"] == "2026-02-03T04:05:38Z"
    assert composition["destinations"][0]["state"] == "FAILED"
    assert composition_events(ivsrt_engine, cursor) == [
        "Destination Reconnecting@04:05:08",
        "Destination Failure@04:05:38",
        "Session Failure@04:05:38",
    ]
    with pytest.raises(ivsrt.ConflictException):
        ivsrt_engine.inject_fault(arn, "session_failure")


def test_recording_start_failure(ivsrt_engine: ivsrt.Engine) -> None:
    storage = ivsrt_engine.invoke("CreateStorageConfiguration", {"s3": {"bucketName": "bkt"}})
    created = ivsrt_engine.invoke("CreateStage", {
        "autoParticipantRecordingConfiguration": {
            "storageConfigurationArn": storage["storageConfiguration"]["arn"]},
        "participantTokenConfigurations": [{}]})
    stage = created["stage"]["arn"]
    participant = ivsrt_engine.join(created["participantTokens"][0]["token"])
    participant.publish()
    ivsrt_engine.inject_fault(stage, "recording_start_failure",
                              participant_id=participant.participant_id)
    got = ivsrt_engine.invoke("GetParticipant", {
        "stageArn": stage, "sessionId": participant.session_id,
        "participantId": participant.participant_id})
    assert got["participant"]["recordingState"] == "FAILED"
    names = [e["detail"]["event_name"] for e in ivsrt_engine.events().events]
    assert names[-1] == "Recording Start Failure"


def test_bad_faults_raise_the_aws_error_types(ivsrt_engine: ivsrt.Engine) -> None:
    stage = ivsrt_engine.invoke("CreateStage", {})["stage"]["arn"]
    with pytest.raises(ivsrt.ValidationException, match="fault:"):
        ivsrt_engine.inject_fault(stage, "melt")
    with pytest.raises(ivsrt.ValidationException, match="participantId:"):
        ivsrt_engine.inject_fault(stage, "recording_end_failure")
    with pytest.raises(ivsrt.ResourceNotFoundException):
        ivsrt_engine.inject_fault(
            "arn:aws:ivs:us-east-1:123456789012:composition/AAAAAAAAAAAA", "session_failure")
