"""boto3/botocore integration: requests of ivs-realtime clients answered by ivsrt_http.

botocore emits ``before-send.ivs-realtime.<Operation>`` with the signed
``AWSPreparedRequest`` just before it would open a connection; the first handler that
returns a response wins and nothing goes on the network. The engine takes the region from
the SigV4 credential scope of the Authorization header, as AWS does.
"""

from __future__ import annotations

import functools
import io
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    Callable,
    Final,
    Iterator,
    Optional,
    Tuple,
    Type,
    Union,
)
from urllib.parse import urlsplit

from ._engine import _header_lines as _engine_header_lines
from ._engine import _parse_header_lines

if TYPE_CHECKING:
    import boto3.session
    from _typeshed import ReadableBuffer
    from botocore.awsrequest import AWSPreparedRequest, AWSResponse
    from botocore.client import BaseClient
    from botocore.compat import HTTPHeaders

    from ._engine import Engine

# Final: the literal picks boto3-stubs' Session.client overload for this service.
SERVICE: Final = "ivs-realtime"
EVENT = f"before-send.{SERVICE}"
# One ivsrt handler per client at most: an engine's own client and the mock's router share it.
HANDLER_ID = "ivsrt.before-send"
FAKE_ACCESS_KEY = "testing"
FAKE_SECRET_KEY = "testing"
_response_type: Optional[Type["AWSResponse"]] = None  # botocore's AWSResponse


class _RawResponse(io.BytesIO):
    """The urllib3-like raw body botocore reads (``stream()``)."""

    def stream(self, amt: int = 65536, **_: object) -> Iterator[bytes]:
        while True:
            chunk = self.read(amt)
            if not chunk:
                return
            yield chunk


def _body_bytes(body: Union[str, "ReadableBuffer", IO[bytes], IO[str], None]) -> bytes:
    if type(body) is bytes:  # what botocore sends for every ivs-realtime operation
        return body
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    if hasattr(body, "read"):  # a seekable stream: read it and leave it as found
        position = body.tell() if hasattr(body, "tell") else None
        data = body.read()
        if position is not None and hasattr(body, "seek"):
            body.seek(position)
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return bytes(body)


@functools.lru_cache(maxsize=256)
def _split_url(url: str) -> Tuple[bytes, bytes]:
    """The request target ("/path?query") and the Host line of a request URL. Cached: a
    client asks for few distinct URLs (one per operation, or per ARN for the tag calls)."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host = f"Host: {parts.netloc}\r\n" if parts.netloc else ""
    return target.encode("utf-8"), host.encode("latin-1")


def _header_lines(headers: "HTTPHeaders", host: bytes) -> bytes:
    """botocore's request headers as ivsrt_http's "Name: value" lines, with ``host`` (a Host
    line from the URL) appended when there is no Host header.

    Read through the HeadersDict's dict of _HeaderKey (the name as given and lowered): its
    items() goes through the Mapping ABC and str() of a key is a Python call; ~1.4 µs a
    request against ~2.5 µs for the general path below."""
    table = getattr(headers, "_dict", None)
    if not isinstance(table, dict):  # not botocore's HeadersDict
        items = [(str(name), value) for name, value in headers.items()]
        has_host = any(name.lower() == "host" for name, _ in items)
        return _engine_header_lines(items) + (b"" if has_host else host)
    block = "".join(
        [
            f"{name._key}: {value.decode('latin-1') if isinstance(value, bytes) else value}\r\n"
            for name, value in table.items()
        ]
    ).encode("latin-1")
    for name in table:
        if name._lower == "host":
            return block
    return block + host


def answer(engine: "Engine", request: "AWSPreparedRequest") -> "AWSResponse":
    """Answers a botocore prepared request with the engine's HTTP entry."""
    global _response_type
    if _response_type is None:  # imported here: importing ivsrt does not import botocore
        from botocore.awsrequest import AWSResponse

        _response_type = AWSResponse
    target, host = _split_url(request.url)
    status, headers, body = engine._http(
        request.method.encode("utf-8"),
        target,
        _header_lines(request.headers, host),
        _body_bytes(request.body),
    )
    # botocore-stubs ask for HTTPHeaders; AWSResponse makes a HeadersDict of any mapping.
    return _response_type(
        request.url,
        status,
        _parse_header_lines(headers),  # type: ignore[arg-type]
        _RawResponse(body),
    )


def register(client: "BaseClient", handler: Callable[..., Optional["AWSResponse"]]) -> None:
    """Makes ``handler`` the client's first ``before-send`` handler for ivs-realtime."""
    # botocore-stubs type every event handler as returning None; a before-send handler
    # returns the response that replaces the network call.
    events = client.meta.events
    events.register_first(EVENT, handler, unique_id=HANDLER_ID)  # type: ignore[arg-type]


class EngineHandler:
    """A ``before-send`` handler bound to one engine."""

    def __init__(self, engine: "Engine") -> None:
        self.engine = engine

    def __call__(self, request: "AWSPreparedRequest", **_: object) -> "AWSResponse":
        return answer(self.engine, request)


def make_client(
    engine: "Engine", session: Optional["boto3.session.Session"] = None, **kwargs: Any
) -> "BaseClient":
    import boto3.session

    kwargs.setdefault("region_name", engine.region)
    # Fake credentials unless some are given: the request never leaves the process, and the
    # default chain could otherwise probe the instance metadata service.
    if session is None:
        session = boto3.session.Session()
        wants_fake = "aws_access_key_id" not in kwargs
    else:
        wants_fake = "aws_access_key_id" not in kwargs and session.get_credentials() is None
    if wants_fake:
        kwargs["aws_access_key_id"] = FAKE_ACCESS_KEY
        kwargs["aws_secret_access_key"] = FAKE_SECRET_KEY
    client: "BaseClient" = session.client(SERVICE, **kwargs)
    register(client, EngineHandler(engine))
    return client
