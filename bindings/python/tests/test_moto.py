"""mock_ivs_realtime nested with moto's mock_aws, both ways: ivsrt answers ivs-realtime, moto the rest."""

from __future__ import annotations

import boto3
import moto  # a test dependency: pip install "./bindings/python[test]"
import pytest
from botocore.exceptions import ClientError

import ivsrt
from ivsrt import mock_ivs_realtime


def _exercise_both(engine: ivsrt.Engine) -> None:
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="ivsrt-recordings")
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["ivsrt-recordings"]
    # moto's own (low-latency) IVS: same signing name "ivs", a different service.
    channel = boto3.client("ivs", region_name="us-east-1").create_channel(name="ch")["channel"]
    assert ":channel/" in channel["arn"]
    arn = boto3.client("ivs-realtime", region_name="us-east-1").create_stage(name="st")["stage"]["arn"]
    assert engine.invoke("GetStage", {"arn": arn})["stage"]["name"] == "st"


def test_inside_mock_aws() -> None:
    with moto.mock_aws():
        with mock_ivs_realtime() as engine:
            _exercise_both(engine)
        # ivsrt stopped: ivs-realtime is moto's again, which does not implement it.
        with pytest.raises(ClientError):
            boto3.client("ivs-realtime", region_name="us-east-1").list_stages()
        assert engine.closed


def test_around_mock_aws() -> None:
    with mock_ivs_realtime() as engine:
        early = boto3.client("ivs-realtime", region_name="us-east-1")
        with moto.mock_aws():
            _exercise_both(engine)
            early.create_stage(name="early")
        assert len(engine.invoke("ListStages")["stages"]) == 2
        assert early.list_stages()["stages"]  # still ivsrt's after moto stopped


def test_decorators_stacked_with_mock_aws() -> None:
    @moto.mock_aws
    @mock_ivs_realtime
    def body() -> None:
        engine = ivsrt.active_engine()
        assert engine is not None
        _exercise_both(engine)

    body()
