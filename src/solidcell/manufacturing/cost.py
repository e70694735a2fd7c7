"""Cost of a cell: bill of materials plus process cost per m2 with yield, in USD/kWh.

Model (per m2 of footprint of one repeat unit; docs/manufacturing.md):

    a_s    = sum_{i in layer s} m_i p_i + c_s   step s of the route, in build order: its
                                                layer's materials (m_i areal mass [kg/m2],
                                                p_i price [USD/kg]) and process cost
    a_f    = c_finish + casing and films        the cell finishing (stacking, packaging)
    C_m2   = sum_s a_s / (y_f prod_{j>=s} y_j) + a_f / y_f
                                                cost of a good m2 [USD/m2]
    cell   = C_m2 / (E / 1000)                  E areal energy [Wh/m2] -> USD/kWh
    pack   = cell + c_pack                      pack integration adder [USD/kWh]

Scrap is charged to the good output: a part scrapped at a step (found at the step that causes
it) loses the layers made so far, materials included, and not those it never received
(``economics.good_unit_cost``; ``Y = y_f prod_s y_s`` is the rolled throughput yield shown as
the total yield). Prices come from
the knowledge base's ``price`` property (with year and source) unless ``CostOptions.prices``
overrides them; a missing price gives a result without a cost and the reason.
:func:`cost_per_kwh` is the array core, used here for one design and by the screen for many.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from solidcell.checks import is_bool, is_integer, is_real
from solidcell.errors import ValidationError
from solidcell.manufacturing.design import DesignNotEvaluable
from solidcell.manufacturing.economics import CostOptions, good_unit_cost
from solidcell.manufacturing.layers import LayerStack, _material
from solidcell.manufacturing.processes import ProcessDatabase
from solidcell.manufacturing.routes import (
    Route,
    RoutePlan,
    as_stack,
    check_inputs,
    plan_routes,
    resolves,
)
from solidcell.reprs import concise_repr

CELL_KEY = "Cell cost [USD.kW.h-1]"
PACK_KEY = "Pack cost [USD.kW.h-1]"
#: how the Python API takes a price the knowledge base lacks; an edge that takes it otherwise
#: names its own way with :func:`price_field` (the command line: ``--price ID=USD_PER_KG``)
PRICE_FIELD = "CostOptions(prices={ID: USD_PER_KG})"
_PRICE_FIELD: ContextVar[str] = ContextVar("price_field", default=PRICE_FIELD)


@contextmanager
def price_field(name: str) -> Iterator[None]:
    """Within it, the reason of a missing price names ``name``, the way the calling edge takes
    a price (``"--price ID=USD_PER_KG"`` at the command line), instead of the Python API's
    :data:`PRICE_FIELD`: the command line said "(CostOptions.prices)". The counterpart of
    :func:`solidcell.cli._common.options`, which names the options in errors."""
    token = _PRICE_FIELD.set(name)
    try:
        yield
    finally:
        _PRICE_FIELD.reset(token)


def missing_price_reason(missing: tuple[str, ...] | list[str],
                         unused: tuple[str, ...] | list[str] = ()) -> str:
    """Why a design has no cost when ``missing`` materials have no price, naming the way to
    give one of the current edge (:func:`price_field`); a price given for an id of no
    material of the design that is close to a missing one (``unused``: 'vgfc' for 'vgcf', a
    typo) is named with it (a screen's price for another group's material is not)."""
    import difflib

    why = (f"no price for {', '.join(missing)} in the knowledge base; give one with "
           f"{_PRICE_FIELD.get()}")
    for mid in unused:
        near = difflib.get_close_matches(str(mid), list(missing), n=1)
        if near:
            why += (f"; the price given for {mid!r} is for no material of this design (did "
                    f"you mean {near[0]}?)")
    return why


def material_cost_per_area(areal_masses: Any, prices: Any) -> Any:
    """Bill of materials per m2 [USD/m2]: ``sum(areal_masses * prices, axis=-1)``.

    ``areal_masses`` [kg/m2] has the materials on its last axis, ``prices`` [USD/kg] the same
    length (both broadcast: one design or a million)."""
    m = np.asarray(areal_masses, dtype=float)
    p = np.asarray(prices, dtype=float)
    return np.sum(m * p, axis=-1)


def cost_per_kwh(step_costs_USD_m2: Any, step_yields: Any, areal_energy_Wh_m2: Any,
                 finishing_cost_USD_m2: Any = 0.0, finishing_yield: Any = 1.0,
                 pack_integration_USD_kWh: Any = 0.0) -> tuple[Any, Any]:
    """Cell and pack cost [USD/kWh] from per-m2 costs (arrays in, arrays out).

    ``step_costs_USD_m2`` and ``step_yields``: per step of the route in build order, its
    layer's materials plus its process cost [USD/m2] and its yield;
    ``cell = good_unit_cost(steps, yields, finishing, finishing_yield) / (energy / 1000)``
    (``economics.good_unit_cost``); ``pack = cell + pack_integration``. Non-positive energy or
    yield gives NaN.
    """
    energy = np.asarray(areal_energy_Wh_m2, dtype=float)
    per_m2 = np.asarray(good_unit_cost(step_costs_USD_m2, step_yields, finishing_cost_USD_m2,
                                       finishing_yield))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        cell = per_m2 / np.where(energy > 0, energy / 1000.0, np.nan)
    pack = cell + np.asarray(pack_integration_USD_kWh, dtype=float)
    if cell.ndim == 0:
        return float(cell), float(pack)
    return cell, pack


def check_cost_per_kwh_finite(areal_energy_J_m2: float, energy_Wh_m2: float,
                              good_USD_m2: float, pack_USD_kWh: float) -> None:
    """Refuse a layer stack's ``areal_energy`` so small that its cost per kWh is no float:
    ``USD per good m2 / (Wh/m2 / 1000)`` beyond the largest float (1e-301 Wh/m2 gave a cell
    cost of inf, shown as "-"), or an energy that is 0 in Wh/m2 (5e-324 J/m2 divided by 3600:
    a ZeroDivisionError). ValidationError naming ``areal_energy``, its value as the stack
    keeps it [J/m2] and the least energy for this stack's cost per good m2."""
    if energy_Wh_m2 > 0 and math.isfinite(good_USD_m2 / (energy_Wh_m2 / 1000.0)) \
            and math.isfinite(pack_USD_kWh):
        return
    least = good_USD_m2 * 1000.0 / sys.float_info.max
    raise ValidationError(
        "areal_energy", areal_energy_J_m2,
        f"an areal energy whose cost per kWh, {good_USD_m2:.4g} USD per good m2 / (areal "
        f"energy / 1000), is below the largest float: more than {least:.3g} Wh/m2 "
        f"({least * 3600.0:.3g} J/m2, the unit of a plain number) for this stack")


@dataclass(frozen=True)
class PriceUsed:
    """The price of one material as used, with where it came from."""

    material: str
    price_USD_per_kg: float
    low_USD_per_kg: float
    high_USD_per_kg: float
    year: int | None
    source: str
    method: str

    def to_json(self) -> dict[str, Any]:
        return {"Material": self.material, "Price [USD.kg-1]": self.price_USD_per_kg,
                "Price range [USD.kg-1]": [self.low_USD_per_kg, self.high_USD_per_kg],
                "Year": self.year, "Source": self.source, "Method": self.method}


@dataclass(frozen=True)
class CostItem:
    """One line of the breakdown."""

    item: str
    category: str  # "material", "process", "finishing", "yield loss", "pack"
    cost_USD_per_m2: float
    cost_USD_per_kWh: float
    #: the first of ``sources`` (one key ``solidcell cite KEY`` resolves, or "user")
    source: str = ""
    #: every source of the line (a process step has its entry's and its estimate's)
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.sources and self.source:
            object.__setattr__(self, "sources", (self.source,))
        if not self.source and self.sources:
            object.__setattr__(self, "source", self.sources[0])

    def to_json(self) -> dict[str, Any]:
        # "Source" was "schnell2018_production, mfg_engineering_estimate" for a process step,
        # no key `solidcell cite` resolves; now the first key, and all of them in "sources",
        # which like every "sources" list holds source keys only (a user's price is
        # marked "user" in "Source"; `solidcell cite` reads every "sources" list)
        return {"Item": self.item, "Category": self.category,
                "Cost [USD.m-2]": self.cost_USD_per_m2, "Cost [USD.kW.h-1]": self.cost_USD_per_kWh,
                "Source": self.source, "sources": [s for s in self.sources if s != USER_PRICE]}


