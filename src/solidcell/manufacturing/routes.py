"""Route planning: which processes can make each layer, in which build order, and why not.

For a stack of layers the planner tries every build order that grows the stack from one layer
outward (each new layer is made on an end of what exists: 2^(n-1) orders for n layers) and,
for every layer in that order, every process of the database. A process is *rejected* for a
layer, with every reason stated, when

- it cannot make the layer's material class;
- the thickness is outside the process's range;
- the layer has 3D features smaller than the process's resolution (conformal processes,
  rated good/excellent, coat existing 3D structures and pass);
- it needs a substrate and nothing has been made yet;
- it lays down no material (``lays_down: false``: isostatic pressing of the stacked cell
  densifies layers another process laid down), so it makes no layer on its own;
- it is a material-specific recipe (``materials``) for other materials, or a generic process
  that such a recipe replaces (``replaces``) for this layer's material (ALD of LiPON at
  0.07 nm/cycle in a 270-310 degC window, Nisula et al. 2015, instead of the generic ALD);
- its temperature (the sintering temperature for ceramics made by green-body processes: the
  measured one of the layer's ``sintering_aid`` in its host where the database has an entry,
  e.g. LLZO with 0.5-2 wt% Li3BO3 at 1000 degC, Jonson & McGinn 2018; the lower end of a
  process's temperature window; the post-deposition anneal of a film that needs one for its
  crystalline phase, ``crystallisation_anneals``: RF-sputtered LiCoO2 at >= 500 degC, Julien
  et al. 2019, sol-gel LiCoO2 at 800 degC) exceeds the thermal limit of the layer itself or of
  any layer
  already made (reaches it, for
  a melting temperature or decomposition onset); the limit of a material is, as for a cell in
  use (:func:`solidcell.cell.design.upper_temperature_limit`), its sourced melting temperature
  or decomposition onset, its knowledge-base ``max_processing_temperature`` and the process
  database's per-material value, the lowest of them, for a composite electrolyte also those of
  its components; only a material without any takes its class's (:class:`ThermalLimit` says
  which applied);
- it heats two materials in contact above their interdiffusion onset (e.g. LLZO with layered
  oxide cathodes above 700 degC, Kim et al. 2011);
- none of its atmospheres is allowed for the layers made so far (sulfides, lithium: argon,
  dry room or vacuum).

A process that passes but needs more machine time per m2 than ``max_time_per_m2_s`` (default
3600 s/m2) is *slow*: feasible in principle, flagged as impractical. Each order's route takes,
per layer, the cheapest feasible process (slow ones only when nothing else fits); routes are
ranked by the number of slow steps, then by process cost per m2. Given the cost of each
layer's materials per m2 (``layer_cost_USD_per_m2``) and of the cell finishing
(``fixed_cost_USD_per_m2``), as the cost model does, the processes are chosen and the routes
ranked by the cost of a good m2 instead (:func:`good_m2_cost`, the rule of
``economics.good_unit_cost``: each step's material and process cost over its own yield and
every later one's): a process that is cheaper per m2 but scraps more parts (materials
included) does not win by its step cost alone, and of two build orders the one that makes
the dear layers after the steps that scrap wins.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

import numpy as np

from solidcell.checks import finite_real, is_integer
from solidcell.errors import ValidationError
from solidcell.manufacturing.economics import (
    CostOptions,
    dulong_petit_heat_capacity,
    firing_fuel_cost,
    good_unit_cost,
    step_cost_per_area,
)
from solidcell.manufacturing.layers import (
    REFINED_CLASS,
    Layer,
    LayerStack,
    _material,
    material_class,
)
from solidcell.manufacturing.processes import (
    CrystallisationAnneal,
    Process,
    ProcessDatabase,
    SinteringAidEntry,
    load_processes,
)
from solidcell.reprs import concise_repr

Status = Literal["feasible", "slow", "rejected"]
_CERAMIC = {"oxide_electrolyte", "oxide_active", "coating", "ceramic_substrate"}
_MAX_ORDERS = 4096


def _c(kelvin: float) -> str:
    return f"{kelvin - 273.15:.0f} degC"


def _um(metres: float) -> str:
    return f"{metres * 1e6:.4g} um"


#: How a knowledge-base property names the limit it gives.
_BASIS = {"melting_temperature": "melting temperature",
          "decomposition_temperature": "decomposition onset",
          "max_processing_temperature": "max processing temperature"}


class ThermalLimit(NamedTuple):
    """The temperature a layer tolerates, the constituent that sets it, and where it comes
    from.

    ``scope`` is ``"material"`` (a sourced value of that material: knowledge-base melting
    temperature, decomposition onset or max processing temperature, or the process database's
    per-material value) or ``"class"`` (the estimate for its material class, used only when
    the material has no value of its own). ``onset``: the limit is a melting temperature or
    decomposition onset, which a process must stay below (as a cell in use must,
    :func:`solidcell.cell.design.check_solid_parts`); other limits may be reached."""

    temperature_K: float
    material: str
    basis: str
    scope: Literal["material", "class"]
    source: str
    onset: bool = False

    def exceeded_by(self, temperature_K: float) -> bool:
        """Whether a process at ``temperature_K`` [K] is too hot for this limit."""
        return temperature_K >= self.temperature_K if self.onset \
            else temperature_K > self.temperature_K

    def describe(self) -> str:
        """'peo_litfsi, limit 300 degC: decomposition onset, per material, abels2022_...'."""
        return (f"{self.material}, limit {self.temperature_K - 273.15:.5g} degC: {self.basis}, "
                f"per {self.scope}, {self.source}")

    def to_json(self) -> dict[str, Any]:
        return {"Material": self.material, "Limit [K]": self.temperature_K,
                "Basis": self.basis, "Scope": self.scope, "Onset": self.onset,
                "Source": self.source}


@dataclass(frozen=True)
class StepOption:
    """One process considered for one layer at one position of a build order."""

    layer: str
    process: str
    status: Status
    reasons: tuple[str, ...]
    temperature_K: float
    atmosphere: str | None
    time_s_per_m2: float
    process_cost_USD_per_m2: float
    process_yield: float
    sources: tuple[str, ...]
    #: how the step is made where a sourced recipe or sintering aid sets it ('' otherwise)
    note: str = ""
    #: rejected for the layer's thickness or 3D feature size alone (outside the process's
    #: range, finer than its resolution): a layer of another thickness or feature size (a
    #: screen's row) may be made by it
    sized_out: bool = False
    #: kiln fuel of firing the layer per kg of it [USD/kg], part of the process cost
    #: (``economics.firing_fuel_cost``; 0 for steps that fire nothing)
    firing_USD_per_kg: float = 0.0
    #: dwell of the layer's crystallisation anneal per load [s], counted in the step's
    #: machine time and cost (``Process.time_per_area``; 0 for steps without an anneal)
    dwell_s: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "Layer": self.layer, "Process": self.process, "Status": self.status,
            "Reasons": list(self.reasons), "Process temperature [K]": self.temperature_K,
            "Atmosphere": self.atmosphere, "Time per area [s.m-2]": self.time_s_per_m2,
            "Process cost [USD.m-2]": self.process_cost_USD_per_m2,
            "Process yield": self.process_yield, "Note": self.note,
            "Firing fuel cost [USD.kg-1]": self.firing_USD_per_kg,
            "Anneal dwell [s]": self.dwell_s,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Route:
    """A build order with one chosen process per layer."""

    __repr__ = concise_repr

    order: tuple[str, ...]
    steps: tuple[StepOption, ...]

    @property
    def status(self) -> Status:
        return "slow" if any(s.status == "slow" for s in self.steps) else "feasible"

    @property
    def n_slow(self) -> int:
        return sum(s.status == "slow" for s in self.steps)

    @property
    def time_s_per_m2(self) -> float:
        return sum(s.time_s_per_m2 for s in self.steps)

    @property
    def process_cost_USD_per_m2(self) -> float:
        return sum(s.process_cost_USD_per_m2 for s in self.steps)

    @property
    def process_yield(self) -> float:
        y = 1.0
        for s in self.steps:
            y *= s.process_yield
        return y

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k for s in self.steps for k in s.sources))

    def describe(self) -> str:
        return " -> ".join(f"{s.layer}: {s.process}" for s in self.steps)

    def to_json(self) -> dict[str, Any]:
        return {
            "Build order": list(self.order), "Status": self.status,
            "Slow steps": self.n_slow, "Time per area [s.m-2]": self.time_s_per_m2,
            "Process cost [USD.m-2]": self.process_cost_USD_per_m2,
            "Process yield": self.process_yield,
            "Steps": [s.to_json() for s in self.steps], "sources": list(self.sources),
        }


@dataclass(frozen=True)
class RoutePlan:
    """Result of :func:`plan_routes`: ranked feasible routes, or the reasons there are none.

    ``options`` lists every process considered for every layer in the build order of the best
    route (the stack order as given when there is no route), each with its status and reasons.
    """

    __repr__ = concise_repr

    design: str
    routes: tuple[Route, ...]
    options: tuple[StepOption, ...]
    options_order: tuple[str, ...]
    orders_tried: int
    reason: str | None
    sources: tuple[str, ...]
    conventions: str = (
        "Layers are made one after another, each on an end of the part already made; the "
        "thermal limit of a material is its sourced melting temperature or decomposition onset "
        "(a process must stay below it), knowledge-base max_processing_temperature or process-"
        "database per-material value, the lowest, for a composite electrolyte also its "
        "components'; without one, its class's estimate (Thermal limits: which applied); "
        "process cost excludes materials and yield losses."
    )
    blocked_orders: tuple[tuple[tuple[str, ...], str], ...] = field(default=())
    #: (layer name, the limit that applies to it) in stack order
    thermal_limits: tuple[tuple[str, ThermalLimit], ...] = field(default=())
    #: per build order that a layer's thickness alone does not block, per position, the
    #: options not rejected or rejected for the thickness or feature size alone
    #: (``sized_out``): what a layer
    #: of another thickness may be made with (the screen's cost of its rows checks them)
    choices: tuple[tuple[tuple[StepOption, ...], ...], ...] = field(default=(), repr=False)

    @property
    def feasible(self) -> bool:
        return bool(self.routes)

    @property
    def best(self) -> Route | None:
        return self.routes[0] if self.routes else None

    @property
    def status(self) -> str:
        """The best route's status ('feasible', or 'slow' where every route has a step above
        the machine-time limit), 'none' without a route: ``feasible`` is True for a plan of
        slow routes too."""
        return self.best.status if self.best is not None else "none"

    def to_json(self) -> dict[str, Any]:
        return {
            "Design": self.design, "Feasible": self.feasible, "Status": self.status,
            "Reason": self.reason,
            "Orders tried": self.orders_tried,
            "Routes": [r.to_json() for r in self.routes],
            "Options order": list(self.options_order),
            "Options": [o.to_json() for o in self.options],
            "Blocked orders": [{"Build order": list(o), "Reason": r}
                               for o, r in self.blocked_orders],
            "Thermal limits": [{"Layer": name, **lim.to_json()}
                               for name, lim in self.thermal_limits],
            "conventions": self.conventions, "sources": list(self.sources),
        }


class Sintering(NamedTuple):
    """Sintering temperature of a ceramic layer, its source and, when an aid sets it, how."""

    temperature_K: float
    source: str
    note: str = ""


# ---------------------------------------------------------------------------------------
class _Context:
    """Per-layer facts the checks need, looked up once."""

    def __init__(self, stack: LayerStack, db: ProcessDatabase) -> None:
        self.db = db
        self.layers = stack.layers
        self.klass = [layer.klass for layer in stack.layers]
        self.members = [set(layer.fractions) for layer in stack.layers]
        self.limit = [self._limit(layer) for layer in stack.layers]
        #: the limit while a layer is laid down: without what it holds at assembly (a host
        #: anode's lithium, added after; its 180 degC melting had refused every hot deposition
        #: of a prelithiated silicon anode)
        self.own_limit = [self._limit(layer, layer.made_of) for layer in stack.layers]
        self.allowed_atm = [self._atmospheres(layer) for layer in stack.layers]
        self.aid = [self._aid(stack.field_of(k), layer) for k, layer in enumerate(stack.layers)]
        self.sinter = [self._sintering(layer, k, aid) for layer, k, aid in
                       zip(stack.layers, self.klass, self.aid, strict=True)]
        # whether a crystallisation anneal may apply to a layer (it is fired then)
        annealed = [any(set(layer.fractions) & set(a.materials)
                        for a in db.crystallisation_anneals) for layer in stack.layers]
        #: per layer, (heat capacity [J/(kg K)] or None, why not) of layers that are sintered
        #: or annealed
        self.heat_capacity = [self._heat_capacity(layer, aid) if sinter is not None or fired
                              else (None, "") for layer, aid, sinter, fired in
                              zip(stack.layers, self.aid, self.sinter, annealed, strict=True)]
        #: per layer, generic process id -> the material-specific recipe replacing it
        self.recipe = [{p.replaces: p for p in db.processes
                        if p.replaces is not None and p.is_recipe_for(layer.made_of)}
                       for layer in stack.layers]

    def _aid(self, where: str, layer: Layer) -> SinteringAidEntry | None:
        """The database entry for the sintering aid of the layer named ``where`` in errors
        (``layers[2]``, or ``separator`` for a CellDesign's); ValidationError without one."""
        aid = layer.sintering_aid
        if aid is None:
            return None
        hosts = [m for m in layer.fractions if m != aid.material]
        return self.db.sintering_aid(f"{where}.sintering_aid", hosts, aid.material,
                                     aid.amount)

    @staticmethod
    def _heat_capacity(layer: Layer, aid: SinteringAidEntry | None) -> tuple[float | None, str]:
        """Mass-weighted Dulong-Petit heat capacity of the layer's constituents [J/(kg K)]
        from their knowledge-base formulas (a sintering aid's from its database entry), or
        (None, the constituents without a formula)."""
        total, lacking = 0.0, []
        for mid, w in layer.fractions.items():
            m = _material(mid)
            formula = getattr(m, "formula", None) if m is not None else None
            if not formula and aid is not None and mid == aid.aid:
                formula = aid.formula
            if not formula:
                lacking.append(mid)
                continue
            total += w * dulong_petit_heat_capacity(formula)
        return (None, ", ".join(lacking)) if lacking else (total, "")

    def _class_of(self, layer: Layer, mid: str) -> str:
        return layer.constituent_class(mid) if len(layer.fractions) > 1 or \
            layer.material_class is None else layer.material_class

    def _limit(self, layer: Layer, members: Any = None) -> ThermalLimit:
        """The lowest limit of the layer's constituents (``members``, default all of them;
        :meth:`material_limit`)."""
        return min((self.material_limit(mid, _material(mid), self._class_of(layer, mid))
                    for mid in (layer.fractions if members is None else members)),
                   key=_strictest)

    def material_limit(self, mid: str, mat: Any, klass: str, label: str | None = None,
                       components: bool = True) -> ThermalLimit:
        """The thermal limit of material ``mid`` (its knowledge-base record ``mat`` or None,
        its planner class ``klass``): the lowest of its sourced values (:func:`solidcell.cell.
        design.upper_temperature_limit`: melting temperature, not for electrolytes used molten,
        and decomposition onset; ``max_processing_temperature``), for a composite of its
        components' limits (one level, as the cell's ``solid_parts``), and of the process
        database's per-material value (a lower one there is kept: a database may be stricter
        than the knowledge base, never laxer); without any, the class's."""
        from solidcell.cell.design import composite_components, upper_temperature_limit

        label = label or mid
        found: list[ThermalLimit] = []
        if mat is not None:
            prop = mat.get("max_processing_temperature")
            if prop is not None and prop.si is not None:
                found.append(ThermalLimit(prop.si, label, _BASIS["max_processing_temperature"],
                                          "material", prop.source))
            upper = upper_temperature_limit(mat)
            if upper is not None:
                found.append(ThermalLimit(upper[1], label, _BASIS[upper[0]], "material",
                                          upper[2], onset=True))
            if components:
                found += [self.material_limit(cid, comp, material_class(comp),
                                              f"{label}, component {cid}", components=False)
                          for cid, comp in composite_components(mat)]
        own = self.db.thermal_limits.materials.get(mid)
        if own is not None:
            found.append(ThermalLimit(own.si("temperature"), label,
                                      f"process database value ({own.method})", "material",
                                      own.source))
        if found:
            return min(found, key=_strictest)
        q = self.db.thermal_limits.classes[klass]
        return ThermalLimit(q.si("temperature"), label, f"{klass} class limit ({q.method})",
                            "class", q.source)

    def _atmospheres(self, layer: Layer) -> tuple[set[str], list[str]]:
        allowed = {"ambient", "dry_room", "argon", "vacuum", "oxygen"}
        sources: list[str] = []
        for mid in layer.fractions:
            rule = self.db.atmosphere_requirements.get(self._class_of(layer, mid))
            if rule is not None:
                allowed &= set(rule.allowed)
                sources.append(rule.source)
        return allowed, sources

    def _sintering(self, layer: Layer, klass: str,
                   aid: SinteringAidEntry | None) -> Sintering | None:
        """Sintering temperature [K] and source if the layer is an oxide ceramic, else None:
        the highest of its constituents' (knowledge-base ``sintering_temperature``; for the
        host of a sintering aid, the aid entry's), else the class default."""
        classes = {self._class_of(layer, m) for m in layer.fractions}
        if not classes <= _CERAMIC | {"additive"} or klass not in (
                "oxide_electrolyte", "oxide_active", "composite_electrode",
                "oxide_composite_electrode"):
            return None
        found: list[Sintering] = []
        for mid in layer.fractions:
            if aid is not None and mid in aid.host:
                time = "" if aid.time is None else \
                    f" for {aid.time.describe().split(' [')[0]}"
                found.append(Sintering(
                    aid.temperature_K, aid.temperature.source,
                    f"sintered at {_c(aid.temperature_K)}{time} with "
                    f"{layer.sintering_aid.describe()} "  # type: ignore[union-attr]
                    f"({aid.temperature.source})"))
                continue
            m = _material(mid)
            prop = m.get("sintering_temperature") if m is not None else None
            if prop is not None and prop.si is not None:
                found.append(Sintering(prop.si, prop.source))
        if found:
            return max(found, key=lambda x: x.temperature_K)
        q = self.db.sintering_defaults.get(klass)
        return None if q is None else Sintering(q.si("temperature"), q.source)


def _strictest(limit: ThermalLimit) -> tuple[float, bool]:
    """Sort key: the lowest limit first; of equal ones, an onset (which must not be reached)."""
    return limit.temperature_K, not limit.onset


def resolves(process: Process, feature_size_m: Any) -> Any:
    """Whether ``process`` makes 3D features of ``feature_size_m`` [m] (a number or an
    array): a conformal process (conformality good or excellent) any, another one those no
    finer than its finest resolution, a planar one (no resolution) none. The one rule of
    :func:`check_step` and of the screen's cost rows (``CostModel``)."""
    if process.conformality in ("good", "excellent"):
        return np.full(np.shape(feature_size_m), True) if np.ndim(feature_size_m) else True
    res_lo = process.si_range("resolution")[0]
    if res_lo is None:
        return np.full(np.shape(feature_size_m), False) if np.ndim(feature_size_m) else False
    with np.errstate(invalid="ignore"):
        return res_lo <= feature_size_m


def check_step(ctx: _Context, order: Sequence[int], position: int, process: Process,
               options: CostOptions) -> StepOption:
    """All checks of ``process`` for the layer at ``order[position]``."""
    db = ctx.db
    i = order[position]
    layer = ctx.layers[i]
    klass = ctx.klass[i]
    made = list(order[:position])
    reasons: list[str] = []
    sources = list(process.sources)

    if klass not in process.material_classes:
        # why, for a process that makes the general class this one refines (slurry coating
        # makes composite electrodes, not oxide composite ones: kim2020_all_ceramic_cathode)
        why = db.class_requirements.get(klass) \
            if REFINED_CLASS.get(klass) in process.material_classes else None
        reasons.append(f"makes {', '.join(process.material_classes)}; not {klass}" + (
            "" if why is None else f": {why.text} ({why.source})"))
        if why is not None:
            sources.append(why.source)
    lo, hi = process.si_range("thickness")
    sized = not lo <= layer.thickness <= hi  # type: ignore[operator]
    if sized:
        reasons.append(f"thickness {_um(layer.thickness)} outside {_um(lo)}-{_um(hi)} "
                       f"({process.thickness.source})")
    fine = layer.feature_size is not None and not resolves(process, layer.feature_size)
    if fine:
        res_lo = process.si_range("resolution")[0]
        what = (f"resolution {_um(res_lo)} ({process.resolution.source})"  # type: ignore
                if res_lo is not None else "a planar process")
        reasons.append(f"3D features of {_um(layer.feature_size)} need a finer or conformal"
                       f" process; this has {what}")
    if process.needs_substrate and not made:
        reasons.append("needs a substrate: no layer is made before it in this order")
    if not process.lays_down:
        reasons.append("lays down no layer of its own: it "
                       + (process.thickness.note or "densifies layers another process laid down"))
    note = ""
    if process.materials:
        if not process.is_recipe_for(layer.made_of):
            reasons.append(f"a recipe for {', '.join(process.materials)} only; this layer is "
                           f"{', '.join(layer.made_of)}")
        else:
            note = _recipe_note(process)
            sources.extend(process.sources)
    recipe = ctx.recipe[i].get(process.id)
    if recipe is not None:
        # the source of what the recipe sets (its growth rate, else its temperature window)
        basis = recipe.growth_per_cycle or recipe.deposition_rate
        if basis is None or basis.method == "estimated":
            basis = recipe.temperature
        reasons.append(f"for {', '.join(layer.fractions)} the {basis.method} recipe "
                       f"{recipe.id} replaces it ({basis.source})")

    temperature = process.operating_temperature
    heat = ""  # how the temperature came about, where a source sets it
    window = process.temperature_window
    if window is not None:
        heat = (f" (lower end of its {window[0] - 273.15:.5g}-{window[1] - 273.15:.5g} degC "
                f"window, {process.temperature.source})")
        sources.append(process.temperature.source)
    sinter = ctx.sinter[i] if process.sinters_ceramics else None
    # a measured sintering with an aid sets the step's temperature; otherwise the hotter of
    # the process's own (an estimate: the co-sintering kiln's 1100 degC) and the material's
    if sinter is not None and (sinter.note or sinter.temperature_K > temperature):
        temperature = sinter.temperature_K
        sources.append(sinter.source)
        heat = f" ({sinter.note})" if sinter.note else ""
        note = sinter.note
    anneal = db.anneal_for(process.id, layer.fractions)
    if anneal is not None and anneal.temperature_K > temperature:
        # the film comes out amorphous/nanocrystalline: the step includes the anneal that
        # forms its active phase, hotter than the deposition itself
        temperature = anneal.temperature_K
        what = _anneal_note(anneal)
        heat = f" ({what})"
        note = "; ".join(n for n in (note, what) if n)
        sources.extend(q.source for q in (anneal.temperature, anneal.time) if q is not None)
    else:
        anneal = None
    own = ctx.own_limit[i]
    if own.exceeded_by(temperature):
        verb = "exceeds" if temperature > own.temperature_K else "reaches"
        reasons.append(f"{process.id} at {_c(temperature)}{heat} {verb} the thermal limit of "
                       f"the layer itself ({own.describe()})")
        sources.append(own.source)
    for j in made:
        limit = ctx.limit[j]
        if limit.exceeded_by(temperature):
            reasons.append(f"{process.id} at {_c(temperature)}{heat} would damage layer "
                           f"{ctx.layers[j].name!r} ({limit.describe()})")
            sources.append(limit.source)
    touching = [j for j in made if abs(j - i) == 1]
    for rule in db.interdiffusion:
        pairs = [(ctx.members[i], ctx.members[i], "within the layer")]
        pairs += [(ctx.members[i], ctx.members[j], f"with layer {ctx.layers[j].name!r}")
                  for j in touching]
        for x, y, where in pairs:
            if rule.applies(x, y) and temperature > rule.onset:
                reasons.append(f"{_c(temperature)}{heat} is above the interdiffusion onset "
                               f"{_c(rule.onset)} of {'/'.join(rule.a)} and {'/'.join(rule.b)}"
                               f" {where} ({rule.onset_temperature.source})")
                sources.append(rule.onset_temperature.source)

    allowed = set(ctx.allowed_atm[i][0])
    for j in made:
        allowed &= ctx.allowed_atm[j][0]
    usable = [a for a in process.atmosphere if a in allowed]
    atmosphere = usable[0] if usable else None  # the process's own first choice
    if atmosphere is None:
        needy = [ctx.layers[j].name for j in [*made, i] if ctx.allowed_atm[j][0] != {
            "ambient", "dry_room", "argon", "vacuum", "oxygen"}]
        why = sorted({s for j in [*made, i] for s in ctx.allowed_atm[j][1]})
        reasons.append(f"runs in {', '.join(process.atmosphere)}; layers {', '.join(needy)} need "
                       f"{', '.join(sorted(allowed)) or 'conflicting atmospheres'} "
                       f"({', '.join(why)})")
    else:
        sources.extend(ctx.allowed_atm[i][1])

    dwell = anneal.dwell_s if anneal is not None else 0.0
    time = float(process.time_per_area(layer.thickness, dwell))
    cost = float(step_cost_per_area(db, process, layer.thickness, atmosphere or
                                    process.atmosphere[0], options, dwell))
    firing = 0.0
    if (sinter is not None or anneal is not None) and db.kiln:
        firing, why = _firing_per_kg(ctx, i, temperature)
        if why:
            note = "; ".join(n for n in (note, why) if n)
        elif firing:
            mass = layer.mass_per_area()
            cost += firing * (mass or 0.0)
            sources += [db.kiln[k].source for k in db.kiln] + ["dulong1819_petit"]
    status: Status = "rejected" if reasons else "feasible"
    # the thickness or the 3D feature size (a screen sweeps both) is the one reason
    sized_out = (sized or fine) and len(reasons) == int(sized) + int(fine)
    if time > options.max_time_per_m2_s:  # type: ignore[operator]
        # the numbers the time comes from (time_per_area) with their sources, as the rate's
        if process.rate:
            keys = [(process.deposition_rate or process.growth_per_cycle).source]
            load = ""  # the anneal's dwell per load, where counted
            if dwell:
                load = f" + anneal {dwell:.3g} s per load"
                keys.append(anneal.time.source)  # type: ignore[union-attr]
            basis = (f"rate {process.rate:.3g} m/s over {process.si('coated_area'):.3g} m2"
                     f"{load}, " + ", ".join(dict.fromkeys(keys)))
        elif process.is_line:
            basis = (f"line {process.si('line_speed'):.3g} m/s x web "
                     f"{process.si('web_width'):.3g} m, " + ", ".join(dict.fromkeys(
                         (process.line_speed.source, process.web_width.source))))
        else:  # a batch step that grows no layer (a press): one batch per coated area
            basis = (f"batch {process.si('batch_time'):.3g} s over "
                     f"{process.si('coated_area'):.3g} m2, " + ", ".join(dict.fromkeys(
                         (process.batch_time.source, process.coated_area.source))))
        reasons.append(f"{time:.3g} s/m2 exceeds {options.max_time_per_m2_s:.3g} s/m2 "
                       f"({basis})")
        if status == "feasible":
            status = "slow"
    return StepOption(
        layer=layer.name, process=process.id, status=status, reasons=tuple(reasons),
        temperature_K=temperature, atmosphere=atmosphere, time_s_per_m2=time,
        process_cost_USD_per_m2=cost, process_yield=float(process.si("process_yield")),
        sources=tuple(dict.fromkeys(sources)), note=note, sized_out=sized_out,
        firing_USD_per_kg=firing, dwell_s=dwell,
    )


def _firing_per_kg(ctx: _Context, i: int, temperature: float) -> tuple[float, str]:
    """(kiln fuel of firing layer ``i`` at ``temperature`` [K] per kg of it [USD/kg], or 0
    and why it is not costed: a constituent without a formula for its heat capacity)."""
    from solidcell.cell.design import T_ROOM_K

    heat_capacity, lacking = ctx.heat_capacity[i]
    if heat_capacity is None:
        return 0.0, (f"kiln fuel not costed: no formula for {lacking} (its heat capacity, "
                     "Dulong-Petit)")
    db = ctx.db
    return float(firing_fuel_cost(1.0, heat_capacity, temperature, T_ROOM_K,
                                  db.kiln_value("thermal_efficiency"),  # type: ignore[arg-type]
                                  db.kiln_value("fuel_price"))), ""  # type: ignore[arg-type]


def _anneal_note(anneal: CrystallisationAnneal) -> str:
    """'annealed at 500 degC (lower end of the published 500-800 degC) for 1 h (its source)
    to layered HT-LiCoO2 (source); kiln fuel costed, dwell counted in machine time': the
    crystallisation anneal a step includes (a dwell counts as the load's batch time)."""
    q = anneal.temperature
    rng = "" if q.value is not None else \
        f" (lower end of the published {q.describe().split(' [')[0]})"
    time = "" if anneal.time is None else f" for {anneal.time.describe().split(' [')[0]}" + (
        "" if anneal.time.source == q.source else f" ({anneal.time.source})")
    phase = f" to {anneal.phase}" if anneal.phase else ""
    dwell = ("dwell counted in machine time" if anneal.time is not None
             else "no dwell read, none counted")
    return (f"annealed at {_c(anneal.temperature_K)}{rng}{time}{phase} ({q.source}); kiln "
            f"fuel costed, {dwell}")


def _recipe_note(process: Process) -> str:
    """'recipe for lipon: 0.07 nm per cycle, 270-310 degC window, checked at 270 degC
    (nisula2015_ald_lipon)': what a material-specific recipe sets, with its sources."""
    parts, keys = [], []
    for name in ("growth_per_cycle", "deposition_rate"):
        q = getattr(process, name)
        if q is not None:
            per = " per cycle" if name == "growth_per_cycle" else ""
            parts.append(f"{q.describe().split(' [')[0]}{per}")
            keys.append(q.source)
    window = process.temperature_window
    if window is not None:
        parts.append(f"{process.temperature.describe().split(' [')[0]} window, checked at "
                     f"{_c(window[0])}")
        keys.append(process.temperature.source)
    return (f"recipe for {', '.join(process.materials)}: {', '.join(parts)} "
            f"({', '.join(dict.fromkeys(keys))})")


def growth_orders(n: int) -> Iterator[tuple[int, ...]]:
    """Every order that grows a stack of n layers from one layer outward (2^(n-1) orders):
    the given order first, then the reverse, then the others."""
    seen: set[tuple[int, ...]] = set()
    first = (tuple(range(n)), tuple(reversed(range(n))))
    for order in first:
        if order not in seen:
            seen.add(order)
            yield order
    for start in range(n):
        left = list(range(start - 1, -1, -1))
        right = list(range(start + 1, n))
        for picks in itertools.combinations(range(len(left) + len(right)), len(left)):
            order, li, ri = [start], 0, 0
            for k in range(len(left) + len(right)):
                if k in picks:
                    order.append(left[li])
                    li += 1
                else:
                    order.append(right[ri])
                    ri += 1
            t = tuple(order)
            if t not in seen:
                seen.add(t)
                yield t


def _usable(steps: list[StepOption]) -> list[StepOption]:
    """The feasible options, or the slow ones when nothing else fits."""
    for wanted in ("feasible", "slow"):
        ok = [s for s in steps if s.status == wanted]
        if ok:
            return ok
    return []


def _best_step(steps: list[StepOption]) -> StepOption | None:
    ok = _usable(steps)
    return min(ok, key=lambda s: s.process_cost_USD_per_m2) if ok else None


def good_m2_cost(steps: Sequence[StepOption], fixed_cost_USD_per_m2: float,
                 layer_cost_USD_per_m2: dict[str, float] | None = None) -> float:
    """Cost of a good m2 [USD/m2] before the finishing yield, ``steps`` in build order:
    ``economics.good_unit_cost`` of each step's layer material (``layer_cost_USD_per_m2``,
    0 where not given) plus its process cost, with ``fixed_cost_USD_per_m2`` paid after the
    last step (the finishing)."""
    layer = layer_cost_USD_per_m2 or {}
    return float(good_unit_cost(
        [layer.get(s.layer, 0.0) + s.process_cost_USD_per_m2 for s in steps],
        [s.process_yield for s in steps], fixed_cost_USD_per_m2))


#: Largest number of process combinations of one build order searched exhaustively.
_MAX_COMBINATIONS = 4096


def _cheapest_combination(options: list[list[StepOption]], fixed_cost_USD_per_m2: float,
                          layer_cost_USD_per_m2: dict[str, float] | None = None
                          ) -> list[StepOption]:
    """One option per layer minimising the cost of a good m2 (dominated options dropped: more
    expensive and no better yield, which never lowers :func:`good_m2_cost`, non-decreasing in
    each step's cost and non-increasing in its yield); beyond _MAX_COMBINATIONS the cheapest
    step per layer."""
    kept: list[list[StepOption]] = []
    for opts in options:
        kept.append([a for a in opts if not any(
            b.process_cost_USD_per_m2 <= a.process_cost_USD_per_m2
            and b.process_yield >= a.process_yield
            and (b.process_cost_USD_per_m2 < a.process_cost_USD_per_m2
                 or b.process_yield > a.process_yield) for b in opts)] or opts[:1])
    total = 1
    for opts in kept:
        total *= len(opts)
    if total > _MAX_COMBINATIONS:
        return [min(opts, key=lambda s: s.process_cost_USD_per_m2) for opts in kept]
    best = min(itertools.product(*kept), key=lambda combo: good_m2_cost(
        combo, fixed_cost_USD_per_m2, layer_cost_USD_per_m2))
    return list(best)


def _layer_costs(given: Any, stack: LayerStack) -> dict[str, float] | None:
    """``layer_cost_USD_per_m2`` checked: a mapping of the stack's layer names to
    non-negative finite costs [USD/m2] (layers not named pay none), or None."""
    if given is None:
        return None
    names = [layer.name for layer in stack.layers]
    if not isinstance(given, dict):
        raise ValidationError("layer_cost_USD_per_m2", given,
                              "a mapping of layer names to costs in USD/m2, or None")
    out = {}
    for name, value in given.items():
        if name not in names:
            raise ValidationError("layer_cost_USD_per_m2", name,
                                  f"a layer of the stack: {', '.join(names)}")
        allowed = "a non-negative finite cost in USD/m2"
        cost = finite_real(f"layer_cost_USD_per_m2.{name}", value, allowed)
        if cost < 0:
            raise ValidationError(f"layer_cost_USD_per_m2.{name}", value, allowed)
        out[name] = float(cost)
    return out


def check_inputs(processes: Any, options: Any) -> tuple[ProcessDatabase, CostOptions | None]:
    """(the process database, the options) after checking their types: a dict or a str in
    their place would otherwise fail deep inside with an AttributeError."""
    if processes is not None and not isinstance(processes, ProcessDatabase):
        raise ValidationError("processes", processes, "must be a ProcessDatabase (load one with "
                              "solidcell.manufacturing.processes.load_processes) or None")
    if options is not None and not isinstance(options, CostOptions):
        raise ValidationError("options", options, "must be a CostOptions (solidcell."
                              "manufacturing.economics.CostOptions(prices={...})) or None")
    return processes or load_processes(), options


def plan_routes(design: Any, *, processes: ProcessDatabase | None = None,
                options: CostOptions | None = None, max_routes: int = 5,
                fixed_cost_USD_per_m2: float | None = None,
                layer_cost_USD_per_m2: dict[str, float] | None = None) -> RoutePlan:
    """Feasible manufacturing routes of a design, best first, with the reason of every rejection.

    A layer's ``sintering_aid`` without an entry of the database's ``sintering_aids`` for its
    host material and amount raises ValidationError (``layers[i].sintering_aid``; for a
    CellDesign, ``separator.sintering_aid``) naming the entries known.

    ``design`` is a :class:`LayerStack`, a mapping/YAML-like dict of one, or a ``CellDesign``
    (an object, a YAML/JSON path, or a dict of its fields: one with ``cathode``, ``separator``
    ... and no ``layers``; mapped with :func:`solidcell.manufacturing.design.stack_from_design`).
    ``fixed_cost_USD_per_m2`` (the cell finishing per m2, paid after the last step) and
    ``layer_cost_USD_per_m2`` (layer name -> its materials per m2, paid at the step that makes
    it), what the cost model adds: when either is given, processes are chosen and routes
    ranked by the cost of a good m2 (:func:`good_m2_cost`) instead of the process cost alone.
    """
    db, options = check_inputs(processes, options)
    stack = as_stack(design)
    opts = (options or CostOptions()).resolved(db)
    if not is_integer(max_routes) or max_routes < 1:
        raise ValidationError("max_routes", max_routes, "a positive integer")
    if fixed_cost_USD_per_m2 is not None:
        # (10**400 passed the old check and overflowed in the route costs)
        given, allowed = fixed_cost_USD_per_m2, "a non-negative finite cost in USD/m2 or None"
        fixed_cost_USD_per_m2 = finite_real("fixed_cost_USD_per_m2", given, allowed)
        if fixed_cost_USD_per_m2 < 0:
            raise ValidationError("fixed_cost_USD_per_m2", given, allowed)
    layer_costs = _layer_costs(layer_cost_USD_per_m2, stack)
    if layer_costs is not None and fixed_cost_USD_per_m2 is None:
        fixed_cost_USD_per_m2 = 0.0
    ctx = _Context(stack, db)
    n = len(stack.layers)
    names = tuple(layer.name for layer in stack.layers)
    routes: list[Route] = []
    blocked: list[tuple[tuple[str, ...], str]] = []
    blockers: dict[str, int] = {}  # layer name -> number of orders it blocks
    first_options: tuple[StepOption, ...] = ()
    tried = 0
    cache: dict[tuple[int, frozenset[int]], list[StepOption]] = {}

    def steps_at(order: Sequence[int], pos: int) -> list[StepOption]:
        """The checks depend only on the layer and on the set of layers made before it."""
        key = (order[pos], frozenset(order[:pos]))
        if key not in cache:
            cache[key] = [check_step(ctx, order, pos, p, opts) for p in db.processes]
        return cache[key]

    for order in itertools.islice(growth_orders(n), _MAX_ORDERS):
        tried += 1
        chosen: list[StepOption] = []
        candidates: list[list[StepOption]] = []
        all_steps: list[StepOption] = []
        failed: str | None = None
        for pos in range(n):
            steps = steps_at(order, pos)
            all_steps.extend(steps)
            best = _best_step(steps)
            candidates.append(_usable(steps))
            if best is None:
                failed = f"no process can make layer {names[order[pos]]!r} at step {pos + 1}"
                blockers[names[order[pos]]] = blockers.get(names[order[pos]], 0) + 1
                # finish the table of this order for the report, without choosing
                for later in range(pos + 1, n):
                    all_steps.extend(steps_at(order, later))
                break
            chosen.append(best)
        order_names = tuple(names[k] for k in order)
        if tried == 1:
            first_options = tuple(all_steps)
        if failed:
            blocked.append((order_names, failed))
            continue
        if fixed_cost_USD_per_m2 is not None:
            chosen = _cheapest_combination(candidates, float(fixed_cost_USD_per_m2),
                                           layer_costs)
        routes.append(Route(order=order_names, steps=tuple(chosen)))
    if fixed_cost_USD_per_m2 is None:
        routes.sort(key=lambda r: (r.n_slow, r.process_cost_USD_per_m2))
    else:
        routes.sort(key=lambda r: (r.n_slow, good_m2_cost(r.steps, float(
            fixed_cost_USD_per_m2), layer_costs)))
    unique: dict[frozenset[tuple[str, str]], Route] = {}
    for r in routes:  # one route per set of (layer, process) choices, the best order kept
        unique.setdefault(frozenset((s.layer, s.process) for s in r.steps), r)
    routes = list(unique.values())
    reason = None
    if routes:
        # the option table of the best route's order
        best_order = [names.index(x) for x in routes[0].order]
        options_list = tuple(s for pos in range(n) for s in steps_at(best_order, pos))
        options_order = routes[0].order
    else:
        options_list = first_options
        options_order = names
        reason = _explain(options_list, blockers, tried)
    sources = tuple(dict.fromkeys(
        [k for r in routes[:max_routes] for k in r.sources]
        + [k for o in options_list for k in o.sources] + ["srivastava_review"]))
    return RoutePlan(
        design=stack.name, routes=tuple(routes[:max_routes]), options=options_list,
        options_order=options_order, orders_tried=tried, reason=reason, sources=sources,
        blocked_orders=tuple(blocked[:20]),
        thermal_limits=tuple(zip(names, ctx.limit, strict=True)),
        choices=tuple(_open_choices(cache, growth_orders(n), tried)),
    )


def _open_choices(cache: dict[tuple[int, frozenset[int]], list[StepOption]],
                  orders: Iterator[tuple[int, ...]], tried: int
                  ) -> Iterator[tuple[tuple[StepOption, ...], ...]]:
    """:attr:`RoutePlan.choices` of the ``tried`` first ``orders`` whose steps ``cache``
    holds (those of plan_routes)."""
    for order in itertools.islice(orders, tried):
        per = []
        for pos in range(len(order)):
            steps = cache.get((order[pos], frozenset(order[:pos])))
            open_ = tuple(s for s in steps or () if s.status != "rejected" or s.sized_out)
            if not open_:
                break
            per.append(open_)
        else:
            yield tuple(per)


def _explain(options: tuple[StepOption, ...], blockers: dict[str, int], tried: int) -> str:
    """Why no order works: the layer that blocks most orders, with each process's reasons."""
    if not blockers:
        return "no build order works"
    worst = max(blockers, key=lambda k: blockers[k])
    # the first line says it all on its own (a screen's note shows it alone)
    lines = [f"no build order works ({tried} tried); layer {worst!r} blocks "
             f"{blockers[worst]} of them", "In the stack order, its processes fail because:"]
    for o in options:
        if o.layer == worst and o.status == "rejected":
            lines.append(f"  {o.process}: {'; '.join(o.reasons)}")
    return "\n".join(lines)


def _names_a_file(design: Any) -> bool:
    """Whether ``design`` is meant as a file: a Path, or text naming something that exists
    (other text is YAML, as ``CellDesign.from_yaml`` reads it)."""
    if isinstance(design, os.PathLike):
        return True
    if not isinstance(design, str) or "\n" in design:
        return False
    try:
        return Path(design).exists()
    except (OSError, ValueError):  # a name too long, a NUL character: YAML text
        return False


def _has_design_sections(data: dict[str, Any]) -> bool:
    """Whether ``data`` has a key of :data:`solidcell.cell.design.DESIGN_SECTIONS` (imported
    here: the design model stays out of this module's import)."""
    from solidcell.cell.design import DESIGN_SECTIONS

    return not set(DESIGN_SECTIONS).isdisjoint(data)


def _is_layer_stack(data: dict[str, Any]) -> bool:
    """Whether the mapping ``data`` is read as a layer stack: it has ``layers``, or no design
    section and another key only a layer stack has (``areal_energy``, ...:
    :data:`solidcell.cell.design.LAYER_STACK_KEYS`). A stack whose ``layers`` key is misspelt
    (``layerz``) is refused as a layer stack ("layers: missing; layerz: unknown field"), not as
    a design ("cathode: missing (and 6 more problems ...)")."""
    from solidcell.cell.design import LAYER_STACK_KEYS

    return "layers" in data or (not _has_design_sections(data)
                                and not set(LAYER_STACK_KEYS).isdisjoint(data))


def as_stack(design: Any) -> LayerStack:
    """A LayerStack from a LayerStack, a mapping, a layer-stack YAML or JSON file (with
    'layers'), or a CellDesign (object, file or mapping of its fields)."""
    if isinstance(design, LayerStack):
        return design
    # a CellDesign's fields (model_dump, json.load of a design file; its sections, which no
    # layer-stack mapping has: name, layers, areal_energy, energy_sources, packaging, note),
    # read as a design file is: was refused as a layer stack ("layers: missing; cathode: unknown")
    if isinstance(design, dict) and not _is_layer_stack(design) and \
            _has_design_sections(design):
        from solidcell.cell.design import CellDesign

        design = CellDesign.from_dict(design)
    elif isinstance(design, dict):
        return LayerStack.from_dict(design)
    if _names_a_file(design):  # a folder or a README.md was read as YAML text or a file
        from solidcell.cell.design import design_file

        design_file(design)
    if isinstance(design, str | Path) and Path(design).suffix.lower() in (
            ".yaml", ".yml", ".json") and Path(design).is_file():
        import yaml

        from solidcell.textio import load_json, load_yaml, read_text_file, yaml_problem

        path = Path(design)
        is_json = path.suffix.lower() == ".json"
        # read as CellDesign reads it: a BOM (Notepad) dropped; an unreadable file (was a
        # traceback, then "a readable file") or one not UTF-8 (was "valid YAML ...") refused
        # in CellDesign's words
        text = read_text_file(path, "design")
        try:  # a layer stack saved as JSON was read as a cell design; a key twice is refused
            # blank: CellDesign says "the file is empty" (JSON said "Expecting value")
            data = None if not text.strip() else load_json(text) if is_json else load_yaml(text)
        except (yaml.YAMLError, ValueError) as exc:  # ValueError: JSON
            # as CellDesign.from_file words it ("valid YAML or JSON (...)" before)
            raise ValidationError("design", str(design), f"is not valid "
                                  f"{'JSON' if is_json else 'YAML'}: {yaml_problem(exc)}") \
                from None
        if isinstance(data, dict) and _is_layer_stack(data):
            return LayerStack.from_dict(data)
        from solidcell.cell.design import CellDesign

        # read and parsed once: from_yaml read and parsed it again
        design = CellDesign.from_parsed(text, data, str(design))
    from solidcell.manufacturing.design import stack_from_design

    return stack_from_design(design)
