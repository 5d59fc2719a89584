"""pytest plugin (entry point ``pytest11``): fixtures for tests against ivs-realtime.

- ``ivsrt_engine``: a fresh :class:`ivsrt.Engine` per test (temporary store), closed after it.
- ``ivs_realtime_client``: a boto3 ``ivs-realtime`` client answered by ``ivsrt_engine``.
- ``ivsrt_mock``: ``ivsrt_engine`` with :func:`ivsrt.mock_ivs_realtime` active for the test,
  so that every ivs-realtime client of the code under test reaches it.

Engine options come from the ``ivsrt`` marker: ``@pytest.mark.ivsrt(seed=7, quotas={"stages": 2})``.
ivsrt itself is imported only when a fixture is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

import pytest

if TYPE_CHECKING:
    from botocore.client import BaseClient

    from ivsrt import Engine


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "ivsrt(**options): ivsrt.Engine options for the ivsrt_engine fixture"
    )


@pytest.fixture
def ivsrt_engine(request: pytest.FixtureRequest) -> Iterator["Engine"]:
    """A fresh ivsrt engine for the test."""
    from ivsrt import Engine

    marker = request.node.get_closest_marker("ivsrt")
    options: dict[str, Any] = dict(marker.kwargs) if marker else {}
    with Engine(**options) as engine:
        yield engine


@pytest.fixture
def ivs_realtime_client(ivsrt_engine: "Engine") -> Iterator["BaseClient"]:
    """A boto3 ivs-realtime client answered in-process by ``ivsrt_engine``."""
    client = ivsrt_engine.client()
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def ivsrt_mock(ivsrt_engine: "Engine") -> Iterator["Engine"]:
    """``ivsrt_engine``, answering every ivs-realtime client of the process during the test."""
    from ivsrt import mock_ivs_realtime

    with mock_ivs_realtime(engine=ivsrt_engine) as engine:
        yield engine
