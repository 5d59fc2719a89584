"""The READMEs' Python examples run as shown, in a fresh interpreter with no AWS configuration."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE_README = Path(__file__).resolve().parents[1] / "README.md"
PROJECT_README = Path(__file__).resolve().parents[3] / "README.md"


@pytest.mark.parametrize("readme", [PACKAGE_README, PROJECT_README], ids=["package", "project"])
def test_readme_example_runs_as_shown(readme: Path) -> None:
    if not readme.is_file():
        pytest.skip("not run from a checkout")
    example = re.search(r"```python\n(.*?)```", readme.read_text(), re.S)
    assert example is not None
    code = example.group(1) + "print(stage['arn'], token['userId'])\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=os.environ.copy(), timeout=120)
    assert out.returncode == 0, out.stderr
    assert re.fullmatch(r"arn:aws:ivs:us-east-1:123456789012:stage/\w{12} alice\n", out.stdout)


@pytest.mark.parametrize("readme", [PACKAGE_README, PROJECT_README], ids=["package", "project"])
def test_readme_media_plane_example_runs_as_shown(readme: Path) -> None:
    if not readme.is_file():
        pytest.skip("not run from a checkout")
    examples = re.findall(r"```python\n(.*?)```", readme.read_text(), re.S)
    [example] = [e for e in examples if "engine.join(" in e]
    out = subprocess.run([sys.executable, "-c", example], capture_output=True, text=True,
                         env=os.environ.copy(), timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "True\nParticipant Published\n"
