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