@dataclass(frozen=True)
class CostResult:
    """Cost of one design. ``cell_cost_USD_per_kWh`` is None when there is no cost; then
    ``reason`` says why (no route, a missing price or no energy)."""

    __repr__ = concise_repr

    design: str
    cell_cost_USD_per_kWh: float | None
    pack_cost_USD_per_kWh: float | None
    cost_USD_per_m2: float | None
    material_cost_USD_per_m2: float | None
    process_cost_USD_per_m2: float | None
    finishing_cost_USD_per_m2: float
    total_yield: float | None
    areal_energy_Wh_per_m2: float | None
    pack_integration_USD_per_kWh: float
    breakdown: tuple[CostItem, ...]
    prices: tuple[PriceUsed, ...]
    areal_masses_kg_per_m2: dict[str, float]
    missing_prices: tuple[str, ...]
    route: Route | None
    reason: str | None
    sources: tuple[str, ...]
    conventions: str = (
        "Per m2 of footprint of one repeat unit (current collectors as the energy model "
        "counts them: half of each on double-sided electrodes, whole for thin-film and "
        "interdigitated 3D cells; a bipolar "
        "stack per cell of its series stack: its areal energy and masses divided by the cells "
        "in series); materials at "
        "the knowledge base's price (or the override), casing included as material; processes "
        "of the cheapest feasible route with capital recovery, scrap charged to good output "
        "(a part scrapped at a step loses the layers made so far, materials included); "
        "pack = cell + pack integration adder.")
    options: dict[str, float] = field(default_factory=dict)
    #: ids of ``CostOptions.prices`` that are no material of this design, so not used (a typo,
    #: ``li6pscl``, left the knowledge base's price of li6ps5cl in place without a word)
    unused_prices: tuple[str, ...] = ()
    #: per layer (by name), the areal mass of each of its materials [kg/m2], paid at the step
    #: that makes it; and the casing and films, paid at the finishing (the rule of the cost:
    #: ``economics.good_unit_cost``; :func:`cost_sensitivity` moves prices through them)
    layer_masses_kg_per_m2: dict[str, dict[str, float]] = field(default_factory=dict)
    packaging_masses_kg_per_m2: dict[str, float] = field(default_factory=dict)
    #: the cell-finishing yield in the total yield (the yield after the last step)
    finishing_yield: float | None = None

    @property
    def has_cost(self) -> bool:
        return self.cell_cost_USD_per_kWh is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "Design": self.design,
            CELL_KEY: self.cell_cost_USD_per_kWh,
            PACK_KEY: self.pack_cost_USD_per_kWh,
            "Cost per area [USD.m-2]": self.cost_USD_per_m2,
            "Material cost per area [USD.m-2]": self.material_cost_USD_per_m2,
            "Process cost per area [USD.m-2]": self.process_cost_USD_per_m2,
            "Finishing cost per area [USD.m-2]": self.finishing_cost_USD_per_m2,
            "Total yield": self.total_yield,
            "Areal energy [W.h.m-2]": self.areal_energy_Wh_per_m2,
            "Pack integration cost [USD.kW.h-1]": self.pack_integration_USD_per_kWh,
            "Breakdown": [b.to_json() for b in self.breakdown],
            "Prices": [p.to_json() for p in self.prices],
            "Areal masses [kg.m-2]": self.areal_masses_kg_per_m2,
            "Missing prices": list(self.missing_prices),
            "Route": self.route.to_json() if self.route is not None else None,
            "Reason": self.reason,
            "Options": {_OPTION_LABELS.get(k, k): v for k, v in self.options.items()},
            "Unused prices": list(self.unused_prices),
            "conventions": self.conventions,
            "sources": list(self.sources),
        }


#: the JSON names (PyBaMM style, unit in brackets) of :attr:`CostResult.options`
_OPTION_LABELS = {"interest_rate": "Interest rate",
                  "equipment_life_years": "Equipment life [year]",
                  "operating_hours": "Operating hours per year [h]",
                  "max_time_per_m2_s": "Maximum time per area [s.m-2]"}


#: the source and method of a price given in ``CostOptions.prices`` (``--price``): no key of
#: the bibliography, so never in a ``sources`` list
USER_PRICE = "user"


def _price(mid: str, options: CostOptions) -> PriceUsed | None:
    if mid in options.prices:
        p = float(options.prices[mid]) + 0.0  # "+ 0.0": a price of -0 is shown as 0
        return PriceUsed(mid, p, p, p, None, USER_PRICE, USER_PRICE)
    m = _material(mid)
    prop = m.get("price") if m is not None else None
    if prop is None or prop.si is None:
        return None
    lo, hi = prop.si_range
    mid_value = float(prop.si)
    return PriceUsed(mid, mid_value, float(lo if lo is not None else mid_value),
                     float(hi if hi is not None else mid_value), prop.year, prop.source,
                     prop.method)


def _default_source(db: ProcessDatabase, key: str, given: float | None) -> str:
    """The source of a cost default (``cost_defaults.KEY``), or "user" where ``CostOptions``
    (``--pack-adder``) gave the value: a pack adder of 0 was credited to BloombergNEF."""
    return USER_PRICE if given is not None else db.cost_defaults[key].source


def _yield_sources(db: ProcessDatabase, route: Route, finishing_yield: float | None
                   ) -> tuple[str, ...]:
    """Sources of the total yield: the finishing yield's and every step's ``process_yield``
    (the loss line named the finishing yield's source alone)."""
    keys = [_default_source(db, "cell_finishing_yield", finishing_yield)]
    by_id = {p.id: p for p in db.processes}  # a plan= of another database: its steps skipped
    keys += [by_id[s.process].process_yield.source for s in route.steps if s.process in by_id]
    return tuple(dict.fromkeys(keys))


def _no_cost(name: str, reason: str, finishing: float, pack: float, route: Route | None = None,
             sources: tuple[str, ...] = (), **partial: Any) -> CostResult:
    base = dict(
        design=name, cell_cost_USD_per_kWh=None, pack_cost_USD_per_kWh=None, cost_USD_per_m2=None,
        material_cost_USD_per_m2=None, process_cost_USD_per_m2=None,
        finishing_cost_USD_per_m2=finishing, total_yield=None, areal_energy_Wh_per_m2=None,
        pack_integration_USD_per_kWh=pack, breakdown=(), prices=(), areal_masses_kg_per_m2={},
        missing_prices=(), route=route, reason=reason, sources=sources)
    base.update(partial)
    return CostResult(**base)


def cell_cost(design: Any, *, processes: ProcessDatabase | None = None,
              options: CostOptions | None = None, plan: RoutePlan | None = None,
              planned: RoutePlan | None = None) -> CostResult:
    """Cost of a design (CellDesign, design YAML path, LayerStack, or a mapping of either)
    in USD/kWh.

    Bad options (negative price, yield outside (0, 1], ...) raise ValidationError; a design
    that has no route, no energy or an unpriced material gives a result with ``reason``.
    ``plan`` (optional) must be ``plan_routes`` of this design with the same processes and
    options (its step costs are used as they are); a plan of another design is refused.
    ``planned`` (optional, not with ``plan``): that same ``plan_routes`` already made (the
    report shows it), used instead of planning it here; once the materials are priced the
    processes are still chosen again by the cost of a good m2, as without it.
    A price of ``options.prices`` for an id that is no material of the design is not used
    and listed in ``unused_prices`` (``solidcell cost`` refuses it as a typo; a screen shares
    one set of prices among designs of other materials).
    """
    db, options = check_inputs(processes, options)
    for arg, given in (("plan", plan), ("planned", planned)):
        if given is not None and not isinstance(given, RoutePlan):
            raise ValidationError(arg, given, "must be a RoutePlan (from plan_routes) or None")
    if plan is not None and planned is not None:
        raise ValidationError("planned", "a RoutePlan",
                              "None when plan is given (give one of them)")
    opts = (options or CostOptions()).resolved(db)
    finishing = float(opts.cell_finishing_cost_USD_m2)  # type: ignore[arg-type]
    pack_add = float(opts.pack_integration_cost_USD_kWh)  # type: ignore[arg-type]
    name = getattr(design, "name", None) or (str(design) if isinstance(design, str | Path)
                                             else "design")
    try:
        stack = as_stack(design)
    except DesignNotEvaluable as exc:  # e.g. N/P < 1 or a missing density
        return _no_cost(str(name), str(exc), finishing, pack_add)
    name = stack.name
    given_plan = plan is not None
    layer_names = sorted(layer.name for layer in stack.layers)
    for arg, given in (("plan", plan), ("planned", planned)):
        if given is not None and (given.design != name
                                  or sorted(given.options_order) != layer_names):
            # a plan of another design was costed with its route: 24948 instead of 149 USD/kWh
            raise ValidationError(arg, f"RoutePlan of {given.design!r}",
                                  f"the plan of this design ({name!r}: layers "
                                  f"{', '.join(layer_names)}), from plan_routes with the same "
                                  "processes and options")
    plan = plan or planned or plan_routes(stack, processes=db, options=opts)
    # the defaults' sources of the database in use (CostOptions.sources: the curated one's)
    base_sources = (*(q.source for q in db.cost_defaults.values()), "short1995_nrel_economics",
                    *stack.energy_sources)
    if not plan.feasible:
        return _no_cost(name, f"no manufacturing route: {plan.reason}", finishing, pack_add,
                        sources=tuple(dict.fromkeys((*plan.sources, *base_sources))))
    route = plan.best
    assert route is not None

    masses: dict[str, float] = {}
    by_layer: dict[str, dict[str, float]] = {}
    for layer in stack.layers:
        total = layer.mass_per_area()
        if total is None:
            lacking = ", ".join(layer.missing_densities())
            return _no_cost(name, f"layer {layer.name!r}: no areal mass (no density of "
                            f"{lacking} in the knowledge base; give the layer's areal_mass, "
                            "e.g. '25 mg/cm2')", finishing, pack_add,
                            route=route, sources=tuple(dict.fromkeys(base_sources)))
        mine = by_layer.setdefault(layer.name, {})
        for mid, w in layer.fractions.items():
            masses[mid] = masses.get(mid, 0.0) + w * total
            mine[mid] = mine.get(mid, 0.0) + w * total
    for mid, m in stack.packaging.items():
        masses[mid] = masses.get(mid, 0.0) + m
    prices = {mid: _price(mid, opts) for mid in masses}
    unused = tuple(mid for mid in opts.prices if mid not in masses)
    missing = tuple(mid for mid, p in prices.items() if p is None)
    used = tuple(p for p in prices.values() if p is not None)
    energy = stack.areal_energy / 3600.0 if stack.areal_energy else None
    price_sources = tuple(p.source for p in used if p.source != USER_PRICE)
    sources = tuple(dict.fromkeys((*route.sources, *price_sources, *base_sources,
                                   "short1995_nrel_economics")))
    if missing or energy is None:
        why = (missing_price_reason(missing, unused) if missing
               else "the stack has no areal energy (give areal_energy, e.g. '150 Wh/m2')")
        return _no_cost(name, why, finishing, pack_add, route=route, sources=sources,
                        prices=used, missing_prices=missing, areal_masses_kg_per_m2=masses,
                        unused_prices=unused)

    ids = list(masses)
    mat_costs = np.array([masses[m] * prices[m].price_USD_per_kg for m in ids])  # type: ignore
    layer_costs = {name: sum(m * prices[mid].price_USD_per_kg  # type: ignore[union-attr]
                             for mid, m in mine.items()) for name, mine in by_layer.items()}
    finishing_stage = finishing + sum(m * prices[mid].price_USD_per_kg  # type: ignore
                                      for mid, m in stack.packaging.items())
    if not given_plan:
        # choose the processes and build order by the cost of a good m2, scrapped materials
        # included: a cheaper step with a lower yield must not raise the cell cost
        # (docs/manufacturing.md)
        plan = plan_routes(stack, processes=db, options=opts,
                           fixed_cost_USD_per_m2=finishing_stage,
                           layer_cost_USD_per_m2=layer_costs)
        route = plan.best
        assert route is not None
        sources = tuple(dict.fromkeys((*route.sources, *price_sources, *base_sources,
                                       "short1995_nrel_economics")))
    step_costs = np.array([s.process_cost_USD_per_m2 for s in route.steps])
    y_f = float(opts.cell_finishing_yield)  # type: ignore[arg-type]
    y = route.process_yield * y_f  # the rolled throughput yield
    stages = [layer_costs.get(s.layer, 0.0) + s.process_cost_USD_per_m2 for s in route.steps]
    yields = [s.process_yield for s in route.steps]
    cell, pack = cost_per_kwh(stages, yields, energy, finishing_stage, y_f, pack_add)
    kwh_per_m2 = energy / 1000.0
    good = good_unit_cost(stages, yields, finishing_stage, y_f)
    check_cost_per_kwh_finite(stack.areal_energy, energy, float(good), float(pack))
    items = [CostItem(f"material: {m}", "material", c, c / kwh_per_m2, prices[m].source)  # type: ignore
             for m, c in zip(ids, mat_costs, strict=True)]
    items += [CostItem(f"process: {s.process} ({s.layer})", "process", s.process_cost_USD_per_m2,
                       s.process_cost_USD_per_m2 / kwh_per_m2, sources=tuple(s.sources))
              for s in route.steps]
    given = options or CostOptions()
    items.append(CostItem("cell finishing (stacking, packaging, formation)", "finishing",
                          finishing, finishing / kwh_per_m2,
                          _default_source(db, "cell_finishing_cost",
                                          given.cell_finishing_cost_USD_m2)))
    loss = good - (mat_costs.sum() + step_costs.sum() + finishing)
    items.append(CostItem(f"yield loss (total yield {y:.3f})", "yield loss", loss,
                          loss / kwh_per_m2,
                          sources=_yield_sources(db, route, given.cell_finishing_yield)))
    items.append(CostItem("pack integration", "pack", pack_add * kwh_per_m2, pack_add,
                          _default_source(db, "pack_integration_cost",
                                          given.pack_integration_cost_USD_kWh)))
    return CostResult(
        design=name, cell_cost_USD_per_kWh=float(cell), pack_cost_USD_per_kWh=float(pack),
        cost_USD_per_m2=float(good), material_cost_USD_per_m2=float(mat_costs.sum()),
        process_cost_USD_per_m2=float(step_costs.sum()), finishing_cost_USD_per_m2=finishing,
        total_yield=y, areal_energy_Wh_per_m2=energy, pack_integration_USD_per_kWh=pack_add,
        breakdown=tuple(items), prices=used, areal_masses_kg_per_m2=masses, missing_prices=(),
        route=route, reason=None, sources=sources,
        options={"interest_rate": float(opts.interest_rate),  # type: ignore[arg-type]
                 "equipment_life_years": float(opts.equipment_life_years),  # type: ignore
                 "operating_hours": float(opts.operating_hours),  # type: ignore[arg-type]
                 "max_time_per_m2_s": float(opts.max_time_per_m2_s)},  # type: ignore
        unused_prices=unused, layer_masses_kg_per_m2=by_layer,
        packaging_masses_kg_per_m2=dict(stack.packaging), finishing_yield=y_f,
    )


