"""Shared helpers: hermetic AWS environment, no network, and one API over two surfaces.

The ivsrt_engine / ivs_realtime_client fixtures come from the installed package's pytest
plugin (entry point pytest11), so using them here also tests the plugin.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict

import pytest
from botocore import xform_name
from botocore.exceptions import ClientError

import ivsrt

# The golden replayer's (tests/golden/replay.py) boto3 helpers, shared with every Python surface.
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tests" / "golden"))
from replay import iso  # noqa: E402

pytest_plugins = ["pytester"]

ACCOUNT = "123456789012"
STAGE_ARN_RE = r"^arn:aws:ivs:us-east-1:123456789012:stage/[a-zA-Z0-9]{12}$"


@pytest.fixture(autouse=True)
def hermetic_aws(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """No AWS configuration of the machine leaks in, and nothing reaches the network."""
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_SECURITY_TOKEN",
        "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_DEFAULT_REGION",
        "AWS_REGION",
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_IVS_REALTIME",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")

    def no_network(self: Any, request: Any) -> Any:
        raise AssertionError(f"request went to the network: {request.method} {request.url}")

    monkeypatch.setattr("botocore.httpsession.URLLib3Session.send", no_network)


class ApiError(Exception):
    def __init__(self, code: str, status: int, message: str) -> None:
        super().__init__(f"{code} ({status}): {message}")
        self.code = code
        self.status = status
        self.message = message


class Boto3Api:
    """Operations through a real boto3 client answered by the engine's HTTP entry."""

    name = "boto3"

    def __init__(self, engine: ivsrt.Engine, client: Any) -> None:
        self.engine = engine
        self.client = client

    def call(self, op: str, **params: Any) -> Dict[str, Any]:
        try:
            response = getattr(self.client, xform_name(op))(**params)
        except ClientError as e:
            code = e.response["Error"]["Code"]
            # The modeled exception class, as against AWS.
            assert isinstance(e, getattr(self.client.exceptions, code))
            assert e.response["exceptionMessage"] == e.response["Error"]["Message"] != ""
            raise ApiError(
                code, e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"]
            ) from e
        assert response.pop("ResponseMetadata")["HTTPStatusCode"] == 200
        result: Dict[str, Any] = iso(response)
        return result


class InvokeApi:
    """Operations through Engine.invoke (ivsrt_invoke)."""

    name = "invoke"

    def __init__(self, engine: ivsrt.Engine) -> None:
        self.engine = engine

    def call(self, op: str, **params: Any) -> Dict[str, Any]:
        try:
            return self.engine.invoke(op, params)
        except ivsrt.Error as e:
            assert isinstance(e, getattr(ivsrt, e.type))
            assert e.message
            raise ApiError(e.type, e.http_status, e.message) from e


@pytest.fixture(params=["boto3", "invoke"])
def api(request: pytest.FixtureRequest, ivsrt_engine: ivsrt.Engine) -> Any:
    if request.param == "boto3":
        return Boto3Api(ivsrt_engine, request.getfixturevalue("ivs_realtime_client"))
    return InvokeApi(ivsrt_engine)


def expect_error(api: Any, code: str, status: int, op: str, **params: Any) -> ApiError:
    with pytest.raises(ApiError) as info:
        api.call(op, **params)
    assert (info.value.code, info.value.status) == (code, status), info.value
    return info.value
