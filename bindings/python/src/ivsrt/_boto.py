"""boto3/botocore integration: requests of ivs-realtime clients answered by ivsrt_http.

botocore emits ``before-send.ivs-realtime.<Operation>`` with the signed
``AWSPreparedRequest`` just before it would open a connection; the first handler that
returns a response wins and nothing goes on the network. The engine takes the region from
the SigV4 credential scope of the Authorization header, as AWS does.
"""

from __future__ import annotations

import io
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    Callable,
    Final,
    Iterator,
    List,
    Optional,
    Tuple,
    Union,
)
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import boto3.session
    from _typeshed import ReadableBuffer
    from botocore.awsrequest import AWSPreparedRequest, AWSResponse
    from botocore.client import BaseClient
    from botocore.compat import HTTPHeaders

    from ._engine import Engine, HeaderValue

# Final: the literal picks boto3-stubs' Session.client overload for this service.
SERVICE: Final = "ivs-realtime"
EVENT = f"before-send.{SERVICE}"
# One ivsrt handler per client at most: an engine's own client and the mock's router share it.
HANDLER_ID = "ivsrt.before-send"
FAKE_ACCESS_KEY = "testing"
FAKE_SECRET_KEY = "testing"


class _RawResponse(io.BytesIO):
    """The urllib3-like raw body botocore reads (``stream()``)."""

    def stream(self, amt: int = 65536, **_: object) -> Iterator[bytes]:
        while True:
            chunk = self.read(amt)
            if not chunk:
                return
            yield chunk


def _body_bytes(body: Union[str, "ReadableBuffer", IO[bytes], IO[str], None]) -> bytes:
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


def _header_items(headers: "HTTPHeaders") -> List[Tuple[str, "HeaderValue"]]:
    """The (name, value) pairs of botocore's HeadersDict. Its items() goes through the
    Mapping ABC, a key object per header (~20 µs a request), so its dict is read when it
    has one."""
    table = getattr(headers, "_dict", None)
    pairs = table.items() if isinstance(table, dict) else headers.items()
    return [(str(k), v) for k, v in pairs]


def answer(engine: "Engine", request: "AWSPreparedRequest") -> "AWSResponse":
    """Answers a botocore prepared request with the engine's HTTP entry."""
    from botocore.awsrequest import AWSResponse

    url = urlsplit(request.url)
    target = (url.path or "/") + (f"?{url.query}" if url.query else "")
    headers = _header_items(request.headers)
    if not any(k.lower() == "host" for k, _ in headers) and url.netloc:
        headers.append(("Host", url.netloc))
    response = engine.http(request.method, target, headers, _body_bytes(request.body))
    return AWSResponse(
        request.url,
        response.status,
        # botocore-stubs ask for HTTPHeaders; AWSResponse makes a HeadersDict of any mapping.
        response.headers,  # type: ignore[arg-type]
        _RawResponse(response.body),
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