# --------------------------------------------------------------------------- screening
#: EnergyBatch/evaluate column names of the layers of a mapped CellDesign (one repeat unit's,
#: i.e. one cell of a bipolar stack, as the cost counts them)
ENERGY_COLUMNS = {
    "cathode": ("Cathode areal mass [kg.m-2]", "Cathode thickness [m]"),
    "separator": ("Separator areal mass [kg.m-2]", "Separator thickness [m]"),
    "anode": ("Anode areal mass [kg.m-2]", "Anode thickness [m]"),
}
ENERGY_KEY = "Stack areal energy [W.h.m-2]"
#: the electrolyte between the plates or in the scaffold of a 3D design (0 for planar ones),
#: part of the mapped design's electrolyte layer
FILLING_KEY = "Electrolyte filling areal mass [kg.m-2]"
#: the insulating films between groups of repeat units of a cell (costed as packaging)
FILM_KEY = "Cell interlayer film mass [kg]"
#: every column :meth:`CostModel.from_energy` reads (those it needs and those it uses where
#: given: the filling, the cell's casing and films)
FROM_ENERGY_COLUMNS = (ENERGY_KEY, FILLING_KEY, "Cell energy [W.h]", "Casing mass [kg]",
                       FILM_KEY, *(k for pair in ENERGY_COLUMNS.values() for k in pair))
#: optional columns of :meth:`CostModel.from_energy`: each current collector's thickness [m]
#: (evaluate's columns hold the collectors together; a screen that sweeps one gives it), by
#: the design path that sets it
COLLECTOR_COLUMNS = {
    "cathode_current_collector.thickness_m": "Cathode current collector thickness [m]",
    "anode_current_collector.thickness_m": "Anode current collector thickness [m]",
}
#: optional columns of the 3D feature sizes [m] of a mapped design's layers
#: (``stack_from_design``: the cathode's plate or pillar width, the electrolyte's gap, an
#: interdigitated anode's plate width), by the design path that sets them and the layer whose
#: feature size they are: a process finer than its resolution cannot make the layer
#: (``routes.resolves``), so a screen that sweeps a width gives it
FEATURE_COLUMNS = {
    "architecture.cathode_width_m": ("Cathode feature width [m]", "cathode"),
    "architecture.gap_m": ("Electrolyte gap width [m]", "separator"),
    "architecture.anode_width_m": ("Anode feature width [m]", "anode"),
}


