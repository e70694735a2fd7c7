"""Run the CLI in-process as a test would: (exit code, stdout, stderr)."""

from __future__ import annotations

from solidcell.cli import main


def run(args: list[str], capsys) -> tuple[int, str, str]:
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


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
