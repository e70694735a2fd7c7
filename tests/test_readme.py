"""The README's five-minute tour runs as written (docs must stay true): the Python block and
every command of the terminal block except `solidcell app` (a server that does not return)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from clirun import run

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
TOUR = README.split("## A five-minute tour", 1)[1].split("\n## ", 1)[0]
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", TOUR, re.S)
BASH_BLOCKS = re.findall(r"```bash\n(.*?)```", TOUR, re.S)


def _commands() -> list[list[str]]:
    """Each `solidcell ...` command of the tour's terminal blocks (`a && b` are two), without
    trailing comments; `solidcell app` is left out."""
    commands = []
    for block in BASH_BLOCKS:
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            for part in line.split("&&"):
                args = shlex.split(part)
                if args and args[0] == "solidcell" and args[1:2] != ["app"]:
                    commands.append(args[1:])
    return commands


def test_the_tour_has_code_to_check():
    assert PYTHON_BLOCKS and len(_commands()) >= 15


def test_the_python_tour_runs(tmp_path, monkeypatch):
    """Run from the repository root, as the README's relative paths assume; plots go to a
    temporary folder."""
    monkeypatch.chdir(ROOT)
    code = PYTHON_BLOCKS[0].replace('"discharge.png"', repr(str(tmp_path / "discharge.png")))
    namespace: dict = {}
    exec(compile(code, "README.md (five-minute tour)", "exec"), namespace)
    assert (tmp_path / "discharge.png").stat().st_size > 0
    # the value the README prints beside the call (275.5 mAh/g, Faraday's law F / (3.6 M) with
    # M = 97.28 g/mol); any value in 270-280 used to pass, so the README could drift from it
    q = namespace["sc"].theoretical_capacity("LiNi0.8Mn0.1Co0.1O2").capacity_mAh_g
    printed = re.search(r'theoretical_capacity\("LiNi0\.8Mn0\.1Co0\.1O2"\)\.capacity_mAh_g'
                        r"\s*#\s*([0-9.]+)", PYTHON_BLOCKS[0])
    assert printed, "the README's tour no longer shows the NMC811 capacity"
    assert round(q, 1) == float(printed.group(1)) == 275.5


#: tour commands that take more than a few seconds run with the slow checks
SLOW = {"compat"}


@pytest.mark.parametrize("args", [
    pytest.param(a, marks=pytest.mark.slow) if a[0] in SLOW else a for a in _commands()],
    ids=lambda a: " ".join(a)[:60])
def test_each_tour_command_runs(args, tmp_path, monkeypatch, capsys):
    """Exit code 0 for each command; outputs under out/ go to a temporary folder."""
    monkeypatch.chdir(ROOT)
    args = [a.replace("out/", f"{tmp_path}/") if a.startswith("out/") else a for a in args]
    code, _out, err = run(args, capsys)
    assert code == 0, f"solidcell {' '.join(args)}: exit {code}\n{err[-2000:]}"
