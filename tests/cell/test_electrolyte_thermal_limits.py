"""Upper temperature limits of the electrolytes (separator, catholyte, anolyte): a design
temperature at or above an electrolyte's decomposition onset, or at or above the melting
temperature of one that is not a polymer, is refused (evaluate) or makes the design infeasible
(screen). Before, a graphite | PEO-LiTFSI cell was evaluated at 400 degC with only an
"extrapolated" conductivity warning: no part of it had a limit below the aluminium's 660.3 degC.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import (
    MOLTEN_USE_CLASSES,
    CellDesign,
    check_solid_parts,
    upper_temperature_limit,
)
from solidcell.cell.energy import evaluate
from solidcell.citations import bibliography
from solidcell.errors import ValidationError
from solidcell.materials import curated_materials, resolve
from solidcell.materials.schema import Material

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
POLYMER = EXAMPLES / "polymer-lfp-peo-li.yaml"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
C0 = 273.15


def _graphite(electrolyte: str | Material) -> dict[str, object]:
    """A graphite composite anode with ``electrolyte`` (no lithium metal, which melts at
    180.5 degC, below every electrolyte limit)."""
    return {"kind": "graphite", "np_ratio": 1.1, "electrolyte": electrolyte,
            "active_fraction": 0.7, "electrolyte_fraction": 0.3}


def _cell_with(electrolyte: str | Material) -> CellDesign:
    """The EV example's NMC811 cathode with ``electrolyte`` as catholyte, separator and
    anolyte of a graphite anode, at 25 degC."""
    return CellDesign.from_file(EV).replace(**{
        "cathode.electrolyte": electrolyte, "separator.electrolyte": electrolyte,
        "anode": _graphite(electrolyte), "temperature_K": 298.15})


# --- each stored limit against its source ------------------------------------------------
@pytest.mark.parametrize(("mid", "name", "degc", "source"), [
    # Abels et al., J. Electrochem. Soc. 2022, 020560 (abstract): PEO electrolytes with
    # NMC622, TGA/DSC-MS in argon, "all examined solid electrolytes are stable up to 300 C"
    ("peo_litfsi", "decomposition_temperature", 300.0, "abels2022_peo_thermal"),
    # J. Mater. Sci. 43 (2008) 1885 (abstract): Li7P3S11 formed at 280-360 C, best after
    # 360 C for 1 h, turns into Li4P2S6 at higher temperatures
    ("li7p3s11", "decomposition_temperature", 360.0, "jmatersci2008_li7p3s11_formation"),
])
def test_stored_limit_is_the_sources(mid: str, name: str, degc: float, source: str) -> None:
    prop = resolve(mid).get(name)
    assert prop is not None and prop.source == source
    assert prop.si == pytest.approx(degc + C0)
    assert prop.method == "measured" and prop.note
    assert source in bibliography()
    assert upper_temperature_limit(resolve(mid)) == (name, pytest.approx(degc + C0), source)


def test_polymers_are_limited_by_decomposition_not_melting() -> None:
    """PEO melts at 65 degC (xue2015_peo) and PEO cells run at 60-80 degC: its limit is the
    300 degC decomposition onset, not its melting temperature."""
    peo = resolve("peo_litfsi")
    assert peo.electrolyte_class in MOLTEN_USE_CLASSES
    assert peo.si("melting_temperature") == pytest.approx(65 + C0)
    assert upper_temperature_limit(peo)[0] == "decomposition_temperature"


def test_an_inorganic_electrolyte_that_melts_is_refused_a_polymer_is_not() -> None:
    """The same melting temperature (a test value, no data) refuses a halide at it, not a
    solid polymer; both are refused at their decomposition onset."""
    def user(cls: str) -> Material:
        return Material(
            id=f"test_{cls}", name=cls, category="electrolyte", electrolyte_class=cls,
            origin="user", properties=[
                {"name": "density", "value": 2.0, "unit": "g/cm3", "method": "measured",
                 "source": "test"},
                {"name": "melting_temperature", "value": 400, "unit": "K",
                 "method": "measured", "source": "test"},
                {"name": "decomposition_temperature", "value": 500, "unit": "K",
                 "method": "measured", "source": "test"}])

    halide = _cell_with(user("halide")).resolved()
    with pytest.raises(ValidationError, match=r"400 K .*melting temperature of test_halide "
                                              r"\(separator.electrolyte; test\)"):
        check_solid_parts(halide, 400.0)
    check_solid_parts(halide, 399.0)
    polymer = _cell_with(user("solid_polymer")).resolved()
    check_solid_parts(polymer, 450.0)  # molten, still below its decomposition onset
    with pytest.raises(ValidationError, match="decomposition onset of test_solid_polymer"):
        check_solid_parts(polymer, 500.0)


# --- any temperature at or above a limit is refused, below it is not ----------------------
LIMITED = sorted(m.id for m in curated_materials()
                 if m.category == "electrolyte" and upper_temperature_limit(m) is not None)


def test_the_curated_limits_are_these() -> None:
    """The electrolytes with a limit (docs/materials-data.md, Known gaps, lists the rest);
    the PEO composites take their polymer's."""
    assert {"peo_litfsi", "li7p3s11"} <= set(LIMITED)


