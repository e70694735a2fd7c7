"""A battery researcher new to solidcell, following the README's tour and typing what people
type: a formula cut to 'Li6.4La…' in the table, a report folder given as 'report.html', a plot
written without saying where, no ``--version``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"


def test_print_table_folds_a_long_cell_and_never_cuts_it(capsys, monkeypatch):
    """Rich's default cut a cell to '…' where the table was too wide for the terminal: the
    text that was cut away is lost to the reader. Now every character of every cell is shown
    (folded over lines where it does not fit)."""
    from solidcell.cli._common import print_table

    monkeypatch.setenv("COLUMNS", "100")
    long = "x" * 60 + "END"
    print_table("t", [f"c{i}" for i in range(4)], [[long, long, long, "tail-cell"]])
    out = capsys.readouterr().out
    assert "…" not in out
    joined = "".join(line.strip("│ ┃") for line in out.splitlines())
    assert "END" in joined and "tail-cell" in joined


def test_print_table_keeps_a_whole_column_on_one_line(capsys, monkeypatch):
    """``whole``: a formula column is never folded or cut, whatever the width."""
    from solidcell.cli._common import print_table

    monkeypatch.setenv("COLUMNS", "100")
    formula = "Li6.4La3Zr1.4Ta0.6O12"
    print_table("t", ["rank", "formula", *(f"quantity {i}" for i in range(8))],
                [[1, formula, *range(8)]], whole=(1,))
    assert formula in capsys.readouterr().out


def test_discover_shows_each_candidate_formula_whole(capsys, monkeypatch):
    """`solidcell discover Li7La3Zr2O12` showed 'Li6.4La…' at an 80- or 120-character
    terminal: the candidate could not be told from the others. Its window column, '-' in every
    row without --window, is left out, and the change against the parent and the parent's
    own prediction have their units."""
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run(["discover", "Li7La3Zr2O12", "--top", "3"], capsys)
    assert code == 0, err
    rows = [line for line in out.splitlines() if line.startswith("│ ")
            and line.split("│")[1].strip().isdigit()]
    assert len(rows) == 3
    for line in rows:  # the formula cell is one word of a charge-balanced formula, not cut
        formula = line.split("│")[2].strip()
        assert formula.startswith("Li") and formula.endswith("O12"), line
    assert "…" not in out
    assert "window" not in out.split("radius mismatch:")[0]
    assert "[decades]" in out or "[decade" in out  # header folded or not
    # the parent's prediction in the title had no unit: '(parent: -3.35 [-4.89, -1.81])'
    assert "(parent: log10 sigma [S/cm] " in out and "90% interval" in out


@pytest.mark.parametrize("command, option", [("evaluate", "--report"), ("report", "--out")])
@pytest.mark.parametrize("name", ["report.html", "out/EV.htm"])
def test_a_report_folder_given_as_a_file_name_is_refused(command, option, name, tmp_path,
                                                         capsys, monkeypatch):
    """`evaluate DESIGN --report out/report.html` made a folder named 'report.html' with the
    report inside it; the option takes a folder, and now says so before any work."""
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(*run([command, str(EV), option, name], capsys),
                          f"{option}: {name!r}", "a folder, not a file name")
    assert not any(tmp_path.iterdir())  # nothing made


@pytest.mark.parametrize("args", [["rate-capability", str(EV), "--fast", "--rates", "1"],
                                  ["screen", str(EXAMPLES / "spaces" / "ev.yaml")]],
                         ids=["rate-capability", "screen"])
def test_commands_say_where_their_plot_went(args, tmp_path, capsys):
    """`simulate --plot` ends with 'plot: PATH'; `rate-capability --plot` and `screen --plot`
    wrote the figure without a word."""
    plot = tmp_path / "figure.png"
    code, out, err = run([*args, "--plot", str(plot)], capsys)
    assert code == 0, err
    assert plot.is_file()
    assert out.splitlines()[-1] == f"plot: {plot}"


def test_version(capsys):
    """`solidcell --version` was 'No such option'; a result is reproduced with its version."""
    from solidcell import __version__

    code, out, err = run(["--version"], capsys)
    assert (code, out, err) == (0, f"solidcell {__version__}\n", "")


def test_conductivity_reads_comma_separated_temperatures(capsys):
    """`--temperature '25 degC,60 degC'` (as `--rates 1,2` and `--dopants Ta,Nb` read lists)
    was refused as 'a comma in its unit ... write the decimal with a point': the user meant
    two temperatures. Each part with its own unit is one temperature; the same table as the
    option given twice."""
    code, out, err = run(["conductivity", "lgps", "--temperature", "25 degC,60 degC",
                          "--json"], capsys)
    assert code == 0, err
    code2, out2, _ = run(["conductivity", "lgps", "--temperature", "25 degC",
                          "--temperature", "60 degC", "--json"], capsys)
    assert code2 == 0 and out == out2


def test_a_decimal_comma_is_still_refused(capsys):
    """'1,5 degC' is not two temperatures ('1' has no unit): still refused as a decimal comma."""
    assert_one_line_error(*run(["conductivity", "lgps", "--temperature", "1,5 degC"], capsys),
                          "--temperature", "'1,5 degC'", "decimal with a point")


def test_compat_reads_comma_separated_ids_and_names_the_unknown_one(capsys):
    """`compat --electrolyte llzo,lgps` was refused as "['llzo,lgps'] is not allowed"
    (the option is repeatable; the list did not say which id was wrong)."""
    code, out, err = run(["compat", "--electrolyte", "llzo,lgps", "--electrode", "lco,nmc811",
                          "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["Electrolytes"] == ["llzo", "lgps"] and data["Electrodes"] == ["lco", "nmc811"]
    assert_one_line_error(*run(["compat", "--electrolyte", "llzo,lgpz", "--electrode", "lco"],
                               capsys), "--electrolyte", "'lgpz'", "lgps")


def test_ccd_reads_comma_separated_flaw_sizes(capsys):
    """`ccd --flaw-size '5 um,10 um'`: one row per flaw, as the option given twice."""
    args = ["ccd", "li6ps5cl", "--asr", "10 Ohm cm2", "--json"]
    code, out, err = run([*args, "--flaw-size", "5 um,10 um"], capsys)
    assert code == 0, err
    code2, out2, _ = run([*args, "--flaw-size", "5 um", "--flaw-size", "10 um"], capsys)
    assert code2 == 0 and out == out2


@pytest.mark.parametrize("args", [["window", "Li3PS4"],
                                  ["compat", "--electrolyte", "llzo", "--electrode", "lco"]],
                         ids=["window", "compat"])
def test_plot_help_names_the_formats_the_option_writes(args, tmp_path, capsys, monkeypatch):
    """`window --help` and `compat --help` said 'PNG' while .svg and .pdf were written too."""
    monkeypatch.setenv("COLUMNS", "250")
    code, out, _ = run([args[0], "--help"], capsys)
    assert code == 0
    plot_help = " ".join(out.split("--plot", 1)[1].split("│")[:3])
    assert ".svg" in plot_help and ".pdf" in plot_help
    plot = tmp_path / "figure.svg"
    code, _, err = run([*args, "--plot", str(plot)], capsys)
    assert code == 0, err
    assert plot.read_text("utf-8").lstrip().startswith(("<?xml", "<svg"))


MATERIAL = """id: my_lpscl_br
name: My argyrodite
formula: Li6PS5Cl0.5Br0.5
category: electrolyte
electrolyte_class: sulfide
properties:
  - {name: density, value: 1.7, unit: g/cm3, method: measured, source: my-lab-2026}
