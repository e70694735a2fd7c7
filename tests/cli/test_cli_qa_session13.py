"""Fresh-eyes QA of the command line, session 13: what a battery researcher types (a decimal
comma, a zero for the letter O, polonium for PO), files that cannot be read, and progress
bars kept out of ``--json``. Each test failed before its fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"

#: A file whose reading fails with an OS error (EIO: address 0 of the reader is not mapped),
#: as a file without read permission does for a user who is not root (the tests may run as
#: root, who reads every file).
UNREADABLE = Path("/proc/self/mem")
needs_proc = pytest.mark.skipif(not UNREADABLE.exists(), reason="needs Linux /proc/self/mem")


def test_measure_with_a_decimal_comma_is_refused_and_not_stored(fresh_db, capsys):
    """'2,1 mS/cm' was split into the number 2 and the unit ',1 mS/cm', which pint read as
    mS/cm: the measurement was stored as 2 mS/cm (shown as '2 ,1 mS/cm'), not refused."""
    args = ["materials", "measure", "lgps", "--property", "ionic_conductivity", "--value",
            "2,1 mS/cm", "--temperature", "25 degC", "--source", "lab", "--db", fresh_db]
    assert_one_line_error(*run(args, capsys), "--value", "'2,1 mS/cm'", "comma", "2.1 mS/cm")
    code, out, _ = run(["materials", "measurements", "--json", "--db", fresh_db], capsys)
    assert code == 0 and json.loads(out) == []


def test_a_comma_inside_a_unit_is_refused_not_dropped(capsys):
    """pint dropped a comma in a unit: a query bound '2 ,1 mS/cm' was 2 mS/cm (solidcell.units
    now refuses the comma, for every quantity read from text)."""
    args = ["materials", "query", "--property", "ionic_conductivity", "--min", "2 ,1 mS/cm"]
    assert_one_line_error(*run(args, capsys), "--min", "'2 ,1 mS/cm'", "comma")
    code, out, _ = run(["materials", "query", "--property", "ionic_conductivity", "--min",
                        "2.1 mS/cm", "--json"], capsys)
    assert code == 0 and json.loads(out)  # the point form is still read


@pytest.mark.parametrize("command, typed, meant", [
    (["capacity"], "LiFeP04", "'PO4'"),   # read as LiFeP4: 143.6 mAh/g instead of 169.9
    (["capacity"], "LiCo02", "'CoO2'"),   # read as LiCo2
    (["window"], "LiCo02", "'CoO2'"),
])
def test_a_zero_for_the_letter_o_is_refused(command, typed, meant, capsys):
    assert_one_line_error(*run([*command, typed], capsys), "formula", repr(typed), meant)


def test_amounts_with_a_decimal_zero_stay_formulas(capsys):
    """The leading-zero rule leaves '0.5' amounts alone (NMC811, a mixed-halide argyrodite)."""
    for formula in ("LiNi0.8Mn0.1Co0.1O2", "Li6PS5Cl0.5Br0.5", "Li10GeP2S12"):
        code, out, err = run(["capacity", formula, "--json"], capsys)
        assert code == 0 and err == "", err
        assert json.loads(out)["Formula"] == formula


def test_polonium_for_po_is_answered_with_a_warning(capsys):
    """'LiFePo4' (Po: polonium) gave 29.69 mAh/g without a word; the answer stays (the formula
    is valid) but stderr says what was read and what was likely meant."""
    code, out, err = run(["capacity", "LiFePo4", "--json"], capsys)
    assert code == 0
    assert json.loads(out)["Formula"] == "LiFePo4"  # stdout is the JSON alone
    assert err.startswith("warning: 'Po' in 'LiFePo4' is polonium") and "'LiFePO4'" in err
    assert err.count("\n") == 1
    code, out, err = run(["capacity", "LiNo3"], capsys)
    assert code == 0 and "nobelium" in err and "'LiNO3'" in err
    code, _, err = run(["capacity", "LiFePO4"], capsys)
    assert code == 0 and err == ""


@needs_proc
@pytest.mark.parametrize("command, suffix, field", [
    (["materials", "add"], ".yaml", "file"),
    (["materials", "update"], ".yaml", "file"),
    (["route"], ".yaml", "design"),
    (["cost"], ".yaml", "design"),
    (["route", str(EV), "--processes"], ".yaml", "--processes"),
    (["cite"], ".json", "file"),
    (["predict"], ".csv", "input"),
], ids=lambda x: " ".join(x) if isinstance(x, list) else x)
def test_a_file_that_cannot_be_read_is_one_line(command, suffix, field, tmp_path, capsys):
    """Each of these printed Python's traceback of the OSError (a file without read
    permission, an I/O error) instead of one line naming the file."""
    link = tmp_path / f"unreadable{suffix}"
    link.symlink_to(UNREADABLE)
    args = [*command, str(link)]
    if command[0] == "materials":
        args += ["--db", str(tmp_path / "db.sqlite")]
    assert_one_line_error(*run(args, capsys), field, "unreadable", "read")


def test_window_of_a_misspelt_id_says_which_id_was_meant(capsys):
    """`solidcell materials show lipscl` offers the close ids; `window` and `react` did not."""
    assert_one_line_error(*run(["window", "lipscl"], capsys), "material", "'lipscl'",
                          "did you mean", "li6ps5cl")
    assert_one_line_error(*run(["react", "lipscl", "lco"], capsys), "did you mean")


def _stderr_on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str, bytes]:
    """Run the CLI with stderr on a pseudo-terminal: (exit code, stdout, stderr bytes). The
    terminal is read in a thread while stdout is read here, so neither pipe fills up."""
    import pty
    import threading

    main, secondary = pty.openpty()
    err = bytearray()

    def read_terminal() -> None:
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the terminal closed when the process ended
                return
            if not chunk:
                return
            err.extend(chunk)

    reader = threading.Thread(target=read_terminal, daemon=True)
    reader.start()
    proc = subprocess.Popen([sys.executable, "-c", "from solidcell.cli import main; main()",
                             *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=secondary, cwd=cwd, env=dict(os.environ, COLUMNS="100"))
    os.close(secondary)
    try:
        out, _ = proc.communicate(timeout=120)
    finally:
        proc.kill()
        reader.join(timeout=5)
        os.close(main)
    return proc.returncode, out.decode(), bytes(err)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_no_progress_bar_with_json_on_a_terminal(tmp_path):
    """`screen --json` drew its bar at a terminal (as `discover`, `predict`, `md`, `train`,
    `report` and `simulate` did); `compat` and `rate-capability` draw none with --json. The
    bar stays for a person reading the table."""
    space = tmp_path / "space.yaml"
    space.write_text(f"base: {EV}\nmethod: lhs\nn: 200\nseed: 1\nparameters:\n"
                     "  cathode.thickness_m: {min: 30 um, max: 200 um}\n")
    code, out, err = _stderr_on_a_terminal(["screen", str(space), "--json"], tmp_path)
    assert code == 0, err
    assert json.loads(out)
    assert b"screening" not in err
    code, out, err = _stderr_on_a_terminal(["screen", str(space)], tmp_path)
    assert code == 0 and "Pareto front" in out
    assert b"screening" in err  # the bar is there for people (the test can fail)
