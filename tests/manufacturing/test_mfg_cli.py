"""`solidcell route`, `solidcell cost` and `solidcell processes` as a user runs them (one real
process for the error path; the rest through Typer's runner, in process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mfg_stacks import sulfide_stack
from typer.testing import CliRunner

from solidcell.cli import app
from solidcell.errors import ValidationError

runner = CliRunner()


@pytest.fixture
def stack_file(tmp_path: Path) -> Path:
    path = tmp_path / "stack.yaml"
    path.write_text(yaml.safe_dump(sulfide_stack()))
    return path


def test_help_of_every_command() -> None:
    top = runner.invoke(app, ["--help"])
    for cmd in ("route", "cost", "processes"):
        assert cmd in top.stdout
        res = runner.invoke(app, [cmd, "--help"])
        assert res.exit_code == 0 and "--json" in res.stdout


def test_route_table_and_json(stack_file: Path) -> None:
    res = runner.invoke(app, ["route", str(stack_file), "--all"])
    assert res.exit_code == 0, res.output
    assert "Route 1" in res.stdout and "co_sintering" in res.stdout
    assert "Thermal limits" in res.stdout and "haynes2016_crc" in res.stdout  # Al, Cu, Li
    res = runner.invoke(app, ["route", str(stack_file), "--json"])
    assert json.loads(res.stdout)["Feasible"] is True
    assert {r["Layer"] for r in json.loads(res.stdout)["Thermal limits"]} >= {"separator"}


def test_cost_json_with_tornado_and_table(stack_file: Path, tmp_path: Path) -> None:
    png = tmp_path / "tornado.png"
    res = runner.invoke(app, ["cost", str(stack_file), "--json", "--price", "li6ps5cl=50",
                              "--tornado", str(png)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["Cell cost [USD.kW.h-1]"] > 0
    assert data["Pack cost [USD.kW.h-1]"] > data["Cell cost [USD.kW.h-1]"]
    assert data["Sensitivity"]["Bars"] and png.stat().st_size > 0
    table = runner.invoke(app, ["cost", str(stack_file), "--price", "li6ps5cl=50 USD/kg"])
    assert table.exit_code == 0, table.output
    assert "Breakdown" in table.stdout and "Sensitivity" in table.stdout


def test_no_cost_exits_1_with_the_reason(stack_file: Path) -> None:
    data = sulfide_stack()
    data["layers"][2]["material"] = "my_new_sulfide"
    data["layers"][2]["material_class"] = "sulfide_electrolyte"
    stack_file.write_text(yaml.safe_dump(data))
    res = runner.invoke(app, ["cost", str(stack_file)])
    assert res.exit_code == 1 and "my_new_sulfide" in res.output


def test_malformed_price_option_names_it(stack_file: Path) -> None:
    res = runner.invoke(app, ["cost", str(stack_file), "--price", "li6ps5cl"])
    assert isinstance(res.exception, ValidationError) and res.exception.field == "--price"


def test_bad_price_is_one_clear_line_in_a_real_process(stack_file: Path) -> None:
    env = dict(os.environ, MPLBACKEND="Agg")
    res = subprocess.run([sys.executable, "-m", "solidcell", "cost", str(stack_file),
                          "--price", "li6ps5cl=-5"], capture_output=True, text=True, env=env,
                         timeout=300)
    assert res.returncode == 2
    assert res.stderr.startswith("error: --price: 'li6ps5cl=-5'") and "Traceback" not in res.stderr


def test_processes_json_lists_the_database() -> None:
    res = runner.invoke(app, ["processes", "--json"])
    assert res.exit_code == 0, res.output
    ids = {p["id"] for p in json.loads(res.stdout)["processes"]}
    assert {"cold_sintering", "atomic_layer_deposition", "lithium_evaporation"} <= ids
    assert "processes" in runner.invoke(app, ["processes"]).stdout.lower()


def test_processes_json_reads_back_as_the_same_database(tmp_path: Path, stack_file: Path) -> None:
    """The JSON listing is a whole database (rules and defaults included): edited or not, it can
    be given back with --processes, and routes and costs are the same as with the curated one."""
    from solidcell.manufacturing.processes import load_processes

    dump = tmp_path / "processes.yaml"
    dump.write_text(runner.invoke(app, ["processes", "--json"]).stdout)
    assert load_processes(dump) == load_processes()
    for cmd in ("route", "cost"):
        plain = runner.invoke(app, [cmd, str(stack_file), "--json"])
        again = runner.invoke(app, [cmd, str(stack_file), "--json", "--processes", str(dump)])
        assert plain.exit_code == again.exit_code == 0, again.output
        assert json.loads(again.stdout) == json.loads(plain.stdout)
    data = json.loads(dump.read_text())
    data["sources"] = data["sources"][1:]  # a source list that does not match the entries
    dump.write_text(json.dumps(data))
    with pytest.raises(ValidationError, match=r"^sources: .*the source keys of the entries"):
        load_processes(dump)


@pytest.mark.parametrize(("price", "needle"), [
    ("nope=50", "--price: 'nope' is not a material of this design"),
    ("LI6PS5CL=50", "did you mean li6ps5cl?"),
    ("li6ps5cl=abc", "--price li6ps5cl: 'abc' is not a price in USD/kg"),
    ("li6ps5cl=1e308", "above the plausible limit"),
])
def test_price_option_errors_name_the_id(stack_file: Path, price: str, needle: str) -> None:
    """A price for an id the design does not use (a typo) used to be dropped silently."""
    res = runner.invoke(app, ["cost", str(stack_file), "--price", price])
    assert res.exit_code == 2, res.output
    assert needle in res.output


def test_route_says_when_not_every_build_order_was_tried(tmp_path: Path) -> None:
    """15 layers have 2^14 = 16384 build orders; the planner tries the first 4096. The header
    said '4096 build orders tried', as if that were all of them."""
    kinds = [("al_foil", "current_collector"), ("li6ps5cl", "electrolyte"),
             ("nmc811", "cathode"), ("li_metal", "anode")]
    layers = [{"name": f"l{k}", "material": kinds[k % 4][0], "role": kinds[k % 4][1],
               "thickness": "20 um"} for k in range(15)]
    path = tmp_path / "tall.yaml"
    path.write_text(yaml.safe_dump({"name": "tall", "layers": layers}))
    res = runner.invoke(app, ["route", str(path)])
    assert res.stdout.startswith("tall: the first 4096 of 16384 build orders tried"), res.output
    assert runner.invoke(app, ["route", str(stack_file_for(tmp_path))]).stdout.startswith(
        "sulfide pouch: 16 build orders tried")


def stack_file_for(tmp_path: Path) -> Path:
    path = tmp_path / "stack.yaml"
    path.write_text(yaml.safe_dump(sulfide_stack()))
    return path


def test_processes_table_shows_a_single_resolution_once() -> None:
    """Sputtering's mask resolution (one value, 100 um) was shown as '100-100'."""
    # a wide terminal, so that no cell wraps (the width under xdist is not the terminal's)
    out = runner.invoke(app, ["processes"], env={"COLUMNS": "200"}).stdout
    row = next(line for line in out.splitlines() if "sputtering" in line)
    cells = [c.strip() for c in row.split("│")]
    assert cells[2:4] == ["0.01-10", "100"], cells


