"""Replays the golden cases of tests/golden/*.json (format: tests/golden/README.md).

Each file runs three times, each on a fresh engine: through Engine.invoke (ivsrt_invoke);
through Engine.http (ivsrt_http) with the request in the wire form an AWS SDK sends
(NOTES.md §1: POST /<Operation> with a JSON body; the tag operations on
/tags/{url-encoded ARN}) and the response read as an SDK reads it (body, and the members
bound to headers); and through a real boto3 client (client-side parameter validation
off, so that the engine is the one judging every request). Test-control operations are
reachable only through invoke, in every run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest

import ivsrt


def _golden_dir() -> Optional[Path]:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "tests" / "golden"
        if candidate.is_dir() and (parent / "capi").is_dir():
            return candidate
    return None


GOLDEN = _golden_dir()
if GOLDEN is None:
    pytest.skip("no tests/golden (the replayer and the cases)", allow_module_level=True)
sys.path.insert(0, str(GOLDEN))
from replay import CASES, Failure, boto3_call, header_members, run_steps, wire_form  # noqa: E402


def call_invoke(engine: ivsrt.Engine, op: str, request: Any) -> Dict[str, Any]:
    try:
        return engine.invoke(op, request)
    except ivsrt.Error as e:
        raise Failure(e.type, e.http_status) from e


def call_http(engine: ivsrt.Engine, op: str, request: Any) -> Dict[str, Any]:
    if op.startswith("ivsrt:"):
        return call_invoke(engine, op, request)
    method, target, body = wire_form(op, request)
    response = engine.http(method, target, {"Content-Type": "application/json"}, body)
    if response.status != 200:
        error_type = response.headers.get("x-amzn-ErrorType", "").split(":")[0]
        raise Failure(error_type, response.status)
    result: Dict[str, Any] = json.loads(response.body or b"{}")
    result.update(header_members(op, response.headers))
    return result


def boto3_surface(engine: ivsrt.Engine) -> Callable[[ivsrt.Engine, str, Any], Dict[str, Any]]:
    from botocore.config import Config

    client = engine.client(config=Config(parameter_validation=False,
                                         retries={"max_attempts": 1, "mode": "standard"}))
    # Operations boto3 cannot express go through HTTP (and test control through invoke).
    call = boto3_call(client, lambda op, request: call_http(engine, op, request))
    return lambda engine, op, request: call(op, request)


def replay(path: Path, call: Any) -> None:
    """call(engine, op, request) -> response, or a factory of it taking the engine."""
    case = json.loads(path.read_text())
    with ivsrt.Engine(**case.get("options", {})) as engine:
        if call is boto3_surface:
            call = boto3_surface(engine)
        run_steps(path, case, lambda op, request: call(engine, op, request))


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
