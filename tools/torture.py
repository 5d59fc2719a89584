#!/usr/bin/env python3
"""Torture the store as a hostile user would, then check that nothing acknowledged was lost.

For --seconds, on one shared data_dir, at once:
  * writers, half `sync` and half `nosync`, create stages with 50 large tags (120-char keys,
    256-char values), overwrite tag values and delete some of their own stages; each reports
    an acknowledged write (create, delete, tag value) to the parent through a pipe only after
    the call returned. Once --keep stages exist (about 25 KB each: the store outgrows the
    64 MiB map a new opener starts with), writers also delete the stages of killed writers,
    so that the store stays small enough to list whole;
  * readers with many threads page through ListStages (each listing must have no duplicate)
    and GetStage what they listed;
  * openers with several threads open and close engines in both durabilities;
  * the parent SIGKILLs a random child every 50-300 ms and starts a replacement, and samples
    the reader table (`mdb_stat -r`, Debian package lmdb-utils) and the size of data.mdb.

Then it stops every child (SIGTERM, SIGKILL after a grace period) and a fresh process checks
the store: every acknowledged create is there unless its delete was acknowledged (or was
begun), no acknowledged delete came back, every tag holds its last acknowledged value or a
later one from the same writer, and two paged listings agree and have no duplicate.

It fails (exit 1) when any child died of a signal the parent did not send (SIGBUS,
SIGSEGV, ...), exited on its own or reported an error (any exception but the expected
NotFound, e.g. InternalServerException or MDB_* in a message), when data.mdb ever shrank,
when the reader table ever held half its 1,024 slots, or held any slot once every process
had ended, or when a check above fails.

Run (the installed `ivsrt` Python binding and `mdb_stat` are needed; the directory must not
exist yet or be empty):
    python3 tools/torture.py --seconds 600 --dir /tmp/torture
Children write their stderr to <dir>.log; the acknowledged writes are left in
<dir>.ledger.json.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

PIPE_FD = 3  # the report pipe, as children see it
TAG_COUNT = 50
KEY_LEN = 120
VALUE_LEN = 256
MAX_READERS = 1024  # core/store/store.cc kMaxReaders
SLOT_LIMIT = MAX_READERS // 2
GRACE_SECONDS = 15.0
ORPHANS_PER_WRITER = 200


# -- children -------------------------------------------------------------------------------

_stop = threading.Event()


def report(kind: str, **fields: object) -> None:
    """One JSON line to the parent; one write under PIPE_BUF, so lines never interleave."""
    line = json.dumps({"k": kind, **fields}).encode()[:4000] + b"\n"
    os.write(PIPE_FD, line)


def fail(exc: BaseException) -> None:
    """Reports an unexpected error and ends the child at once, whatever thread calls it."""
    try:
        report("error", msg=f"{type(exc).__name__}: {exc}"[:3500])
    finally:
        os._exit(1)


def tag_key(i: int) -> str:
    return f"{i:03d}".ljust(KEY_LEN, "k")


def tag_value(child: int, seq: int) -> str:
    return f"{child}.{seq}.".ljust(VALUE_LEN, "v")


def parse_value(value: str) -> tuple[int, int]:
    child, seq, _ = value.split(".", 2)
    return int(child), int(seq)


def writer(ivsrt, data_dir: str, child: int, durability: str, orphans: list[str]) -> None:
    """Creates stages and overwrites tag values of its own, and deletes its own stages and the
    orphans (stages of dead writers) the parent handed it, as fast as it can."""
    engine = ivsrt.Engine(data_dir=data_dir, durability=durability, quotas={"stages": 10**8})
    own: list[str] = []
    seq = 0
    while not _stop.is_set():
        roll = random.random()
        if roll < 0.3 or not own:
            tags = {tag_key(i): tag_value(child, 0) for i in range(TAG_COUNT)}
            name = f"w{child}-{len(own)}"
            arn = engine.invoke("CreateStage", {"name": name, "tags": tags})["stage"]["arn"]
            own.append(arn)
            report("create", arn=arn, child=child)
        elif roll < 0.7 or not (orphans or len(own) > 5):
            seq += 1
            arn = random.choice(own)
            keys = random.sample(range(TAG_COUNT), random.randint(1, 5))
            tags = {tag_key(i): tag_value(child, seq) for i in keys}
            engine.invoke("TagResource", {"resourceArn": arn, "tags": tags})
            report("tag", arn=arn, keys=keys, seq=seq)
        else:
            arn = orphans.pop() if orphans else own.pop(random.randrange(len(own)))
            report("deleting", arn=arn)  # a kill from here on may or may not delete it
            engine.invoke("DeleteStage", {"arn": arn})
            report("deleted", arn=arn)
    engine.close()


def list_all(engine, page_size: int) -> list[str] | None:
    """Every stage ARN by paged ListStages, in the order given; None when told to stop."""
    arns: list[str] = []
    token = None
    while not _stop.is_set():
        request: dict = {"maxResults": page_size}
        if token:
            request["nextToken"] = token
        page = engine.invoke("ListStages", request)
        arns.extend(s["arn"] for s in page["stages"])
        token = page.get("nextToken")
        if not token:
            return arns
    return None


def duplicates(arns: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({a for a in arns if a in seen or seen.add(a)})


def reader_thread(ivsrt, engine) -> None:
    try:
        while not _stop.is_set():
            arns = list_all(engine, random.choice((10, 50, 100)))
            if arns is None:
                return
            dup = duplicates(arns)
            if dup:
                raise AssertionError(f"listing of {len(arns)} has duplicates {dup[:3]}")
            report("listing", n=len(arns))
            for arn in random.sample(arns, min(20, len(arns))):
                try:
                    engine.invoke("GetStage", {"arn": arn})
                except ivsrt.ResourceNotFoundException:
                    pass  # deleted since it was listed
    except BaseException as exc:  # noqa: BLE001 - any failure is the finding
        fail(exc)


def reader(ivsrt, data_dir: str, threads: int) -> None:
    """Many threads on one engine, listing and getting stages."""
    engine = ivsrt.Engine(data_dir=data_dir, durability=random.choice(("sync", "nosync")))
    run_threads(lambda: reader_thread(ivsrt, engine), threads)
    engine.close()


def opener_thread(ivsrt, data_dir: str) -> None:
    try:
        while not _stop.is_set():
            mode = random.choice(("sync", "nosync"))
            with ivsrt.Engine(data_dir=data_dir, durability=mode) as engine:
                engine.invoke("ListStages", {"maxResults": 1})
    except BaseException as exc:  # noqa: BLE001
        fail(exc)


def opener(ivsrt, data_dir: str, threads: int) -> None:
    """Several threads opening and closing engines on the same data_dir."""
    run_threads(lambda: opener_thread(ivsrt, data_dir), threads)


def run_threads(target, count: int) -> None:
    workers = [threading.Thread(target=target, daemon=True) for _ in range(count)]
    for w in workers:
        w.start()
    while any(w.is_alive() for w in workers):
        for w in workers:
            w.join(0.1)  # short joins, so that the SIGTERM handler runs


def child_main(args: argparse.Namespace) -> None:
    signal.signal(signal.SIGTERM, lambda *_: _stop.set())
    try:
        import ivsrt

        if args.child == "writer":
            with open(args.orphans) as f:
                orphans = f.read().split()
            writer(ivsrt, args.dir, args.id, args.durability, orphans)
        elif args.child == "reader":
            reader(ivsrt, args.dir, args.threads)
        elif args.child == "opener":
            opener(ivsrt, args.dir, args.threads)
        elif args.child == "verify":
            print(json.dumps(verify(ivsrt, args.dir, args.ledger)))
    except BaseException as exc:  # noqa: BLE001
        if args.child == "verify":
            raise
        fail(exc)


# -- the final check, in a fresh process ----------------------------------------------------


def check_tags(stage: dict, creator: int, acked: dict) -> list[str]:
    """Each tag must hold its last acknowledged value or a later one of the same writer."""
    problems = []
    for i in range(TAG_COUNT):
        value = stage.get("tags", {}).get(tag_key(i))
        want = acked.get(str(i), 0)
        if value is None:
            problems.append(f"{stage['arn']} tag {i} missing (acknowledged seq {want})")
            continue
        child, seq = parse_value(value)
        if child != creator or seq < want:
            problems.append(f"{stage['arn']} tag {i} = {child}.{seq}, acknowledged {want}")
    return problems


def verify(ivsrt, data_dir: str, ledger_path: str) -> dict:
    with open(ledger_path) as f:
        ledger = json.load(f)
    deleting, deleted = set(ledger["deleting"]), set(ledger["deleted"])
    result: dict = {"lost": [], "resurrected": [], "tags": [], "listing": []}
    with ivsrt.Engine(data_dir=data_dir) as engine:
        listings = [list_all(engine, 100), list_all(engine, 37)]
        for arns in listings:
            dup = duplicates(arns)
            if dup:
                result["listing"].append(f"{len(dup)} duplicates, e.g. {dup[:3]}")
        if listings[0] != listings[1]:
            result["listing"].append("listings by 100 and by 37 differ")
        listed = set(listings[0])
        result["stages"] = len(listed)
        for arn, creator in ledger["created"].items():
            try:
                stage = engine.invoke("GetStage", {"arn": arn})["stage"]
            except ivsrt.ResourceNotFoundException:
                stage = None
            if arn in deleted:
                if stage is not None or arn in listed:
                    result["resurrected"].append(arn)
            elif stage is None:
                if arn not in deleting:
                    result["lost"].append(arn)
            else:
                if arn not in listed:
                    result["listing"].append(f"{arn} exists but is not listed")
                result["tags"].extend(check_tags(stage, creator, ledger["tags"].get(arn, {})))
    return result


# -- the parent -----------------------------------------------------------------------------


class Ledger:
    """What children acknowledged, filled from the report pipe by a thread of its own.

    It also keeps the orphans: stages whose writer is dead, no delete begun, and not handed
    to a live writer. The parent writes an "ended" line for each child it reaps; the pipe
    keeps order, so at that line every report of the child has been taken.
    """

    def __init__(self, read_fd: int) -> None:
        self.lock = threading.Lock()
        self.created: dict[str, int] = {}
        self.created_by: dict[int, list[str]] = {}
        self.orphans: set[str] = set()
        self.handed: dict[int, list[str]] = {}
        self.deleting: set[str] = set()
        self.deleted: set[str] = set()
        self.tags: dict[str, dict[str, int]] = {}
        self.tag_writes = 0
        self.listings = 0
        self.errors: list[str] = []
        self._fd = read_fd
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        pending = b""
        while chunk := os.read(self._fd, 1 << 16):
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                with self.lock:
                    self._take(json.loads(line))

    def _take(self, msg: dict) -> None:
        kind = msg["k"]
        if kind == "create":
            self.created[msg["arn"]] = msg["child"]
            self.created_by.setdefault(msg["child"], []).append(msg["arn"])
        elif kind == "ended":
            for arn in self.created_by.pop(msg["child"], []) + self.handed.pop(msg["child"], []):
                if arn not in self.deleting:
                    self.orphans.add(arn)
        elif kind == "tag":
            for key in msg["keys"]:
                self.tags.setdefault(msg["arn"], {})[str(key)] = msg["seq"]
            self.tag_writes += len(msg["keys"])
        elif kind == "deleting":
            self.deleting.add(msg["arn"])
        elif kind == "deleted":
            self.deleted.add(msg["arn"])
        elif kind == "listing":
            self.listings += 1
        elif kind == "error":
            self.errors.append(msg["msg"])

    def hand(self, child: int, count: int, keep: int) -> list[str]:
        """Up to count orphans for a new writer to delete, while more than keep stages live."""
        with self.lock:
            live = len(self.created) - len(self.deleted)
            promised = sum(len(arns) for arns in self.handed.values())
            count = min(count, len(self.orphans), live - promised - keep)
            arns = [self.orphans.pop() for _ in range(max(0, count))]
            self.handed[child] = arns
            return arns

    def finish(self) -> None:
        """Waits for EOF: call once every write end is closed."""
        self._thread.join()

    def dump(self, path: str) -> None:
        with open(path, "w") as f:
            json.dump(
                {
                    "created": self.created,
                    "deleting": sorted(self.deleting),
                    "deleted": sorted(self.deleted),
                    "tags": self.tags,
                },
                f,
            )


class Child:
    def __init__(self, serial: int, role: str, argv: list[str], pid: int) -> None:
        self.serial, self.role, self.argv, self.pid = serial, role, argv, pid
        self.signal_sent: int | None = None
        self.status: int | None = None  # the raw waitpid status

    def describe(self) -> str:
        if os.WIFSIGNALED(self.status):
            how = f"signal {signal.Signals(os.WTERMSIG(self.status)).name}"
        else:
            how = f"exit {os.WEXITSTATUS(self.status)}"
        return f"child {self.serial} ({self.role}, pid {self.pid}): {how}"


class Torture:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.read_fd, self.write_fd = os.pipe()
        self.ledger = Ledger(self.read_fd)
        self.children: list[Child] = []
        self.live: dict[int, Child] = {}
        self.roles = self._roles()
        self.kills = 0
        self.failures: list[str] = []
        self.sizes: list[int] = []  # data.mdb, once a second
        self.slots: list[tuple[int, int]] = []  # reader slots in use, of them stale
        self.slots_after_stop = self.final_slots = -1
        self.stopping = False

    def _roles(self) -> list[tuple[str, list[str]]]:
        a = self.args
        roles = []
        for i in range(a.writers):
            mode = ("sync", "nosync")[i % 2]
            roles.append((f"writer-{mode}", ["writer", "--durability", mode]))
        roles += [("reader", ["reader", "--threads", str(a.reader_threads)])] * a.readers
        roles += [("opener", ["opener", "--threads", str(a.opener_threads)])] * a.openers
        return roles

    def spawn(self, role: str, argv: list[str]) -> None:
        serial = len(self.children)
        full = [sys.executable, os.path.abspath(__file__), "--dir", self.args.dir,
                "--id", str(serial), "--child", *argv]  # fmt: skip
        if argv[0] == "writer":
            path = f"{self.args.dir}.orphans"
            os.makedirs(path, exist_ok=True)
            path = os.path.join(path, str(serial))
            with open(path, "w") as f:
                f.write("\n".join(self.ledger.hand(serial, ORPHANS_PER_WRITER, self.args.keep)))
            full += ["--orphans", path]
        actions = [
            (os.POSIX_SPAWN_DUP2, self.write_fd, PIPE_FD),
            (os.POSIX_SPAWN_OPEN, 2, self.args.dir + ".log",
             os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644),
        ]  # fmt: skip
        pid = os.posix_spawn(sys.executable, full, os.environ, file_actions=actions)
        child = Child(serial, role, argv, pid)
        self.children.append(child)
        self.live[pid] = child

    def reaped(self, child: Child, status: int) -> None:
        """Records a child's end; anything but the parent's own signal is a failure."""
        child.status = status
        del self.live[child.pid]
        os.write(self.write_fd, json.dumps({"k": "ended", "child": child.serial}).encode() + b"\n")
        if os.WIFSIGNALED(status):
            if os.WTERMSIG(status) != child.signal_sent:
                self.failures.append(child.describe() + " (not sent by the parent)")
        elif os.WEXITSTATUS(status) != 0 or not self.stopping:
            self.failures.append(child.describe() + " (ended on its own)")
        if not self.stopping:
            self.spawn(child.role, child.argv)

    def kill_one(self) -> None:
        child = random.choice(list(self.live.values()))
        child.signal_sent = signal.SIGKILL
        os.kill(child.pid, signal.SIGKILL)
        self.kills += 1
        self.reaped(child, os.waitpid(child.pid, 0)[1])

    def reap_exited(self) -> None:
        for child in list(self.live.values()):
            pid, status = os.waitpid(child.pid, os.WNOHANG)
            if pid:
                self.reaped(child, status)

    def sample(self) -> None:
        """Reads the size of data.mdb (it must never shrink) and the reader table."""
        size = os.stat(os.path.join(self.args.dir, "data.mdb")).st_size
        if self.sizes and size < max(self.sizes):
            self.failures.append(f"data.mdb shrank from {max(self.sizes)} to {size} bytes")
        self.sizes.append(size)
        try:
            self.slots.append(reader_slots(self.args.dir))
        except RuntimeError as exc:
            self.failures.append(str(exc))

    def run(self) -> None:
        a = self.args
        for role, argv in self.roles:
            self.spawn(role, argv)
        start = time.monotonic()
        next_kill = start + random.uniform(0.05, 0.3)
        next_sample = start + 1.0
        while (now := time.monotonic()) < start + a.seconds:
            self.reap_exited()
            if now >= next_kill:
                self.kill_one()
                next_kill = now + random.uniform(0.05, 0.3)
            if now >= next_sample and os.path.exists(os.path.join(a.dir, "data.mdb")):
                self.sample()
                next_sample = now + 1.0
            time.sleep(0.01)
        self.elapsed = time.monotonic() - start
        self.stop()

    def stop(self) -> None:
        self.stopping = True
        for child in self.live.values():
            child.signal_sent = signal.SIGTERM
            os.kill(child.pid, signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        while self.live and time.monotonic() < deadline:
            self.reap_exited()
            time.sleep(0.05)
        for child in list(self.live.values()):
            self.failures.append(f"child {child.serial} ({child.role}) ignored SIGTERM")
            child.signal_sent = signal.SIGKILL
            os.kill(child.pid, signal.SIGKILL)
            self.reaped(child, os.waitpid(child.pid, 0)[1])
        os.close(self.write_fd)
        self.ledger.finish()
        self.failures += [f"child reported: {m}" for m in self.ledger.errors]
        self.sample()
        self.slots_after_stop = self.slots[-1][0]

    def verify(self) -> dict:
        """Checks the store from a fresh process, then the reader table once it has ended."""
        path = self.args.dir + ".ledger.json"
        self.ledger.dump(path)
        out = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--dir", self.args.dir,
             "--child", "verify", "--ledger", path],
            capture_output=True, text=True,
        )  # fmt: skip
        result = {"lost": [], "resurrected": [], "tags": [], "listing": [], "stages": 0}
        if out.returncode != 0:
            self.failures.append(f"verifier exit {out.returncode}: {out.stderr[-2000:]}")
        else:
            result = json.loads(out.stdout)
        for name in ("lost", "resurrected", "tags", "listing"):
            if result[name]:
                self.failures.append(f"{name}: {len(result[name])}, e.g. {result[name][:3]}")
        self.final_slots = reader_slots(self.args.dir)[0]
        if self.final_slots:
            self.failures.append(f"{self.final_slots} reader slots held after every process ended")
        if max(n for n, _ in self.slots) >= SLOT_LIMIT:
            self.failures.append(f"the reader table reached half of its {MAX_READERS} slots")
        return result

    def summary(self, result: dict) -> str:
        led, sizes = self.ledger, self.sizes
        roles = collections.Counter(c.role for c in self.children)
        ends = collections.Counter(c.describe().split(": ", 1)[1] for c in self.children)
        trace = " ".join(f"{n / 2**20:.0f}" for n in sizes[:: max(1, len(sizes) // 12)])
        lines = [
            f"duration            {self.elapsed:.0f} s on {self.args.dir}",
            f"children started    {len(self.children)} {dict(sorted(roles.items()))}",
            f"kills (SIGKILL)     {self.kills}",
            f"exit statuses       {dict(ends)}",
            f"acknowledged        {len(led.created)} creates, {len(led.deleted)} deletes, "
            f"{led.tag_writes} tag writes ({len(led.deleting - led.deleted)} deletes begun "
            "and not acknowledged)",
            f"listings checked    {led.listings} by readers, 2 by the verifier "
            f"({result['stages']} stages at the end)",
            f"lost                {len(result['lost'])}",
            f"resurrected         {len(result['resurrected'])}",
            f"tag mismatches      {len(result['tags'])}",
            f"listing problems    {len(result['listing'])}",
            f"reader slots        max {max(n for n, _ in self.slots)} (max stale "
            f"{max(s for _, s in self.slots)}), after stop {self.slots_after_stop}, "
            f"final {self.final_slots} ({len(self.slots)} samples)",
            f"data.mdb bytes      min {min(sizes)}, max {max(sizes)} ({len(sizes)} samples)",
            f"data.mdb MiB        {trace}",
            f"failures            {len(self.failures)}",
        ]
        return "\n".join(lines + [f"  FAIL {f}" for f in self.failures])


def reader_slots(data_dir: str) -> tuple[int, int]:
    """Slots in use in the reader table, and how many belong to processes that are gone."""
    out = subprocess.run(["mdb_stat", "-r", data_dir], capture_output=True, text=True)
    if not out.stdout.startswith("Reader Table Status"):  # -r exits 1 even when it worked
        raise RuntimeError(f"mdb_stat -r failed: {out.stdout}{out.stderr}")
    pids = [int(m.group(1)) for m in re.finditer(r"^\s*(\d+)\s+[0-9a-f]+\s", out.stdout, re.M)]
    return len(pids), sum(not os.path.exists(f"/proc/{p}") for p in pids)


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--dir", default="/tmp/ivsrt-torture")
    p.add_argument("--writers", type=int, default=4, help="half sync, half nosync")
    p.add_argument("--readers", type=int, default=2)
    p.add_argument("--reader-threads", type=int, default=24)
    p.add_argument("--openers", type=int, default=2)
    p.add_argument("--opener-threads", type=int, default=4)
    p.add_argument("--keep", type=int, default=4000, help="stages before orphans are deleted")
    p.add_argument("--seed", type=int, default=None, help="for the kill schedule")
    # Internal: how the parent starts its children.
    p.add_argument("--child", help=argparse.SUPPRESS)
    p.add_argument("--id", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--durability", help=argparse.SUPPRESS)
    p.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    p.add_argument("--ledger", help=argparse.SUPPRESS)
    p.add_argument("--orphans", help=argparse.SUPPRESS)
    return p.parse_args()


def main() -> int:
    args = parse_args()
    if args.child:
        child_main(args)
        return 0
    if os.path.exists(args.dir) and os.listdir(args.dir):
        sys.exit(f"{args.dir} is not empty: give a new directory")
    os.makedirs(args.dir, exist_ok=True)
    random.seed(args.seed)
    torture = Torture(args)
    torture.run()
    result = torture.verify()
    shutil.rmtree(args.dir + ".orphans", ignore_errors=True)
    print(torture.summary(result))
    return 1 if torture.failures else 0


if __name__ == "__main__":
    sys.exit(main())