@dataclass(frozen=True)
class CostModel:
    """The cost of one design family as an array function (the screen's cost objective).

    Built once by :func:`cost_model` from a reference design: its route, prices, layer
    compositions and yield are fixed; the areal energy and, per layer, the areal mass and
    thickness may vary (arrays that broadcast). Calling it uses the same
    :func:`cost_per_kwh` as :func:`cell_cost`, so the reference design gives the same number.
    """

    __repr__ = concise_repr

    reference: CostResult
    layer_names: tuple[str, ...]
    layer_price_USD_per_kg: tuple[float, ...]  # mass-weighted price of each layer
    layer_areal_mass_kg_m2: tuple[float, ...]
    layer_thickness_m: tuple[float, ...]
    packaging_cost_USD_m2: float = 0.0  # casing materials (fixed per m2)
    _steps: tuple[Any, ...] = field(repr=False, default=())  # (layer index, process, atm)
    _db: Any = field(repr=False, default=None)
    _options: Any = field(repr=False, default=None)
    #: the reference design's architecture kind and whether its anode is anode-free: how
    #: evaluate's columns map onto the layers (:meth:`from_energy`)
    architecture: str = "planar"
    anode_free: bool = False
    #: cells in series of the reference design (a bipolar stack's): :meth:`from_energy` costs
    #: one cell of it, the stack's areal energy over this number
    cells_in_series: int = 1
    #: per layer, the processes of the database that make its material class (those whose
    #: thickness range decides whether a route can make it: :meth:`range_classes`)
    _makers: tuple[tuple[Any, ...], ...] = field(repr=False, default=())
    #: of a CellDesign reference: (price of its casing material [USD/kg] or 0, its tab mass
    #: [kg], price of its interlayer film [USD/kg] or 0), with which :meth:`from_energy`
    #: costs each row's casing and films per m2 of footprint as ``stack_from_design`` does
    _casing: tuple[float, float, float] | None = field(repr=False, default=None)
    #: (layer index, column of :data:`COLLECTOR_COLUMNS`) of each collector layer whose
    #: thickness that column sets (a bipolar collector without its own is the cathode
    #: collector's foil): its areal mass scales with it (share, fill and density are fixed)
    _collectors: tuple[tuple[int, str], ...] = field(repr=False, default=())
    #: per build order of the reference's plan, per position, the (layer index, process id,
    #: atmosphere) the planner may choose there for a row of another thickness
    #: (:attr:`RoutePlan.choices`; :meth:`cheaper_routes`)
    _choices: tuple[tuple[tuple[tuple[int, str, str], ...], ...], ...] = field(
        repr=False, default=())
    #: (layer index, the reference's feature size [m], column of :data:`FEATURE_COLUMNS`) of
    #: each layer with 3D features (:meth:`feature_sizes`)
    _features: tuple[tuple[int, float, str], ...] = field(repr=False, default=())
    #: per step of :attr:`_steps`, the kiln fuel of firing its layer [USD/kg] (0 where it
    #: fires nothing: ``StepOption.firing_USD_per_kg``), charged per row's areal mass
    _firing: tuple[float, ...] = field(repr=False, default=())
    #: ((layer index, process id, atmosphere), kiln fuel [USD/kg]) of each option of
    #: :attr:`_choices` that fires its layer, for :meth:`cheaper_routes`'s ranking
    _option_firing: tuple[tuple[tuple[int, str, str], float], ...] = field(repr=False,
                                                                          default=())
    #: per step of :attr:`_steps`, the dwell of its layer's crystallisation anneal [s]
    #: (``StepOption.dwell_s``), machine time of the step
    _dwell: tuple[float, ...] = field(repr=False, default=())
    #: ((layer index, process id, atmosphere), anneal dwell [s]) of each option of
    #: :attr:`_choices` that anneals its layer, for :meth:`cheaper_routes`'s ranking
    _option_dwell: tuple[tuple[tuple[int, str, str], float], ...] = field(repr=False,
                                                                         default=())

    def __call__(self, areal_energy_Wh_m2: Any, areal_mass_kg_m2: dict[str, Any] | None = None,
                 thickness_m: dict[str, Any] | None = None, *,
                 packaging_cost_USD_m2: Any = None) -> tuple[Any, Any]:
        """(cell, pack) cost [USD/kWh] for arrays of areal energy and per-layer masses and
        thicknesses (layers not given keep the reference value) and of the casing and films
        per m2 of footprint [USD/m2] (None: the reference's). Like a non-positive energy,
        a negative areal mass or a non-positive thickness gives NaN (not a negative cost);
        bools and text are refused (``True`` was 1 Wh/m2)."""
        from solidcell.manufacturing.economics import step_cost_per_area

        masses = dict(zip(self.layer_names, self.layer_areal_mass_kg_m2, strict=True))
        thick = dict(zip(self.layer_names, self.layer_thickness_m, strict=True))
        energy = _numbers("areal_energy_Wh_m2", areal_energy_Wh_m2)
        bad = None  # designs with a negative mass or a non-positive thickness: NaN
        for given, target, what in ((areal_mass_kg_m2, masses, "areal_mass_kg_m2"),
                                    (thickness_m, thick, "thickness_m")):
            for name, value in (given or {}).items():
                if name not in target:
                    raise ValidationError(f"{what}.{name}", name,
                                          f"a layer of the design: {', '.join(target)}")
                x = _numbers(f"{what}.{name}", value)
                ok = x >= 0 if what == "areal_mass_kg_m2" else x > 0
                if not ok.all():  # masked once at the end (a line step's cost does not
                    bad = ~ok if bad is None else bad | ~ok  # depend on the thickness)
                target[name] = x
        ref = self.reference
        try:
            packaging = (self.packaging_cost_USD_m2 if packaging_cost_USD_m2 is None
                         else packaging_cost_USD_m2)
            dwell = self._dwell or (0.0,) * len(self._steps)
            firing = self._firing or (0.0,) * len(self._steps)
            stages, yields = [], []
            for (i, process, atm), d, fuel in zip(self._steps, dwell, firing, strict=True):
                name = self.layer_names[i]  # the layer's materials, process and kiln fuel
                stages.append(masses[name] * self.layer_price_USD_per_kg[i]
                              + step_cost_per_area(self._db, process, thick[name], atm,
                                                   self._options, d)
                              + (fuel * masses[name] if fuel else 0.0))
                yields.append(float(process.si("process_yield")))
            y_f = float(self._options.cell_finishing_yield)
            cell, pack = cost_per_kwh(stages, yields, energy,
                                      ref.finishing_cost_USD_per_m2 + packaging, y_f,
                                      ref.pack_integration_USD_per_kWh)
            if bad is not None:
                cell, pack = np.where(bad, np.nan, cell), np.where(bad, np.nan, pack)
            return cell, pack
        except ValueError as exc:  # shapes that do not broadcast
            raise ValidationError("areal_energy_Wh_m2, areal_mass_kg_m2, thickness_m",
                                  f"shapes {np.shape(energy)}, ...",
                                  f"arrays that broadcast together ({exc})") from None

    def from_energy(self, columns: Any) -> tuple[Any, Any]:
        """(cell, pack) cost [USD/kWh] from the columns of ``solidcell.cell.energy.
        evaluate_many`` (an EnergyBatch or a mapping of its column names to arrays).

        Costed per cell, as :func:`cell_cost` costs the reference design: the layer columns
        are one repeat unit's (one cell of a bipolar stack), the energy is the stack's areal
        energy over the reference's :attr:`cells_in_series`, and the current collectors are
        the reference's per cell, so the columns must be of designs with the reference's
        cells in series (a screen builds one model per value). The layers are those of
        :func:`solidcell.manufacturing.design.stack_from_design`: the electrolyte layer holds
        the separator and the electrolyte filling, as tall as what it fills (a vertically
        aligned cell was costed with the dense layer's 20 um and mass only: 2857 against
        6849 USD/kWh). The casing and films are each row's where the columns have the cell's
        casing and film masses and energy (:meth:`_packaging`), else the reference's."""
        energy, masses, thick = self._layer_columns(columns)
        return self(energy, masses, thick, packaging_cost_USD_m2=self._packaging(columns))

    def _packaging(self, columns: Any) -> Any:
        """The casing and films per m2 of footprint [USD/m2] of each row of ``columns``, as
        ``stack_from_design`` costs them: (casing mass - tab mass) and film mass over the
        footprint, ``Cell energy / Stack areal energy * cells_in_series`` (electrode area x
        layers x cells); None (the reference's) without those columns or a CellDesign
        reference. (A pouch's casing grows with the stack's thickness, its footprint does
        not: the reference's casing per m2 put the EV space's rows up to 4.8e-4 off.)"""
        if self._casing is None:
            return None
        case_price, tab_kg, film_price = self._casing
        keys = ("Cell energy [W.h]", ENERGY_KEY, "Casing mass [kg]") + (
            (FILM_KEY,) if film_price else ())
        try:
            raw = {key: _energy_column(columns, key) for key in keys}
        except ValidationError:  # columns made by hand, without the cell's masses
            return None
        # present but not numbers, or of other lengths: refused (not the reference's casing)
        got = _same_rows({key: _column_numbers(key, value) for key, value in raw.items()})
        cell_wh, stack_wh_m2 = got["Cell energy [W.h]"], got[ENERGY_KEY]
        case_kg = got["Casing mass [kg]"] - tab_kg
        film_kg = got[FILM_KEY] if film_price else 0.0
        with np.errstate(divide="ignore", invalid="ignore"):
            footprint = cell_wh / stack_wh_m2 * self.cells_in_series
            ok = footprint > 0
            per_m2 = np.where(ok, 1.0 / np.where(ok, footprint, 1.0), 0.0)
        return (case_price * np.where(case_kg > 0, case_kg, 0.0)
                + film_price * np.where(film_kg > 0, film_kg, 0.0)) * per_m2

    def outside_ranges(self, columns: Any) -> list[tuple[str, Any]]:
        """(what, mask) for each step of the reference route whose process cannot make its
        layer as thick as in the rows of ``columns`` (:meth:`from_energy`'s columns), outside
        the process's thickness range as :func:`~solidcell.manufacturing.routes.plan_routes`
        checks it, or (a 3D layer) finer features than the process resolves
        (:meth:`feature_sizes`). :func:`cell_cost` plans such a design again (another process,
        or no route at all); this model keeps the reference's route, so its cost there is
        that route's."""
        _, _, thick = self._layer_columns(columns)
        features = self.feature_sizes(columns)
        found = []
        for i, process, _ in self._steps:
            name = self.layer_names[i]
            if name in features and np.ndim(features[name]):  # a swept width
                res_lo = process.si_range("resolution")[0]
                fine = np.isfinite(features[name]) & ~resolves(process, features[name])
                if np.any(fine):
                    what = (f"resolves {res_lo * 1e6:.4g} um ({process.resolution.source})"
                            if res_lo is not None else "is a planar process")
                    found.append((f"{name}: {process.id} {what}, finer 3D features", fine))
            if name not in thick:
                continue
            lo, hi = process.si_range("thickness")
            x = _numbers(f"thickness_m.{name}", thick[name])
            with np.errstate(invalid="ignore"):
                outside = (x < lo) | (x > hi)
            if np.any(outside):
                found.append((f"{name}: {process.id} makes {lo * 1e6:.4g}-{hi * 1e6:.4g} um "
                              f"({process.thickness.source})", outside))
        return found

    def range_classes(self, columns: Any) -> Any:
        """An integer per row of ``columns`` (:meth:`from_energy`'s): rows with the same number
        have each of their layers inside the thickness range (and, a swept 3D width, the
        resolution) of the same processes of the database that make its material class, so
        :func:`~solidcell.manufacturing.routes.plan_routes` accepts and refuses the same
        processes for them (the thickness and feature size are the checks of a process that a
        row's numbers change), and a design that has no route has none for any row of its
        number. Rows with a NaN thickness or width are -1."""
        _, _, thick = self._layer_columns(columns)
        table, finite = self._inside_table(thick, self.feature_sizes(columns))
        if table is None:
            return np.zeros(np.shape(_energy_column(columns, ENERGY_KEY)), dtype=int)
        _, classes = np.unique(table, axis=0, return_inverse=True)
        classes = classes.reshape(-1)
        return np.where(np.broadcast_to(finite, classes.shape), classes, -1)

    def cheaper_routes(self, columns: Any) -> list[tuple[str, Any]]:
        """(what, mask) per other route that :func:`cell_cost` would choose for rows of
        ``columns`` (:meth:`from_energy`'s) whose layers this model's route can make: one
        option per position of a build order of the plan (:attr:`_choices`) whose processes
        make each layer as thick as in the row and that has fewer steps above the
        machine-time limit or, with as many, a good m2 of lower cost (each step's materials
        and cost over its own and the later yields, the planner's ranking,
        ``routes.good_m2_cost``; the same steps in another build order are another route) by
        more than a relative 1e-9. A thickness moves a process into or out of its range, or
        a batch step's time and cost with it (a 2 um collector of a thin-film cell is a
        purchased foil where the reference's 0.3 um is sputtered), and a 3D feature size
        (:meth:`feature_sizes`) a process out of its resolution. An option no better on every
        row than another of its position (cost, yield, time limit, range) is dropped first,
        which changes no row's best; every route left is then searched, branch and bound
        (:meth:`_RouteRanker.search`: a partial route whose lower bound cannot beat a row's
        best leaves that row), with the answer of checking each route in turn."""
        if not self._choices:
            return []
        energy, masses, thick = self._layer_columns(columns)
        features = self.feature_sizes(columns)
        mass = dict(zip(self.layer_names, self.layer_areal_mass_kg_m2, strict=True)) | masses
        size = dict(zip(self.layer_names, self.layer_thickness_m, strict=True)) | thick
        packaging = self._packaging(columns)
        # the finishing's cost (the layers' materials are paid at their steps: _RouteRanker)
        fixed = (self.packaging_cost_USD_m2 if packaging is None else packaging
                 ) + self.reference.finishing_cost_USD_per_m2
        for n in self.layer_names:  # rows with a mass that is not finite are not compared
            m = _numbers("areal_mass_kg_m2", mass[n])
            fixed = fixed + np.where(np.isfinite(m), 0.0, np.nan)
        shape = np.broadcast_shapes(np.shape(energy), np.shape(fixed), *(
            np.shape(t) for t in [*size.values(), *features.values()]))
        rows = np.broadcast_to(np.isfinite(fixed), shape).copy()  # rows compared
        for t in [*size.values(), *features.values()]:
            rows &= np.broadcast_to(np.isfinite(t), shape)
        ranker = _RouteRanker(self, {n: np.broadcast_to(_numbers(f"thickness_m.{n}", t),
                                                        shape)[rows] for n, t in size.items()},
                              np.broadcast_to(fixed, shape)[rows],
                              {n: np.broadcast_to(f, shape)[rows] for n, f in features.items()},
                              {n: np.broadcast_to(_numbers(f"areal_mass_kg_m2.{n}", m),
                                                  shape)[rows] for n, m in mass.items()})
        found = ranker.search(self._choices)
        full = np.full(shape, -1)
        full[rows] = ranker.winner
        return [(" -> ".join(f"{self.layer_names[i]}: {pid}" for i, pid, _ in route),
                 full == k) for k, route in enumerate(found)]

    def feature_sizes(self, columns: Any) -> dict[str, Any]:
        """The 3D feature size [m] of each layer that has one: the column of
        :data:`FEATURE_COLUMNS` where ``columns`` give it (a screen's swept width), else the
        reference's."""
        out: dict[str, Any] = {}
        for i, reference, key in self._features:
            try:
                out[self.layer_names[i]] = _column_numbers(key, _energy_column(columns, key))
            except ValidationError as exc:
                if exc.field == f"columns[{key!r}]":  # there, but not numbers
                    raise
                out[self.layer_names[i]] = reference
        return out

    def _inside_table(self, thick: dict[str, Any], features: dict[str, Any] | None = None
                      ) -> tuple[Any, Any]:
        """(rows x processes table of whether each layer of ``thick`` is inside the thickness
        range of each process that makes its class and, where ``features`` give it a swept
        3D feature size, fine enough for it, or None; mask of finite rows)."""
        inside = []
        finite = None
        features = {n: f for n, f in (features or {}).items() if np.ndim(f)}
        for name, makers in zip(self.layer_names, self._makers, strict=True):
            if name not in thick:
                continue
            x = _numbers(f"thickness_m.{name}", thick[name])
            finite = np.isfinite(x) if finite is None else finite & np.isfinite(x)
            if name in features:
                finite = finite & np.isfinite(features[name])
            for process in makers:
                lo, hi = process.si_range("thickness")
                with np.errstate(invalid="ignore"):
                    inside.append((x >= lo) & (x <= hi))
                if name in features:
                    inside.append(resolves(process, features[name]))
        if not inside:
            return None, None
        return np.column_stack(np.broadcast_arrays(*inside)), finite

    def _layer_columns(self, columns: Any) -> tuple[Any, dict[str, Any], dict[str, Any]]:
        """(areal energy of one cell, areal masses, thicknesses of the model's layers) of
        :meth:`from_energy`'s columns."""
        from solidcell.manufacturing.design import (
            anode_layer_thickness,
            electrolyte_layer_thickness,
        )

        col = {key: _column_numbers(key, _energy_column(columns, key))
               for pair in ENERGY_COLUMNS.values() for key in pair}
        col[ENERGY_KEY] = _column_numbers(ENERGY_KEY, _energy_column(columns, ENERGY_KEY))
        try:  # absent from columns of planar designs made by hand: no filling
            col[FILLING_KEY] = _energy_column(columns, FILLING_KEY)
        except ValidationError:
            col[FILLING_KEY] = 0.0
        col[FILLING_KEY] = _column_numbers(FILLING_KEY, col[FILLING_KEY])
        for _, key in self._collectors:  # a swept collector's thickness, where given
            try:
                col[key] = _column_numbers(key, _energy_column(columns, key))
            except ValidationError as exc:
                if exc.field == f"columns[{key!r}]":  # there, but not numbers
                    raise
        col = _same_rows(col)
        cathode_t = col["Cathode thickness [m]"]
        masses = {name: col[mkey] for name, (mkey, _) in ENERGY_COLUMNS.items()}
        filling = col[FILLING_KEY]
        masses["separator"] = masses["separator"] + filling
        thick = {
            "cathode": cathode_t,
            "separator": electrolyte_layer_thickness(
                self.architecture, col["Separator thickness [m]"], cathode_t),
            "anode": anode_layer_thickness(self.architecture, self.anode_free,
                                           col["Anode thickness [m]"], cathode_t)}
        keep = [name for name in ENERGY_COLUMNS if name in self.layer_names]
        energy = col[ENERGY_KEY]
        if self.cells_in_series != 1:  # one cell of the series stack
            energy = energy / self.cells_in_series
        masses, thick = {n: masses[n] for n in keep}, {n: thick[n] for n in keep}
        for i, key in self._collectors:  # a swept collector: its foil's mass and thickness
            if key not in col:  # (the reference's where the columns do not give it)
                continue
            t = col[key]
            name = self.layer_names[i]
            masses[name] = self.layer_areal_mass_kg_m2[i] * (t / self.layer_thickness_m[i])
            thick[name] = t
        return energy, masses, thick


