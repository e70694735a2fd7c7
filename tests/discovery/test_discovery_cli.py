"""`solidcell predict`, `discover` and `train` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from solidcell.cli import app
from solidcell.errors import ValidationError

runner = CliRunner()


def test_help() -> None:
    for cmd in ("predict", "discover", "train", "md"):
        res = runner.invoke(app, [cmd, "--help"])
        assert res.exit_code == 0 and "--json" in res.stdout


def test_predict_json_several_inputs_and_csv(tmp_path: Path) -> None:
    csv = tmp_path / "in.csv"
    csv.write_text("composition,note\nLi3YCl6,halide\nLi7La3Zr2O12,garnet\n")
    res = runner.invoke(app, ["predict", "Li6PS5Cl", str(csv), "--json", "--no-window"])
    assert res.exit_code == 0, res.output
    records = json.loads(res.stdout)
    assert [r["Formula"] for r in records] == ["Li6PS5Cl", "Li3YCl6", "Li7La3Zr2O12"]
    for r in records:
        assert (r["Log10 ionic conductivity lower bound [S.cm-1]"]
                <= r["Log10 ionic conductivity [S.cm-1]"]
                <= r["Log10 ionic conductivity upper bound [S.cm-1]"])


def test_predict_table() -> None:
    res = runner.invoke(app, ["predict", "Li6PS5Cl", "--no-window"])
    assert res.exit_code == 0 and "nearest known" in res.stdout and "obelix2025" in res.stdout


def test_discover_json_and_plot(tmp_path: Path) -> None:
    out = tmp_path / "plot.png"
    res = runner.invoke(app, ["discover", "Li6PS5Cl", "--dopants", "Br,Se", "--top", "4",
                              "--plot", str(out), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert len(data["Candidates"]) == 4 and out.exists()


def test_bad_input_raises_errors_naming_it(tmp_path: Path) -> None:
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text("formula\nLi3PS4\n")
    for args, why in ([["predict", str(bad_csv)], str(bad_csv)],
                      [["discover", "LiCl7"], "'LiCl7'"],
                      # the item refused, by its position (tests/cli/test_cli_qa22_messages.py)
                      [["discover", "Li6PS5Cl", "--fractions", "a,b"], "(item 1 of 2): 'a'"]):
        res = runner.invoke(app, args)
        assert isinstance(res.exception, ValidationError), res.output
        assert why in str(res.exception)


def test_error_is_one_line_not_a_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "from solidcell.cli import main; main()", "predict", "Na3PS4"],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("error:") and "lithium" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_md_without_the_extra_says_how_to_install(repo_root: Path) -> None:
    try:
        import chgnet  # noqa: F401
    except ImportError:
        cif = repo_root / "tests" / "data" / "discovery" / "obelix_de5_Li3InCl6.cif"
        res = runner.invoke(app, ["md", str(cif), "--temperatures", "600,800"])
        assert "solidcell[md]" in str(res.exception)
        res = runner.invoke(app, ["md", "missing.cif"])
        assert isinstance(res.exception, ValidationError)
    else:
        import pytest

        pytest.skip("chgnet is installed")


def test_predict_with_tabulated_crystal_data(tmp_path: Path) -> None:
    res = runner.invoke(app, ["predict", "Li7La3Zr2O12", "--space-group", "Ia-3d",
                              "--lattice", "12.97,12.97,12.97,90,90,90", "--json", "--no-window"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)[0]["Model features"] == "composition+structure"
    csv = tmp_path / "cells.csv"
    csv.write_text("composition,space_group,a,b,c,alpha,beta,gamma\n"
                   "Li7La3Zr2O12,230,12.97,12.97,12.97,90,90,90\nLi3PS4,,,,,,,\n")
    res = runner.invoke(app, ["predict", str(csv), "--json", "--no-window"])
    assert res.exit_code == 0, res.output
    assert [r["Model features"] for r in json.loads(res.stdout)] == [
        "composition+structure", "composition"]


def test_bad_crystal_options_name_the_option(capsys) -> None:
    import pytest

    from solidcell.cli import main

    for args, why in (
            (["--space-group", "231", "--lattice", "1,1,1,90,90,90"], "--space-group: '231'"),
            (["--space-group", "230", "--lattice", "1,1,90,90,90"], "--lattice: '1,1,90,90,90'"),
            (["--space-group", "230"], "--lattice"),
    ):
        with pytest.raises(SystemExit) as exc:
            main(["predict", "Li7La3Zr2O12", "--no-window", *args])
        assert exc.value.code == 2
        assert why in capsys.readouterr().err


def test_csv_files_as_spreadsheets_write_them(tmp_path: Path) -> None:
    # Excel's "CSV UTF-8" starts with a byte-order mark, European Excel separates with ';',
    # headers come capitalised or padded: all were refused for lacking a 'composition' column
    files = {
        "bom.csv": b"\xef\xbb\xbfcomposition,note\r\nLi3YCl6,x\r\n",
        "semicolon.csv": b"Name;Composition\nx;Li3YCl6\n",
        "tab.csv": b" composition \tnote\nLi3YCl6\tx\n",
        "blank_rows.csv": b"composition,note\n,\nLi3YCl6,x\n\n",
    }
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        res = runner.invoke(app, ["predict", str(path), "--json", "--no-window"])
        assert res.exit_code == 0, (name, res.output)
        assert [r["Formula"] for r in json.loads(res.stdout)] == ["Li3YCl6"], name


def test_csv_errors_name_the_file_and_line(tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("composition\nLi3YCl6 é\n".encode("latin-1"))
    res = runner.invoke(app, ["predict", str(latin), "--no-window"])
    assert isinstance(res.exception, ValidationError), res.output  # was UnicodeDecodeError
    assert "UTF-8" in str(res.exception)
    cases = {
        "composition,note\nLi3YCl6,a\n,only a note\n": "line 3, composition: ''",
        "note,composition\na,Li3YCl6\nb,LiCl7\n": "line 3, composition: 'LiCl7'",
        "composition,space_group,a,b,c,alpha,beta,gamma\nLi3YCl6,164,6.4,6.4,6.0,90,90,\n":
            "line 2, crystal.lattice",
    }
    for k, (text, why) in enumerate(cases.items()):
        path = tmp_path / f"bad{k}.csv"
        path.write_text(text)
        res = runner.invoke(app, ["predict", str(path), "--no-window"])
        if "Li3YCl6,a" in text or "a,Li3YCl6" in text:  # the good row is still predicted
            assert res.exit_code == 2 and "Li3YCl6" in res.stdout, res.output
            assert f"error: {path} {why}" in res.stderr
        else:
            assert isinstance(res.exception, ValidationError), res.output
            assert f"{path} {why}" in str(res.exception)


def test_discover_without_candidates_says_why_and_writes_no_plot(tmp_path: Path) -> None:
    out = tmp_path / "none.png"
    res = runner.invoke(app, ["discover", "Li6PS5Cl", "--dopants", "Na", "--hosts", "S",
                              "--plot", str(out), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["Candidates"] == [] and not out.exists()
    assert "no substitution of Li6PS5Cl" in res.stderr
    res = runner.invoke(app, ["discover", "Li6PS5Cl", "--dopants", ""])
    assert isinstance(res.exception, ValidationError) and "dopants" in str(res.exception)


def test_one_formula_is_named_composition_several_by_position(capsys) -> None:
    """One formula typed on the command line used to be reported as 'composition[0]'."""
    import pytest

    from solidcell.cli import main

    for args, field in ((["Xq2O"], "error: composition: 'Xq2O'"),
                        (["Li3PS4", "Xq2O"], "error: composition[1]: 'Xq2O'")):
        with pytest.raises(SystemExit) as exc:
            main(["predict", *args, "--no-window"])
        assert exc.value.code == 2
        assert capsys.readouterr().err.startswith(field)
