"""Run the CLI in-process as a test would: (exit code, stdout, stderr)."""

from __future__ import annotations

import io
import subprocess
from contextlib import redirect_stderr, redirect_stdout

from solidcell.cli import main


def run(args: list[str], capsys) -> tuple[int, str, str]:
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def run_main(*args: str) -> subprocess.CompletedProcess:
    """``solidcell ARGS`` in this process, answered as ``subprocess.run`` of ``python -m
    solidcell ARGS`` answers (returncode, stdout, stderr): the entry point's ``main`` without a
    process of its own, which imported PyBaMM again for each run (seconds each, H320)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def assert_one_line_error(code: int, out: str, err: str, *words: str) -> None:
    """A refusal as the CLI must give it: exit code 2, nothing on stdout, one ``error: ...``
    line on stderr (no traceback, no Rich box) holding each of ``words``."""
    assert code == 2, err
    assert out == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "\u256d" not in err
    for word in words:
        assert word in err, err


#: the lowercase keys that frame a --json answer (docs/conventions.md): the only lowercase keys
FRAME_KEYS = frozenset({"sources", "notes", "warnings", "conventions", "rows", "columns",
                        "stack", "cell", "pack"})