#: Slack on :meth:`_RouteRanker.search`'s bounds: a sum in another order differs from
#: :meth:`_RouteRanker.rank`'s by a few units in the last place (a float's 2.2e-16 each), far
#: below it, so no row a route beats is left on rounding.
_ROUNDING = 1.0 + 1e-12


class _RouteRanker:
    """Routes ranked on rows as :func:`~solidcell.manufacturing.routes.plan_routes` ranks them
    (slow steps, then the cost of a good m2, ``routes.good_m2_cost``: each step's layer
    materials and process cost over its own and every later step's yield,
    ``economics.good_unit_cost``, so a route is its steps in build order), for
    :meth:`CostModel.cheaper_routes`: ``thick`` the rows' thickness of each layer [m],
    ``fixed`` their finishing per m2 [USD/m2] (paid after the last step), ``features`` the
    3D feature size of each layer that has one [m], ``mass`` the areal mass of each layer
    [kg/m2] (its materials, at the model's price, and the kiln fuel of a step that fires it;
    the model's where not given) (1-D arrays)."""

    def __init__(self, model: CostModel, thick: dict[str, Any], fixed: Any,
                 features: dict[str, Any] | None = None,
                 mass: dict[str, Any] | None = None) -> None:
        self.model, self.thick, self.fixed = model, thick, fixed
        self.features, self.mass = features or {}, mass or {}
        self._fuel = dict(model._option_firing)
        self._dwell = dict(model._option_dwell)
        self._steps: dict[tuple[int, str, str], tuple[Any, Any, Any, float]] = {}
        self._worse: dict[tuple[Any, Any], bool] = {}
        #: per row, the index into :meth:`search`'s routes of the one it chose, -1: none
        self.winner = np.full(np.shape(fixed), -1)

    def step(self, key: tuple[int, str, str]) -> tuple[Any, Any, Any, float]:
        """(inside its range, slow, cost [USD/m2]: the layer's materials and the step's
        process cost, yield) of a step on the rows."""
        if key not in self._steps:
            from solidcell.manufacturing.economics import step_cost_per_area

            m = self.model
            i, pid, atm = key
            name = m.layer_names[i]
            process = m._db.get(pid)
            t = self.thick[name]
            lo, hi = process.si_range("thickness")
            inside = (t >= lo) & (t <= hi)
            feature = self.features.get(name)
            if feature is not None:  # a 3D layer: a process fine enough for its features
                inside = inside & resolves(process, feature)
            n = np.shape(self.fixed)
            dwell = self._dwell.get(key, 0.0)  # the anneal's dwell (check_step's)
            mass = self.mass.get(name, m.layer_areal_mass_kg_m2[i])
            cost = step_cost_per_area(m._db, process, t, atm, m._options, dwell) \
                + mass * m.layer_price_USD_per_kg[i]  # the layer's materials, paid here
            if self._fuel.get(key):  # the kiln fuel of firing the row's layer (check_step's)
                cost = cost + self._fuel[key] * mass
            self._steps[key] = (
                np.broadcast_to(inside, n),
                np.broadcast_to(process.time_per_area(t, dwell) > m._options.max_time_per_m2_s,
                                n),
                np.broadcast_to(cost, n),
                float(process.si("process_yield")))
        return self._steps[key]

    def worse(self, a: tuple[int, str, str], b: tuple[int, str, str]) -> bool:
        """Whether option ``a`` is no better than ``b`` on every row (range, time, cost,
        yield): replacing ``a`` by ``b`` in a route makes no row's rank worse (the cost of a
        good m2 is non-decreasing in a step's cost, non-increasing in its yield)."""
        if (a, b) not in self._worse:
            (ia, sa, ca, ya), (ib, sb, cb, yb) = self.step(a), self.step(b)
            self._worse[(a, b)] = ya <= yb and bool(np.all((ib | ~ia) & (sb <= sa)
                                                           & (cb <= ca)))
        return self._worse[(a, b)]

    def kept(self, per: Any) -> list[list[tuple[int, str, str]]]:
        """The options of each position of one build order after dropping each option no
        better than another of its position (the first of equal ones kept)."""
        return [[a for k, a in enumerate(opts) if not any(
            self.worse(a, b) and (not self.worse(b, a) or j < k)
            for j, b in enumerate(opts) if j != k)] for opts in per]

    def search(self, choices: Any) -> list[tuple[tuple[int, str, str], ...]]:
        """The routes (steps in build order) some row chooses over the model's own, in the
        order they are first met; :attr:`winner` gives each row's. The answer of ranking each
        route of ``choices`` (per build order, :meth:`kept`'s options,
        ``itertools.product`` order) in turn against each row's best so far (fewer slow
        steps, or as many and a good m2 cheaper by more than a relative 1e-9), without
        enumerating them: depth first in that order, a row leaves a partial route whose lower
        bound (:meth:`_bounds`) cannot beat its best, which the route could not have done
        either, as its best only falls. The same steps in another build order are another
        route (the yields after a step set its share of the scrap). No cap on the number of
        routes (it skipped the check beyond 4096)."""
        made, best_slow, best = self.rank(
            (i, p.id, atm) for i, p, atm in self.model._steps)
        self._found: dict[tuple[tuple[int, str, str], ...], int] = {}
        self._seen: set[tuple[tuple[int, str, str], ...]] = set()
        orders = [self.kept(per) for per in choices]
        # the rows the model's route makes, then those some route might beat. A bound of
        # every route, whatever its order: each step's cost over yields <= 1 is at least the
        # step's cost, so a good m2 costs at least the finishing plus the least of every
        # layer's options of any order (each route makes each layer once)
        self._on(np.flatnonzero(made), best_slow, best)
        layers: dict[int, dict[Any, None]] = {}
        for kept in orders:
            for opts in kept:
                for a in opts:
                    layers.setdefault(a[0], {})[a] = None
        if layers:
            low_slow, low_cost = np.zeros(self._sub.size), np.zeros(self._sub.size)
            for opts in layers.values():
                slow, _, cost = self._least(tuple(opts))
                low_slow, low_cost = low_slow + slow, low_cost + cost
            open_ = self._beats(low_slow, self._fixed + low_cost, np.arange(self._sub.size))
            self._on(self._sub[open_], best_slow, best)
        for kept in orders:
            if self._sub.size and all(kept):
                zero = np.zeros(self._sub.size)
                self._descend(kept, self._bounds(kept), 0, (), np.arange(self._sub.size),
                              zero, zero)
        # the routes some row keeps, in the order a check of each in turn met them
        routes = list(self._found)
        kept = [routes[k] for k in np.unique(self.winner[self.winner >= 0]).tolist()]
        ordered = sorted(kept, key=lambda route: _first_met(route, orders))
        index = np.array([ordered.index(r) if r in ordered else -1 for r in routes] + [-1])
        self.winner = index[self.winner]
        return ordered

    def _on(self, rows: Any, best_slow: Any, best: Any) -> None:
        """Search the rows ``rows`` (indices; the search's own are positions in them), whose
        best so far are ``best_slow`` and ``best`` (of every row)."""
        self._sub, self._fixed = rows, self.fixed[rows]
        self._best = (np.asarray(best_slow, float)[rows], np.asarray(best, float)[rows])
        self._picked: dict[Any, tuple[Any, Any, Any, float]] = {}
        self._leasts: dict[Any, tuple[Any, float, Any]] = {}
        self._suffix: dict[Any, tuple[Any, float, Any]] = {}

    def _pick(self, key: tuple[int, str, str]) -> tuple[Any, Any, Any, float]:
        """:meth:`step` on the rows searched."""
        if key not in self._picked:
            inside, slow, cost, y = self.step(key)
            self._picked[key] = (inside[self._sub], slow[self._sub], cost[self._sub], y)
        return self._picked[key]

    def _least(self, opts: tuple[tuple[int, str, str], ...]) -> tuple[Any, float, Any]:
        """(least slow steps, highest yield, least cost [USD/m2]) of the options ``opts`` of
        one position on the rows searched, inf where none of them makes the row."""
        if opts not in self._leasts:
            steps = [self._pick(a) for a in opts]
            self._leasts[opts] = (
                np.min([np.where(s[0], s[1], np.inf) for s in steps], axis=0),
                max(s[3] for s in steps),
                np.min([np.where(s[0], s[2], np.inf) for s in steps], axis=0))
        return self._leasts[opts]

    def _beats(self, slow: Any, cost: Any, rows: Any) -> Any:
        """Where ``slow`` steps and a good m2 of ``cost`` [USD/m2] (bounds summed in another
        order: :data:`_ROUNDING`) may beat the best of the searched ``rows``."""
        best_slow, best = self._best[0][rows], self._best[1][rows]
        with np.errstate(invalid="ignore"):
            return (slow < best_slow) | ((slow == best_slow)
                                         & (cost < best * ((1 - 1e-9) * _ROUNDING)))

    def _bounds(self, kept: list[list[tuple[int, str, str]]]) -> list[tuple[Any, float, Any]]:
        """Per position ``p`` of ``kept`` (and after the last), ``(slow, S, T)``: the least
        slow steps of the positions from ``p`` on, and a lower bound ``A S + T`` of the cost
        of a good m2 of every route that starts with steps whose accumulated cost is ``A``
        (``economics.good_unit_cost``: ``A_p = (A_{p-1} + c_p) / y_p``, the cost ``A_n +
        fixed``). Admissible: the cost from ``p`` on of a completion with costs ``c`` and
        yields ``y`` is ``A S' + T'``, built backwards as ``S'_p = S'_{p+1} / y_p``,
        ``T'_p = c_p S'_p + T'_{p+1}`` from ``S'_n = 1``, ``T'_n = fixed``; it is
        non-decreasing in each ``c`` and non-increasing in each ``y`` (costs >= 0,
        yields in (0, 1]), so with each open position's least cost and highest yield (of
        options that may differ: only looser) it is at most the cost of any completion, and
        ``A >= 0`` keeps ``A S <= A S'``."""
        out: list[tuple[Any, float, Any]] = [(np.zeros(self._sub.size), 1.0, self._fixed)]
        for pos in range(len(kept) - 1, -1, -1):
            key = tuple(tuple(opts) for opts in kept[pos:])
            if key not in self._suffix:  # orders that end alike share it
                slow, y, cost = self._least(key[0])
                after_slow, after_s, after_t = out[0]
                s = after_s / y
                with np.errstate(invalid="ignore"):
                    t = cost * s + after_t
                self._suffix[key] = (after_slow + slow, s, t)
            out.insert(0, self._suffix[key])
        return out

    def _descend(self, kept: list[list[tuple[int, str, str]]], bounds: list[Any], pos: int,
                 chosen: tuple[tuple[int, str, str], ...], rows: Any, slow: Any,
                 acc: Any) -> None:
        """:meth:`search` from position ``pos`` with ``chosen`` steps on ``rows`` (positions
        in the rows searched) whose slow steps and accumulated cost so far
        (:meth:`_bounds`'s ``A``) are ``slow`` and ``acc``."""
        leaf = pos == len(kept)
        if leaf:
            route = chosen
            if route in self._seen:  # met before: it beat no row's best then, nor now
                return
            self._seen.add(route)
        low_slow, s, t = bounds[pos]
        keep = self._beats(slow + low_slow[rows], acc * s + t[rows], rows)
        if not keep.any():
            return
        rows, slow, acc = rows[keep], slow[keep], acc[keep]
        if leaf:  # the rows left, ranked as a check of the route in turn ranks them
            ok, slow, total = self.rank(route, self._sub[rows])
            best_slow, best = self._best[0][rows], self._best[1][rows]
            better = ok & ((slow < best_slow) | ((slow == best_slow)
                                                 & (total < best * (1 - 1e-9))))
            if better.any():
                won = rows[better]
                self._best[0][won], self._best[1][won] = slow[better], total[better]
                self.winner[self._sub[won]] = self._found.setdefault(route, len(self._found))
            return
        for option in kept[pos]:
            inside, too_slow, c, y = self._pick(option)
            on = inside[rows]
            if on.any():
                at = rows[on]
                self._descend(kept, bounds, pos + 1, (*chosen, option), at,
                              slow[on] + too_slow[at],
                              np.asarray(good_unit_cost([acc[on] + c[at]], [y])))

    def rank(self, steps: Any, rows: Any = None) -> tuple[Any, Any, Any]:
        """(the route makes the row, its slow steps, cost of a good m2 [USD/m2]) on every
        row or on the indices ``rows``, ``steps`` in build order."""
        pick = (lambda x: x) if rows is None else (lambda x: x[rows])
        made, slow, costs, yields = True, 0, [], []
        for key in steps:
            inside, too_slow, c, yld = self.step(key)
            made, slow = made & pick(inside), slow + pick(too_slow)
            costs.append(pick(c))
            yields.append(yld)
        return made, slow, np.asarray(good_unit_cost(costs, yields, pick(self.fixed)))


