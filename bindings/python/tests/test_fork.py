"""fork(): a child that inherits an open engine (multiprocessing's "fork" start method,
a preforking server) opens the store for itself; the parent's engine is untouched."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import ivsrt


def _child(engine: ivsrt.Engine, data_dir: str, arn: str, out: "multiprocessing.Queue[str]") -> None:
    try:
        engine.invoke("GetStage", {"arn": arn})
        out.put("the inherited engine answered")
        return
    except ivsrt.InternalServerException as e:
        if "fork" not in str(e):
            out.put(f"unexpected error: {e}")
            return
    with ivsrt.Engine(data_dir=data_dir) as own:
        own.invoke("CreateStage", {"name": "from-child"})
        out.put(own.invoke("GetStage", {"arn": arn})["stage"]["arn"])


def test_a_forked_child_opens_its_own_engine(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "store")
    ctx = multiprocessing.get_context("fork")
    with ivsrt.Engine(data_dir=data_dir) as engine:
        arn = engine.invoke("CreateStage", {"name": "from-parent"})["stage"]["arn"]
        out = ctx.Queue()
        child = ctx.Process(target=_child, args=(engine, data_dir, arn, out))
        child.start()
        child.join(60)
        assert child.exitcode == 0
        assert out.get(timeout=5) == arn
        names = {s["name"] for s in engine.invoke("ListStages", {})["stages"]}
        assert names == {"from-parent", "from-child"}
