"""A self-signed participant token as an application makes one (NOTES.md §8: an ES384 JWT
under a P-384 key whose public half ImportPublicKey took), signed here with the
``cryptography`` package, joins, publishes and is replicated to a second stage through boto3.
The expected values are the documented rules and the README's choices, written by hand."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any, Dict

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

import ivsrt

START = "2026-05-01T10:00:00Z"
IAT = int(dt.datetime(2026, 5, 1, 10, 0, 0, tzinfo=dt.timezone.utc).timestamp())


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign(key: Any, header: Dict[str, Any], claims: Dict[str, Any]) -> str:
    """header.payload.signature, the signature JWS's ES384 form: r || s, 48 bytes each."""
    signing_input = (b64url(json.dumps(header).encode()) + "." +
                     b64url(json.dumps(claims).encode()))
    r, s = decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA384())))
    return signing_input + "." + b64url(r.to_bytes(48, "big") + s.to_bytes(48, "big"))


@pytest.mark.ivsrt(clock=START)
def test_a_self_signed_publisher_is_replicated(ivsrt_engine: ivsrt.Engine) -> None:
    ivs = ivsrt_engine.client()
    key = ec.generate_private_key(ec.SECP384R1())
    pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                        serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    key_arn = ivs.import_public_key(publicKeyMaterial=pem, name="app")["publicKey"]["arn"]
    source = ivs.create_stage(name="studio")["stage"]
    destination = ivs.create_stage(name="arena")["stage"]
    claims = {
        "exp": IAT + 3600, "iat": IAT, "jti": "host-1", "user_id": "ann",
        "resource": source["arn"], "topic": source["arn"].rsplit("/", 1)[1],
        "events_url": source["endpoints"]["events"], "whip_url": source["endpoints"]["whip"],
        "capabilities": {"allow_publish": True, "allow_subscribe": True},
        "attributes": {"team": "red"}, "version": "1.0",
    }
    token = sign(key, {"alg": "ES384", "typ": "JWT", "kid": key_arn}, claims)

    ann = ivsrt_engine.join(token)
    assert ann.participant_id == "host-1"
    ann.publish()
    started = ivs.start_participant_replication(
        sourceStageArn=source["arn"], destinationStageArn=destination["arn"],
        participantId="host-1", reconnectWindowSeconds=30, attributes={"seat": "2"})
    # The response's members are headers (NOTES.md §1), read by botocore into the dict.
    assert started["accessControlAllowOrigin"] == "*"
    assert started["xFrameOptions"] == "DENY"
    assert started["cacheControl"] == "no-store, no-cache"

    [replica] = ivs.list_participant_replicas(sourceStageArn=source["arn"],
                                              participantId="host-1")["replicas"]
    assert replica["replicationState"] == "ACTIVE"
    assert replica["sourceSessionId"] == ann.session_id
    got = ivs.get_participant(stageArn=destination["arn"],
                              sessionId=replica["destinationSessionId"],
                              participantId="host-1")["participant"]
    assert got["replicationType"] == "REPLICA"
    assert got["userId"] == "ann"
    assert got["attributes"] == {"team": "red", "seat": "2"}

    ann.unpublish()
    ivsrt_engine.advance_clock(30)
    [replica] = ivs.list_participant_replicas(sourceStageArn=source["arn"],
                                              participantId="host-1")["replicas"]
    assert replica["replicationState"] == "STOPPED"


@pytest.mark.ivsrt(clock=START)
def test_a_token_signed_by_another_key_is_refused(ivsrt_engine: ivsrt.Engine) -> None:
    ivs = ivsrt_engine.client()
    imported = ec.generate_private_key(ec.SECP384R1())
    pem = imported.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    key_arn = ivs.import_public_key(publicKeyMaterial=pem)["publicKey"]["arn"]
    stage = ivs.create_stage()["stage"]
    claims = {
        "exp": IAT + 60, "iat": IAT, "jti": "x", "resource": stage["arn"],
        "topic": stage["arn"].rsplit("/", 1)[1], "events_url": stage["endpoints"]["events"],
        "whip_url": stage["endpoints"]["whip"], "capabilities": {"allow_subscribe": True},
        "version": "1.0",
    }
    other = ec.generate_private_key(ec.SECP384R1())
    with pytest.raises(ivsrt.JoinRefused) as info:
        ivsrt_engine.join(sign(other, {"alg": "ES384", "typ": "JWT", "kid": key_arn}, claims))
    assert info.value.reason == "bad_signature"
