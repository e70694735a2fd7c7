"""The dashboard's Interfaces tab (solidcell.app.interfaces_tab): ``solidcell interfaces`` of
the design tab's design. Its tables are ``interface_flags``' and ``mechanics_check``'s numbers
in the units shown (the EV example at 5 MPa and 0.3 mA/cm2 on discharge, where Duan et al.'s
measured stripping failure, duan2023_lpscl_cracking, is reached); a refused box is named
beside itself, the last tables kept (greyed) and nothing written; a host anode gets the note
that the lithium checks do not apply. Callbacks posted as the page posts them (Flask test
client); the browser test is test_app_interfaces_tab_browser.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserhelpers import EXAMPLES, design_dashboard

from exampledesigns import GRAPHITE_CELL_YAML
from solidcell import units
from solidcell.app.interfaces_tab import (
    IFC_NOT_YET_NOTE,
    IFC_STALE_NOTE,
    LITHIUM_KINDS,
    MECHANICS_BOXES,
    lithium_note,
)
from solidcell.app.server import STALE_STYLE, shown
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.interfaces.design_flags import interface_flags
from solidcell.mechanics.dendrite import measured_ccd
from solidcell.mechanics.stripping import measured_stripping
from solidcell.mechanics.volume import mechanics_check

EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
BOX = {key: v[0] for key, v in MECHANICS_BOXES.items()}
#: the EV example's check: 5 MPa at assembly, 0.3 mA/cm2 on discharge (Duan et al. saw large
#: voids and a short circuit at 0.3 mA/cm2 under 5 MPa: duan2023_lpscl_cracking)
FORM = {BOX["stack_pressure_Pa"]: "5 MPa", BOX["discharge_current_density_A_m2"]: "0.3 mA/cm2"}
GRAPHITE = GRAPHITE_CELL_YAML


@pytest.fixture(name="app")
def app_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    dashboard = design_dashboard(tmp_path, EV, **FORM, tabs="interfaces")  # the tab shown
    dashboard.tmp = tmp_path
    yield dashboard
    dashboard.state.jobs.close()


def _find(tree: Any, cid: str) -> Any:
    """The component ``cid`` in a callback's answer (Dash's JSON of components), or None."""
    if isinstance(tree, list):
        return next((f for f in (_find(t, cid) for t in tree) if f is not None), None)
    if not isinstance(tree, dict):
        return None
    props = tree.get("props", {})
    if props.get("id") == cid:
        return tree
    return _find(props.get("children"), cid)


def _text(tree: Any) -> str:
    if isinstance(tree, list):
        return "".join(_text(t) for t in tree)
    if isinstance(tree, dict):
        return _text(tree.get("props", {}).get("children"))
    return "" if tree is None else str(tree)


def _rows(table: Any) -> list[list[str]]:
    """The body rows of a table as its cells' texts."""
    body = table["props"]["children"][1]
    return [[_text(td) for td in tr["props"]["children"]] for tr in body["props"]["children"]]


def _um(x: float) -> str:
    return shown(units.convert(x, "length", "um"))


def _update(app: Any, **typed: Any) -> dict[str, Any]:
    return app.call("cathode-thickness.value", "ifc-result", **typed)


def test_the_tables_are_the_engines_numbers(app: Any) -> None:
    answer = _update(app)
    tree = answer["ifc-result"]["children"]
    assert answer["ifc-result"]["style"] == {} and answer["ifc-stale"]["children"] == ""
    design = CellDesign.from_yaml(EV)
    flags = interface_flags(design)
    mech = mechanics_check(design, stack_pressure_Pa=5e6, discharge_current_density_A_m2=3.0)
    assert _rows(_find(tree, "ifc-flags-table")) == [
        [f.interface, f.first, f.second, f.status, f.reason, ", ".join(f.fixing_buffers) or "-"]
        for f in flags.flags]
    assert _text(_find(tree, "ifc-flags-sources")) == "Sources: " + ", ".join(flags.sources)
    rows = _rows(_find(tree, "ifc-thickness-table"))
    assert rows[:-1] == [[c.layer, c.material, _um(c.thickness_m), _um(c.change_low_m),
                          _um(c.change_high_m), c.basis] for c in mech.layers]
    assert rows[-1][2:5] == [_um(mech.stack_thickness_m), _um(mech.stack_change_low_m),
                             _um(mech.stack_change_high_m)]
    sp = mech.pressure
    pressure = _rows(_find(tree, "ifc-pressure-table"))[0]
    assert pressure[:5] == [shown(p / 1e6) if p is not None else "-" for p in (
        sp.contact_pressure_Pa, sp.assembly_pressure_Pa, sp.pressure_min_Pa,
        sp.pressure_max_Pa, sp.required_assembly_pressure_Pa)]
    assert pressure[1] == "5"  # the stack pressure typed, in MPa
    assert pressure[5] == _um(sp.critical_flaw_size_m)
    assert _rows(_find(tree, "ifc-ccd-table")) == [  # 1 mA/cm2 = 10 A/m2
        [shown(v / 10), src, cond] for v, src, cond in measured_ccd("li6ps5cl")]
    stripping = _rows(_find(tree, "ifc-stripping-table"))
    assert [r[4] for r in stripping] == [o.source for o in measured_stripping("li6ps5cl")]
    assert [r[0] for r in stripping] == [shown(o.current_mA_cm2)
                                         for o in measured_stripping("li6ps5cl")]
    warnings = [_text(li) for li in _find(tree, "ifc-warnings")["props"]["children"]]
    assert warnings == list(mech.warnings)
    # Duan et al.: 0.3 mA/cm2 under 5 MPa, large voids and a short circuit
    assert any("discharging at 0.3 mA/cm2" in w and "[duan2023_lpscl_cracking]" in w
               for w in warnings)
    sources = _text(_find(tree, "ifc-sources"))
    assert "duan2023_lpscl_cracking" in sources
    assert all(k in sources for k in mech.sources)


