"""Replays the golden cases of tests/golden/*.json (format: tests/golden/README.md).

Each file runs three times, each on a fresh engine: through Engine.invoke (ivsrt_invoke);
through Engine.http (ivsrt_http) with the request in the wire form an AWS SDK sends
(NOTES.md §1: POST /<Operation> with a JSON body; the tag operations on
/tags/{url-encoded ARN}); and through a real boto3 client (client-side parameter validation
off, so that the engine is the one judging every request). Test-control operations are
reachable only through invoke, in every run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import quote, urlencode

import pytest

import ivsrt


def _golden_dir() -> Optional[Path]:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "tests" / "golden"
        if candidate.is_dir() and (parent / "capi").is_dir():
            return candidate
    return None


GOLDEN = _golden_dir()
CASES = sorted(GOLDEN.glob("*.json")) if GOLDEN else []

_MISSING = object()
_VAR = re.compile(r"\$\{([A-Za-z0-9_.-]+)\}")


def substitute(value: Any, saved: Dict[str, Any]) -> Any:
    if isinstance(value, str):
        whole = _VAR.fullmatch(value)
        if whole:
            return saved[whole.group(1)]
        return _VAR.sub(lambda m: str(saved[m.group(1)]), value)
    if isinstance(value, list):
        return [substitute(v, saved) for v in value]
    if isinstance(value, dict):
        return {substitute(k, saved): substitute(v, saved) for k, v in value.items()}
    return value


def lookup(document: Any, path: str) -> Any:
    current = document
    for segment in path.split("."):
        if isinstance(current, dict):
            if segment not in current:
                return _MISSING
            current = current[segment]
        elif isinstance(current, list):
            if not re.fullmatch(r"\d+", segment) or int(segment) >= len(current):
                return _MISSING
            current = current[int(segment)]
        else:
            return _MISSING
    return current


class Failure(Exception):
    def __init__(self, type_name: str, status: int) -> None:
        super().__init__(f"{type_name} ({status})")
        self.type = type_name
        self.status = status


def call_invoke(engine: ivsrt.Engine, op: str, request: Any) -> Dict[str, Any]:
    try:
        return engine.invoke(op, request)
    except ivsrt.Error as e:
        raise Failure(e.type, e.http_status) from e


_TAG_OPS = {"TagResource": "POST", "UntagResource": "DELETE", "ListTagsForResource": "GET"}


def wire_form(op: str, request: Any) -> Tuple[str, str, bytes]:
    """(method, target, body) as an AWS SDK sends the operation (restJson1)."""
    if op not in _TAG_OPS or not isinstance(request, dict) or not isinstance(
        request.get("resourceArn"), str
    ):
        return "POST", f"/{op}", json.dumps(request).encode()
    rest = {k: v for k, v in request.items() if k not in ("resourceArn", "tagKeys")}
    target = "/tags/" + quote(request["resourceArn"], safe="")
    if op == "UntagResource" and isinstance(request.get("tagKeys"), list):
        target += "?" + urlencode([("tagKeys", k) for k in request["tagKeys"]], quote_via=quote)
    elif "tagKeys" in request:
        rest["tagKeys"] = request["tagKeys"]
    body = json.dumps(rest).encode() if op == "TagResource" or rest else b""
    return _TAG_OPS[op], target, body


def call_http(engine: ivsrt.Engine, op: str, request: Any) -> Dict[str, Any]:
    if op.startswith("ivsrt:"):
        return call_invoke(engine, op, request)
    method, target, body = wire_form(op, request)
    response = engine.http(method, target, {"Content-Type": "application/json"}, body)
    if response.status != 200:
        error_type = response.headers.get("x-amzn-ErrorType", "").split(":")[0]
        raise Failure(error_type, response.status)
    result: Dict[str, Any] = json.loads(response.body or b"{}")
    return result


def boto3_surface(engine: ivsrt.Engine) -> Callable[[ivsrt.Engine, str, Any], Dict[str, Any]]:
    from botocore import xform_name
    from botocore.config import Config
    from botocore.exceptions import ClientError
    from conftest import iso

    client = engine.client(config=Config(parameter_validation=False,
                                         retries={"max_attempts": 1, "mode": "standard"}))

    def call(engine: ivsrt.Engine, op: str, request: Any) -> Dict[str, Any]:
        if op not in client.meta.service_model.operation_names:
            return call_http(engine, op, request)  # not expressible through boto3
        try:
            response = getattr(client, xform_name(op))(**request)
        except ClientError as e:
            raise Failure(e.response["Error"]["Code"],
                          e.response["ResponseMetadata"]["HTTPStatusCode"]) from e
        response.pop("ResponseMetadata")
        result: Dict[str, Any] = iso(response)
        return result

    return call


def replay(path: Path, call: Any) -> None:
    """call(engine, op, request) -> response, or a factory of it taking the engine."""
    case = json.loads(path.read_text())
    saved: Dict[str, Any] = {}
    with ivsrt.Engine(**case.get("options", {})) as engine:
        if call is boto3_surface:
            call = boto3_surface(engine)
        for index, step in enumerate(case["steps"]):
            where = f"{path.name} step {index} ({step['op']})"
            request = substitute(step.get("request", {}), saved)
            if "error" in step:
                with pytest.raises(Failure) as info:
                    call(engine, step["op"], request)
                assert info.value.type == step["error"], where
                if "status" in step:
                    assert info.value.status == step["status"], where
                continue
            try:
                response = call(engine, step["op"], request)
            except Failure as e:
                raise AssertionError(f"{where}: unexpected {e}") from e
            check(where, response, step, saved)


def check(where: str, response: Any, step: Dict[str, Any], saved: Dict[str, Any]) -> None:
    for path, expected in step.get("expect", {}).items():
        actual = lookup(response, path)
        assert actual is not _MISSING, f"{where}: {path} missing in {response}"
        assert actual == substitute(expected, saved), f"{where}: {path}"
    for path, pattern in step.get("match", {}).items():
        actual = lookup(response, path)
        assert isinstance(actual, str), f"{where}: {path} is {actual!r}, not a string"
        assert re.search(pattern, actual), f"{where}: {path}={actual!r} !~ {pattern}"
    for path in step.get("absent", []):
        assert lookup(response, path) is _MISSING, f"{where}: {path} present in {response}"
    for path, length in step.get("length", {}).items():
        actual = lookup(response, path)
        assert isinstance(actual, (list, dict)), f"{where}: {path} is {actual!r}"
        assert len(actual) == length, f"{where}: {path} has {len(actual)} items"
    for name, path in step.get("save", {}).items():
        value = lookup(response, path)
        assert value is not _MISSING, f"{where}: cannot save {path}"
        saved[name] = value


def _ids(paths: List[Path]) -> List[str]:
    return [p.stem for p in paths]


@pytest.mark.skipif(not CASES, reason="no golden cases in tests/golden")
@pytest.mark.parametrize("path", CASES, ids=_ids(CASES))
def test_golden_through_invoke(path: Path) -> None:
    replay(path, call_invoke)


@pytest.mark.skipif(not CASES, reason="no golden cases in tests/golden")
@pytest.mark.parametrize("path", CASES, ids=_ids(CASES))
def test_golden_through_http(path: Path) -> None:
    replay(path, call_http)


@pytest.mark.skipif(not CASES, reason="no golden cases in tests/golden")
@pytest.mark.parametrize("path", CASES, ids=_ids(CASES))
def test_golden_through_boto3(path: Path) -> None:
    replay(path, boto3_surface)


def test_replayer_on_the_readme_example(tmp_path: Path) -> None:
    # The replayer itself, on the example of tests/golden/README.md (expectations by hand).
    example = {
        "options": {"seed": 7, "clock": "2026-01-02T03:04:05Z"},
        "steps": [
            {"op": "CreateStage", "request": {"name": "a", "tags": {"k": "v"}},
             "save": {"arn": "stage.arn"},
             "expect": {"stage.name": "a", "stage.tags": {"k": "v"}},
             "match": {"stage.arn": "^arn:aws:ivs:us-east-1:123456789012:stage/[a-zA-Z0-9]{12}$"},
             "absent": ["stage.activeSessionId"]},
            {"op": "GetStage", "request": {"arn": "${arn}"}, "expect": {"stage.arn": "${arn}"}},
            {"op": "TagResource", "request": {"resourceArn": "${arn}", "tags": {"x": "y"}}},
            {"op": "ListTagsForResource", "request": {"resourceArn": "${arn}"},
             "length": {"tags": 2}},
            {"op": "UntagResource", "request": {"resourceArn": "${arn}", "tagKeys": ["k"]}},
            {"op": "ListTagsForResource", "request": {"resourceArn": "${arn}"},
             "expect": {"tags": {"x": "y"}}},
            {"op": "GetStage", "request": {"arn": "nope"}, "error": "ValidationException",
             "status": 400},
            {"op": "ivsrt:AdvanceClock", "request": {"seconds": 5},
             "expect": {"time": "2026-01-02T03:04:10Z"}},
        ],
    }
    path = tmp_path / "example.json"
    path.write_text(json.dumps(example))
    replay(path, call_invoke)
    replay(path, call_http)
    replay(path, boto3_surface)
