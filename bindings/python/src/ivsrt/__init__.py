"""ivsrt: Amazon IVS Real-Time (ivs-realtime) in-process, for tests.

An embedded, stateful, validating engine (libivsrt, through cffi) that answers the AWS API:
directly (``Engine.invoke``), through a real boto3 client answered in-process
(``Engine.client``), or for every ivs-realtime client of the process (``mock_ivs_realtime``);
and simulated participants that join stages, publish and subscribe (``Engine.join``), with
the EventBridge stream they cause (``Engine.events``).
"""

from __future__ import annotations

from ._native import lib as _lib

if _lib.ivsrt_version_number() // 1000000 != _lib.IVSRT_VERSION_MAJOR:
    raise ImportError(
        f"ivsrt: libivsrt {_lib.ivsrt_version_number()} is not of major version "
        f"{_lib.IVSRT_VERSION_MAJOR}, the one this package was built against"
    )

from ._engine import Engine, HttpResponse, library_version  # noqa: E402
from ._errors import (  # noqa: E402
    AccessDeniedException,
    ConflictException,
    EngineClosed,
    Error,
    InternalServerException,
    InvalidArgument,
    InvalidOptions,
    PendingVerification,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
    UnknownOperationException,
    ValidationException,
)
from ._events import EventBatch, EventBridgeEvent  # noqa: E402
from ._mock import MockIvsRealtime, active_engine, mock_ivs_realtime  # noqa: E402
from ._participant import (  # noqa: E402
    JoinRefused,
    Participant,
    PublishError,
    SubscribeError,
    TokenExchangeRefused,
)

__version__ = "0.1.0"

__all__ = [
    "AccessDeniedException",
    "ConflictException",
    "Engine",
    "EngineClosed",
    "Error",
    "EventBatch",
    "EventBridgeEvent",
    "HttpResponse",
    "InternalServerException",
    "InvalidArgument",
    "InvalidOptions",
    "JoinRefused",
    "MockIvsRealtime",
    "Participant",
    "PendingVerification",
    "PublishError",
    "ResourceNotFoundException",
    "ServiceQuotaExceededException",
    "SubscribeError",
    "TokenExchangeRefused",
    "UnknownOperationException",
    "ValidationException",
    "active_engine",
    "library_version",
    "mock_ivs_realtime",
]
