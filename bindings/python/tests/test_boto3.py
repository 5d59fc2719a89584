"""boto3 specifics: what a client sees is what it sees against AWS; the HTTP entry directly."""

from __future__ import annotations

import json
from typing import Any, Dict

import boto3
import pytest
from botocore.awsrequest import AWSPreparedRequest, HeadersDict
from botocore.client import BaseClient
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError

import ivsrt

UNKNOWN_ARN = "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh"


def test_client_is_a_real_boto3_client(ivsrt_engine: ivsrt.Engine) -> None:
    client = ivsrt_engine.client()
    assert client.meta.service_model.service_name == "ivs-realtime"
    assert client.meta.region_name == "us-east-1"
    assert isinstance(client, BaseClient)
    assert client.meta.events is not None


def test_success_metadata(ivs_realtime_client: Any) -> None:
    out = ivs_realtime_client.create_stage(name="meta")
    meta = out["ResponseMetadata"]
    assert meta["HTTPStatusCode"] == 200
    assert meta["RequestId"]
    assert meta["HTTPHeaders"]["content-type"].startswith("application/json")


@pytest.mark.parametrize("call,code,status", [
    (lambda c: c.get_stage(arn="nope"), "ValidationException", 400),
    (lambda c: c.get_stage(arn=UNKNOWN_ARN), "ResourceNotFoundException", 404),
    (lambda c: c.list_tags_for_resource(resourceArn=UNKNOWN_ARN), "ResourceNotFoundException", 404),
])
def test_error_response_as_from_aws(ivs_realtime_client: Any, call: Any, code: str,
                                    status: int) -> None:
    with pytest.raises(ClientError) as info:
        call(ivs_realtime_client)
    e = info.value
    assert isinstance(e, getattr(ivs_realtime_client.exceptions, code))
    assert e.response["Error"]["Code"] == code
    assert e.response["Error"]["Message"]
    assert e.response["exceptionMessage"] == e.response["Error"]["Message"]
    meta = e.response["ResponseMetadata"]
    assert meta["HTTPStatusCode"] == status
    assert meta["HTTPHeaders"]["x-amzn-errortype"].split(":")[0] == code
    assert meta["RequestId"]


@pytest.mark.ivsrt(quotas={"stages": 1})
def test_quota_error_is_402(ivs_realtime_client: Any) -> None:
    ivs_realtime_client.create_stage()
    with pytest.raises(ivs_realtime_client.exceptions.ServiceQuotaExceededException) as info:
        ivs_realtime_client.create_stage()
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 402


def test_botocore_client_side_validation_still_applies(ivs_realtime_client: Any) -> None:
    with pytest.raises(ParamValidationError):
        ivs_realtime_client.get_stage()  # arn is required: botocore refuses before sending


def test_region_comes_from_the_signature(ivsrt_engine: ivsrt.Engine) -> None:
    east = ivsrt_engine.client()
    west = ivsrt_engine.client(region_name="us-west-2")
    east_arn = east.create_stage(name="east")["stage"]["arn"]
    west_arn = west.create_stage(name="west")["stage"]["arn"]
    assert east_arn.startswith("arn:aws:ivs:us-east-1:")
    assert west_arn.startswith("arn:aws:ivs:us-west-2:")
    assert [s["name"] for s in east.list_stages()["stages"]] == ["east"]
    assert [s["name"] for s in west.list_stages()["stages"]] == ["west"]
    with pytest.raises(east.exceptions.ResourceNotFoundException):
        east.get_stage(arn=west_arn)


def test_client_kwargs_pass_through(ivsrt_engine: ivsrt.Engine) -> None:
    client = ivsrt_engine.client(
        endpoint_url="http://localhost:1", config=Config(retries={"max_attempts": 1}),
        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
    )
    assert client.meta.endpoint_url == "http://localhost:1"
    assert client.create_stage(name="custom")["stage"]["name"] == "custom"


def test_client_from_a_given_session(ivsrt_engine: ivsrt.Engine) -> None:
    session = boto3.session.Session(aws_access_key_id="a", aws_secret_access_key="b",
                                    region_name="eu-central-1")
    client = ivsrt_engine.client(session=session, region_name=None)
    assert client.meta.region_name == "eu-central-1"
    assert ":eu-central-1:" in client.create_stage()["stage"]["arn"]


