"""Layer stacks and test prices of the manufacturing tests (plain dicts, as in YAML)."""

from __future__ import annotations

#: prices the tests pass explicitly where the knowledge base may not (yet) carry one; they are
#: test inputs, not data (the cost model's arithmetic is what is checked).
TEST_PRICES = {"li6ps5cl": 50.0, "llzo": 50.0, "vgcf": 50.0, "linbo3": 100.0, "lipon": 500.0,
               "peo_litfsi": 20.0, "mica": 20.0}


def sulfide_stack(energy: str = "150 Wh/m2") -> dict:
    return {
        "name": "sulfide pouch",
        "areal_energy": energy,
        "layers": [
            {"name": "al", "role": "current_collector", "material": "al_foil",
             "thickness": "12 um"},
            {"name": "cathode", "role": "cathode", "material": "nmc811",
             "components": {"nmc811": 0.8, "li6ps5cl": 0.17, "carbon_black": 0.03},
             "thickness": "80 um", "areal_mass": 0.25},
            {"name": "separator", "role": "electrolyte", "material": "li6ps5cl",
             "thickness": "30 um", "areal_mass": 0.06},
            {"name": "anode", "role": "anode", "material": "li_metal", "thickness": "20 um",
             "areal_mass": 0.0107},
            {"name": "cu", "role": "current_collector", "material": "cu_foil",
             "thickness": "10 um", "areal_mass": 0.045},
        ],
    }


def thin_film_stack() -> dict:
    """The thin-film microbattery of examples/thin-film-lco-lipon-li.yaml as a layer stack."""
    return {"name": "thin-film LCO | LiPON | Li", "areal_energy": "20 Wh/m2", "layers": [
        {"name": "substrate", "role": "substrate", "material": "mica", "thickness": "20 um",
         "areal_mass": 0.056},
        {"name": "ni", "role": "current_collector", "material": "ni_foil",
         "thickness": "0.3 um"},
        {"name": "lco", "role": "cathode", "material": "lco", "thickness": "5 um"},
        {"name": "lipon", "role": "electrolyte", "material": "lipon", "thickness": "1.5 um",
         "areal_mass": 0.0038},
        {"name": "li", "role": "anode", "material": "li_metal", "thickness": "5 um"},
        {"name": "cu", "role": "current_collector", "material": "cu_foil",
         "thickness": "0.3 um"}]}


def polymer_stack() -> dict:
    """The polymer cell of examples/polymer-lfp-peo-li.yaml as a layer stack."""
    return {"name": "polymer LFP | PEO | Li", "areal_energy": "70 Wh/m2", "layers": [
        {"name": "al", "role": "current_collector", "material": "al_foil", "thickness": "15 um"},
        {"name": "cathode", "role": "cathode", "material": "lfp", "thickness": "60 um",
         "components": {"lfp": 0.65, "peo_litfsi": 0.27, "carbon_black": 0.05,
                        "pvdf_binder": 0.03}, "areal_mass": 0.13},
        {"name": "separator", "role": "electrolyte", "material": "peo_litfsi",
         "thickness": "30 um", "areal_mass": 0.036},
        {"name": "anode", "role": "anode", "material": "li_metal", "thickness": "30 um"},
        {"name": "cu", "role": "current_collector", "material": "cu_foil",
         "thickness": "10 um"}]}


def good_m2_by_hand(res) -> float:
    """The cost of a good m2 [USD/m2] of a cost result, by hand (docs/manufacturing.md, Cost
    model): each step in build order pays its layer's materials (areal mass x price used) and
    its process cost, over its own yield and every later one's, the finishing (with the casing
    and films) over the finishing yield: ``A = (A + a_s) / y_s``, ``(A + a_f) / y_f``."""
    price = {p.material: p.price_USD_per_kg for p in res.prices}
    acc = 0.0
    for step in res.route.steps:
        layer = res.layer_masses_kg_per_m2[step.layer]
        acc = (acc + step.process_cost_USD_per_m2
               + sum(m * price[mid] for mid, m in layer.items())) / step.process_yield
    finishing = res.finishing_cost_USD_per_m2 + sum(
        m * price[mid] for mid, m in res.packaging_masses_kg_per_m2.items())
    return (acc + finishing) / res.finishing_yield
