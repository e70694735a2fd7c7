"""A cell design's separator may carry a sintering aid: it is validated as a layer's
(:class:`solidcell.manufacturing.layers.SinteringAid`, errors named ``separator.sintering_aid``),
mapped onto the separator layer of the stack, planned at the aid entry's temperature, saved and
read back with the design, and ignored by the energy model.

Published values: LLZO + 0.5-2 wt% Li3BO3 sinters at 1000 degC for 6 h (jonson2018_llzo_tape);
LLZO without an aid at 1230 degC (murugan2007, the knowledge base's sintering_temperature)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from solidcell import units
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.cli import app
from solidcell.errors import ValidationError
from solidcell.manufacturing.design import stack_from_design
from solidcell.manufacturing.layers import SinteringAid
from solidcell.manufacturing.routes import plan_routes

ROOT = Path(__file__).resolve().parents[2]
OXIDE = ROOT / "examples" / "oxide-lco-llzo-li.yaml"
VERTICAL = ROOT / "examples" / "vertically-aligned-lco-llzo-li.yaml"
AID = {"material": "Li3BO3", "amount": "0.5 wt%"}
runner = CliRunner()


def _data(example: Path = OXIDE, aid: Any = None) -> dict:
    data = yaml.safe_load(example.read_text("utf-8"))
    if aid is not None:
        data["separator"]["sintering_aid"] = aid
    return data


def _write(tmp_path: Path, data: dict, name: str = "design.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _separator_step(design: Any) -> Any:
    plan = plan_routes(design)
    if plan.best is not None:
        return next(s for s in plan.best.steps if s.layer == "separator")
    # no route (the vertically aligned LCO + LLZO cathode: an oxide composite electrode that no
    # process densifies below the LCO/LLZO interdiffusion onset): the separator's tape casting
    # option still carries its sintering temperature
    return next(s for s in plan.options if s.layer == "separator" and s.process == "tape_casting")


def _degC(kelvin: float) -> float:
    return units.convert(kelvin, "temperature", "degC")


# ---- the design field ----------------------------------------------------------------------
def test_the_aid_is_a_sintering_aid_and_reaches_the_separator_layer() -> None:
    design = CellDesign.from_dict(_data(aid=AID))
    aid = design.separator.sintering_aid
    assert isinstance(aid, SinteringAid)
    assert (aid.material, aid.amount) == ("li3bo3", pytest.approx(0.005))
    layers = {layer.name: layer for layer in stack_from_design(design).layers}
    assert layers["separator"].sintering_aid == aid
    assert all(layer.sintering_aid is None for name, layer in layers.items()
               if name != "separator")
    # no component or mass of its own
    assert layers["separator"].components == {}
    plain = {layer.name: layer for layer in stack_from_design(CellDesign.from_dict(_data()))
             .layers}
    assert layers["separator"].areal_mass == plain["separator"].areal_mass
    assert plain["separator"].sintering_aid is None


@pytest.mark.parametrize("example", [OXIDE, VERTICAL], ids=["planar", "vertically_aligned"])
def test_a_design_with_the_aid_is_sintered_at_the_aid_temperature(example: Path) -> None:
    """jonson2018_llzo_tape: LLZO tapes with 0.5 wt% Li3BO3 sintered at 1000 degC for 6 h;
    without the aid the knowledge base's 1230 degC (murugan2007)."""
    with_aid = _separator_step(CellDesign.from_dict(_data(example, AID)))
    assert _degC(with_aid.temperature_K) == pytest.approx(1000)
    assert "jonson2018_llzo_tape" in with_aid.sources
    assert "0.5 wt% li3bo3" in with_aid.note
    without = _separator_step(CellDesign.from_dict(_data(example)))
    assert _degC(without.temperature_K) == pytest.approx(1230)
    assert "murugan2007" in without.sources


def test_route_cli_on_a_design_file(tmp_path: Path) -> None:
    res = runner.invoke(app, ["route", str(_write(tmp_path, _data(aid=AID)))])
    assert res.exit_code == 0, res.output
    assert "separator (tape_casting): sintered at 1000 degC for 6 h with 0.5 wt% li3bo3 " \
        "(jonson2018_llzo_tape)" in res.output
    res = runner.invoke(app, ["route", str(OXIDE)])
    assert res.exit_code == 0, res.output
    assert "li3bo3" not in res.output


