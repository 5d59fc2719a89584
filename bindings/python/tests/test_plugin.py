"""The pytest plugin, loaded through its pytest11 entry point in a separate pytest run."""

from __future__ import annotations

from typing import Any

import pytest


def test_fixtures_through_the_entry_point(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        import pytest

        import ivsrt

        def test_engine_is_fresh_a(ivsrt_engine):
            ivsrt_engine.invoke("CreateStage", {"name": "a"})
            assert len(ivsrt_engine.invoke("ListStages")["stages"]) == 1

        def test_engine_is_fresh_b(ivsrt_engine):
            ivsrt_engine.invoke("CreateStage", {"name": "b"})
            assert len(ivsrt_engine.invoke("ListStages")["stages"]) == 1

        def test_client_talks_to_the_engine(ivsrt_engine, ivs_realtime_client):
            arn = ivs_realtime_client.create_stage(name="c")["stage"]["arn"]
            assert ivsrt_engine.invoke("GetStage", {"arn": arn})["stage"]["name"] == "c"

        @pytest.mark.ivsrt(region="eu-west-1", quotas={"stages": 1})
        def test_marker_sets_engine_options(ivs_realtime_client):
            arn = ivs_realtime_client.create_stage()["stage"]["arn"]
            assert arn.startswith("arn:aws:ivs:eu-west-1:")
            with pytest.raises(ivs_realtime_client.exceptions.ServiceQuotaExceededException):
                ivs_realtime_client.create_stage()

        def test_mock_fixture(ivsrt_mock):
            boto3.client("ivs-realtime").create_stage(name="m")
            assert ivsrt_mock.invoke("ListStages")["stages"][0]["name"] == "m"

        engines = []

        def test_engine_closed_after_the_test_1(ivsrt_engine):
            engines.append(ivsrt_engine)

        def test_engine_closed_after_the_test_2():
            assert engines[0].closed
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=7)


def test_plugin_registered_marker(pytestconfig: Any) -> None:
    assert any(line.startswith("ivsrt(") for line in pytestconfig.getini("markers"))