"""


@pytest.mark.parametrize("command, expected", [("evaluate", "a cell design"),
                                               ("simulate", "a cell design"),
                                               ("cost", "a cell design"),
                                               ("screen", "a design space")])
def test_a_material_file_given_as_a_design_says_what_it_is(command, expected, tmp_path, capsys):
    """`evaluate my-electrolyte.yaml` (the README's material file) was refused as 'cathode:
    None is not allowed; required (the field is missing) (and 9 more problems ...)', and
    `screen my-electrolyte.yaml` said 'this is a cell design, not a design space'."""
    material = tmp_path / "my-electrolyte.yaml"
    material.write_text(MATERIAL, encoding="utf-8")
    assert_one_line_error(*run([command, str(material)], capsys),
                          "this is a material", f"not {expected}", "solidcell materials add")


def test_a_design_given_to_materials_add_says_what_it_is(tmp_path, capsys, monkeypatch):
    """`materials add DESIGN.yaml` said only 'category: missing'."""
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "db.sqlite"))
    assert_one_line_error(*run(["materials", "add", str(EV)], capsys),
                          "category: missing", "this is a cell design",
                          f"solidcell evaluate {EV}")


def test_an_empty_query_at_a_temperature_says_values_are_not_extrapolated(tmp_path, capsys,
                                                                           monkeypatch):
    """`materials query --property ionic_conductivity --min '1 mS/cm' --temperature '60 degC'`
    printed '0 materials match' and nothing else, although lgps is above 1 mS/cm at 25 degC and
    `conductivity lgps --temperature '60 degC'` gives 28 mS/cm: the query compares stored
    values (within 5 K), and now says so and where the Arrhenius values are."""
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "db.sqlite"))
    args = ["materials", "query", "--property", "ionic_conductivity", "--min", "1 mS/cm"]
    code, out, err = run([*args, "--temperature", "60 degC", "--json"], capsys)
    assert code == 0, err
    assert out.strip() == "[]"
    assert "never extrapolate" in err and "solidcell conductivity ID" in err
    code, out, err = run([*args, "--json"], capsys)  # at room temperature: matches, no note
    assert code == 0 and json.loads(out) and "extrapolate" not in err


def test_query_elements_comma_separated_and_a_lower_case_symbol_named(tmp_path, capsys,
                                                                       monkeypatch):
    """`--element Li,S` was refused as one symbol 'Li,S'; `--element li` said only 'must be a
    chemical element symbol'."""
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "db.sqlite"))
    base = ["materials", "query", "--class", "sulfide", "--json"]
    code, out, err = run([*base, "--element", "Li,S"], capsys)
    assert code == 0, err
    code2, out2, _ = run([*base, "--element", "Li", "--element", "S"], capsys)
    assert code2 == 0 and out == out2 and json.loads(out)
    assert_one_line_error(*run(["materials", "query", "--element", "li"], capsys),
                          "--element: 'li'", "did you mean 'Li'?")


def test_materials_list_shows_every_id_whole_at_80_columns(tmp_path, capsys, monkeypatch):
    """Ids such as 'llzo_scaffold_peo' were cut to 'llzo_scaffol…' at a narrow terminal: the
    id is what a design and `materials show` take."""
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "db.sqlite"))
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run(["materials", "list"], capsys)
    assert code == 0, err
    shown = {line.split("│")[1].strip() for line in out.splitlines() if line.startswith("│ ")}
    code, out, _ = run(["materials", "list", "--json"], capsys)
    ids = {m["id"] for m in json.loads(out)}
    assert ids and ids <= shown