def _first_met(route: tuple[tuple[int, str, str], ...],
               orders: list[list[list[tuple[int, str, str]]]]) -> tuple[int, int]:
    """(build order, index in ``itertools.product`` of its kept options) where ``route``
    (steps in build order) is first met in :meth:`_RouteRanker.search`'s order."""
    for b, kept in enumerate(orders):
        if len(kept) != len(route) or any(
                a not in opts for a, opts in zip(route, kept, strict=True)):
            continue
        index = 0
        for a, opts in zip(route, kept, strict=True):
            index = index * len(opts) + opts.index(a)
        return b, index
    return len(orders), 0


def _energy_column(columns: Any, key: str) -> Any:
    """``columns[key]`` of :meth:`CostModel.from_energy`; anything that has no such column
    raises ValidationError (None, a number or a list raised TypeError, a dict KeyError)."""
    allowed = ("an EnergyBatch of evaluate_many, or a mapping (dict, DataFrame) of its "
               "column names to arrays")
    if isinstance(columns, str | bytes | list | tuple | np.ndarray) \
            or not hasattr(columns, "__getitem__"):
        raise ValidationError("columns", columns, allowed)
    try:
        return columns[key]
    except (KeyError, IndexError, TypeError, ValueError):
        raise ValidationError("columns", key, f"{allowed}; this column is missing") from None


