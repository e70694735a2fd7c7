"""The planner's thermal limits come from the same sourced values as a cell's: a material's
decomposition onset or melting temperature (solidcell.cell.design.upper_temperature_limit),
for a composite electrolyte also its components'; the class estimates apply only to materials
without a value of their own. Before, the planner used its class estimates for every
electrolyte (polymers 150 degC, sulfides 500 degC): a sol-gel step at 400 degC on Li7P3S11,
which turns into Li4P2S6 above 360 degC, was feasible.
"""

from __future__ import annotations

import pytest

from solidcell.cell.design import (
    CellDesign,
    check_solid_parts,
    composite_components,
    upper_temperature_limit,
)
from solidcell.citations import bibliography
from solidcell.errors import ValidationError
from solidcell.manufacturing.economics import CostOptions
from solidcell.manufacturing.layers import LayerStack, material_class
from solidcell.manufacturing.processes import load_processes
from solidcell.manufacturing.routes import _Context, check_step, plan_routes
from solidcell.materials import curated_materials, resolve
from solidcell.materials.schema import Material

C0 = 273.15


def _options(plan, layer: str, process: str):
    [option] = [o for o in plan.options if o.layer == layer and o.process == process]
    return option


def _limits(plan) -> dict:
    return dict(plan.thermal_limits)


def _context() -> _Context:
    stack = LayerStack.from_dict({"layers": [
        {"name": "x", "material": "llzo", "thickness": "40 um"}]})
    return _Context(stack, load_processes())


# --- one source of truth ---------------------------------------------------------------------
@pytest.mark.parametrize("mat", [m for m in curated_materials()
                                 if upper_temperature_limit(m) is not None
                                 and m.get("max_processing_temperature") is None],
                         ids=lambda m: m.id)
def test_the_planner_limit_is_the_cells(mat: Material) -> None:
    """Every curated material with a melting temperature or decomposition onset: the planner
    uses that value and its source (or a lower one of a composite's component)."""
    name, limit_K, source = upper_temperature_limit(mat)  # type: ignore[misc]
    lim = _context().material_limit(mat.id, mat, material_class(mat))
    assert lim.scope == "material" and lim.onset
    if composite_components(mat):
        assert lim.temperature_K <= limit_K
    else:
        assert (lim.temperature_K, lim.source, lim.material) == (limit_K, source, mat.id)
        assert lim.basis == {"melting_temperature": "melting temperature",
                             "decomposition_temperature": "decomposition onset"}[name]


def test_a_peo_composite_takes_its_polymers_decomposition_onset() -> None:
    """peo_llzo_15wt lists peo_litfsi (85 wt%) and llzo; PEO electrolytes are 'stable up to
    300 C' (abels2022_peo_thermal, TGA in argon). Before: the composite class estimate,
    150 degC."""
    plan = plan_routes({"name": "composite", "layers": [
        {"name": "sep", "role": "electrolyte", "material": "peo_llzo_15wt",
         "thickness": "100 um"}]})
    lim = _limits(plan)["sep"]
    assert lim.temperature_K == pytest.approx(300 + C0)
    assert (lim.material, lim.basis, lim.scope, lim.source) == (
        "peo_llzo_15wt, component peo_litfsi", "decomposition onset", "material",
        "abels2022_peo_thermal")
    assert "abels2022_peo_thermal" in bibliography()
    # cold sintering runs at up to 300 degC (guo2016_cold_sintering): at the onset, refused
    assert load_processes().get("cold_sintering").max_temperature == pytest.approx(300 + C0)
    cold = _options(plan, "sep", "cold_sintering")
    assert cold.status == "rejected"
    assert any(r.startswith("cold_sintering at 300 degC reaches the thermal limit of the layer")
               and "peo_llzo_15wt, component peo_litfsi, limit 300 degC: decomposition onset, "
               "per material, abels2022_peo_thermal" in r for r in cold.reasons)
    assert "abels2022_peo_thermal" in cold.sources


def test_sintering_garnet_on_a_peo_layer_names_the_polymer() -> None:
    """Tape casting sinters LLZO at 1230 degC (murugan2007), far above PEO's 300 degC onset."""
    stack = {"name": "peo then garnet", "layers": [
        {"name": "polymer", "role": "electrolyte", "material": "peo_litfsi",
         "thickness": "30 um"},
        {"name": "garnet", "role": "electrolyte", "material": "llzo", "thickness": "40 um"}]}
    plan = plan_routes(stack)
    # the route makes the garnet first; the polymer-first order is checked step by step
    ctx = _Context(LayerStack.from_dict(stack), load_processes())
    opts = CostOptions().resolved(ctx.db)
    tape = check_step(ctx, (0, 1), 1, ctx.db.get("tape_casting"), opts)
    assert tape.status == "rejected" and tape.temperature_K == pytest.approx(1230 + C0)
    assert ("tape_casting at 1230 degC would damage layer 'polymer' (peo_litfsi, limit "
            "300 degC: decomposition onset, per material, abels2022_peo_thermal)"
            in tape.reasons)
    assert plan.feasible and [s.layer for s in plan.best.steps] == ["garnet", "polymer"]


def _sulfide_then_coating(sulfide: str) -> dict:
    return {"name": f"{sulfide} + sol-gel coating", "layers": [
        {"name": "sep", "role": "electrolyte", "material": sulfide, "thickness": "30 um"},
        {"name": "coat", "role": "coating", "material": "linbo3", "thickness": "1 um"}]}


