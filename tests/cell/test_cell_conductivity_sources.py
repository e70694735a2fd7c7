"""The sources of every electrolyte conductivity behind the power reach `evaluate`, as they
reach `evaluate_many`: a cathode or composite-anode electrolyte other than the separator's
(a halide catholyte, a Li3InCl6 anode electrolyte) was cited only through the separator's."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate, evaluate_many
from solidcell.chemistry.conductivity import conductivity_at
from solidcell.materials import get

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


def _graphite_li3incl6(celsius: float) -> CellDesign:
    """The EV example (Li6PS5Cl separator and catholyte) with a graphite | Li3InCl6 anode."""
    return CellDesign.from_file(EV).replace(temperature_K=celsius + 273.15, anode={
        "kind": "graphite", "np_ratio": 1.1, "electrolyte": "li3incl6", "carbon": "vgcf",
        "active_fraction": 0.6, "electrolyte_fraction": 0.37, "carbon_fraction": 0.03})


@pytest.mark.parametrize("celsius", [25.0, 60.0])
def test_evaluate_cites_the_anode_electrolyte_conductivity(celsius: float) -> None:
    design = _graphite_li3incl6(celsius)
    r = evaluate(design)
    needed = set(conductivity_at("li3incl6", design.temperature_K).sources)
    assert "li2019_li3incl6" in needed  # its measured value's source
    assert needed <= set(r.sources)
    # the same sources as the vectorised path (which had them), and the same power
    batch = evaluate_many([design])
    assert set(batch.sources) == set(r.sources)
    assert batch["Cell specific power [W.kg-1]"][0] == pytest.approx(
        r["Cell specific power [W.kg-1]"], rel=1e-12)


def test_evaluate_cites_a_catholyte_other_than_the_separator() -> None:
    design = CellDesign.from_file(EV).replace(**{"cathode.electrolyte": "li3incl6",
                                                  "temperature_K": 318.15})
    r = evaluate(design)
    assert set(conductivity_at("li3incl6", 318.15).sources) <= set(r.sources)
    # its warning is shown, and the source the warning names is cited
    assert any(w.startswith("li3incl6:") and "laskowski2023_conductivity_dataset" in w
               for w in r.warnings)


def test_evaluate_many_json_keeps_the_conductivity_warning() -> None:
    """EnergyBatch.to_json() dropped the conventions, where evaluate_many puts the warning of
    a conductivity extrapolated beyond its data (Li6PS5Cl at 45 degC, one value at 25 degC)."""
    import json

    design = CellDesign.from_file(EV).replace(temperature_K=318.15)
    data = json.loads(json.dumps(evaluate_many([design]).to_json()))
    warning = conductivity_at("li6ps5cl", 318.15).warnings[0]
    assert warning in data["conventions"]["Temperature"]
    assert data["conventions"]["Power"].startswith("transport-limited")


def test_each_electrolyte_spreads_the_power_range_by_its_own_data() -> None:
    """The range scaled every electrolyte by the separator's spread: a Li3InCl6 catholyte
    (one measured value: no spread) beside a Li6PS5Cl separator (1-10 mS/cm review range
    around 2.05) took Li6PS5Cl's factors. Now each takes its own (docs/cell.md)."""
    from solidcell.cell.energy import conductivity_spread, core, design_parameters

    design = CellDesign.from_file(EV).replace(**{"cathode.electrolyte": "li3incl6"})
    r = evaluate(design)
    p = design_parameters(design.resolved())
    sep = conductivity_spread(get("li6ps5cl"))
    assert conductivity_spread(get("li3incl6")) == (1.0, 1.0) and sep[0] < 1.0 < sep[1]
    expected = []
    for factor in sep:  # the separator scaled, the catholyte at its one value
        scaled = {**p, "separator_conductivity_S_m": p["separator_conductivity_S_m"] * factor}
        expected.append(float(core(scaled)["Cell specific power [W.kg-1]"]))
    assert r.power_range_W_kg == pytest.approx(tuple(expected), rel=1e-12)
