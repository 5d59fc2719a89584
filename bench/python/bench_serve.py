"""`ivsrt serve` over loopback beside moto's ThreadedMotoServer, driven by one load generator.

Both servers are measured in the same run by ``ivsrt_serve_load`` (bench/serve_load.cc: N
kept-alive connections, one thread each, a fixed time), in interleaved rounds so that a busy
machine slows them alike:

- ``ivsrt GetStage`` and ``ivsrt CreateStage``: ``ivsrt serve`` on a fresh nosync store (its
  stage quota raised so that CreateStage never runs out);
- ``moto GetChannel``: moto's server answering ``ivs`` GetChannel, its nearest call (moto has
  no ivs-realtime).

Each case with 1 and 4 connections. Per case, the median over rounds of requests per second
and of each round's p50 and p99 latency. Writes a JSON report.

    python bench/python/bench_serve.py --ivsrt build-bench/cli/ivsrt \\
        --load build-bench/bench/ivsrt_serve_load --rounds 3 --seconds 2 --out serve.json
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import subprocess
import tempfile
from typing import Any, Dict, List

import boto3
import moto
from moto.server import ThreadedMotoServer

READY = re.compile(r"^ivsrt: listening on http://127\.0\.0\.1:(\d+)\n$")
CONNECTIONS = (1, 4)


def start_ivsrt(binary: str, data_dir: str) -> "tuple[subprocess.Popen[str], int]":
    options = json.dumps({"durability": "nosync", "quotas": {"stages": 100_000_000}})
    proc = subprocess.Popen([binary, "--data-dir", data_dir, "serve", "--port", "0",
                             "--engine-options", options], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    m = READY.match(proc.stdout.readline())
    if not m:
        proc.kill()
        raise SystemExit("ivsrt serve printed no ready line")
    return proc, int(m.group(1))


def client(service: str, port: int) -> Any:
    return boto3.client(service, endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def load(binary: str, port: int, connections: int, seconds: float, target: str, body: Any,
         service: str) -> Dict[str, Any]:
    out = subprocess.run(
        [binary, f"--port={port}", f"--connections={connections}", f"--seconds={seconds}",
         f"--target={target}", f"--body={json.dumps(body)}", f"--service={service}"],
        capture_output=True, text=True, timeout=seconds * 10 + 60)
    if out.returncode != 0:
        raise SystemExit(f"ivsrt_serve_load {target} on {port} failed: {out.stdout}{out.stderr}")
    return json.loads(out.stdout)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ivsrt", required=True, help="the ivsrt binary")
    ap.add_argument("--load", required=True, help="the ivsrt_serve_load binary")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as data_dir:
        proc, ivsrt_port = start_ivsrt(args.ivsrt, data_dir)
        # werkzeug logs each request to stderr; that is not moto's work, so it is off.
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        motoserver = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        motoserver.start()
        moto_port = motoserver.get_host_and_port()[1]
        try:
            stage = client("ivs-realtime", ivsrt_port).create_stage(name="bench")["stage"]["arn"]
            channel = client("ivs", moto_port).create_channel(name="bench")["channel"]["arn"]
            cases = {
                "ivsrt GetStage": (ivsrt_port, "/GetStage", {"arn": stage}, "ivs"),
                "ivsrt CreateStage": (ivsrt_port, "/CreateStage", {"name": "b"}, "ivs"),
                "moto GetChannel": (moto_port, "/GetChannel", {"arn": channel}, "ivs"),
            }
            runs: Dict[str, List[Dict[str, Any]]] = {}
            for _ in range(args.rounds):
                for name, (port, target, body, service) in cases.items():
                    for n in CONNECTIONS:
                        runs.setdefault(f"{name}/{n}", []).append(
                            load(args.load, port, n, args.seconds, target, body, service))
        finally:
            proc.terminate()
            proc.wait(timeout=60)
            motoserver.stop()

    results = {
        key: {
            "connections": rs[0]["connections"],
            "per_second": statistics.median(r["per_second"] for r in rs),
            "p50_us": statistics.median(r["p50_us"] for r in rs),
            "p99_us": statistics.median(r["p99_us"] for r in rs),
            "requests": sum(r["requests"] for r in rs),
            "reconnects": sum(r["reconnects"] for r in rs),
        } for key, rs in runs.items()
    }
    with open(args.out, "w") as f:
        json.dump({"rounds": args.rounds, "seconds": args.seconds, "moto": moto.__version__,
                   "results": results, "runs": runs}, f, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
