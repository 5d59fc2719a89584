"""The Python replayer of the golden cases (format: README.md beside it), for every
Python surface: the binding's (bindings/python/tests/test_golden.py) and `ivsrt serve`'s
(cli/tests/test_serve.py). It imports nothing of ivsrt: a surface is a function
call(op, request) -> response that raises Failure for an AWS error.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple
from urllib.parse import quote, urlencode

import pytest

DIR = Path(__file__).resolve().parent
CASES: List[Path] = sorted(DIR.glob("*.json"))

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


def header_members(op: str, headers: Dict[str, str]) -> Dict[str, str]:
    """The output members `op`'s model binds to headers (StartParticipantReplication's and
    StopParticipantReplication's), read from the response's headers as an SDK reads them, so
    that an HTTP surface answers the members the other surfaces do."""
    from botocore.session import get_session

    shape = get_session().get_service_model("ivs-realtime").operation_model(op).output_shape
    by_name = {k.lower(): v for k, v in headers.items()}
    members: Dict[str, str] = {}
    for name, member in (shape.members if shape is not None else {}).items():
        if member.serialization.get("location") != "header":
            continue
        value = by_name.get(member.serialization["name"].lower())
        if value is not None:
            members[name] = value
    return members


def iso(value: Any) -> Any:
    """boto3 parses timestamps into datetimes; the engine speaks ISO-8601 strings."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dict):
        return {k: iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso(v) for v in value]
    return value


def boto3_call(client: Any, fallback: Callable[[str, Any], Any]) -> Callable[[str, Any], Any]:
    """call(op, request) through a boto3 client (made with parameter_validation=False, so
    that the engine judges every request), and through fallback(op, request) for the
    operations the client has not: test control, unknown names."""
    from botocore import xform_name
    from botocore.exceptions import ClientError

    def call(op: str, request: Any) -> Any:
        if op not in client.meta.service_model.operation_names:
            return fallback(op, request)
        try:
            response = getattr(client, xform_name(op))(**request)
        except ClientError as e:
            raise Failure(e.response["Error"]["Code"],
                          e.response["ResponseMetadata"]["HTTPStatusCode"]) from e
        response.pop("ResponseMetadata")
        return iso(response)

    return call


def run_steps(path: Path, case: Dict[str, Any], call: Callable[[str, Any], Any]) -> None:
    """Runs the case's steps through call(op, request) on a fresh engine."""
    saved: Dict[str, Any] = {}
    for index, step in enumerate(case["steps"]):
        where = f"{path.name} step {index} ({step['op']})"
        request = substitute(step.get("request", {}), saved)
        if "error" in step:
            with pytest.raises(Failure) as info:
                call(step["op"], request)
            assert info.value.type == step["error"], where
            if "status" in step:
                assert info.value.status == step["status"], where
            continue
        try:
            response = call(step["op"], request)
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