def test_heating_li7p3s11_above_360_degc_is_refused_with_its_source() -> None:
    """Li7P3S11 forms at 280-360 degC and turns into Li4P2S6 when heated further
    (jmatersci2008_li7p3s11_formation): sol-gel calcination at 400 degC on it is refused.
    Li6PS5Cl, without a value of its own, keeps the sulfide class estimate (500 degC)."""
    sol_gel = load_processes().get("sol_gel")
    assert sol_gel.max_temperature == pytest.approx(400 + C0)
    plan = plan_routes(_sulfide_then_coating("li7p3s11"))
    lim = _limits(plan)["sep"]
    assert (lim.temperature_K, lim.basis, lim.scope, lim.source) == (
        pytest.approx(360 + C0), "decomposition onset", "material",
        "jmatersci2008_li7p3s11_formation")
    step = _options(plan, "coat", "sol_gel")
    assert step.status == "rejected"
    assert ("sol_gel at 400 degC would damage layer 'sep' (li7p3s11, limit 360 degC: "
            "decomposition onset, per material, jmatersci2008_li7p3s11_formation)"
            in step.reasons)
    assert "jmatersci2008_li7p3s11_formation" in plan.sources

    plan = plan_routes(_sulfide_then_coating("li6ps5cl"))
    lim = _limits(plan)["sep"]
    assert (lim.temperature_K, lim.scope, lim.onset) == (pytest.approx(500 + C0), "class",
                                                         False)
    assert lim.basis == "sulfide_electrolyte class limit (estimated)"
    step = _options(plan, "coat", "sol_gel")
    assert not any("would damage" in r for r in step.reasons)


def test_which_limit_applied_is_in_the_json() -> None:
    plan = plan_routes(_sulfide_then_coating("li7p3s11"))
    rows = {r["Layer"]: r for r in plan.to_json()["Thermal limits"]}
    assert rows["sep"] == {"Layer": "sep", "Material": "li7p3s11",
                           "Limit [K]": pytest.approx(360 + C0),
                           "Basis": "decomposition onset", "Scope": "material", "Onset": True,
                           "Source": "jmatersci2008_li7p3s11_formation"}
    assert rows["coat"]["Scope"] == "class"  # linbo3: no value of its own
    assert "thermal limit" in plan.conventions


def test_composite_without_components_keeps_the_class_estimate() -> None:
    """llzo_scaffold_peo lists no components (fractions not given): no per-material value."""
    lim = _limits(plan_routes({"layers": [
        {"name": "sep", "material": "llzo_scaffold_peo", "thickness": "100 um"}]}))["sep"]
    assert (lim.scope, lim.temperature_K) == ("class", pytest.approx(150 + C0))


def test_the_lowest_material_value_applies() -> None:
    """A max_processing_temperature below the decomposition onset is the limit, and may be
    reached; the onset may not (test values, no data)."""
    def prop(name: str, kelvin: float) -> dict:
        return {"name": name, "value": kelvin, "unit": "K", "method": "measured",
                "source": "test"}

    def polymer(*props: dict) -> Material:
        return Material(id="test_polymer", name="test", category="electrolyte",
                        electrolyte_class="solid_polymer", origin="user", properties=props)

    both = polymer(prop("max_processing_temperature", 450), prop("decomposition_temperature", 500))
    lim = _context().material_limit(both.id, both, "polymer_electrolyte")
    assert (lim.temperature_K, lim.basis, lim.onset) == (450, "max processing temperature",
                                                         False)
    assert not lim.exceeded_by(450) and lim.exceeded_by(450.001)
    only = polymer(prop("decomposition_temperature", 500))
    onset = _context().material_limit(only.id, only, "polymer_electrolyte")
    assert onset.onset and onset.exceeded_by(500) and not onset.exceeded_by(499.999)


def test_cell_and_planner_refuse_the_same_temperature(repo_root) -> None:
    """The polymer example with a PEO-LLZO composite separator and a graphite anode (lithium
    would melt first, at 180.5 degC): the cell is refused at 300 degC, and the planner's
    separator limit is the same value and source."""
    design = CellDesign.from_yaml(repo_root / "examples" / "polymer-lfp-peo-li.yaml").replace(
        **{"separator.electrolyte": "peo_llzo_15wt",
           "anode": {"kind": "graphite", "np_ratio": 1.1, "electrolyte": "peo_llzo_15wt",
                     "active_fraction": 0.7, "electrolyte_fraction": 0.3}})
    rd = design.resolved()
    check_solid_parts(rd, 300 + C0 - 1e-6)
    with pytest.raises(ValidationError, match=r"decomposition onset of peo_litfsi .*"
                                              r"abels2022_peo_thermal"):
        check_solid_parts(rd, 300 + C0)
    lim = _limits(plan_routes(design))["separator"]
    assert lim.temperature_K == pytest.approx(300 + C0)
    assert lim.source == "abels2022_peo_thermal"
    assert resolve("peo_litfsi").get("decomposition_temperature").source == lim.source


def test_a_stricter_process_database_value_is_kept() -> None:
    """A process database may set a per-material limit below the knowledge base's (a test
    value, no data): the lower one applies; a higher one does not loosen the sourced onset."""
    from solidcell.manufacturing.processes import parse_database

    data = load_processes().model_dump(mode="json", exclude_none=True)
    for degc, expected in ((300.0, (300 + C0, "process database value (estimated)")),
                           (400.0, (360 + C0, "decomposition onset"))):
        data["thermal_limits"]["materials"]["li7p3s11"] = {
            "value": degc, "unit": "degC", "method": "estimated", "source": "test"}
        db = parse_database(data)
        stack = LayerStack.from_dict(_sulfide_then_coating("li7p3s11"))
        lim = _Context(stack, db).limit[0]
        assert (lim.temperature_K, lim.basis) == (pytest.approx(expected[0]), expected[1])
