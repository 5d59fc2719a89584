"""Runs the built `ivsrt` command (path in $IVSRT_CLI) as a person would, one private
store per test."""
import json
import os
import resource
import subprocess
from dataclasses import dataclass

import pytest


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


class Cli:
    def __init__(self, binary, data_dir, home):
        self.binary = binary
        self.data_dir = str(data_dir)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "LANG": "C.UTF-8",
        }

    def run(self, *args, env=None, data_dir=True, stdin=None, timeout=60, max_memory=None):
        """`max_memory` (bytes) caps the process's address space, so that a run that reads
        without bound fails alone instead of exhausting the machine."""
        full_env = dict(self.env)
        if data_dir:
            full_env["IVSRT_DATA_DIR"] = self.data_dir
        full_env.update(env or {})

        def limit():
            resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))

        p = subprocess.run([self.binary, *args], capture_output=True, text=True,
                           env=full_env, input=stdin, timeout=timeout,
                           preexec_fn=limit if max_memory else None)
        return Result(p.returncode, p.stdout, p.stderr)

    def ok(self, *args, **kw):
        r = self.run(*args, **kw)
        assert r.code == 0, f"ivsrt {' '.join(args)} -> {r.code}\n{r.err}"
        assert r.err == ""
        return r

    def json(self, *args, **kw):
        return self.ok(*args, **kw).json()


@pytest.fixture
def cli(tmp_path):
    binary = os.environ.get("IVSRT_CLI")
    if not binary:
        pytest.fail("IVSRT_CLI must name the built ivsrt binary (ctest sets it)")
    home = tmp_path / "home"
    home.mkdir()
    return Cli(binary, tmp_path / "store", home)
