"""ivsrt.Engine: options, errors, test-control operations, lifetime."""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import re
import uuid
from types import MappingProxyType
from typing import Any, Dict, Mapping

import pytest

import ivsrt
from ivsrt._native import ffi, lib


def test_versions() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", ivsrt.library_version())
    major, minor, patch = (int(p) for p in ivsrt.library_version().split("."))
    assert lib.ivsrt_version_number() == major * 1000000 + minor * 1000 + patch
    assert major == lib.IVSRT_VERSION_MAJOR


def test_error_classes_are_named_after_the_aws_types() -> None:
    expected = {
        "ValidationException": (400, lib.IVSRT_EVALIDATION),
        "AccessDeniedException": (403, lib.IVSRT_EACCESS_DENIED),
        "PendingVerification": (403, lib.IVSRT_EPENDING_VERIFICATION),
        "ResourceNotFoundException": (404, lib.IVSRT_ENOT_FOUND),
        "ConflictException": (409, lib.IVSRT_ECONFLICT),
        "ServiceQuotaExceededException": (402, lib.IVSRT_EQUOTA),
        "InternalServerException": (500, lib.IVSRT_EINTERNAL),
    }
    for name, (status, code) in expected.items():
        cls = getattr(ivsrt, name)
        assert issubclass(cls, ivsrt.Error)
        err = cls("m")
        assert (err.type, err.http_status, err.code, err.message) == (name, status, code, "m")
    assert issubclass(ivsrt.EngineClosed, ivsrt.Error)
    assert issubclass(ivsrt.InvalidOptions, ivsrt.Error)


def test_every_code_of_the_library_has_its_class() -> None:
    code = lib.IVSRT_OK + 1
    while ffi.string(lib.ivsrt_code_type(code)):
        name = ffi.string(lib.ivsrt_code_type(code)).decode()
        cls = getattr(ivsrt, name)
        assert (cls.type, cls.default_http_status, cls.default_code) == (
            name,
            lib.ivsrt_code_http_status(code),
            code,
        )
        code += 1
    assert code > lib.IVSRT_EUNKNOWN_OPERATION


def test_invoke_error_carries_type_message_status_code(ivsrt_engine: ivsrt.Engine) -> None:
    with pytest.raises(ivsrt.ValidationException) as info:
        ivsrt_engine.invoke("GetStage", {"arn": "nope"})
    e = info.value
    assert (e.type, e.http_status, e.code) == ("ValidationException", 400, lib.IVSRT_EVALIDATION)
    assert "arn" in e.message
    assert str(e).startswith("ValidationException: ")


def test_unknown_operation(ivsrt_engine: ivsrt.Engine) -> None:
    with pytest.raises(ivsrt.UnknownOperationException) as info:
        ivsrt_engine.invoke("CreateChannel", {})
    assert info.value.code == lib.IVSRT_EUNKNOWN_OPERATION


# The request encoder writes NaN and infinities as json does (not JSON, refused), never as
# null, which would be an absent member: a request AWS refuses is refused here too.
@pytest.mark.parametrize(
    ("operation", "request_"),
    [
        ("CreateStage", {"name": float("nan")}),
        ("CreateStage", {"name": float("inf")}),
        ("ListStages", {"maxResults": float("nan")}),
        ("CreateEncoderConfiguration", {"video": {"framerate": float("-inf")}}),
        ("CreateStage", {"participantTokenConfigurations": [{"duration": float("nan")}]}),
    ],
)
def test_non_finite_numbers_are_refused_not_dropped(
    ivsrt_engine: ivsrt.Engine, operation: str, request_: Dict[str, Any]
) -> None:
    with pytest.raises(ivsrt.ValidationException, match="malformed JSON"):
        ivsrt_engine.invoke(operation, request_)
    assert ivsrt_engine.invoke("ListStages")["stages"] == []


class _Int(int):
    pass


def _nested(depth: int) -> Dict[str, Any]:
    request: Dict[str, Any] = {"maxResults": 1}
    for _ in range(depth):
        request = {"a": request}
    return request


