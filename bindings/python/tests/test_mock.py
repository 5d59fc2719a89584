"""mock_ivs_realtime: every ivs-realtime client of the process, before or after it started."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from typing import Any

import boto3
import pytest

import ivsrt
from ivsrt import mock_ivs_realtime


def test_client_created_before_the_mock_started() -> None:
    client = boto3.client("ivs-realtime", region_name="us-east-1",
                          aws_access_key_id="k", aws_secret_access_key="s")
    with mock_ivs_realtime() as engine:
        arn = client.create_stage(name="early")["stage"]["arn"]
        assert [s["arn"] for s in engine.invoke("ListStages")["stages"]] == [arn]
    # Stopped: the request would go to AWS again (here: the test's network guard).
    with pytest.raises(AssertionError, match="network"):
        client.list_stages()


def test_client_created_inside_gets_fake_credentials_and_region() -> None:
    assert "AWS_ACCESS_KEY_ID" not in os.environ
    with mock_ivs_realtime(region="eu-west-1") as engine:
        assert os.environ["AWS_ACCESS_KEY_ID"]
        client = boto3.client("ivs-realtime")  # no region, no credentials configured
        arn = client.create_stage(name="inside")["stage"]["arn"]
        assert arn.startswith("arn:aws:ivs:eu-west-1:123456789012:stage/")
        assert engine.invoke("GetStage", {"arn": arn})["stage"]["name"] == "inside"
    assert "AWS_ACCESS_KEY_ID" not in os.environ
    assert "AWS_DEFAULT_REGION" not in os.environ


def test_configured_credentials_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "mine")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-south-1")
    with mock_ivs_realtime():
        assert os.environ["AWS_ACCESS_KEY_ID"] == "mine"
        assert os.environ["AWS_DEFAULT_REGION"] == "ap-south-1"
        arn = boto3.client("ivs-realtime").create_stage()["stage"]["arn"]
        assert arn.startswith("arn:aws:ivs:ap-south-1:")  # the client's region, from SigV4


def test_client_without_credentials_created_before_the_mock() -> None:
    client = boto3.client("ivs-realtime", region_name="us-east-1")  # resolves no credentials
    with mock_ivs_realtime():
        assert client.list_stages()["stages"] == []


def test_client_created_before_ivsrt_was_imported(tmp_path: Any) -> None:
    script = tmp_path / "early.py"
    script.write_text(textwrap.dedent("""
        import boto3
        client = boto3.client("ivs-realtime", region_name="us-west-2",
                              aws_access_key_id="k", aws_secret_access_key="s")
        import ivsrt
        with ivsrt.mock_ivs_realtime(region="us-west-2") as engine:
            arn = client.create_stage(name="x")["stage"]["arn"]
            assert engine.invoke("GetStage", {"arn": arn})["stage"]["name"] == "x"
        print(arn)
    """))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         check=True, env=os.environ.copy())
    assert out.stdout.startswith("arn:aws:ivs:us-west-2:123456789012:stage/")


def test_errors_surface_as_modeled_boto3_exceptions() -> None:
    with mock_ivs_realtime():
        client = boto3.client("ivs-realtime")
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.get_stage(arn="arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh")


def test_decorator_gives_each_call_a_fresh_engine() -> None:
    engines = []

    @mock_ivs_realtime
    def body(name: str) -> int:
        engine = ivsrt.active_engine()
        assert engine is not None
        engines.append(engine)
        boto3.client("ivs-realtime").create_stage(name=name)
        return len(engine.invoke("ListStages")["stages"])

    assert body("a") == 1
    assert body("b") == 1
    assert engines[0] is not engines[1]
    assert all(e.closed for e in engines)
    assert ivsrt.active_engine() is None


def test_decorator_with_engine_options() -> None:
    @mock_ivs_realtime(quotas={"stages": 1})
    def body() -> None:
        client = boto3.client("ivs-realtime")
        client.create_stage()
        with pytest.raises(client.exceptions.ServiceQuotaExceededException):
            client.create_stage()

    body()


@mock_ivs_realtime
class TestDecoratedClass:
    def test_method_is_mocked(self) -> None:
        assert ivsrt.active_engine() is not None
        assert boto3.client("ivs-realtime").list_stages()["stages"] == []


def test_nested_mocks_innermost_wins() -> None:
    client = boto3.client("ivs-realtime", region_name="us-east-1",
                          aws_access_key_id="k", aws_secret_access_key="s")
    with mock_ivs_realtime() as outer:
        client.create_stage(name="outer")
        with mock_ivs_realtime() as inner:
            client.create_stage(name="inner")
            assert [s["name"] for s in inner.invoke("ListStages")["stages"]] == ["inner"]
        client.create_stage(name="outer2")
        assert sorted(s["name"] for s in outer.invoke("ListStages")["stages"]) == ["outer",
                                                                                  "outer2"]
        assert inner.closed and not outer.closed


def test_given_engine_is_left_open(ivsrt_engine: ivsrt.Engine) -> None:
    with mock_ivs_realtime(engine=ivsrt_engine) as engine:
        assert engine is ivsrt_engine
        boto3.client("ivs-realtime").create_stage(name="kept")
    assert not ivsrt_engine.closed
    assert ivsrt_engine.invoke("ListStages")["stages"][0]["name"] == "kept"


def test_engine_client_keeps_its_own_engine_under_a_mock(ivsrt_engine: ivsrt.Engine) -> None:
    own = ivsrt_engine.client()
    with mock_ivs_realtime() as mocked:
        own.create_stage(name="own")
        boto3.client("ivs-realtime").create_stage(name="mocked")
        assert [s["name"] for s in ivsrt_engine.invoke("ListStages")["stages"]] == ["own"]
        assert [s["name"] for s in mocked.invoke("ListStages")["stages"]] == ["mocked"]


def test_the_ivsrt_mock_fixture(ivsrt_mock: ivsrt.Engine) -> None:
    boto3.client("ivs-realtime").create_stage(name="f")
    assert ivsrt_mock.invoke("ListStages")["stages"][0]["name"] == "f"
