"""ivsrt.Engine: one engine of the C library, thread-safe, closed exactly once."""

from __future__ import annotations

import datetime as _dt
import json
import os
import threading
import weakref
from math import isfinite
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    Iterable,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Tuple,
    TypeVar,
    Union,
)

import orjson

from ._errors import EngineClosed, Error, error_class, make_error
from ._events import EventBatch, receive_events
from ._native import ffi, lib
from ._participant import Participant, join

if TYPE_CHECKING:
    from _cffi_backend import FFI
    from botocore.awsrequest import AWSPreparedRequest, AWSResponse
    from botocore.client import BaseClient

JSONRequest = Union[Mapping[str, Any], str, bytes, None]
Instant = Union[str, _dt.datetime]
HeaderValue = Union[str, bytes]  # bytes are taken as latin-1, as HTTP/1.1 does
Headers = Union[Mapping[str, HeaderValue], Iterable[Tuple[str, HeaderValue]], None]

__all__ = ["Engine", "HttpResponse", "library_version"]


def library_version() -> str:
    """The version of the loaded libivsrt, "X.Y.Z"."""
    return ffi.string(lib.ivsrt_version()).decode()


class HttpResponse(NamedTuple):
    """An HTTP response from :meth:`Engine.http`."""

    status: int
    headers: Dict[str, str]
    body: bytes


_NULL = ffi.NULL
_OK = lib.IVSRT_OK


def _take_error(rc: int, err: "FFI.CData") -> Error:
    """Copies the ivsrt_error out and frees it."""
    if err == ffi.NULL:
        return error_class("", rc)(f"ivsrt call failed with code {rc}", code=rc)
    try:
        return make_error(
            ffi.string(lib.ivsrt_error_type(err)).decode("utf-8", "replace"),
            ffi.string(lib.ivsrt_error_message(err)).decode("utf-8", "replace"),
            int(lib.ivsrt_error_http_status(err)),
            int(lib.ivsrt_error_code(err)),
        )
    finally:
        lib.ivsrt_error_free(err)


def _take_buffer(ptr: "FFI.CData", length: int) -> bytes:
    """Copies a library-owned buffer out and frees it."""
    try:
        return ffi.unpack(ptr, length) if ptr != ffi.NULL else b""
    finally:
        lib.ivsrt_free(ptr)


def _utf8(value: Union[str, bytes]) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


# Requests are written by orjson (0.1 µs for a GetStage request, against 1.2 µs for json's
# encoder) when it writes them as json would, by json otherwise: orjson writes NaN and the
# infinities as null, which the engine would take for an absent member where it refuses
# json's NaN, and it writes uuid.UUID and enum.Enum values that json refuses. Responses are
# read by orjson (1.3 µs for a GetStage answer, against json's 3.6 µs): the engine only
# writes plain JSON. The encoder is made once: json.dumps with options makes one a call.
_ENCODER = json.JSONEncoder(separators=(",", ":"))
_SCALARS = frozenset({str, int, bool, type(None)})
# Beyond orjson's nesting limit json writes (or refuses) the request; it also stops a cycle,
# which json refuses with its own ValueError.
_MAX_DEPTH = 254


def _orjson_writes_as_json(value: Any, depth: int = 0) -> bool:
    """True when ``value`` holds only dicts with str keys, lists, tuples, str, int, bool,
    None and finite floats (those types exactly), nested at most _MAX_DEPTH deep: then
    orjson writes what json writes, or raises TypeError (an int beyond 64 bits, a lone
    surrogate)."""
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind is float:
        return isfinite(value)
    if depth >= _MAX_DEPTH:
        return False
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str:
                return False
            if type(item) not in _SCALARS and not _orjson_writes_as_json(item, depth + 1):
                return False
        return True
    if kind is list or kind is tuple:
        for item in value:
            if type(item) not in _SCALARS and not _orjson_writes_as_json(item, depth + 1):
                return False
        return True
    return False


