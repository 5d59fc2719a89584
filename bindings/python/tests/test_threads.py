"""Threads: one engine from many threads at once; close() while others call in."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, List

import boto3
import pytest

import ivsrt

THREADS = 8
PER_THREAD = 25


def test_concurrent_invoke_and_boto3(ivsrt_engine: ivsrt.Engine) -> None:
    client = ivsrt_engine.client()  # botocore clients are thread-safe

    def work(i: int) -> List[str]:
        arns = []
        for j in range(PER_THREAD):
            if (i + j) % 2:
                arns.append(ivsrt_engine.invoke("CreateStage", {"name": f"t{i}-{j}"})["stage"]["arn"])
            else:
                arns.append(client.create_stage(name=f"t{i}-{j}")["stage"]["arn"])
            ivsrt_engine.invoke("TagResource", {"resourceArn": arns[-1], "tags": {"t": str(i)}})
        return arns

    with ThreadPoolExecutor(THREADS) as pool:
        arns = [a for chunk in pool.map(work, range(THREADS)) for a in chunk]
    assert len(set(arns)) == THREADS * PER_THREAD
    listed, token = [], None
    while True:
        page = client.list_stages(maxResults=100, **({"nextToken": token} if token else {}))
        listed += [s["arn"] for s in page["stages"]]
        token = page.get("nextToken")
        if not token:
            break
    assert sorted(listed) == sorted(arns)


def test_close_while_other_threads_call_in() -> None:
    engine = ivsrt.Engine()
    client = engine.client()
    started = threading.Barrier(THREADS + 1)
    outcomes: List[Any] = [None] * THREADS

    def work(i: int) -> None:
        calls = 0
        started.wait()
        try:
            while True:
                if i % 2:
                    engine.invoke("CreateStage", {})
                else:
                    client.list_stages(maxResults=1)
                calls += 1
        except ivsrt.EngineClosed:
            outcomes[i] = calls
        except BaseException as e:  # anything else is a failure
            outcomes[i] = e

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    started.wait()
    engine.invoke("CreateStage", {})  # the workers are calling by now
    engine.close()
    for t in threads:
        t.join()
    assert all(isinstance(o, int) for o in outcomes), outcomes
    assert engine.closed


def test_close_waits_for_calls_in_flight() -> None:
    # White-box: hold a call "in flight" through the engine's guard and watch close() wait.
    engine = ivsrt.Engine()
    entered, release, closed = threading.Event(), threading.Event(), threading.Event()

    def in_flight() -> None:
        engine._guard.enter()
        try:
            entered.set()
            release.wait(30)
        finally:
            engine._guard.leave()

    def closer() -> None:
        engine.close()
        closed.set()

    holder = threading.Thread(target=in_flight)
    holder.start()
    assert entered.wait(30)
    closing = threading.Thread(target=closer)
    closing.start()
    while not engine.closed:  # close() has begun: it refuses new calls at once ...
        time.sleep(0.001)
    with pytest.raises(ivsrt.EngineClosed):
        engine.invoke("ListStages")
    assert not closed.is_set()  # ... but returns only when the call in flight is done
    release.set()
    holder.join()
    closing.join()
    assert closed.is_set()


def test_mock_from_many_threads_answers_each_call_once() -> None:
    client = boto3.client("ivs-realtime", region_name="us-east-1",
                          aws_access_key_id="k", aws_secret_access_key="s")
    with ivsrt.mock_ivs_realtime() as engine:
        with ThreadPoolExecutor(THREADS) as pool:  # all threads race to the client's first call
            arns = list(pool.map(lambda i: client.create_stage(name=f"m{i}")["stage"]["arn"],
                                 range(THREADS * 4)))
        assert len(set(arns)) == THREADS * 4
        assert len(engine.invoke("ListStages", {"maxResults": 100})["stages"]) == THREADS * 4


def test_a_signal_handler_may_call_in_during_a_call(ivsrt_engine: ivsrt.Engine) -> None:
    """invoke's and http's reused out-parameters are taken per call: a signal handler that
    calls the engine between two bytecodes of another call on the same thread gets its
    own."""
    import signal

    arn = ivsrt_engine.invoke("CreateStage", {"name": "outer"})["stage"]["arn"]
    inner_arn = ivsrt_engine.invoke("CreateStage", {"name": "inner"})["stage"]["arn"]
    inner_names: List[str] = []

    def get_by_http(stage_arn: str) -> str:
        response = ivsrt_engine.http("POST", "/GetStage", {}, json.dumps({"arn": stage_arn}))
        name: str = json.loads(response.body)["stage"]["name"]
        return name

    def handler(signum: int, frame: Any) -> None:
        inner_names.append(ivsrt_engine.invoke("GetStage", {"arn": inner_arn})["stage"]["name"])
        inner_names.append(get_by_http(inner_arn))

    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, 0.0002, 0.0002)
    try:
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            assert ivsrt_engine.invoke("GetStage", {"arn": arn})["stage"]["name"] == "outer"
            assert get_by_http(arn) == "outer"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert inner_names and set(inner_names) == {"inner"}