# Requests are written by orjson where it writes what json writes, by json elsewhere: each
# request gets the answer of its json.dumps text.
@pytest.mark.parametrize(
    ("operation", "request_"),
    [
        ("GetStage", {"arn": "arn:aws:ivs:us-east-1:123456789012:stage/ü€"}),
        ("GetStage", {"arn": "\ud800"}),  # a lone surrogate: orjson refuses it
        ("ListStages", {"maxResults": 2**70}),  # beyond 64 bits: orjson refuses it
        ("ListStages", {"maxResults": -(2**64)}),
        ("ListStages", {1: 5, "maxResults": 5}),  # a key json writes as "1"
        ("ListStages", {"maxResults": True}),
        ("ListStages", {"maxResults": 5.0}),
        ("ListStages", {"maxResults": _Int(5)}),  # a subclass: written by json
        ("ListStages", {"nextToken": None, "maxResults": (5,)}),
        ("ListStages", MappingProxyType({"maxResults": 5})),  # a Mapping, not a dict
        ("ListStages", _nested(300)),  # deeper than orjson writes
        ("CreateEncoderConfiguration", {"video": {"framerate": 1e16}}),  # 1e16 or 1e+16
    ],
)
def test_requests_get_the_answer_of_their_json_text(
    ivsrt_engine: ivsrt.Engine, operation: str, request_: Mapping[Any, Any]
) -> None:
    def answer(request: Any) -> Any:
        try:
            return ivsrt_engine.invoke(operation, request)
        except ivsrt.Error as e:
            return type(e), e.message

    assert answer(request_) == answer(json.dumps(dict(request_)))


class _Color(enum.Enum):
    RED = "red"


# orjson writes these; json refuses them, and so does invoke.
@pytest.mark.parametrize("value", [uuid.uuid4(), _Color.RED, dt.datetime(2026, 1, 1), object()])
def test_values_json_cannot_write_raise_type_error(ivsrt_engine: ivsrt.Engine, value: Any) -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        ivsrt_engine.invoke("CreateStage", {"name": "s", "tags": {"a": value}})
    assert ivsrt_engine.invoke("ListStages")["stages"] == []


def test_a_request_that_contains_itself_raises_value_error_as_json_does(
    ivsrt_engine: ivsrt.Engine,
) -> None:
    request: Dict[str, Any] = {"name": "s"}
    request["tags"] = {"a": request}
    with pytest.raises(ValueError, match="Circular reference"):
        ivsrt_engine.invoke("CreateStage", request)


# Responses are read with orjson: every member arrives as the standard library reads it.
def test_responses_read_as_json_reads_them(ivsrt_engine: ivsrt.Engine) -> None:
    arn = ivsrt_engine.invoke("CreateStage", {"name": "s", "tags": {"é": "ü"}})["stage"]["arn"]
    raw = ivsrt_engine.invoke_raw("GetStage", {"arn": arn})
    assert ivsrt_engine.invoke("GetStage", {"arn": arn}) == json.loads(raw)


@pytest.mark.parametrize("raw", ['{"name": ', "[1, 2]", b"\xff\xfe", '{"name": 5}'])
def test_malformed_requests_are_validation_errors(ivsrt_engine: ivsrt.Engine, raw: Any) -> None:
    with pytest.raises(ivsrt.ValidationException):
        ivsrt_engine.invoke("CreateStage", raw)


def test_unknown_members_ignored_unless_strict() -> None:
    with ivsrt.Engine() as lenient:
        assert lenient.invoke("CreateStage", {"name": "a", "futureMember": 1})["stage"]["name"] == "a"
    with ivsrt.Engine(strict=True) as strict:
        with pytest.raises(ivsrt.ValidationException):
            strict.invoke("CreateStage", {"name": "a", "futureMember": 1})


@pytest.mark.parametrize("options", [
    {"region": ""},
    {"account_id": "12"},
    {"durability": "sometimes"},
    {"clock": "yesterday"},
    {"quotas": {"stages": -1}},
    {"seed": -1},
])
def test_invalid_options(options: Any) -> None:
    with pytest.raises(ivsrt.InvalidOptions) as info:
        ivsrt.Engine(**options)
    assert info.value.code == lib.IVSRT_EOPTIONS
    assert info.value.message


def test_region_and_account_shape_arns() -> None:
    with ivsrt.Engine(region="ap-northeast-2", account_id="111122223333") as engine:
        arn = engine.invoke("CreateStage", {})["stage"]["arn"]
        assert arn.startswith("arn:aws:ivs:ap-northeast-2:111122223333:stage/")