def test_http_entry_directly(ivsrt_engine: ivsrt.Engine) -> None:
    created = ivsrt_engine.http("POST", "/CreateStage",
                                {"Content-Type": "application/json",
                                 "Host": "ivsrealtime.sa-east-1.amazonaws.com"},
                                json.dumps({"name": "raw"}))
    assert created.status == 200
    assert created.headers["Content-Type"].startswith("application/json")
    arn = json.loads(created.body)["stage"]["arn"]
    assert ":sa-east-1:" in arn  # region from the Host header when unsigned

    missing = ivsrt_engine.http("POST", "/GetStage", {},
                                json.dumps({"arn": arn.replace("sa-east-1", "us-east-1")}))
    assert missing.status == 404
    assert missing.headers["x-amzn-ErrorType"].split(":")[0] == "ResourceNotFoundException"
    body = json.loads(missing.body)
    assert body["exceptionMessage"] and body["message"]


# handle_botocore_request sends the request's headers, and a Host line from the URL only
# when they have none: unsigned, the region comes from the Host the request carries.
@pytest.mark.parametrize("kind", [HeadersDict, dict])
@pytest.mark.parametrize(("host", "region"), [
    ({}, "ap-south-1"),
    ({"host": "ivsrealtime.eu-west-1.amazonaws.com"}, "eu-west-1"),
])
def test_botocore_request_headers_and_host(ivsrt_engine: ivsrt.Engine, kind: Any,
                                           host: Dict[str, str], region: str) -> None:
    headers = kind({"Content-Type": b"application/json", "Content-Length": "13", **host})
    request = AWSPreparedRequest("POST", "https://ivsrealtime.ap-south-1.amazonaws.com/CreateStage",
                                 headers, b'{"name": "h"}', False)
    response = ivsrt_engine.handle_botocore_request(request)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert json.loads(response.content)["stage"]["arn"].startswith(f"arn:aws:ivs:{region}:")


def test_http_entry_does_not_reach_test_control(ivsrt_engine: ivsrt.Engine) -> None:
    response = ivsrt_engine.http("POST", "/ivsrt:Reset", {}, b"{}")
    assert response.status >= 400


def test_tags_with_url_encoded_arn_through_the_http_entry(ivsrt_engine: ivsrt.Engine) -> None:
    from urllib.parse import quote

    arn = ivsrt_engine.invoke("CreateStage", {"tags": {"a": "1", "b": "2"}})["stage"]["arn"]
    target = "/tags/" + quote(arn, safe="")
    assert json.loads(ivsrt_engine.http("GET", target).body) == {"tags": {"a": "1", "b": "2"}}
    assert ivsrt_engine.http("DELETE", target + "?tagKeys=a").status == 200
    assert json.loads(ivsrt_engine.http("GET", target).body) == {"tags": {"b": "2"}}


def test_storage_configuration_in_use_by_a_recording_stage(ivs_realtime_client: Any) -> None:
    client = ivs_realtime_client
    storage = client.create_storage_configuration(
        name="recordings", s3={"bucketName": "my-recordings"})["storageConfiguration"]
    assert storage["s3"] == {"bucketName": "my-recordings"} and storage["tags"] == {}
    arn = storage["arn"]
    stage = client.create_stage(
        autoParticipantRecordingConfiguration={"storageConfigurationArn": arn})
    assert "participantTokens" not in stage
    stage_arn = stage["stage"]["arn"]
    assert stage["stage"]["autoParticipantRecordingConfiguration"]["storageConfigurationArn"] \
        == arn

    with pytest.raises(client.exceptions.ConflictException) as info:
        client.delete_storage_configuration(arn=arn)
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert stage_arn in info.value.response["Error"]["Message"]
    assert client.get_storage_configuration(arn=arn)["storageConfiguration"] == storage

    client.update_stage(arn=stage_arn,
                        autoParticipantRecordingConfiguration={"storageConfigurationArn": ""})
    client.delete_storage_configuration(arn=arn)
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_storage_configuration(arn=arn)
    assert client.list_storage_configurations()["storageConfigurations"] == []