@pytest.mark.parametrize("mid", LIMITED)
@settings(max_examples=15, deadline=None)
@given(above=st.floats(0.0, 1000.0), below=st.floats(1e-3, 200.0))
def test_at_or_above_the_limit_is_refused(mid: str, above: float, below: float) -> None:
    rd = _cell_with(mid).resolved()
    name, limit, source = upper_temperature_limit(resolve(mid))  # type: ignore[misc]
    words = {"decomposition_temperature": "decomposition onset",
             "melting_temperature": "melting temperature"}[name]
    with pytest.raises(ValidationError) as err:
        check_solid_parts(rd, limit + above)
    assert err.value.field == "temperature_K"
    assert f"{words} of {mid} (separator.electrolyte; {source})" in str(err.value)
    check_solid_parts(rd, limit - below)  # not refused by this check


@pytest.mark.parametrize("part", ["cathode.electrolyte", "separator.electrolyte",
                                  "anode.electrolyte"])
def test_each_electrolyte_part_counts(part: str) -> None:
    """PEO-LiTFSI in one part only (Li6PS5Cl elsewhere, no limit stored) is named there."""
    d = _cell_with("li6ps5cl")
    d = d.replace(**{part: "peo_litfsi"})
    with pytest.raises(ValidationError, match=rf"peo_litfsi \({part}; abels2022"):
        evaluate(d.replace(temperature_K=300 + C0))
    assert evaluate(d.replace(temperature_K=299 + C0))[
        "Cell gravimetric energy density [W.h.kg-1]"] > 0


def test_a_composite_takes_its_polymers_limit() -> None:
    """PEO-LLZO (85 wt% peo_litfsi) decomposes with its polymer: the component is named."""
    with pytest.raises(ValidationError, match=r"decomposition onset of peo_litfsi "
                                              r"\(separator.electrolyte peo_llzo_15wt, "
                                              r"component peo_litfsi; abels2022"):
        evaluate(_cell_with("peo_llzo_15wt").replace(temperature_K=400 + C0))


def test_graphite_peo_at_400_degc_is_refused() -> None:
    """The case of the report: before, evaluated with an 'extrapolated' warning only."""
    d = CellDesign.from_file(POLYMER).replace(anode=_graphite("peo_litfsi"))
    with pytest.raises(ValidationError, match=r"must be below 573.15 K \(300 degC\), the "
                                              r"decomposition onset of peo_litfsi"):
        evaluate(d.replace(temperature_K=400 + C0))


@pytest.mark.parametrize("degc", [60.0, 80.0])
def test_the_polymer_example_still_evaluates(degc: float) -> None:
    """60 degC is the example's temperature (PEO molten above 65 degC, as PEO cells run)."""
    d = CellDesign.from_file(POLYMER)
    out = evaluate(d.replace(temperature_K=degc + C0))
    assert out["Cell gravimetric energy density [W.h.kg-1]"] > 0
    if degc == 60.0:
        assert d.temperature_K == pytest.approx(60 + C0)


def test_a_screen_marks_a_temperature_above_the_limit_infeasible() -> None:
    from solidcell.screening.screen import screen

    base = CellDesign.from_file(POLYMER).replace(anode=_graphite("peo_litfsi"))
    temps = [333.15, 350 + C0]
    space = {"base": json.loads(base.to_json()), "method": "grid",
             "parameters": {"temperature_K": {"values": temps}},
             "objectives": [{"key": "Cell gravimetric energy density [W.h.kg-1]",
                             "sense": "max"}]}
    t = screen(space, with_cost=False).table.set_index("temperature_K")
    assert bool(t.loc[333.15, "Feasible"])
    assert not bool(t.loc[350 + C0, "Feasible"])
    assert "decomposition onset of peo_litfsi" in t.loc[350 + C0, "Reason"]