def test_monroe_newman_is_the_engines(app: Any) -> None:
    """G_SE / G_Li of Li6PS5Cl against the knowledge base's lithium (monroe2005_dendrite:
    the criterion is a ratio of 2), in GPa."""
    from solidcell.mechanics.lithium import monroe_newman

    tree = _update(app)["ifc-result"]["children"]
    mn = monroe_newman("li6ps5cl")
    assert _rows(_find(tree, "ifc-monroe-table")) == [[
        "li6ps5cl", shown(mn.shear_modulus_electrolyte_Pa / 1e9),
        shown(mn.shear_modulus_li_Pa / 1e9), shown(mn.ratio), "2",
        "yes" if mn.meets_criterion else "no"]]
    # a lithium shear modulus typed: the criterion with it, as --li-shear-modulus gives it
    tree = _update(app, **{BOX["shear_modulus_li_Pa"]: "4 GPa"})["ifc-result"]["children"]
    given = monroe_newman("li6ps5cl", shear_modulus_li_Pa=4e9)
    assert _rows(_find(tree, "ifc-monroe-table"))[0][2:4] == ["4", shown(given.ratio)]


def test_a_flaw_size_gives_the_plating_estimate(app: Any) -> None:
    typed = {BOX["flaw_size_m"]: "5 um", BOX["charge_current_density_A_m2"]: "1 mA/cm2"}
    tree = _update(app, **typed)["ifc-result"]["children"]
    cc = mechanics_check(CellDesign.from_yaml(EV), stack_pressure_Pa=5e6, flaw_size_m=5e-6,
                         charge_current_density_A_m2=10.0,
                         discharge_current_density_A_m2=3.0).critical_current
    row = _rows(_find(tree, "ifc-estimate-table"))[0]
    assert row[:2] == ["5", shown(cc.critical_overpotential_V * 1e3)]


def test_a_box_without_its_unit_is_refused_beside_it(app: Any, tmp_path: Path) -> None:
    before = EV.read_text("utf-8")
    answer = _update(app, **{BOX["stack_pressure_Pa"]: "5",
                             BOX["discharge_current_density_A_m2"]: "0.3 bar"})
    message = answer[f"{BOX['stack_pressure_Pa']}-msg"]["children"]
    assert message.startswith("stack pressure: '5' is not allowed; a pressure with its unit")
    discharge = answer[f"{BOX['discharge_current_density_A_m2']}-msg"]["children"]
    assert discharge.startswith("discharge current density: '0.3 bar' is not allowed; a "
                                "current density with its unit")
    # nothing lost: the tables are not replaced, only greyed under the note; nothing written
    assert "children" not in answer["ifc-result"]
    assert answer["ifc-result"]["style"] == STALE_STYLE
    assert answer["ifc-stale"]["children"] == IFC_NOT_YET_NOTE
    assert list((tmp_path / "workspace").iterdir()) == []
    assert EV.read_text("utf-8") == before


def test_the_engines_refusal_names_the_box_and_the_text(app: Any) -> None:
    """A flaw deeper than the 30 um separator: mechanics_check's own rule, said of the box."""
    with pytest.raises(ValidationError) as engine:
        mechanics_check(CellDesign.from_yaml(EV), flaw_size_m=50e-6)
    answer = _update(app, **{BOX["flaw_size_m"]: " 50 um ", "ifc-result": ["shown"]})
    assert answer[f"{BOX['flaw_size_m']}-msg"]["children"] == str(
        ValidationError("flaw size", "50 um", engine.value.allowed))
    assert answer["ifc-stale"]["children"] == IFC_STALE_NOTE
    assert answer["ifc-result"]["style"] == STALE_STYLE
    assert all(answer[f"{b}-msg"]["children"] == "" for k, b in BOX.items()
               if k != "flaw_size_m")


def test_a_refused_design_is_said(app: Any) -> None:
    answer = _update(app, **{"cathode-thickness": "-5"})
    assert answer["ifc-design-msg"]["children"].startswith("design: ")
    assert "fix the design tab first" in answer["ifc-design-msg"]["children"]
    assert answer["ifc-result"]["style"] == STALE_STYLE


def test_a_host_anode_is_told_the_lithium_checks_do_not_apply(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    path = tmp_path / "graphite.yaml"
    path.write_text(GRAPHITE, "utf-8")
    app = design_dashboard(tmp_path / "app", path, **FORM, tabs="interfaces")
    try:
        tree = _update(app)["ifc-result"]["children"]
    finally:
        app.state.jobs.close()
    assert "graphite" not in LITHIUM_KINDS
    assert _text(_find(tree, "ifc-kind-note")) == lithium_note("graphite")
    assert _find(tree, "ifc-monroe-table") is None and _find(tree, "ifc-pressure-table") is None
    mech = mechanics_check(CellDesign.from_yaml(path), stack_pressure_Pa=5e6,
                           discharge_current_density_A_m2=3.0)
    warnings = [_text(li) for li in _find(tree, "ifc-warnings")["props"]["children"]]
    assert warnings == list(mech.warnings)
    assert any("stack pressure, discharge current density not used" in w for w in warnings)


def test_nothing_is_computed_while_another_tab_is_shown(app: Any) -> None:
    # a design edit on the design tab waits for the interfaces tab to be opened
    answer = app.call("cathode-thickness.value", "ifc-result", tabs="design")
    assert "ifc-result" not in answer
    opened = app.call("cathode-thickness.value", "ifc-result", tabs="interfaces")
    assert _find(opened["ifc-result"]["children"], "ifc-flags-table") is not None
