"""The report's file name is made of the design's name: a name of 300 characters made a
file name longer than the 255 bytes a file system allows a name, and `solidcell report`
failed after every engine had run. The name is cut to MAX_NAME_BYTES bytes of UTF-8, at a
character boundary, so the report and its temporary file fit."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from clirun import run
from solidcell.report.html import MAX_NAME_BYTES, _safe_name

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "oxide-lco-llzo-li.yaml"
#: a file system's limit on the bytes of one file or folder name (Linux, macOS)
NAME_MAX = 255


@given(st.text(max_size=400))
def test_a_file_name_of_any_design_name_fits(name: str) -> None:
    safe = _safe_name(name)
    assert 0 < len(safe.encode("utf-8")) <= MAX_NAME_BYTES
    # the temporary file the report is first written as: ".NAME-report.html.PID.tmp"
    tmp = f".{safe}-report.html.{4194304}.tmp"  # the largest Linux process id (pid_max)
    assert len(tmp.encode("utf-8")) <= NAME_MAX
    assert "/" not in safe and os.sep not in safe and safe not in (".", "..")


def test_a_short_name_is_kept_whole() -> None:
    assert _safe_name("EV pouch NMC811 | Li6PS5Cl | Li") == "EV-pouch-NMC811-Li6PS5Cl-Li"
    assert _safe_name("电池 设计") == "电池-设计"


def test_report_of_a_design_with_a_very_long_name(tmp_path: Path, capsys) -> None:
    design = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump({**design, "name": "电" * 150}, allow_unicode=True),
                    encoding="utf-8")
    code, out, err = run(["report", str(path), "--out", str(tmp_path / "out")], capsys)
    assert code == 0, err
    (written,) = (tmp_path / "out").iterdir()
    assert out.strip() == f"report: {written}"
    assert written.name.endswith("-report.html")
    assert len(written.name.encode("utf-8")) <= NAME_MAX