def test_a_layer_stack_saved_as_json_is_a_layer_stack(tmp_path: Path) -> None:
    """It was read as a cell design: 'cathode: None is not allowed; required ...'."""
    from solidcell.manufacturing.routes import plan_routes

    path = tmp_path / "stack.json"
    path.write_text(json.dumps(sulfide_stack()))
    assert plan_routes(path).feasible
    res = runner.invoke(app, ["cost", str(path), "--json", "--price", "li6ps5cl=50"])
    assert res.exit_code == 0, res.output
    as_yaml = stack_file_for(tmp_path)
    same = runner.invoke(app, ["cost", str(as_yaml), "--json", "--price", "li6ps5cl=50"])
    assert json.loads(res.stdout)[CELL] == json.loads(same.stdout)[CELL]


CELL = "Cell cost [USD.kW.h-1]"


def test_processes_table_writes_thicknesses_without_exponents() -> None:
    """The printing processes' 10 mm upper thickness was printed '10-1e+04' (QA 2026-12-06);
    every cell of the thickness and resolution columns is a plain number or range."""
    import re

    out = runner.invoke(app, ["processes"], env={"COLUMNS": "200"}).output
    assert "10-10000" in out and "e+0" not in out
    assert not re.search(r"\d[eE][+-]?\d", out)


def test_a_folder_as_process_database_is_called_a_folder(stack_file: Path, capsys) -> None:
    from clirun import run

    code, _, err = run(["cost", str(stack_file), "--processes", str(stack_file.parent)], capsys)
    assert code == 2
    assert "an existing YAML file (this is a folder)" in err


def test_a_price_stored_in_this_process_is_used_by_the_next_cost(tmp_path: Path,
                                                                 monkeypatch) -> None:
    """`store.add_measurement` of a price, then `cell_cost` in the same process: the cost
    model's material cache kept the unpriced material until the process ended (it is now
    keyed by the database's version, `database_version`)."""
    from solidcell.manufacturing.cost import cell_cost
    from solidcell.materials.store import MaterialStore, default_store

    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "prices.sqlite"))
    design = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
    assert not cell_cost(design).has_cost  # vgcf and linbo3 have no price of their own
    store = default_store()
    assert isinstance(store, MaterialStore)
    for mid, usd in (("vgcf", 40.0), ("linbo3", 100.0)):  # test inputs, not market prices
        store.add_measurement(mid, {"name": "price", "value": usd, "unit": "USD/kg",
                                    "year": 2024, "source": "test_input",
                                    "method": "estimated"})
    assert cell_cost(design).has_cost
