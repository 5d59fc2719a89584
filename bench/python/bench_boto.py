"""boto3 through ivsrt against the botocore floor, moto, and engine.invoke, in one run.

Four ways to answer the same calls, measured in interleaved rounds so that a busy machine
slows them alike:

- ``engine``: a real boto3 ``ivs-realtime`` client from ``engine.client()`` (the request is
  signed, sent to the engine's HTTP entry in-process, and the response parsed by botocore);
- ``floor``: the same client, but a ``before-send`` handler answers every call with a fixed
  canned response (the body the engine gave for that call): the cost of botocore itself,
  the floor for any in-process emulator;
- ``moto``: moto's nearest equivalent (moto has no ivs-realtime): ``ivs`` get_channel,
  create_channel with tags, list_channels, under ``mock_aws``;
- ``invoke``: ``engine.invoke`` (JSON in, dict out) without boto3.

Per call: the median wall time of single calls, and the CPU time of the process per call
(less sensitive to other processes on the machine). Writes a JSON report.

    python bench/python/bench_boto.py --rounds 5 --calls 400 --out py.json
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import platform
import statistics
import sys
import time
from typing import Any, Callable, Dict, Iterator, List

import boto3
import botocore
from botocore.awsrequest import AWSResponse

import ivsrt

REGION = "us-east-1"
PAGE = 100  # list calls return a page of this many resources


class _Raw(io.BytesIO):
    """The urllib3-like body botocore reads."""

    def stream(self, amt: int = 65536, **_: Any) -> Iterator[bytes]:
        while True:
            chunk = self.read(amt)
            if not chunk:
                return
            yield chunk


def canned_client(bodies: Dict[str, bytes]) -> Any:
    """An ivs-realtime client whose every call is answered by bodies[operation], status 200."""
    client = boto3.session.Session().client(
        "ivs-realtime", region_name=REGION, aws_access_key_id="testing",
        aws_secret_access_key="testing")

    def answer(request: Any, event_name: str, **_: Any) -> AWSResponse:
        body = bodies[event_name.rsplit(".", 1)[1]]
        headers = {"Content-Type": "application/json", "Content-Length": str(len(body)),
                   "x-amzn-RequestId": "00000000-0000-4000-8000-000000000000"}
        return AWSResponse(request.url, 200, headers, _Raw(body))

    client.meta.events.register_first("before-send.ivs-realtime", answer)
    return client


def measure(fn: Callable[[], Any], calls: int) -> Dict[str, Any]:
    walls: List[int] = []
    cpu0 = time.process_time_ns()
    for _ in range(calls):
        t0 = time.perf_counter_ns()
        fn()
        walls.append(time.perf_counter_ns() - t0)
    cpu = time.process_time_ns() - cpu0
    return {"walls": walls, "cpu_ns": cpu, "calls": calls}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--calls", type=int, default=400, help="calls per case per round")
    ap.add_argument("--out", default="-")
    args = ap.parse_args()

    engine = ivsrt.Engine(durability="nosync", seed=1, quotas={"stages": 1_000_000})
    client = engine.client()
    arns = [client.create_stage(name=f"bench-{i}", tags={"suite": "bench"})["stage"]["arn"]
            for i in range(PAGE)]
    arn = arns[0]

    # The canned bodies are exactly what the engine answers for the measured calls.
    bodies = {
        "GetStage": engine.invoke_raw("GetStage", {"arn": arn}),
        "CreateStage": engine.invoke_raw("CreateStage", {"name": "canned", "tags": {"suite": "bench"}}),
        "ListStages": engine.invoke_raw("ListStages", {"maxResults": PAGE}),
    }
    floor = canned_client(bodies)

    from moto import mock_aws
    mock = mock_aws()
    mock.start()
    ivs = boto3.session.Session().client(
        "ivs", region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing")
    channels = [ivs.create_channel(name=f"bench-{i}", tags={"suite": "bench"})["channel"]["arn"]
                for i in range(PAGE)]
    channel = channels[0]

    counter = iter(range(10**9))
    cases: Dict[str, Dict[str, Callable[[], Any]]] = {
        "get": {
            "engine": lambda: client.get_stage(arn=arn),
            "floor": lambda: floor.get_stage(arn=arn),
            "moto": lambda: ivs.get_channel(arn=channel),
            "invoke": lambda: engine.invoke("GetStage", {"arn": arn}),
        },
        "list": {
            "engine": lambda: client.list_stages(maxResults=PAGE),
            "floor": lambda: floor.list_stages(maxResults=PAGE),
            "moto": lambda: ivs.list_channels(maxResults=PAGE),
            "invoke": lambda: engine.invoke("ListStages", {"maxResults": PAGE}),
        },
        "create": {
            "engine": lambda: client.create_stage(name=f"s{next(counter)}", tags={"suite": "bench"}),
            "floor": lambda: floor.create_stage(name=f"s{next(counter)}", tags={"suite": "bench"}),
            "moto": lambda: ivs.create_channel(name=f"c{next(counter)}", tags={"suite": "bench"}),
            "invoke": lambda: engine.invoke("CreateStage", {"name": f"s{next(counter)}", "tags": {"suite": "bench"}}),
        },
    }
    # Sanity: every case answers (and warms botocore's caches).
    for per_impl in cases.values():
        for fn in per_impl.values():
            for _ in range(20):
                fn()

    samples: Dict[str, Dict[str, Dict[str, Any]]] = {
        op: {impl: {"walls": [], "cpu_ns": 0, "calls": 0} for impl in impls}
        for op, impls in cases.items()
    }
    gc.collect()
    for _ in range(args.rounds):
        # create last in each round: moto's list_channels grows with every channel made.
        for op in ("get", "list", "create"):
            for impl, fn in cases[op].items():
                m = measure(fn, args.calls)
                s = samples[op][impl]
                s["walls"] += m["walls"]
                s["cpu_ns"] += m["cpu_ns"]
                s["calls"] += m["calls"]
    mock.stop()

    results: Dict[str, Dict[str, Dict[str, float]]] = {}
    for op, impls in samples.items():
        results[op] = {}
        for impl, s in impls.items():
            walls = sorted(s["walls"])
            results[op][impl] = {
                "median_us": statistics.median(walls) / 1000,
                "p10_us": walls[len(walls) // 10] / 1000,
                "p90_us": walls[len(walls) * 9 // 10] / 1000,
                "cpu_us_per_call": s["cpu_ns"] / s["calls"] / 1000,
                "calls": s["calls"],
            }
    report = {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "boto3": boto3.__version__,
        "botocore": botocore.__version__,
        "moto": __import__("moto").__version__,
        "ivsrt": ivsrt.__version__ if hasattr(ivsrt, "__version__") else ivsrt.library_version(),
        "page": PAGE,
        "rounds": args.rounds,
        "results": results,
    }
    engine.close()
    text = json.dumps(report, indent=2)
    if args.out == "-":
        print(text)
    else:
        with open(args.out, "w") as f:
            f.write(text + "\n")
        for op, impls in results.items():
            print(op, "  ".join(f"{impl}={r['median_us']:.1f}us" for impl, r in impls.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