@pytest.mark.parametrize(("aid", "field", "words"), [
    ({"material": "unobtainium", "amount": "1 wt%"}, "separator.sintering_aid.material",
     "unknown sintering aid 'unobtainium'; known: li3bo3"),
    ({"material": "li3bo3", "amount": "150 %"}, "separator.sintering_aid.amount",
     "must be a mass fraction in (0, 1)"),
    ({"material": "li3bo3", "amount": True}, "separator.sintering_aid.amount", "is a bool"),
    ({"material": "li3bo3"}, "separator.sintering_aid.amount", "required"),
    ({"material": "li3bo3", "amount": "1 wt%", "temperature": "900 degC"},
     "separator.sintering_aid.temperature", "unknown field"),
    ({"material": "LLZO", "amount": "1 wt%"}, "separator.sintering_aid.material",
     "the separator's own electrolyte"),
])
def test_a_bad_aid_is_refused_naming_the_design_field(aid: dict, field: str,
                                                      words: str) -> None:
    with pytest.raises(ValidationError) as info:
        CellDesign.from_dict(_data(aid=aid))
    assert info.value.field == field
    assert words in str(info.value)


def test_a_bad_aid_in_a_design_file_exits_2_naming_the_field(tmp_path: Path) -> None:
    path = _write(tmp_path, _data(aid={"material": "unobtainium", "amount": "1 wt%"}))
    env = dict(os.environ, MPLBACKEND="Agg", PYBAMM_DISABLE_TELEMETRY="true")
    for command in ("route", "cost", "evaluate"):
        res = subprocess.run([sys.executable, "-m", "solidcell", command, str(path)],
                             capture_output=True, text=True, env=env, timeout=300)
        assert res.returncode == 2, (command, res.stderr)
        assert res.stderr.startswith("error: separator.sintering_aid.material: 'unobtainium'")
        assert "Traceback" not in res.stderr


def test_an_amount_without_a_sourced_entry_is_refused_by_the_planner() -> None:
    """5 wt% lies between the sourced 0.5-2 wt% (jonson2018_llzo_tape) and 8 wt%
    (shin2016_llzo_li3bo3): no temperature for it, so no route."""
    design = CellDesign.from_dict(_data(aid={"material": "li3bo3", "amount": "5 wt%"}))
    with pytest.raises(ValidationError) as info:
        plan_routes(design)
    # named as the design names it (was the stack's 'layers[2].sintering_aid.amount')
    assert info.value.field == "separator.sintering_aid.amount"
    assert "jonson2018_llzo_tape" in str(info.value) and "shin2016_llzo_li3bo3" in str(info.value)


# ---- save and load -------------------------------------------------------------------------
def test_the_aid_round_trips_through_yaml_json_and_replace(tmp_path: Path) -> None:
    design = CellDesign.from_dict(_data(aid=AID))
    assert design.to_dict()["separator"]["sintering_aid"] == {"material": "li3bo3",
                                                              "amount": 0.005}
    assert CellDesign.from_yaml(design.to_yaml()) == design
    assert CellDesign.from_json(design.to_json()) == design
    path = tmp_path / "saved.json"
    path.write_text(design.to_json(), encoding="utf-8")
    assert CellDesign.from_file(path) == design
    plain = CellDesign.from_dict(_data())
    assert plain.replace(**{"separator.sintering_aid": AID}) == design
    assert design.replace(**{"separator.sintering_aid": None}) == plain
    eight = design.replace(**{"separator.sintering_aid.amount": "8 wt%"})
    # shin2016_llzo_li3bo3: LLZO with 8 wt% Li3BO3 sintered at 1100 degC
    assert _degC(_separator_step(eight).temperature_K) == pytest.approx(1100)


# ---- the energy model ignores it -----------------------------------------------------------
@pytest.mark.parametrize("example", [OXIDE, VERTICAL], ids=["planar", "vertically_aligned"])
def test_evaluate_is_identical_with_and_without_the_aid(example: Path) -> None:
    a = evaluate(CellDesign.from_dict(_data(example)))
    b = evaluate(CellDesign.from_dict(_data(example, AID)))
    assert list(a.values) == list(b.values)
    np.testing.assert_equal(dict(a.values), dict(b.values))  # exact; NaN (no pack) as NaN
    assert a.sources == b.sources