def _encode_request(request: JSONRequest) -> bytes:
    if type(request) is not dict:
        if request is None:
            return b"{}"
        if isinstance(request, (str, bytes, bytearray)):
            return _utf8(request)
        request = dict(request)
    if _orjson_writes_as_json(request):
        try:
            return orjson.dumps(request)
        except TypeError:  # an int beyond 64 bits or a lone surrogate: json writes those
            pass
    return _ENCODER.encode(request).encode("utf-8")


def _iso8601(value: Instant) -> str:
    if isinstance(value, str):
        return value
    if value.tzinfo is None:  # naive: taken as UTC
        value = value.replace(tzinfo=_dt.timezone.utc)
    text = value.astimezone(_dt.timezone.utc).isoformat()
    return text[: -len("+00:00")] + "Z"


def _header_lines(headers: Headers) -> bytes:
    items = headers.items() if isinstance(headers, Mapping) else (headers or ())
    lines = []
    for name, value in items:
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        lines.append(f"{name}: {value}\r\n")
    return "".join(lines).encode("latin-1")


def _parse_header_lines(raw: bytes) -> Dict[str, str]:
    headers: Dict[str, str] = {}
    for line in raw.decode("latin-1").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip()] = value.strip()
    return headers


class _OutCells(NamedTuple):
    """The out-parameters of one ivsrt_invoke call, in its order."""

    out: "FFI.CData"
    out_len: "FFI.CData"
    error: "FFI.CData"


class _HttpOutCells(NamedTuple):
    """The out-parameters of one ivsrt_http call, in its order."""

    status: "FFI.CData"
    headers: "FFI.CData"
    headers_len: "FFI.CData"
    body: "FFI.CData"
    body_len: "FFI.CData"
    error: "FFI.CData"


# The out-parameters of ivsrt_invoke and ivsrt_http, reused: three or six ffi.new a call
# cost ~0.4 or ~0.8 µs. A call pops a set and appends it back once it has read it (each
# atomic), so a call on another thread, or a signal handler's on the same thread between
# two bytecodes of a call, takes another set.
_free_cells: List[_OutCells] = []
_free_http_cells: List[_HttpOutCells] = []


def _new_cells() -> _OutCells:
    return _OutCells(ffi.new("char **"), ffi.new("size_t *"), ffi.new("ivsrt_error **"))


def _new_http_cells() -> _HttpOutCells:
    return _HttpOutCells(
        ffi.new("int *"), ffi.new("char **"), ffi.new("size_t *"),
        ffi.new("char **"), ffi.new("size_t *"), ffi.new("ivsrt_error **"),
    )  # fmt: skip


_Cells = TypeVar("_Cells", _OutCells, _HttpOutCells)


