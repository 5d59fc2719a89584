"""mock_ivs_realtime: every ivs-realtime client of the process answered by one engine.

Clients may have been created before the mock started, even before ivsrt was imported:
while a mock is active, ``BaseClient._make_api_call`` (wrapped once, for good) attaches the
router to an ivs-realtime client's own ``before-send.ivs-realtime`` event before its first
call. botocore runs handlers of that specific event before those of the generic
``before-send`` (where moto's stubber lives), so ivsrt answers ivs-realtime and moto the
other services, whichever mock was started first. When no mock is active the router
answers nothing and requests go wherever they would have gone.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import os
import threading
import weakref
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    List,
    Mapping,
    Optional,
    TypeVar,
    Union,
    cast,
    overload,
)

from ._boto import FAKE_ACCESS_KEY, FAKE_SECRET_KEY, SERVICE, answer, register
from ._engine import Engine

if TYPE_CHECKING:
    from botocore.awsrequest import AWSPreparedRequest, AWSResponse
    from botocore.client import BaseClient

F = TypeVar("F", bound=Callable[..., Any])

_lock = threading.RLock()
_active: List["MockIvsRealtime"] = []  # innermost last
_patched = False
_attached: "weakref.WeakSet[BaseClient]" = weakref.WeakSet()  # clients the router is attached to

# Environment that means "credentials are configured": then the mock leaves them alone.
_CREDENTIAL_ENV = (
    "AWS_ACCESS_KEY_ID",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
)
_CREDENTIAL_KEYS = (
    "aws_access_key_id",
    "credential_process",
    "credential_source",
    "role_arn",
    "sso_session",
    "sso_start_url",
    "web_identity_token_file",
)


def active_engine() -> Optional[Engine]:
    """The engine of the innermost active :func:`mock_ivs_realtime`, or None."""
    with _lock:
        return _active[-1].engine if _active else None


class _Router:
    """The ``before-send.ivs-realtime`` handler that mock_ivs_realtime attaches to clients."""

    def __call__(self, request: "AWSPreparedRequest", **_: object) -> Optional["AWSResponse"]:
        engine = active_engine()
        return None if engine is None else answer(engine, request)


_ROUTER = _Router()


def _attach(client: "BaseClient") -> None:
    if client in _attached:
        return
    with _lock:  # botocore's emitter registration is not atomic: once per client, under the lock
        if client in _attached:
            return
        register(client, _ROUTER)
        signer = getattr(client, "_request_signer", None)
        if signer is not None and getattr(signer, "_credentials", True) is None:
            from botocore.credentials import Credentials

            signer._credentials = Credentials(FAKE_ACCESS_KEY, FAKE_SECRET_KEY)
        _attached.add(client)


def _install_hook() -> None:
    global _patched
    with _lock:
        if _patched:
            return
        from botocore.client import BaseClient

        # Private to botocore, so absent from botocore-stubs: typed here as botocore defines it.
        original: Callable[[BaseClient, str, Mapping[str, Any]], Dict[str, Any]]
        original = getattr(BaseClient, "_make_api_call")

        @functools.wraps(original)
        def _make_api_call(
            self: BaseClient, operation_name: str, api_params: Mapping[str, Any]
        ) -> Dict[str, Any]:
            if _active and self.meta.service_model.service_name == SERVICE:
                _attach(self)
            return original(self, operation_name, api_params)

        setattr(BaseClient, "_make_api_call", _make_api_call)
        _patched = True


def _scoped_config() -> Optional[Dict[str, Any]]:
    try:
        import botocore.session

        return botocore.session.Session().get_scoped_config()
    except Exception:  # an unknown AWS_PROFILE and the like: the user's business
        return None


def _fake_environment(region: str) -> Dict[str, str]:
    """The variables to set for the mock: credentials and region when none are configured."""
    env: Dict[str, str] = {}
    config = _scoped_config()
    if config is None:
        return env
    if not any(os.environ.get(k) for k in _CREDENTIAL_ENV) and not any(
        k in config for k in _CREDENTIAL_KEYS
    ):
        env["AWS_ACCESS_KEY_ID"] = FAKE_ACCESS_KEY
        env["AWS_SECRET_ACCESS_KEY"] = FAKE_SECRET_KEY
    if not os.environ.get("AWS_DEFAULT_REGION") and not os.environ.get("AWS_REGION"):
        if "region" not in config:
            env["AWS_DEFAULT_REGION"] = region
    return env


class MockIvsRealtime:
    """Context manager and decorator; see :func:`mock_ivs_realtime`."""

    def __init__(self, engine: Optional[Engine] = None, **engine_options: Any) -> None:
        if engine is not None and engine_options:
            raise TypeError("pass either an engine or engine options, not both")
        self._given = engine
        self._options = engine_options
        self._engine: Optional[Engine] = None
        self._saved_env: Dict[str, Optional[str]] = {}

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("mock_ivs_realtime is not started")
        return self._engine

    def start(self) -> Engine:
        if self._engine is not None:
            raise RuntimeError("mock_ivs_realtime is already started")
        engine = self._given if self._given is not None else Engine(**self._options)
        _install_hook()
        with _lock:
            self._engine = engine
            self._saved_env = {}
            for name, value in _fake_environment(engine.region).items():
                self._saved_env[name] = os.environ.get(name)
                os.environ[name] = value
            _active.append(self)
        return engine

    def stop(self) -> None:
        with _lock:
            if self._engine is None:
                raise RuntimeError("mock_ivs_realtime is not started")
            _active.remove(self)
            for name, value in self._saved_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            engine, self._engine = self._engine, None
        if self._given is None:
            engine.close()

    def __enter__(self) -> Engine:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __call__(self, func: F) -> F:
        """Decorates a function (sync or async) or a class's test methods: a fresh mock per call."""
        if inspect.isclass(func):
            for name, attr in list(vars(func).items()):
                if name.startswith("test") and callable(attr):
                    setattr(func, name, self.__call__(attr))
            return func
        given, options = self._given, self._options

        if asyncio.iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                with MockIvsRealtime(given, **options):
                    return await func(*args, **kwargs)

            return cast(F, async_wrapper)  # functools.wraps: func's name, signature and doc

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with MockIvsRealtime(given, **options):
                return func(*args, **kwargs)

        return cast(F, wrapper)


@overload
def mock_ivs_realtime(func: F) -> F: ...
@overload
def mock_ivs_realtime(
    func: None = None, *, engine: Optional[Engine] = None, **engine_options: Any
) -> MockIvsRealtime: ...
def mock_ivs_realtime(
    func: Optional[F] = None, *, engine: Optional[Engine] = None, **engine_options: Any
) -> Union[F, MockIvsRealtime]:
    """Routes every ``ivs-realtime`` client of the process to one in-process engine.

    As a context manager it yields the engine::

        with ivsrt.mock_ivs_realtime() as engine:
            boto3.client("ivs-realtime").create_stage(name="demo")

    As a decorator (``@mock_ivs_realtime`` or ``@mock_ivs_realtime(seed=7)``) each call gets
    a fresh engine, reachable through :func:`ivsrt.active_engine`. Keyword arguments are
    :class:`ivsrt.Engine` options, or ``engine=`` an engine of your own (left open at stop).
    Clients created before the mock started are routed too. Fake credentials (and the
    engine's region) are supplied for the duration when none are configured. Works inside
    and around moto's ``mock_aws``.
    """
    mock = MockIvsRealtime(engine, **engine_options)
    if func is not None:
        return mock(func)
    return mock
