"""`ivsrt serve` driven by real clients over a socket: boto3 with endpoint_url, the AWS CLI,
raw HTTP; the golden cases replayed through boto3; test control; the body limit;
timeouts; SIGTERM; concurrency."""
import datetime as dt
import http.client
import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "golden"))
from replay import CASES, Failure, boto3_call, run_steps, wire_form  # noqa: E402

READY = re.compile(r"^ivsrt: listening on (http://(127\.0\.0\.1|0\.0\.0\.0):(\d+))\n$")
MiB = 1 << 20
# What a SigV4 signer adds; the server checks that a signature is there, not that it is right.
SIGNED = {"Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260102/us-east-1/ivs/"
                           "aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
          "X-Amz-Date": "20260102T030405Z"}
SIGNED_LINES = b"".join(b"%s: %s\r\n" % (k.encode(), v.encode()) for k, v in SIGNED.items())


class Server:
    """`ivsrt serve --port 0` on its own store, started once its ready line is read."""

    def __init__(self, cli, data_dir, *args):
        self.proc = subprocess.Popen(
            [cli.binary, "--data-dir", str(data_dir), "serve", "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli.env)
        ready, _, _ = select.select([self.proc.stdout], [], [], 60)
        line = self.proc.stdout.readline() if ready else ""
        m = READY.match(line)
        if not m:
            self.proc.kill()
            raise AssertionError(f"no ready line: {line!r} {self.proc.communicate()[1]}")
        self.url = m.group(1)
        self.port = int(m.group(3))
        self.clients = []

    def stop(self, sig=signal.SIGTERM):
        """Signals the server and waits for it: (exit status, stdout after the ready line,
        stderr). Closes the clients first: the server waits for idle kept-alive
        connections to time out."""
        for client in self.clients:
            client.close()
        self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=60)
        return self.proc.returncode, out, err

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def request(self, method, target, body=None, headers=None, signed=True):
        conn = self.connection()
        try:
            conn.request(method, target, body=body,
                         headers={**(SIGNED if signed else {}), **(headers or {})})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def client(self, region="us-east-1", **config):
        client = boto3.client(
            "ivs-realtime", endpoint_url=self.url, region_name=region,
            aws_access_key_id="testing", aws_secret_access_key="testing",
            config=Config(retries={"max_attempts": 1, "mode": "standard"}, **config))
        self.clients.append(client)
        return client


@pytest.fixture(autouse=True)
def hermetic_aws(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
def server(cli):
    s = Server(cli, cli.data_dir)
    yield s
    if s.proc.poll() is None:
        code, _, err = s.stop()
        assert code == 0, err
        assert err == ""


# ---- the command and its ready line ---------------------------------------------------------

def test_help_lists_serve_and_describes_it(cli):
    assert "o serve " in cli.ok("help").out
    out = cli.ok("serve", "help").out
    for flag in ("--host", "--port", "--engine-options", "/_ivsrt/"):
        assert flag in out


def test_ready_line_names_a_port_that_answers(server):
    status, headers, body = server.request("GET", "/_ivsrt/health")
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    health = json.loads(body)
    assert health["status"] == "ok" and re.match(r"^\d+\.\d+\.\d+$", health["version"])


def test_usage_and_listen_errors(cli, server):
    assert cli.run("serve", "--port", "65536").code == 252
    assert cli.run("serve", "--port", "0", "--engine-options", "[]").code == 252
    assert cli.run("serve", "--port", "0", "--engine-options", '{"region": "x"}').code == 252
    bad_option = cli.run("serve", "--port", "0", "--engine-options", '{"bogus": 1}')
    assert bad_option.code == 253 and "bogus" in bad_option.err
    # The port is taken: no second server shares it.
    taken = cli.run("serve", "--port", str(server.port), timeout=30)
    assert taken.code == 253
    assert f"cannot listen on http://127.0.0.1:{server.port}" in taken.err
    assert server.request("GET", "/_ivsrt/health")[0] == 200


def test_a_host_that_is_not_loopback_is_warned_about(cli, tmp_path):
    s = Server(cli, tmp_path / "any", "--host", "0.0.0.0")
    assert s.request("GET", "/_ivsrt/health")[0] == 200
    code, _, err = s.stop()
    assert code == 0
    assert "ivsrt: warning: 0.0.0.0 is not a loopback address" in err


# ---- boto3 and the AWS CLI -----------------------------------------------------------------

def test_boto3_creates_gets_lists_and_tags(server):
    ivs = server.client()
    created = ivs.create_stage(name="s1", tags={"team": "video"},
                               participantTokenConfigurations=[{"userId": "alice"}])
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200
    arn = created["stage"]["arn"]
    assert re.match(r"^arn:aws:ivs:us-east-1:123456789012:stage/[a-zA-Z0-9]{12}$", arn)
    assert created["participantTokens"][0]["userId"] == "alice"
    assert ivs.get_stage(arn=arn)["stage"]["name"] == "s1"
    assert [s["arn"] for s in ivs.list_stages()["stages"]] == [arn]
    ivs.tag_resource(resourceArn=arn, tags={"env": "dev"})
    assert ivs.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "video", "env": "dev"}
    ivs.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert ivs.list_tags_for_resource(resourceArn=arn)["tags"] == {"env": "dev"}
    token = ivs.create_participant_token(stageArn=arn, userId="bob")["participantToken"]
    assert isinstance(token["expirationTime"], dt.datetime)


def test_boto3_gets_aws_errors_as_typed_exceptions(server):
    ivs = server.client()
    with pytest.raises(ivs.exceptions.ValidationException) as info:
        ivs.create_stage(name="has space")
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "name" in info.value.response["Error"]["Message"]
    with pytest.raises(ivs.exceptions.ResourceNotFoundException):
        ivs.get_stage(arn="arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh")


def test_the_region_comes_from_the_signature(server):
    west = server.client(region="eu-west-1")
    arn = west.create_stage(name="w")["stage"]["arn"]
    assert arn.startswith("arn:aws:ivs:eu-west-1:")
    assert server.client().list_stages()["stages"] == []


def aws_cli(server, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
               AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE=os.devnull,
               AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_EC2_METADATA_DISABLED="true",
               AWS_PAGER="")
    return subprocess.run([sys.executable, "-m", "awscli", "--endpoint-url", server.url,
                           "ivs-realtime", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_the_aws_cli(server):
    for name in ("a", "b"):
        r = aws_cli(server, "create-stage", "--name", name, "--tags", "k=v")
        assert r.returncode == 0, r.stderr
    r = aws_cli(server, "list-stages", "--query", "stages[].name", "--output", "text")
    assert r.returncode == 0, r.stderr
    assert sorted(r.stdout.split()) == ["a", "b"]
    missing = aws_cli(server, "get-stage", "--arn",
                      "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh")
    assert missing.returncode == 255  # the AWS CLI v1's status for a service error
    assert "An error occurred (ResourceNotFoundException) when calling the GetStage operation" \
        in missing.stderr


def test_the_aws_cli_pages_with_max_results_and_next_token(server):
    ivs = server.client()
    names = [f"p{i}" for i in range(5)]
    for name in names:
        ivs.create_stage(name=name)
    pages, token = [], None
    while True:
        r = aws_cli(server, "list-stages", "--max-results", "2",
                    *(["--next-token", token] if token else []))
        assert r.returncode == 0, r.stderr
        page = json.loads(r.stdout)
        pages.append([s["name"] for s in page["stages"]])
        token = page.get("nextToken")
        if not token:
            break
    assert pages == [names[0:2], names[2:4], names[4:]]
    forged = aws_cli(server, "list-stages", "--next-token", "forged")
    assert forged.returncode == 255
    assert "(ValidationException) when calling the ListStages operation" in forged.stderr


def test_the_aws_cli_tags(server):
    arn = server.client().create_stage(name="tagged")["stage"]["arn"]
    assert aws_cli(server, "tag-resource", "--resource-arn", arn,
                   "--tags", "env=dev,team=video").returncode == 0
    r = aws_cli(server, "list-tags-for-resource", "--resource-arn", arn,
                "--query", "tags.env", "--output", "text")
    assert (r.returncode, r.stdout) == (0, "dev\n"), r.stderr
    assert aws_cli(server, "untag-resource", "--resource-arn", arn,
                   "--tag-keys", "env").returncode == 0
    assert server.client().list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "video"}


# ---- the golden cases, through boto3 over the socket ---------------------------------------

def golden_surface(server):
    def raw(method, target, body):
        status, headers, data = server.request(
            method, target, body, {"Content-Type": "application/json"})
        if status != 200:
            raise Failure(headers.get("x-amzn-ErrorType", "").split(":")[0], status)
        return json.loads(data or b"{}")

    def fallback(op, request):
        if op.startswith("ivsrt:"):
            return raw("POST", "/_ivsrt/" + op[len("ivsrt:"):], json.dumps(request))
        return raw(*wire_form(op, request))

    return boto3_call(server.client(parameter_validation=False), fallback)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_through_boto3_over_the_socket(cli, tmp_path, path):
    case = json.loads(path.read_text())
    s = Server(cli, tmp_path / "golden", "--engine-options", json.dumps(case.get("options", {})))
    try:
        run_steps(path, case, golden_surface(s))
    finally:
        code, _, err = s.stop()
    assert code == 0, err


# ---- test control ---------------------------------------------------------------------------

def test_test_control_over_http(server):
    ivs = server.client()
    ivs.create_stage(name="gone-after-reset")
    status, headers, body = server.request("POST", "/_ivsrt/Reset", b"{}")
    assert (status, json.loads(body)) == (200, {})
    assert ivs.list_stages()["stages"] == []

    status, _, body = server.request("POST", "/_ivsrt/SetClock",
                                     json.dumps({"time": "2026-01-02T03:04:05Z"}))
    assert (status, json.loads(body)["time"]) == (200, "2026-01-02T03:04:05Z")
    stage = ivs.create_stage(name="s")["stage"]
    token = ivs.create_participant_token(stageArn=stage["arn"], duration=1)["participantToken"]
    status, _, body = server.request("POST", "/_ivsrt/AdvanceClock", b'{"seconds": 61}')
    assert status == 200
    status, _, body = server.request("POST", "/_ivsrt/VerifyParticipantToken",
                                     json.dumps({"token": token["token"]}))
    assert status == 200
    assert json.loads(body)["reason"] == "expired"

    status, headers, body = server.request("POST", "/_ivsrt/NoSuchThing", b"{}")
    assert status == 404 and headers["x-amzn-ErrorType"] == "UnknownOperationException"
    assert set(json.loads(body)) == {"exceptionMessage", "message"}
    status, headers, _ = server.request("POST", "/_ivsrt/SetClock", b'{"time": "yesterday"}')
    assert status == 400 and headers["x-amzn-ErrorType"] == "ValidationException"
    assert server.request("GET", "/_ivsrt/Reset")[0] == 405
    assert server.request("POST", "/_ivsrt/health")[0] == 405


def test_ivsrt_http_still_refuses_test_control_names(server):
    status, headers, _ = server.request("POST", "/ivsrt:Reset", b"{}")
    assert status == 404 and headers["x-amzn-ErrorType"] == "UnknownOperationException"


# ---- unsigned requests are refused as API Gateway refuses them ------------------------------

def test_a_request_without_a_signature_is_refused(server):
    status, headers, body = server.request("POST", "/ListStages", b"{}", signed=False)
    assert status == 403
    assert headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
    assert json.loads(body) == {"message": "Missing Authentication Token"}
    # Whatever the path: the front end refuses before any route is looked up.
    assert server.request("GET", "/nowhere", signed=False)[0] == 403
    # Test control is ivsrt's own, not an AWS route.
    assert server.request("GET", "/_ivsrt/health", signed=False)[0] == 200

    status, headers, body = server.request(
        "POST", "/ListStages", b"{}", {"Authorization": "Bearer abc"}, signed=False)
    assert (status, headers["x-amzn-ErrorType"]) == (403, "IncompleteSignatureException")
    assert json.loads(body)["message"] == (
        "Authorization header requires 'Credential' parameter. Authorization header requires "
        "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
        "Authorization=Bearer abc")
    no_credential = {**SIGNED, "Authorization": "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=0"}
    status, headers, body = server.request("POST", "/CreateStage", b"{}", no_credential,
                                           signed=False)
    assert (status, headers["x-amzn-ErrorType"]) == (403, "IncompleteSignatureException")
    assert json.loads(body)["message"].startswith(
        "Authorization header requires 'Credential' parameter. Authorization=")
    assert server.client().list_stages()["stages"] == []


def test_boto3_unsigned_gets_the_missing_token_error(server):
    from botocore import UNSIGNED
    ivs = server.client(signature_version=UNSIGNED)
    with pytest.raises(ivs.exceptions.ClientError) as info:
        ivs.create_stage(name="nope")
    error = info.value.response
    assert error["Error"]["Code"] == "MissingAuthenticationTokenException"
    assert error["Error"]["Message"] == "Missing Authentication Token"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert server.client().list_stages()["stages"] == []


# ---- bounds on the request head -------------------------------------------------------------

def exchange(server, data):
    """Sends `data` on a new connection without closing it, and reads until the server closes:
    an answer that comes before the client is done was given without the rest."""
    sock = socket.create_connection(("127.0.0.1", server.port))
    sock.settimeout(30)
    try:
        sock.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        pass
    response = b""
    try:
        while chunk := sock.recv(65536):
            response += chunk
    except ConnectionResetError:
        pass
    sock.close()
    return response


def signed_get(target, extra=b""):
    return b"GET %s HTTP/1.1\r\nHost: x\r\n%s%s\r\n" % (target, SIGNED_LINES, extra)


def test_a_request_line_over_8190_bytes_is_414(server):
    path = b"/tags/" + b"a" * (8190 - len(b"GET /tags/ HTTP/1.1"))
    assert len(b"GET %s HTTP/1.1" % path) == 8190
    at_limit = exchange(server, signed_get(path, b"Connection: close\r\n"))
    assert at_limit.startswith(b"HTTP/1.1 400 "), at_limit[:200]  # the engine's, not the bound's
    over = exchange(server, signed_get(path + b"a"))
    assert over.startswith(b"HTTP/1.1 414 URI Too Long\r\n"), over[:200]
    assert b"Connection: close\r\n" in over
    assert json.loads(over.split(b"\r\n\r\n", 1)[1])["message"] == (
        "request line: must be at most 8190 bytes")
    # A line that never ends is judged at 8192 bytes, without waiting for more.
    endless = exchange(server, b"GET /" + b"a" * 100000)
    assert endless.startswith(b"HTTP/1.1 414 "), endless[:200]


def test_header_fields_over_their_bounds_are_431(server):
    def fields(n, size=1):
        return b"".join(b"X-%d: %s\r\n" % (i, b"v" * size) for i in range(n))

    closing = b"Connection: close\r\n"
    ok = exchange(server, signed_get(b"/_ivsrt/health", fields(100 - 4) + closing))
    assert ok.startswith(b"HTTP/1.1 200 OK\r\n"), ok[:200]
    for head in (signed_get(b"/_ivsrt/health", fields(100 - 2)),   # 101 fields
                 signed_get(b"/_ivsrt/health", b"X-Big: " + b"v" * 8184 + b"\r\n"),
                 signed_get(b"/_ivsrt/health", fields(3, 4000)),  # line and values over 10,240
                 # a head that never ends: answered once 32 KiB are read
                 b"GET / HTTP/1.1\r\n" + b"%s:\r\n" % (b"n" * 1000) * 60):
        response = exchange(server, head)
        assert response.startswith(b"HTTP/1.1 431 Request Header Fields Too Large\r\n"), \
            response[:200]
        assert b"at most 100 fields" in response
    assert server.request("GET", "/_ivsrt/health")[0] == 200


# ---- HTTP: keep-alive, the body limit, timeouts --------------------------------------------

def create_request(name, padding=0):
    return json.dumps({"name": name}).encode() + b" " * padding


def test_keep_alive_serves_many_requests_on_one_connection(server):
    conn = server.connection()
    for i in range(20):
        conn.request("POST", "/CreateStage", body=create_request(f"k{i}"), headers=SIGNED)
        response = conn.getresponse()
        assert response.status == 200
        response.read()
    sock = conn.sock
    conn.request("POST", "/ListStages", body=b'{"maxResults": 100}', headers=SIGNED)
    response = conn.getresponse()
    assert len(json.loads(response.read())["stages"]) == 20
    assert conn.sock is sock, "the connection was kept"
    conn.close()


def test_bodies_over_the_engines_limit_are_413(server):
    conn = server.connection()
    exact = create_request("at-limit", MiB - len(create_request("at-limit")))
    assert len(exact) == MiB
    conn.request("POST", "/CreateStage", body=exact, headers=SIGNED)
    response = conn.getresponse()
    assert response.status == 200, response.read()
    response.read()

    conn.request("POST", "/CreateStage", body=create_request("over", MiB), headers=SIGNED)
    response = conn.getresponse()
    assert response.status == 413
    assert "at most 1048576 bytes" in json.loads(response.read())["message"]
    # The same connection goes on: the body was dropped, not left in the stream.
    conn.request("POST", "/ListStages", body=b"{}", headers=SIGNED)
    response = conn.getresponse()
    assert [s["name"] for s in json.loads(response.read())["stages"]] == ["at-limit"]

    chunks = (b"{" + b" " * (64 * 1024) for _ in range(20))
    conn.request("POST", "/CreateStage", body=chunks, encode_chunked=True, headers=SIGNED)
    response = conn.getresponse()
    assert response.status == 413
    response.read()
    conn.close()

    status, _, _ = server.request("POST", "/CreateStage", b"--x--",
                                  {"Content-Type": "multipart/form-data; boundary=x"})
    assert status == 415
    assert len(server.client().list_stages()["stages"]) == 1


def test_idle_and_stalled_clients_are_disconnected(server):
    idle = socket.create_connection(("127.0.0.1", server.port))
    stalled = socket.create_connection(("127.0.0.1", server.port))
    stalled.sendall(b"POST /CreateStage HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{")
    for sock in (idle, stalled):
        sock.settimeout(60)
        data = b""
        while chunk := sock.recv(4096):
            data += chunk
        assert b"200 OK" not in data
        sock.close()
    assert server.client().list_stages()["stages"] == []


# ---- lifecycle and concurrency --------------------------------------------------------------

def test_sigterm_finishes_the_request_in_flight_and_keeps_every_write(cli):
    s = Server(cli, cli.data_dir)
    ivs = s.client()
    arns = {ivs.create_stage(name=f"w{i}")["stage"]["arn"] for i in range(5)}
    ivs.close()  # else the server waits for its idle connection to time out
    body = create_request("in-flight")
    in_flight = socket.create_connection(("127.0.0.1", s.port))
    in_flight.settimeout(30)
    in_flight.sendall(b"POST /CreateStage HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n"
                      b"Expect: 100-continue\r\n%s\r\n" % (len(body), SIGNED_LINES))
    # The server has taken the request and waits for its body.
    assert in_flight.recv(4096) == b"HTTP/1.1 100 Continue\r\n\r\n"
    in_flight.sendall(body[:5])
    s.proc.send_signal(signal.SIGTERM)
    # Stopped accepting: the signal was taken while the request was in flight.
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", s.port), timeout=1).close()
        except (ConnectionRefusedError, ConnectionResetError):  # reset: queued, then closed
            break
        assert time.monotonic() < deadline, "still accepting after SIGTERM"
    in_flight.sendall(body[5:])
    response = b""
    while chunk := in_flight.recv(4096):
        response += chunk
    assert response.startswith(b"HTTP/1.1 200 OK\r\n"), response
    code, out, err = s.proc.wait(timeout=60), s.proc.stdout.read(), s.proc.stderr.read()
    assert (code, out, err) == (0, "", "")
    listed = cli.json("--data-dir", cli.data_dir, "list-stages")["stages"]
    assert {st["arn"] for st in listed} >= arns
    assert sorted(st["name"] for st in listed) == ["in-flight", "w0", "w1", "w2", "w3", "w4"]


def test_sigterm_closes_idle_kept_alive_connections_at_once(cli):
    s = Server(cli, cli.data_dir)
    idle = s.connection()
    idle.request("GET", "/_ivsrt/health")
    assert idle.getresponse().read()
    s.proc.send_signal(signal.SIGTERM)
    # Well within the 5 s a kept-alive connection may idle.
    assert s.proc.wait(timeout=3) == 0
    idle.close()


def test_sigint_exits_0(cli):
    s = Server(cli, cli.data_dir)
    assert s.stop(signal.SIGINT) == (0, "", "")


def list_names(ivs):
    names, token = [], None
    while True:
        page = ivs.list_stages(maxResults=100, **({"nextToken": token} if token else {}))
        names += [s["name"] for s in page["stages"]]
        token = page.get("nextToken")
        if not token:
            return names


def test_two_servers_and_the_cli_share_one_store(cli):
    a, b = Server(cli, cli.data_dir), Server(cli, cli.data_dir)
    assert a.port != b.port
    via_a, via_b = a.client(), b.client()
    arn_a = via_a.create_stage(name="via-a")["stage"]["arn"]
    arn_b = via_b.create_stage(name="via-b")["stage"]["arn"]
    assert via_b.get_stage(arn=arn_a)["stage"]["name"] == "via-a"
    assert via_a.get_stage(arn=arn_b)["stage"]["name"] == "via-b"
    via_a.tag_resource(resourceArn=arn_b, tags={"by": "a"})
    assert via_b.list_tags_for_resource(resourceArn=arn_b)["tags"] == {"by": "a"}
    # The command line writes to the store while both serve it.
    arn_cli = cli.json("create-stage", "--name", "via-cli")["stage"]["arn"]
    assert via_a.get_stage(arn=arn_cli)["stage"]["name"] == "via-cli"
    via_b.delete_stage(arn=arn_a)

    # Writes through both at once, four clients each.
    errors = []
    ivs_of = [s.client() for s in (a, b) for _ in range(4)]

    def create(n):
        try:
            for i in range(10):
                ivs_of[n].create_stage(name=f"s{n}-{i}")
        except Exception as e:  # reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=create, args=(n,)) for n in range(len(ivs_of))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    expected = sorted(["via-b", "via-cli"] + [f"s{n}-{i}" for n in range(8) for i in range(10)])
    assert sorted(list_names(via_a)) == sorted(list_names(via_b)) == expected
    for s in (a, b):
        code, _, err = s.stop()
        assert (code, err) == (0, "")
    listed = cli.json("list-stages", "--max-results", "100")["stages"]
    assert sorted(st["name"] for st in listed) == expected


def test_eight_concurrent_boto3_clients_lose_nothing(server):
    clients, per_client = 8, 25
    errors = []
    start = threading.Barrier(clients)

    ivs_of = [server.client() for _ in range(clients)]  # boto3.client() is not thread-safe

    def create(n):
        try:
            ivs = ivs_of[n]
            start.wait()
            for i in range(per_client):
                ivs.create_stage(name=f"c{n}-{i}", tags={"client": str(n)})
        except Exception as e:  # reported below, with the thread's own traceback text
            errors.append(repr(e))

    threads = [threading.Thread(target=create, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    names = list_names(server.client())
    assert sorted(names) == sorted(f"c{n}-{i}" for n in range(clients) for i in range(per_client))