class _CallGuard:
    """Calls share the engine; close() waits for them and refuses new ones.

    enter() and leave() instead of a context manager: a generator-based one cost ~1.5 µs a
    call, more than the engine's own GetStage. The lock is reentrant, so acquire() and
    release() can be called directly (~70 ns less each than `with` on a Lock): the
    interpreter runs signal handlers after a call returns, and a handler calling the engine
    on the thread that holds the lock takes it again instead of waiting forever.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._drained = threading.Condition(self._lock)
        self._in_flight = 0
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def enter(self) -> None:
        lock = self._lock
        lock.acquire()
        try:
            if self._closed:
                raise EngineClosed("the engine is closed")
            self._in_flight += 1
        finally:
            lock.release()

    def leave(self) -> None:
        lock = self._lock
        lock.acquire()
        try:
            self._in_flight -= 1
            if self._closed and self._in_flight == 0:  # close() is waiting
                self._drained.notify_all()
        finally:
            lock.release()

    def close(self) -> bool:
        """Marks closed and waits for calls in flight; False when already closed."""
        with self._lock:
            if self._closed:
                return False
            self._closed = True
            while self._in_flight:
                self._drained.wait()
            return True


class Engine:
    """An in-process IVS Real-Time engine.

    Every argument maps to an option of ``ivsrt_engine_open``; ``None`` leaves the library's
    default. ``data_dir=None`` gives a private temporary store, removed at :meth:`close`.
    ``clock`` is ``"system"`` or an instant (ISO-8601 string or datetime) starting a manual
    clock. ``quotas`` is e.g. ``{"stages": 5}`` (also ``"stageSubscribers"``, 10,000 by
    default). ``session_end_delay_seconds`` (0..86400, library default 180) is how long a
    stage's session outlives its last participant. ``strict=True`` rejects unknown request
    members.

    One engine may be used from any number of threads at once. :meth:`close` waits for calls
    in flight; calls made after it raise :class:`ivsrt.EngineClosed`.
    """

    def __init__(
        self,
        data_dir: Union[str, "os.PathLike[str]", None] = None,
        region: str = "us-east-1",
        account_id: str = "123456789012",
        seed: Optional[int] = None,
        clock: Optional[Instant] = None,
        durability: Optional[str] = None,
        quotas: Optional[Mapping[str, int]] = None,
        strict: bool = False,
        session_end_delay_seconds: Optional[int] = None,
    ) -> None:
        options: Dict[str, Any] = {"region": region, "account_id": account_id}
        if data_dir is not None:
            options["data_dir"] = os.fspath(data_dir)
        if seed is not None:
            options["seed"] = seed
        if clock is not None:
            options["clock"] = _iso8601(clock)
        if durability is not None:
            options["durability"] = durability
        if quotas is not None:
            options["quotas"] = dict(quotas)
        if strict:
            options["strict"] = True
        if session_end_delay_seconds is not None:
            options["session_end_delay_seconds"] = session_end_delay_seconds
        raw = json.dumps(options).encode("utf-8")

        engine_out = ffi.new("ivsrt_engine **")
        error_out = ffi.new("ivsrt_error **")
        rc = lib.ivsrt_engine_open(raw, len(raw), engine_out, error_out)
        if rc != lib.IVSRT_OK:
            raise _take_error(rc, error_out[0])
        self._ptr: FFI.CData = engine_out[0]
        self._guard = _CallGuard()
        # A safety net only: an engine dropped without close() is closed when collected,
        # when no call can be in flight since every call holds a reference to the engine.
        self._finalizer = weakref.finalize(self, lib.ivsrt_engine_close, self._ptr)
        self.region = region
        self.account_id = account_id
        self.data_dir: Optional[str] = options.get("data_dir")
        self.options: Dict[str, Any] = options

    # -- lifetime -------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._guard.closed

    def close(self) -> None:
        """Closes the engine (idempotent); waits for calls in flight on other threads."""
        if self._guard.close():
            self._finalizer()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<ivsrt.Engine {state} region={self.region!r} account_id={self.account_id!r}>"

    # -- calls ----------------------------------------------------------------------------

    def invoke_raw(self, operation: str, request: JSONRequest = None) -> bytes:
        """Like :meth:`invoke`, returning the response JSON text as bytes."""
        return self._invoke(_utf8(operation), _encode_request(request))

    def invoke(self, operation: str, request: JSONRequest = None) -> Dict[str, Any]:
        """Invokes an operation with its AWS input JSON; returns the AWS output JSON.

        ``operation`` is an AWS operation name (``"CreateStage"``) or a test-control
        operation (``"ivsrt:Reset"``); ``request`` a dict (or JSON text). Errors raise the
        :class:`ivsrt.Error` subclass named after the AWS error type.
        """
        response = self._invoke(_utf8(operation), _encode_request(request))
        result: Dict[str, Any] = orjson.loads(response)
        return result

    def _invoke(self, op: bytes, body: bytes) -> bytes:
        """ivsrt_invoke on encoded arguments; the response JSON text."""
        cells = self._call(lib.ivsrt_invoke, _free_cells, _new_cells, op, len(op), body, len(body))
        result = _take_buffer(cells.out[0], cells.out_len[0])
        _free_cells.append(cells)
        return result

    def _call(
        self, function: Any, free: List[_Cells], new: Callable[[], _Cells], *args: Any
    ) -> _Cells:
        """function(engine, *args, *cells) with out-cells popped from ``free`` (or made by
        ``new``), while the guard holds the engine open. Raises its error; on success the
        caller reads the cells and appends them back to ``free``."""
        try:
            cells = free.pop()
            cells.error[0] = _NULL  # never a pointer freed by an earlier call
        except IndexError:
            cells = new()
        guard = self._guard
        guard.enter()
        try:
            rc = function(self._ptr, *args, *cells)
        finally:
            guard.leave()
        if rc != _OK:
            error = _take_error(rc, cells.error[0])
            free.append(cells)
            raise error
        return cells

    def http(
        self,
        method: str,
        target: str,
        headers: Headers = None,
        body: Union[bytes, str, None] = None,
    ) -> HttpResponse:
        """Answers one HTTP request as the AWS endpoint would (``ivsrt_http``).

        ``target`` is the path with its optional query, percent-encoded as sent. AWS errors
        are ordinary responses here (status, ``x-amzn-ErrorType``); only misuse raises.
        """
        status, raw_headers, raw_body = self._http(
            _utf8(method), _utf8(target), _header_lines(headers), _utf8(body or b"")
        )
        return HttpResponse(status, _parse_header_lines(raw_headers), raw_body)

    def _http(
        self, method: bytes, target: bytes, headers: bytes, body: bytes
    ) -> Tuple[int, bytes, bytes]:
        """ivsrt_http on encoded arguments: (status, header lines, body). The boto3 handler
        calls it directly, with the header lines it builds from botocore's request."""
        c = self._call(lib.ivsrt_http, _free_http_cells, _new_http_cells,
                       method, len(method), target, len(target), headers, len(headers),
                       body, len(body))  # fmt: skip
        status: int = c.status[0]
        raw_headers = _take_buffer(c.headers[0], c.headers_len[0])
        raw_body = _take_buffer(c.body[0], c.body_len[0])
        _free_http_cells.append(c)
        return status, raw_headers, raw_body

    # -- test control -----------------------------------------------------------------------

    def verify_participant_token(self, token: str) -> Dict[str, Any]:
        """``{"valid": True, "claims": {...}}`` or ``{"valid": False, "reason": ...}``.

        Reasons: ``malformed``, ``bad_signature``, ``expired``, ``revoked``, ``stage_deleted``.
        """
        return self.invoke("ivsrt:VerifyParticipantToken", {"token": token})

    def join(
        self,
        token: str,
        *,
        protocol: str = "WHIP",
        browser_name: Optional[str] = None,
        browser_version: Optional[str] = None,
        os_name: Optional[str] = None,
        os_version: Optional[str] = None,
        sdk_version: Optional[str] = None,
        isp_name: Optional[str] = None,
    ) -> Participant:
        """Joins the stage of ``token`` as a simulated client (``ivsrt:JoinStage``).

        ``protocol`` is ``"WHIP"``, ``"RTMP"`` or ``"RTMPS"``; the client attributes (each at
        most 128 characters of ``[a-zA-Z0-9-_.,:;\\s]``) are what GetParticipant reports.
        The first join of an idle stage starts a session; joining again with the same token
        reconnects the same participant. A refused token raises
        :class:`ivsrt.JoinRefused` (``.reason``); a bad argument ValidationException.
        """
        client = {
            "browser_name": browser_name,
            "browser_version": browser_version,
            "os_name": os_name,
            "os_version": os_version,
            "sdk_version": sdk_version,
            "isp_name": isp_name,
        }
        return join(self, token, protocol, client)

    def events(self, cursor: Optional[str] = None, max_events: Optional[int] = None) -> EventBatch:
        """The EventBridge events after ``cursor`` (``ivsrt:ReceiveEvents``), oldest first.

        ``cursor`` None starts at the oldest event kept (the last 10,000); ``max_events``
        1..1000, None for 100. Returns ``EventBatch(events, cursor)``: pass its cursor on
        to read only later events. The events are the store's, so every engine on the same
        ``data_dir`` reads them.
        """
        return receive_events(self, cursor, max_events)

    def inject_fault(
        self,
        target: str,
        fault: str,
        *,
        destination_id: Optional[str] = None,
        participant_id: Optional[str] = None,
    ) -> None:
        """Drives a failure path no AWS call can provoke (``ivsrt:InjectFault``).

        On a composition ARN ``target``: ``"destination_reconnecting"`` (RECONNECTING, then
        ACTIVE again 30 s later on the engine clock, with Destination Reconnecting and
        Destination Start events), ``"destination_failure"`` (RECONNECTING, then FAILED 30 s
        later with Destination Failure; the composition fails with its last destination)
        on ``destination_id``, or on every ACTIVE destination when None; or
        ``"session_failure"`` (the composition FAILED at once, Session Failure). On a stage
        ARN ``target``, for the participant ``participant_id`` of its active session:
        ``"recording_start_failure"`` (a STARTING recording is FAILED, Recording Start
        Failure) or ``"recording_end_failure"`` (the ACTIVE recording's end is FAILED,
        Recording End Failure). The rules are the README's "Compositions", "Faults".

        Raises ResourceNotFoundException for an unknown composition, destination, stage or
        participant; ValidationException (naming the member) for an unknown fault, a target
        of the wrong kind, or a missing or extra member; ConflictException when the fault
        does not apply to the current state (nothing changes then).
        """
        request: Dict[str, Any] = {"target": target, "fault": fault}
        if destination_id is not None:
            request["destinationId"] = destination_id
        if participant_id is not None:
            request["participantId"] = participant_id
        self.invoke("ivsrt:InjectFault", request)

    def set_clock(self, time: Instant) -> str:
        """Starts (or moves) the manual clock to ``time``; returns it as ISO-8601."""
        result: str = self.invoke("ivsrt:SetClock", {"time": _iso8601(time)})["time"]
        return result

    def advance_clock(self, seconds: Union[int, float, _dt.timedelta]) -> str:
        """Moves the manual clock on by ``seconds``; returns the new time as ISO-8601."""
        if isinstance(seconds, _dt.timedelta):
            seconds = seconds.total_seconds()
        if isinstance(seconds, float) and seconds.is_integer():
            seconds = int(seconds)
        result: str = self.invoke("ivsrt:AdvanceClock", {"seconds": seconds})["time"]
        return result

    def get_clock(self) -> Dict[str, Any]:
        """``{"time": "...", "manual": bool}``."""
        return self.invoke("ivsrt:GetClock", {})

    def reset(self) -> None:
        """Removes every resource, tag, participant, session and event of the store (the
        signing key stays); nextTokens and event cursors handed out before are refused."""
        self.invoke("ivsrt:Reset", {})

    # -- boto3 ----------------------------------------------------------------------------

    def client(self, **kwargs: Any) -> "BaseClient":
        """A real ``boto3.client("ivs-realtime", ...)`` answered in-process by this engine.

        Keyword arguments go to ``boto3.session.Session.client``; the region defaults to the
        engine's and the credentials to fake ones. Pass ``session=`` to use your own
        ``boto3.session.Session``.
        """
        from ._boto import make_client

        return make_client(self, **kwargs)

    def handle_botocore_request(self, request: "AWSPreparedRequest") -> "AWSResponse":
        """Answers a botocore ``AWSPreparedRequest`` with a ``botocore.awsrequest.AWSResponse``."""
        from ._boto import answer

        return answer(self, request)