def _column_numbers(key: str, value: Any) -> Any:
    """Column ``key`` of :meth:`CostModel.from_energy`'s columns as a float array (a pandas
    column too); text, bools, None raise ValidationError naming ``columns[key]``."""
    return _numbers(f"columns[{key!r}]", getattr(value, "to_numpy", lambda: value)())


def _same_rows(cols: dict[str, Any]) -> dict[str, Any]:
    """``cols`` if their shapes broadcast (one value per design, or one number for all), else
    ValidationError naming the shapes (numpy's bare "shape mismatch" before)."""
    try:
        np.broadcast_shapes(*(np.shape(v) for v in cols.values()))
    except ValueError:
        shapes = {k: np.shape(v) for k, v in cols.items()}
        raise ValidationError("columns", shapes, "columns of one length (one value per "
                              "design) or single numbers") from None
    return cols


def _numbers(field: str, value: Any) -> Any:
    """``value`` as a float array (0-d for a number); bools and text raise ValidationError."""
    allowed = "a number or an array of numbers"
    if is_bool(value) or isinstance(value, str | bytes):
        raise ValidationError(field, value, f"{allowed}, not a {type(value).__name__}")
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):
        raise ValidationError(field, value, allowed) from None
    if raw.dtype.kind not in "iuf":
        raise ValidationError(field, value, f"{allowed} (got dtype {raw.dtype})")
    return raw.astype(float, copy=False)


class NoCostError(ValidationError):
    """:func:`cost_model` of a design that has no cost; ``reason`` says why (no route, a
    material without a price, ...)."""

    def __init__(self, design: str, reason: str) -> None:
        super().__init__("design", design, f"no cost: {reason}")
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (self.value, self.reason))


def cost_model(design: Any, *, processes: ProcessDatabase | None = None,
               options: CostOptions | None = None) -> CostModel:
    """A vectorised :class:`CostModel` of ``design``'s family (its reference must have a cost)."""
    db, options = check_inputs(processes, options)
    opts = (options or CostOptions()).resolved(db)
    cell_design = _cell_design(design)  # read once: the stack is mapped from it
    stack = as_stack(cell_design if cell_design is not None else design)
    plan = plan_routes(stack, processes=db, options=opts)
    ref = cell_cost(stack, processes=db, options=opts, planned=plan)
    if not ref.has_cost or ref.route is None:
        raise NoCostError(stack.name, ref.reason)
    prices = {p.material: p.price_USD_per_kg for p in ref.prices}
    names = tuple(layer.name for layer in stack.layers)
    layer_prices = tuple(sum(w * prices[m] for m, w in layer.fractions.items())
                         for layer in stack.layers)
    steps = tuple((names.index(s.layer), db.get(s.process), s.atmosphere or "ambient")
                  for s in ref.route.steps)
    packaging = sum(m * prices[mid] for mid, m in stack.packaging.items())
    return CostModel(ref, names, layer_prices,
                     tuple(float(layer.mass_per_area()) for layer in stack.layers),  # type: ignore
                     tuple(layer.thickness for layer in stack.layers), packaging, steps, db,
                     opts,
                     architecture=(cell_design.architecture.kind if cell_design is not None
                                   else "planar"),
                     anode_free=(cell_design is not None
                                 and cell_design.anode.kind == "anode_free"),
                     cells_in_series=(max(cell_design.architecture.cells_in_series, 1)
                                      if cell_design is not None else 1),
                     _makers=tuple(tuple(p for p in db.processes
                                         if layer.klass in p.material_classes
                                         and p.lays_down)
                                   for layer in stack.layers),
                     _casing=None if cell_design is None else _casing(cell_design, opts),
                     _collectors=() if cell_design is None else _collectors(cell_design,
                                                                            names),
                     _choices=_choices(plan, names),
                     _features=_features(stack),
                     _firing=tuple(s.firing_USD_per_kg for s in ref.route.steps),
                     _option_firing=_option_firing(plan, names),
                     _dwell=tuple(s.dwell_s for s in ref.route.steps),
                     _option_dwell=_option_dwell(plan, names))


def _features(stack: LayerStack) -> tuple[tuple[int, float, str], ...]:
    """:attr:`CostModel._features` of a mapped design's ``stack``: its layers with a feature
    size, with the column of :data:`FEATURE_COLUMNS` that sets it."""
    keys = {layer: key for key, layer in FEATURE_COLUMNS.values()}
    return tuple((k, float(layer.feature_size), keys[layer.name])
                 for k, layer in enumerate(stack.layers)
                 if layer.feature_size is not None and layer.name in keys)


def _choices(plan: RoutePlan, names: tuple[str, ...]
             ) -> tuple[tuple[tuple[tuple[int, str, str], ...], ...], ...]:
    """:attr:`CostModel._choices` of ``plan`` (its :attr:`~RoutePlan.choices`), distinct."""
    found: dict[tuple[Any, ...], None] = {}
    for per in plan.choices:
        found[tuple(tuple(dict.fromkeys(
            (names.index(s.layer), s.process, s.atmosphere or "ambient") for s in options))
            for options in per)] = None
    return tuple(found)


def _option_firing(plan: RoutePlan, names: tuple[str, ...]
                   ) -> tuple[tuple[tuple[int, str, str], float], ...]:
    """:attr:`CostModel._option_firing` of ``plan``: the kiln fuel per kg of each option
    of its :attr:`~RoutePlan.choices` and route that fires its layer."""
    options = [s for per in plan.choices for opts in per for s in opts]
    if plan.best is not None:
        options += list(plan.best.steps)
    return tuple({(names.index(s.layer), s.process, s.atmosphere or "ambient"):
                  s.firing_USD_per_kg for s in options if s.firing_USD_per_kg}.items())


def _option_dwell(plan: RoutePlan, names: tuple[str, ...]
                  ) -> tuple[tuple[tuple[int, str, str], float], ...]:
    """:attr:`CostModel._option_dwell` of ``plan``: the anneal dwell [s] of each option of
    its :attr:`~RoutePlan.choices` and route that anneals its layer."""
    options = [s for per in plan.choices for opts in per for s in opts]
    if plan.best is not None:
        options += list(plan.best.steps)
    return tuple({(names.index(s.layer), s.process, s.atmosphere or "ambient"): s.dwell_s
                  for s in options if s.dwell_s}.items())


def _collectors(design: Any, names: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """:attr:`CostModel._collectors` of a CellDesign mapped to the layers ``names``
    (``stack_from_design``'s: the bipolar collector is the cathode collector's foil where the
    architecture names none)."""
    cathode, anode = COLLECTOR_COLUMNS.values()
    follows = {"cathode current collector": cathode, "anode current collector": anode}
    if design.architecture.bipolar_collector is None:
        follows["bipolar current collector"] = cathode
    return tuple((names.index(name), key) for name, key in follows.items() if name in names)


def _casing(design: Any, options: CostOptions) -> tuple[float, float, float]:
    """(price of the casing material [USD/kg] or 0, tab mass [kg], price of the interlayer
    film [USD/kg] or 0) of a CellDesign (:attr:`CostModel._casing`); a material without a
    price is 0 here (a reference that has it in its packaging has a price, or no model)."""
    fmt = design.format

    def price(ref: Any) -> float:
        found = None if ref is None else _price(ref if isinstance(ref, str) else ref.id,
                                                options)
        return 0.0 if found is None else found.price_USD_per_kg

    film = fmt.interlayer_film
    return (price(fmt.casing_material), float(fmt.tab_mass_kg),
            price(film.material if film is not None else None))


def _cell_design(design: Any) -> Any:
    """``design`` as a CellDesign where it is one (or a design file), else None (a layer
    stack, whose layers are the model's as they are)."""
    from solidcell.cell.design import CellDesign

    if isinstance(design, CellDesign):
        return design
    if isinstance(design, str | Path):
        from solidcell.errors import SolidcellError

        try:
            return CellDesign.from_file(design)
        except (SolidcellError, ValueError):  # a layer-stack file: as_stack reads it
            return None
    return None


# --------------------------------------------------------------------------- sensitivity
@dataclass(frozen=True)
class TornadoBar:
    parameter: str
    low_input: float
    high_input: float
    cell_cost_low_USD_per_kWh: float
    cell_cost_high_USD_per_kWh: float

    @property
    def swing(self) -> float:
        return abs(self.cell_cost_high_USD_per_kWh - self.cell_cost_low_USD_per_kWh)

    def to_json(self) -> dict[str, Any]:
        return {"Parameter": self.parameter, "Low input": self.low_input,
                "High input": self.high_input,
                "Cell cost at low input [USD.kW.h-1]": self.cell_cost_low_USD_per_kWh,
                "Cell cost at high input [USD.kW.h-1]": self.cell_cost_high_USD_per_kWh}


@dataclass(frozen=True)
class Tornado:
    """One-at-a-time sensitivity of the cell cost, bars sorted by swing (largest first)."""

    __repr__ = concise_repr

    design: str
    base_cell_cost_USD_per_kWh: float
    bars: tuple[TornadoBar, ...]
    #: relative spreads used; "price" is None where each price went to the ends of its
    #: knowledge-base range (+-30 % for a single value)
    spreads: dict[str, float | None]
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"Design": self.design, CELL_KEY: self.base_cell_cost_USD_per_kWh,
                "Bars": [b.to_json() for b in self.bars], "Spreads": self.spreads,
                "sources": list(self.sources)}