def test_seed_makes_ids_and_tokens_deterministic() -> None:
    def run() -> Any:
        with ivsrt.Engine(seed=42, clock="2026-01-02T03:04:05Z") as engine:
            out = engine.invoke("CreateStage", {"participantTokenConfigurations": [{}]})
            return out["stage"]["arn"], out["participantTokens"][0]["token"]

    assert run() == run()


def test_data_dir_persists_across_reopen(tmp_path: Any) -> None:
    with ivsrt.Engine(data_dir=tmp_path / "store", durability="nosync") as engine:
        arn = engine.invoke("CreateStage", {"name": "kept", "tags": {"k": "v"}})["stage"]["arn"]
    with ivsrt.Engine(data_dir=str(tmp_path / "store")) as engine:
        stage = engine.invoke("GetStage", {"arn": arn})["stage"]
        assert (stage["name"], stage["tags"]) == ("kept", {"k": "v"})


def test_a_store_that_cannot_be_opened_is_invalid_options_and_the_process_goes_on(
        tmp_path: Any) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x\n")
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "data.mdb").write_bytes(os.urandom(100_000))
    for data_dir, problem in [(a_file, "not a directory"), (garbage, "not an LMDB file")]:
        for _ in range(2):  # a failed open leaves nothing behind that blocks the next
            with pytest.raises(ivsrt.InvalidOptions, match=problem):
                ivsrt.Engine(data_dir=data_dir)
    with ivsrt.Engine() as engine:
        assert engine.invoke("CreateStage", {})["stage"]["arn"]


def test_manual_clock() -> None:
    with ivsrt.Engine(clock=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)) as engine:
        assert engine.get_clock() == {"time": "2026-01-02T03:04:05Z", "manual": True}
        assert engine.advance_clock(60) == "2026-01-02T03:05:05Z"
        assert engine.advance_clock(dt.timedelta(hours=1)) == "2026-01-02T04:05:05Z"
        assert engine.set_clock("2027-06-01T00:00:00Z") == "2027-06-01T00:00:00Z"
        naive = dt.datetime(2028, 2, 29, 12, 0, 0)  # naive datetimes are UTC
        assert engine.set_clock(naive) == "2028-02-29T12:00:00Z"
        arn = engine.invoke("CreateStage", {})["stage"]["arn"]
        token = engine.invoke("CreateParticipantToken", {"stageArn": arn, "duration": 5})
        assert token["participantToken"]["expirationTime"] == "2028-02-29T12:05:00Z"


def test_system_clock_by_default(ivsrt_engine: ivsrt.Engine) -> None:
    clock = ivsrt_engine.get_clock()
    assert clock["manual"] is False
    now = dt.datetime.now(dt.timezone.utc)
    then = dt.datetime.strptime(clock["time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    assert abs((now - then).total_seconds()) < 300


def test_reset_removes_everything(ivsrt_engine: ivsrt.Engine) -> None:
    out = ivsrt_engine.invoke("CreateStage", {"participantTokenConfigurations": [{}]})
    ivsrt_engine.reset()
    assert ivsrt_engine.invoke("ListStages") == {"stages": []}
    with pytest.raises(ivsrt.ResourceNotFoundException):
        ivsrt_engine.invoke("GetStage", {"arn": out["stage"]["arn"]})
    assert ivsrt_engine.verify_participant_token(out["participantTokens"][0]["token"])["valid"] is False


def test_invoke_raw_returns_the_json_text(ivsrt_engine: ivsrt.Engine) -> None:
    raw = ivsrt_engine.invoke_raw("ListStages", "{}")
    assert json.loads(raw) == {"stages": []}


def test_close_is_idempotent_and_later_calls_raise() -> None:
    engine = ivsrt.Engine()
    with engine:
        engine.invoke("ListStages")
    assert engine.closed
    engine.close()
    for call in (
        lambda: engine.invoke("ListStages"),
        lambda: engine.http("POST", "/ListStages", {}, b"{}"),
        lambda: engine.reset(),
        lambda: engine.client().list_stages(),
    ):
        with pytest.raises(ivsrt.EngineClosed):
            call()


def test_temporary_store_engines_are_independent() -> None:
    with ivsrt.Engine() as a, ivsrt.Engine() as b:
        a.invoke("CreateStage", {})
        assert b.invoke("ListStages") == {"stages": []}
