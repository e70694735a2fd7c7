"""A composite electrode whose solid electrolyte is an oxide ceramic is an
``oxide_composite_electrode``: only processes that densify ceramics (sintering, co-sintering,
cold sintering) make it, with the temperature and interdiffusion checks applying.

Sources: kim2020_all_ceramic_cathode ("the main challenge in fabricating all-oxide cathode
composites for garnet-based SSBs has been lowering the thermal processing window in which both
good contact and low interfacial resistance can be achieved"); kim2011_lco_llzo_interface
(LiCoO2/LLZO interphase after heating at 700 degC); the review, section 4.1 (cold sintering:
"Fabrication of composite cathodes with improved interfacial contact between active materials
and solid electrolytes"). Sulfide, halide and polymer composite electrodes stay
``composite_electrode`` and are coated as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from mfg_stacks import polymer_stack, sulfide_stack

from solidcell.errors import ValidationError
from solidcell.manufacturing.design import stack_from_design
from solidcell.manufacturing.layers import Layer, LayerStack
from solidcell.manufacturing.processes import load_processes, parse_database
from solidcell.manufacturing.routes import plan_routes

OXIDE = Path(__file__).resolve().parents[2] / "examples" / "oxide-lco-llzo-li.yaml"
COATERS = ("slurry_coating_calendering", "dry_film_processing", "pellet_pressing",
           "isostatic_pressing", "material_jetting", "electrospray")


def _cathode_options(plan) -> dict:
    return {o.process: o for o in plan.options if o.layer == "cathode"}


def test_the_oxide_example_cathode_is_an_oxide_composite_electrode() -> None:
    layers = {layer.name: layer for layer in stack_from_design(OXIDE).layers}
    assert layers["cathode"].klass == "oxide_composite_electrode"
    assert layers["separator"].klass == "oxide_electrolyte"  # a single oxide: unchanged


def test_coating_and_pressing_refuse_it_naming_the_reason_and_its_source() -> None:
    options = _cathode_options(plan_routes(OXIDE))
    for pid in COATERS:
        first = options[pid].reasons[0]
        assert options[pid].status == "rejected"
        assert "not oxide_composite_electrode" in first and "densified" in first
        assert "(kim2020_all_ceramic_cathode)" in first
        assert "kim2020_all_ceramic_cathode" in options[pid].sources


def test_sintering_it_is_refused_above_the_lco_llzo_interdiffusion_onset() -> None:
    """kim2011_lco_llzo_interface: 700 degC; LLZO sinters at 1230 degC (murugan2007)."""
    options = _cathode_options(plan_routes(OXIDE))
    for pid in ("tape_casting", "co_sintering", "direct_ink_writing"):
        assert options[pid].status == "rejected"
        assert any("interdiffusion onset 700 degC" in r and "kim2011_lco_llzo_interface" in r
                   for r in options[pid].reasons), options[pid].reasons


def test_the_oxide_example_is_made_only_by_slow_cold_sintering() -> None:
    """The only process left is cold sintering at <= 300 degC (guo2016_cold_sintering), a batch
    press: t = batch_time / coated_area, above max_time_per_m2, so the route is slow."""
    db = load_processes()
    plan = plan_routes(OXIDE)
    assert plan.feasible and plan.best.status == "slow"
    step = {s.layer: s for s in plan.best.steps}["cathode"]
    assert (step.process, step.status) == ("cold_sintering", "slow")
    cold = db.get("cold_sintering")
    assert step.time_s_per_m2 == pytest.approx(cold.si("batch_time") / cold.si("coated_area"))
    assert step.time_s_per_m2 > db.cost_default("max_time_per_m2")
    assert all(r.status != "feasible" for r in plan.routes)


def _composite(electrolyte: str, name: str = "cathode") -> dict:
    return {"name": name, "role": "cathode", "material": "nmc811", "thickness": "60 um",
            "components": {"nmc811": 0.7, electrolyte: 0.27, "carbon_black": 0.03},
            "areal_mass": 0.15}


@pytest.mark.parametrize("electrolyte", ["li6ps5cl", "li3incl6", "peo_litfsi"])
def test_sulfide_halide_and_polymer_composites_are_unchanged(electrolyte: str) -> None:
    layer = Layer.model_validate(_composite(electrolyte))
    assert layer.klass == "composite_electrode"
    stack = LayerStack.model_validate({"name": "one layer", "layers": [_composite(electrolyte)]})
    options = _cathode_options(plan_routes(stack))
    assert options["slurry_coating_calendering"].status == "feasible"
    assert not any("kim2020" in r for o in options.values() for r in o.reasons)


@pytest.mark.parametrize("stack", [sulfide_stack, polymer_stack], ids=["sulfide", "polymer"])
def test_the_sulfide_and_polymer_stacks_are_still_slurry_coated(stack) -> None:
    step = {s.layer: s for s in plan_routes(stack()).best.steps}["cathode"]
    assert step.process == "slurry_coating_calendering" and step.status == "feasible"


def test_an_oxide_with_a_polymer_electrolyte_stays_a_composite_electrode() -> None:
    """The polymer carries the ions between the particles (the review, 2.3.2: a porous ceramic
    infiltrated with a polymer electrolyte); no ceramic densification is needed."""
    data = _composite("llzo")
    data["components"] = {"nmc811": 0.7, "llzo": 0.15, "peo_litfsi": 0.12, "carbon_black": 0.03}
    assert Layer.model_validate(data).klass == "composite_electrode"


def test_a_given_material_class_is_kept() -> None:
    data = {**_composite("llzo"), "material_class": "composite_electrode"}
    assert Layer.model_validate(data).klass == "composite_electrode"


def test_class_requirements_name_known_classes() -> None:
    from importlib import resources

    import yaml

    text = resources.files("solidcell.manufacturing").joinpath("data/processes.yaml") \
        .read_text("utf-8")
    data = yaml.safe_load(text)
    data["class_requirements"]["oxide_composite_cathode"] = \
        data["class_requirements"]["oxide_composite_electrode"]
    with pytest.raises(ValidationError, match=r"class_requirements.*oxide_composite_cathode"):
        parse_database(data)