def cost_sensitivity(result: CostResult, *, process_spread: float = 0.5,
                     yield_spread: float = 0.1, energy_spread: float = 0.1,
                     price_spread: float | None = None, top: int = 12) -> Tornado:
    """Tornado analysis of ``result``: each input moved alone to its low and high value.

    Material prices go to the low/high ends of their knowledge-base range (or +-
    ``price_spread`` when given, or when the price is a single value: +-30 %); each process
    step cost +- ``process_spread``; the total yield +- ``yield_spread`` (relative: every
    step's and the finishing yield times ``(1 +- spread)^(1/stages)``, each capped at 1, the
    high input the total yield that gives); areal energy +- ``energy_spread``. All scenarios
    are evaluated in one call of :func:`cost_per_kwh` (each step's layer materials and
    process cost over its own and the later yields, ``economics.good_unit_cost``).
    """
    if not result.has_cost or result.route is None:
        raise ValidationError("result", result.design,
                              f"a cost result with a cost (this one has none: {result.reason})")
    for name, value in (("process_spread", process_spread), ("yield_spread", yield_spread),
                        ("energy_spread", energy_spread), ("price_spread", price_spread)):
        # is_real: a bool is no spread (price_spread=False was a spread of 0), and NumPy
        # numbers are (np.float32(0.2) was refused)
        if value is not None and not (is_real(value) and 0 <= value < 1):
            raise ValidationError(name, value, "a relative spread in [0, 1)")
    if not is_integer(top) or top < 1:  # -1 dropped the last bar, 2.5 raised TypeError
        raise ValidationError("top", top, "a positive integer (the number of bars kept)")
    ids = [p.material for p in result.prices]
    base_prices = np.array([p.price_USD_per_kg for p in result.prices])
    steps = np.array([s.process_cost_USD_per_m2 for s in result.route.steps])
    # the areal mass of each material in each step's layer, and in the finishing's packaging
    per_step = np.array([[result.layer_masses_kg_per_m2.get(s.layer, {}).get(m, 0.0)
                          for m in ids] for s in result.route.steps]).reshape(len(steps),
                                                                              len(ids))
    packaging = np.array([result.packaging_masses_kg_per_m2.get(m, 0.0) for m in ids])
    base_yields = np.array([s.process_yield for s in result.route.steps]
                           + [result.finishing_yield or 1.0])
    labels: list[str] = []
    lows: list[float] = []
    highs: list[float] = []
    # scenario matrices: each row one scenario (low then high per parameter)
    price_rows, step_rows, yield_rows, energy_rows = [], [], [], []

    base_e = float(result.areal_energy_Wh_per_m2)  # type: ignore[arg-type]

    def add(label: str, lo: float, hi: float, prices: tuple[Any, Any] | None = None,
            step: tuple[Any, Any] | None = None,
            energy: tuple[float, float] | None = None, *,
            yld: tuple[Any, Any] | None = None) -> None:
        labels.append(label)
        lows.append(lo)
        highs.append(hi)
        for k in range(2):
            price_rows.append(prices[k] if prices else base_prices)
            step_rows.append(step[k] if step else steps)
            yield_rows.append(yld[k] if yld else base_yields)
            energy_rows.append(energy[k] if energy else base_e)

    for k, p in enumerate(result.prices):
        if price_spread is not None or p.low_USD_per_kg == p.high_USD_per_kg:
            s = 0.3 if price_spread is None else price_spread
            lo, hi = p.price_USD_per_kg * (1 - s), p.price_USD_per_kg * (1 + s)
        else:
            lo, hi = p.low_USD_per_kg, p.high_USD_per_kg
        a, b = base_prices.copy(), base_prices.copy()
        a[k], b[k] = lo, hi
        add(f"price of {p.material} [USD/kg]", lo, hi, prices=(a, b))
    for k, s in enumerate(result.route.steps):
        a, b = steps.copy(), steps.copy()
        a[k], b[k] = steps[k] * (1 - process_spread), steps[k] * (1 + process_spread)
        add(f"cost of {s.process} for {s.layer} [USD/m2]", a[k], b[k], step=(a, b))
    stages = base_yields.size
    y_lo = np.minimum(1.0, base_yields * (1 - yield_spread) ** (1 / stages))
    y_hi = np.minimum(1.0, base_yields * (1 + yield_spread) ** (1 / stages))
    add("total yield", float(np.prod(y_lo)), float(np.prod(y_hi)), yld=(y_lo, y_hi))
    e_lo, e_hi = base_e * (1 - energy_spread), base_e * (1 + energy_spread)
    add("areal energy [Wh/m2]", e_lo, e_hi, energy=(e_lo, e_hi))

    prices_ = np.array(price_rows).reshape(len(labels) * 2, len(ids))  # scenarios x materials
    stage_cost = np.array(step_rows) + prices_ @ per_step.T  # scenarios x steps
    yields_ = np.array(yield_rows)  # scenarios x (steps, finishing)
    cell, _ = cost_per_kwh(list(stage_cost.T), list(yields_[:, :-1].T), np.array(energy_rows),
                           result.finishing_cost_USD_per_m2 + prices_ @ packaging,
                           yields_[:, -1])
    cell = np.asarray(cell).reshape(-1, 2)
    for label, lo, hi, c in zip(labels, lows, highs, cell, strict=True):
        if not np.all(np.isfinite(c)):  # (a finite base cost next to the largest float)
            raise ValidationError(
                "result", result.design, f"a cost whose sensitivity stays a float: at "
                f"{label} from {lo:.4g} to {hi:.4g} the cell cost is beyond the largest float "
                f"(base {result.cell_cost_USD_per_kWh:.4g} USD/kWh: the areal energy or "
                "masses are far from a cell's)")
    bars = [TornadoBar(label, lo, hi, float(c[0]), float(c[1]))
            for label, lo, hi, c in zip(labels, lows, highs, cell, strict=True)]
    bars = sorted((b for b in bars if b.swing > 0), key=lambda b: b.swing, reverse=True)
    return Tornado(result.design, float(result.cell_cost_USD_per_kWh),  # type: ignore[arg-type]
                   tuple(bars[:top]),
                   {"process": float(process_spread), "yield": float(yield_spread),
                    "energy": float(energy_spread),
                    "price": None if price_spread is None else float(price_spread)},
                   result.sources)


def plot_tornado(tornado: Tornado, path: str | Path | None = None) -> Any:
    """Horizontal tornado chart of the cell cost; saved to ``path`` when given (matplotlib)."""
    import matplotlib

    if path is not None:
        matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    bars = list(reversed(tornado.bars))
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(bars) + 1.5))
    base = tornado.base_cell_cost_USD_per_kWh
    for k, b in enumerate(bars):
        lo, hi = b.cell_cost_low_USD_per_kWh, b.cell_cost_high_USD_per_kWh
        ax.barh(k, lo - base, left=base, color="#4c72b0")
        ax.barh(k, hi - base, left=base, color="#dd8452")
    ax.axvline(base, color="black", lw=1)
    ax.set_yticks(range(len(bars)), [b.parameter for b in bars], fontsize=8)
    ax.set_xlabel("Cell cost [USD/kWh] (blue: low input, orange: high input)")
    ax.set_title(f"Cost sensitivity: {tornado.design}")
    fig.tight_layout()
    if path is not None:
        from solidcell.plotting import save_figure

        save_figure(fig, path)
    return fig


def route_status(result: CostResult) -> str:
    """How the route of a cost is made, in one line shared by every edge that shows a cost
    (``solidcell cost``'s ``route status`` row, the report's and the dashboard's cost, the
    screen's note): ``'feasible'``, ``'slow: LAYER (PROCESS) T s/m2, above L s/m2
    (max_time_per_m2: impractical for volume production)'`` naming each step above the
    machine-time limit (docs/manufacturing.md, Route planning), or ``'no route'`` where the
    result has none (its ``reason`` says why)."""
    route = result.route
    if route is None:
        return "no route"
    slow = [s for s in route.steps if s.status == "slow"]
    if not slow:
        return route.status
    limit = result.options.get("max_time_per_m2_s")  # absent where there is no cost
    steps = ", ".join(f"{s.layer} ({s.process}) {s.time_s_per_m2:.3g} s/m2" for s in slow)
    above = "" if limit is None else f", above {float(limit):.3g} s/m2"
    return f"slow: {steps}{above} (max_time_per_m2: impractical for volume production)"


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


__all__ = [
    "CELL_KEY", "PACK_KEY", "CostItem", "CostModel", "CostResult", "LayerStack", "PriceUsed",
    "Tornado", "TornadoBar", "cell_cost", "cost_model", "cost_per_kwh", "cost_sensitivity",
    "material_cost_per_area", "plot_tornado", "route_status",
]
