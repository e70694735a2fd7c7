"""The process database: how each layer of a solid-state cell can be made, with sources.

Each :class:`Process` (cold sintering, 3D printing, thin-film deposition, tape casting,
co-sintering, the industrial coating/pressing/lithium lines) gives its thickness range, lateral
resolution, deposition rate or line speed, process temperature, atmospheres, compatible material
classes, capital cost class, variable cost and yield. Every number is a :class:`Quantity`
written as in its source (``{min: 10, max: 10000, unit: nm, method: review, source: ...}``)
and converted to SI once, at load time (``solidcell.units``). The curated database is
``solidcell/manufacturing/data/processes.yaml``; :func:`load_processes` reads it or a user file
(``yaml.safe_load``), validating everything with pydantic; a bad entry raises
:class:`~solidcell.errors.ValidationError` naming the field.
"""

from __future__ import annotations

import difflib
import os
import re
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import ConfigDict, Field, PrivateAttr, field_validator, model_validator

from solidcell import units
from solidcell.errors import NotFoundError, UnitError, ValidationError
from solidcell.materials.schema import Remark, finite_or_none, no_bool
from solidcell.textio import load_yaml, yaml_problem
from solidcell.validation import Model

#: Material classes the planner knows (a layer has one; processes list those they can make).
MATERIAL_CLASSES: tuple[str, ...] = (
    "oxide_electrolyte", "thin_film_electrolyte", "sulfide_electrolyte", "halide_electrolyte",
    "polymer_electrolyte", "composite_electrolyte", "oxide_active", "conversion_cathode",
    "composite_electrode", "oxide_composite_electrode", "lithium_metal", "alloy_anode",
    "carbon_anode", "silicon_anode",
    "coating", "metal_foil", "polymer_substrate", "ceramic_substrate", "additive",
)
Atmosphere = Literal["ambient", "dry_room", "argon", "vacuum", "oxygen"]
ATMOSPHERES: tuple[str, ...] = ("ambient", "dry_room", "argon", "vacuum", "oxygen")
Method = Literal["measured", "computed", "review", "estimated", "datasheet"]
CapitalClass = Literal["none", "low", "medium", "high", "very_high"]
Conformality = Literal["poor", "moderate", "good", "excellent"]

_MONEY = {"USD": 1.0, "kUSD": 1e3, "MUSD": 1e6}
_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}\Z")


class Quantity(Model):
    """A sourced number or range with its unit, as written in the source."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "quantity"

    value: float | None = None
    min: float | None = None
    max: float | None = None
    unit: str = ""
    method: Method
    source: str = Field(min_length=1, description="key in solidcell/data/references/*.bib")
    note: str = ""

    _finite = field_validator("value", "min", "max")(finite_or_none)
    _not_bool = field_validator("value", "min", "max", mode="before")(no_bool)

    @model_validator(mode="after")
    def _one_form(self) -> Quantity:
        has_range = self.min is not None or self.max is not None
        if (self.value is not None) == has_range:
            raise ValueError("give exactly one of 'value' or a range ('min'/'max')")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min:g} is greater than max {self.max:g}")
        return self

    def to_si(self, x: float, kind: str) -> float:
        """Convert a number of this quantity to the canonical unit of ``kind``."""
        if kind == "fraction":
            if self.unit.strip() in ("", "1", "-"):
                return float(x)
            if self.unit.strip() == "%":
                return float(x) / 100.0
            raise UnitError(f"fraction: unit {self.unit!r} is not a fraction unit; use '' or '%'")
        if kind == "money":
            if self.unit not in _MONEY:
                raise UnitError(f"money: unit {self.unit!r}; use one of {', '.join(_MONEY)}")
            return float(x) * _MONEY[self.unit]
        return _parse_cached(float(x), self.unit, kind)

    def si_range(self, kind: str) -> tuple[float | None, float | None]:
        """(min, max) in canonical units; a single value gives (v, v)."""
        if self.value is not None:
            v = self.to_si(self.value, kind)
            return v, v
        lo = self.to_si(self.min, kind) if self.min is not None else None
        hi = self.to_si(self.max, kind) if self.max is not None else None
        return lo, hi

    def si(self, kind: str) -> float:
        """Representative canonical value: the value, else the mean of a closed range, else the
        given bound."""
        lo, hi = self.si_range(kind)
        if lo is None:
            return float(hi)  # type: ignore[arg-type]
        if hi is None:
            return float(lo)
        return 0.5 * (lo + hi)

    def describe(self) -> str:
        if self.value is not None:
            number = f"{self.value:g}"
        else:
            lo = "" if self.min is None else f"{self.min:g}"
            hi = "" if self.max is None else f"{self.max:g}"
            number = f"{lo}-{hi}" if lo and hi else (f">= {lo}" if lo else f"<= {hi}")
        return f"{number} {self.unit}".strip() + f" [{self.method}, {self.source}]"


@lru_cache(maxsize=8192)
def _parse_cached(x: float, unit: str, kind: str) -> float:
    """units.parse memoised: the database converts the same few numbers many times."""
    return units.parse(x, kind, unit or None)


#: field of a Process -> kind of quantity (solidcell.units kinds, plus "money", "fraction").
PROCESS_KINDS: dict[str, str] = {
    "thickness": "length",
    "resolution": "length",
    "deposition_rate": "rate",
    "growth_per_cycle": "length",
    "cycle_time": "time",
    "coated_area": "area",
    "batch_time": "time",
    "line_speed": "rate",
    "web_width": "length",
    "temperature": "temperature",
    "variable_cost": "area price",
    "process_yield": "fraction",
    "capex": "money",
}


def _si_bounds(q: Quantity, name: str, kind: str) -> tuple[float | None, float | None]:
    """(low, high) of quantity ``q`` of field ``name`` in SI; a unit not of ``kind`` is a
    ValueError naming ``name.unit`` (pydantic reports it on that field)."""
    try:
        return q.si_range(kind)
    except UnitError as exc:
        raise ValueError(f"{name}.unit: {exc}") from None


class Process(Model):
    """One manufacturing technique with its operating window, throughput and cost data."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "process"

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    name: str = Field(min_length=1)
    family: Literal[
        "ceramic", "additive", "thin_film", "wet_coating", "dry_processing", "pressing",
        "lithium", "supply",
    ]
    review_section: str = ""
    scalability: Literal["lab", "pilot", "industrial"]
    needs_substrate: bool = False
    sinters_ceramics: bool = False
    lays_down: bool = Field(
        True, description="False for a process that only densifies layers another process "
        "laid down (isostatic pressing of the stacked cell): the planner makes no layer "
        "with it")
    thickness: Quantity
    resolution: Quantity | None = None
    deposition_rate: Quantity | None = None
    growth_per_cycle: Quantity | None = None
    cycle_time: Quantity | None = None
    coated_area: Quantity | None = None
    batch_time: Quantity | None = None
    line_speed: Quantity | None = None
    web_width: Quantity | None = None
    temperature: Quantity
    conformality: Conformality | None = None
    atmosphere: list[Atmosphere] = Field(min_length=1)
    material_classes: list[str] = Field(min_length=1)
    capital_cost_class: CapitalClass
    capex: Quantity | None = None
    variable_cost: Quantity
    process_yield: Quantity
    advantages: list[Remark] = Field(default_factory=list)
    limitations: list[Remark] = Field(default_factory=list)
    materials: list[str] = Field(
        default_factory=list, description="a material-specific recipe: the material ids it "
        "makes (a layer of other materials is refused); empty: any material of its classes")
    replaces: str | None = Field(
        None, description="id of the generic process this recipe replaces for its materials")

    _si: dict[str, tuple[float | None, float | None]] = PrivateAttr(default_factory=dict)

    @field_validator("material_classes")
    @classmethod
    def _classes(cls, values: list[str]) -> list[str]:
        bad = [v for v in values if v not in MATERIAL_CLASSES]
        if bad:
            raise ValueError(f"unknown material class {bad[0]!r}; allowed: "
                             f"{', '.join(MATERIAL_CLASSES)}")
        return values

    @model_validator(mode="after")
    def _check(self) -> Process:
        for name, kind in PROCESS_KINDS.items():
            q = getattr(self, name)
            if q is None:
                continue
            lo, hi = _si_bounds(q, name, kind)
            # the SI unit the value was converted to ('-0.0166667 must not be negative' was
            # -1 m/min shown in m/s without its unit)
            si = {"money": " USD", "fraction": ""}.get(kind)
            if si is None:
                si = f" {units.KINDS[kind]}".replace("**", "")  # 'USD/m2', not 'USD/m**2'
            for x in (lo, hi):
                if x is None:
                    continue
                if kind == "fraction" and not 0 < x <= 1:
                    raise ValueError(f"{name}: {x:g} must lie in (0, 1]")
                if kind not in ("temperature", "fraction") and x < 0:
                    raise ValueError(f"{name}: {x:g}{si} must not be negative")
                if kind in ("rate", "area", "length") and name != "thickness" and x <= 0:
                    raise ValueError(f"{name}: {x:g}{si} must be positive")
                if kind == "temperature" and x <= 0:
                    raise ValueError(f"{name}: {x:g} K must be above 0 K")
            self._si[name] = (lo, hi)
        lo, hi = self._si["thickness"]
        if lo is None or hi is None or lo <= 0:
            raise ValueError("thickness: give a closed range with min > 0")
        if self._si["temperature"][1] is None:
            raise ValueError("temperature: give the highest process temperature ('max' or "
                             "'value')")
        line = self.line_speed is not None or self.web_width is not None
        if line and (self.line_speed is None or self.web_width is None):
            raise ValueError("line_speed and web_width: give both for a line process")
        rate = self.deposition_rate is not None or self.growth_per_cycle is not None
        if self.growth_per_cycle is not None and self.cycle_time is None:
            raise ValueError("cycle_time: needed with growth_per_cycle")
        if not line and self.coated_area is None:
            raise ValueError("coated_area: a batch process needs it (or give line_speed and "
                             "web_width for a line process)")
        if not line and not rate and self.batch_time is None:
            raise ValueError("batch_time: a batch process without a deposition rate needs it")
        bad = [m for m in self.materials if not _ID.match(m)]
        if bad:
            raise ValueError(f"materials: {bad[0]!r} is no material id (lower case, e.g. "
                             "'lipon')")
        if self.replaces is not None and not self.materials:
            raise ValueError("replaces: a recipe replacing a generic process must list its "
                             "materials")
        if self.replaces == self.id:
            raise ValueError(f"replaces: {self.id!r} cannot replace itself")
        return self

    # --- canonical values -------------------------------------------------------------
    def si_range(self, name: str) -> tuple[float | None, float | None]:
        """(min, max) of quantity ``name`` in canonical units ((None, None) when absent)."""
        return self._si.get(name, (None, None))

    def si(self, name: str) -> float | None:
        """Representative canonical value of quantity ``name`` (None when absent)."""
        q = getattr(self, name)
        return None if q is None else q.si(PROCESS_KINDS[name])

    @property
    def max_temperature(self) -> float:
        """Highest temperature of the process itself [K] (sintering is added by the planner)."""
        return float(self._si["temperature"][1])  # type: ignore[arg-type]

    @property
    def temperature_window(self) -> tuple[float, float] | None:
        """(lowest, highest) temperature [K] of a process that runs within a window (its
        temperature given as a closed ``min``-``max`` range, e.g. the 270-310 degC of ALD
        LiPON), else None (``max`` alone: the process reaches up to it)."""
        q = self.temperature
        if q.min is None or q.max is None:
            return None
        lo, hi = self._si["temperature"]
        return float(lo), float(hi)  # type: ignore[arg-type]

    @property
    def operating_temperature(self) -> float:
        """Temperature [K] the planner checks against the thermal limits: the lower end of a
        window (the process needs at least it and may run there), else the maximum."""
        window = self.temperature_window
        return window[0] if window is not None else self.max_temperature

    def is_recipe_for(self, material_ids: Any) -> bool:
        """Whether this recipe covers a layer of ``material_ids`` (all of them listed)."""
        return bool(self.materials) and set(material_ids) <= set(self.materials)

    @property
    def is_line(self) -> bool:
        return self.line_speed is not None

    @property
    def rate(self) -> float | None:
        """Thickness growth rate [m/s] of a batch process (None for line/pressing steps)."""
        if self.growth_per_cycle is not None:
            return self.si("growth_per_cycle") / self.si("cycle_time")  # type: ignore[operator]
        return self.si("deposition_rate")

    def time_per_area(self, thickness: Any, dwell_s: float = 0.0) -> Any:
        """Machine time per m2 [s/m2] to make a layer of ``thickness`` [m] (array-friendly).

        Line: ``1 / (line_speed * web_width)``; batch:
        ``(thickness / rate + batch_time + dwell) / coated_area``, with ``dwell_s`` [s] a
        load's post-deposition anneal (:attr:`CrystallisationAnneal.dwell_s`), counted as
        the batch time is. A line's in-line furnace sets its length, not its throughput: no
        dwell there.
        """
        import numpy as np

        t = np.asarray(thickness, dtype=float)
        if self.is_line:
            value = 1.0 / (self.si("line_speed") * self.si("web_width"))  # type: ignore[operator]
            return np.full_like(t, value) if t.ndim else value
        rate = self.rate
        growth = t / rate if rate else 0.0 * t
        batch = (self.si("batch_time") or 0.0) + dwell_s
        result = (growth + batch) / self.si("coated_area")  # type: ignore[operator]
        return result if t.ndim else float(result)

    @property
    def sources(self) -> tuple[str, ...]:
        keys = [getattr(self, n).source for n in PROCESS_KINDS if getattr(self, n) is not None]
        keys += [r.source for r in (*self.advantages, *self.limitations)]
        return tuple(dict.fromkeys(keys))


class ThermalLimits(Model):
    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "thermal_limits"
    classes: dict[str, Quantity]
    materials: dict[str, Quantity] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> ThermalLimits:
        missing = [c for c in MATERIAL_CLASSES if c not in self.classes]
        unknown = [c for c in self.classes if c not in MATERIAL_CLASSES]
        if missing or unknown:
            raise ValueError(f"classes: missing {missing}, unknown {unknown}; give one limit per "
                             f"material class")
        for name, q in (*self.classes.items(), *self.materials.items()):
            try:
                q.si("temperature")
            except UnitError as exc:
                raise ValueError(f"{name}.unit: {exc}") from None
        return self


class AtmosphereRule(Model):
    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "atmosphere_requirements"
    allowed: list[Atmosphere] = Field(min_length=1)
    source: str = Field(min_length=1)
    note: str = ""


class InterdiffusionRule(Model):
    """Two groups of materials that react when heated in contact above ``onset_temperature``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "interdiffusion"
    a: list[str] = Field(min_length=1)
    b: list[str] = Field(min_length=1)
    onset_temperature: Quantity

    @property
    def onset(self) -> float:
        return self.onset_temperature.si("temperature")

    def applies(self, x: set[str], y: set[str]) -> bool:
        a, b = set(self.a), set(self.b)
        return bool((x & a and y & b) or (x & b and y & a))


class CrystallisationAnneal(Model):
    """A post-deposition anneal that films of ``materials`` laid down by one of ``processes``
    need to form their active crystalline ``phase`` (as-deposited films are amorphous or
    nanocrystalline): e.g. RF-sputtered LiCoO2 annealed at 500-800 degC to layered
    HT-LiCoO2 (Julien et al. 2019, Table 3), sol-gel LiCoO2 calcined 5 h at 800 degC."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "crystallisation_anneals"

    materials: list[str] = Field(min_length=1, description="material ids of the film")
    processes: list[str] = Field(min_length=1, description="process ids that lay it down "
                                 "below the anneal temperature")
    phase: str = ""
    temperature: Quantity
    time: Quantity | None = None

    @field_validator("materials")
    @classmethod
    def _ids(cls, values: list[str]) -> list[str]:
        bad = [v for v in values if not _ID.match(v)]
        if bad:
            raise ValueError(f"{bad[0]!r} is no material id (lower case, e.g. 'lco')")
        return values

    @model_validator(mode="after")
    def _check(self) -> CrystallisationAnneal:
        for name, kind in (("temperature", "temperature"), ("time", "time")):
            q = getattr(self, name)
            if q is None:
                continue
            for x in _si_bounds(q, name, kind):
                if kind == "temperature" and x is not None and x <= 0:
                    raise ValueError(f"{name}: {x:g} K must be above 0 K")
                if kind == "time" and x is not None and x < 0:
                    raise ValueError(f"{name}: {x:g} s must not be negative")
        if self.temperature.si_range("temperature")[0] is None:
            raise ValueError("temperature: give a value or a lower bound ('min')")
        return self

    @property
    def temperature_K(self) -> float:
        """The least temperature [K] the anneal needs: the value, or the lower end of a range
        of published anneals (the planner checks the thermal limits there)."""
        return float(self.temperature.si_range("temperature")[0])  # type: ignore[arg-type]

    @property
    def dwell_s(self) -> float:
        """The anneal's dwell [s], the least of a range (0 where no time is given): machine
        time of the step's load (:meth:`Process.time_per_area`)."""
        if self.time is None:
            return 0.0
        lo, hi = self.time.si_range("time")
        return float(lo if lo is not None else hi)  # type: ignore[arg-type]

    def covers(self, process_id: str, material_ids: Any) -> bool:
        """Whether a layer of ``material_ids`` made by ``process_id`` needs this anneal."""
        return process_id in self.processes and bool(set(material_ids) & set(self.materials))

    def describe(self) -> str:
        """'lco by sol_gel: 800 degC, 5 h (hal_cea00658887_sol_gel_lco)'."""
        temperature = self.temperature.describe().split(" [")[0]
        time = "" if self.time is None else ", " + self.time.describe().split(" [")[0]
        return (f"{'/'.join(self.materials)} by {'/'.join(self.processes)}: {temperature}"
                f"{time} ({self.temperature.source})")


class SinteringAidEntry(Model):
    """A published sintering of a host electrolyte with an aid: ``amount`` (mass fraction of
    the layer, as studied) densifies at ``temperature`` for ``time`` (e.g. LLZO with 0.5-2
    wt% Li3BO3 at 1000 degC for 6 h, Jonson & McGinn 2018)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "sintering_aids"

    host: list[str] = Field(min_length=1, description="material ids of the host electrolyte")
    aid: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$", description="material id of the aid")
    formula: str = ""
    amount: Quantity
    temperature: Quantity
    time: Quantity | None = None

    @field_validator("host")
    @classmethod
    def _hosts(cls, values: list[str]) -> list[str]:
        bad = [v for v in values if not _ID.match(v)]
        if bad:
            raise ValueError(f"{bad[0]!r} is no material id (lower case, e.g. 'llzo')")
        return values

    @model_validator(mode="after")
    def _check(self) -> SinteringAidEntry:
        for name, kind in (("amount", "fraction"), ("temperature", "temperature"),
                           ("time", "time")):
            q = getattr(self, name)
            if q is None:
                continue
            for x in _si_bounds(q, name, kind):
                if x is None:
                    raise ValueError(f"{name}: give a value or a closed range")
                if kind == "fraction" and not 0 < x < 1:
                    raise ValueError(f"{name}: mass fraction {x:g} must lie in (0, 1)")
                if kind == "temperature" and x <= 0:
                    raise ValueError(f"{name}: {x:g} K must be above 0 K")
                if kind == "time" and x < 0:
                    raise ValueError(f"{name}: {x:g} s must not be negative")
        return self

    @property
    def temperature_K(self) -> float:
        """Sintering temperature [K] (the highest of a range: conservative)."""
        return float(self.temperature.si_range("temperature")[1])  # type: ignore[arg-type]

    def covers(self, amount: float) -> bool:
        """Whether a mass fraction ``amount`` lies within the amounts studied."""
        lo, hi = self.amount.si_range("fraction")
        tol = 1e-9 * max(abs(amount), 1e-12)
        return lo - tol <= amount <= hi + tol  # type: ignore[operator]

    def describe(self) -> str:
        """'llzo + li3bo3 0.5-2 % -> 1000 degC, 6 h (jonson2018_llzo_tape)'."""
        amount = self.amount.describe().split(" [")[0]
        temperature = self.temperature.describe().split(" [")[0]
        time = "" if self.time is None else ", " + self.time.describe().split(" [")[0]
        return (f"{'/'.join(self.host)} + {self.aid} {amount} -> {temperature}{time} "
                f"({self.temperature.source})")


#: cost default -> kind of quantity
COST_DEFAULT_KINDS: dict[str, str] = {
    "interest_rate": "fraction",
    "equipment_life": "time",
    "operating_hours": "time",
    "cell_finishing_cost": "area price",
    "cell_finishing_yield": "fraction",
    "pack_integration_cost": "energy price",
    "max_time_per_m2": "time",
}

#: kiln parameter -> kind of quantity (the fuel of a firing, ``economics.firing_fuel_cost``)
KILN_KINDS: dict[str, str] = {"thermal_efficiency": "fraction", "fuel_price": "energy price"}


class ProcessDatabase(Model):
    """The whole process database (processes plus the rules and defaults the planner uses)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "processes"

    version: int = 1
    capital_cost_classes: dict[CapitalClass, Quantity]
    atmospheres: dict[Atmosphere, Quantity]
    atmosphere_requirements: dict[str, AtmosphereRule] = Field(default_factory=dict)
    thermal_limits: ThermalLimits
    sintering_defaults: dict[str, Quantity]
    interdiffusion: list[InterdiffusionRule] = Field(default_factory=list)
    sintering_aids: list[SinteringAidEntry] = Field(default_factory=list)
    #: post-deposition anneals that films need for their crystalline phase (check_step heats
    #: the step to the anneal and costs its kiln fuel)
    crystallisation_anneals: list[CrystallisationAnneal] = Field(default_factory=list)
    #: material class -> why a process that cannot make it is refused (kim2020_all_ceramic_cathode
    #: for an oxide composite electrode), shown with the refusal
    class_requirements: dict[str, Remark] = Field(default_factory=dict)
    cost_defaults: dict[str, Quantity]
    #: the kiln that fires ceramic layers (:data:`KILN_KINDS`); a database without it costs
    #: no fuel for the firing
    kiln: dict[str, Quantity] = Field(default_factory=dict)
    processes: list[Process] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> ProcessDatabase:
        ids = [p.id for p in self.processes]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"processes: id {dup[0]!r} is defined twice")
        for name in ("none", "low", "medium", "high", "very_high"):
            if name not in self.capital_cost_classes:
                raise ValueError(f"capital_cost_classes: {name!r} is missing")
        for name in ATMOSPHERES:
            if name not in self.atmospheres:
                raise ValueError(f"atmospheres: {name!r} is missing")
        for p in self.processes:
            if p.replaces is None:
                continue
            if p.replaces not in ids:
                close = difflib.get_close_matches(p.replaces.lower(), ids, n=3, cutoff=0.6)
                hint = f"; did you mean {' or '.join(close)}?" if close else ""
                raise ValueError(f"processes[{p.id}].replaces: {p.replaces!r} is not in the "
                                 f"database{hint}; known: {', '.join(ids)}")
            if next(q for q in self.processes if q.id == p.replaces).materials:
                raise ValueError(f"processes[{p.id}].replaces: {p.replaces!r} is itself a "
                                 "recipe; a recipe replaces a generic process")
        for k, a in enumerate(self.crystallisation_anneals):
            unknown = [pid for pid in a.processes if pid not in ids]
            if unknown:
                raise ValueError(f"crystallisation_anneals[{k}].processes: {unknown[0]!r} is "
                                 f"not in the database; known: {', '.join(ids)}")
        for part in ("atmosphere_requirements", "class_requirements"):
            for cls in getattr(self, part):
                if cls not in MATERIAL_CLASSES:
                    raise ValueError(f"{part}: unknown material class {cls!r}")
        missing = [k for k in COST_DEFAULT_KINDS if k not in self.cost_defaults]
        if missing:
            raise ValueError(f"cost_defaults: {missing[0]!r} is missing")
        checks = [
            *((f"capital_cost_classes.{k}", q, "money")
              for k, q in self.capital_cost_classes.items()),
            *((f"atmospheres.{k}", q, "area price") for k, q in self.atmospheres.items()),
            *((f"sintering_defaults.{k}", q, "temperature")
              for k, q in self.sintering_defaults.items()),
            *((f"cost_defaults.{k}", q, COST_DEFAULT_KINDS.get(k, "fraction"))
              for k, q in self.cost_defaults.items()),
            *((f"interdiffusion[{i}].onset_temperature", r.onset_temperature, "temperature")
              for i, r in enumerate(self.interdiffusion)),
            *((f"kiln.{k}", q, KILN_KINDS.get(k, "fraction")) for k, q in self.kiln.items()),
        ]
        unknown = [k for k in self.kiln if k not in KILN_KINDS]
        if unknown or (self.kiln and len(self.kiln) != len(KILN_KINDS)):
            raise ValueError(f"kiln: give exactly {', '.join(KILN_KINDS)} (got "
                             f"{', '.join(self.kiln)})")
        checks += [(f"thermal_limits.{part}.{k}", q, "temperature")
                   for part in ("classes", "materials")
                   for k, q in getattr(self.thermal_limits, part).items()]
        for where, q, kind in checks:
            try:
                lo, hi = q.si_range(kind)
            except UnitError as exc:
                raise ValueError(f"{where}.unit: {exc}") from None
            for x in (lo, hi):  # a negative capex or surcharge made negative step costs
                if x is not None and kind == "temperature" and x <= 0:
                    raise ValueError(f"{where}: {x:g} K must be above 0 K")
                if x is not None and kind in ("money", "area price", "energy price", "time") \
                        and x < 0:
                    raise ValueError(f"{where}: {x:g} must not be negative")
                if x is not None and where == "kiln.thermal_efficiency" and not 0 < x <= 1:
                    raise ValueError(f"{where}: {x:g} must be a fraction in (0, 1]")
        self._check_cost_defaults()
        return self

    def _check_cost_defaults(self) -> None:
        """The defaults within the ranges :class:`CostOptions` allows, named as in the file
        (an interest rate of 5 was refused later as the option ``interest_rate``)."""
        from solidcell.manufacturing.economics import CostOptions

        field = {"interest_rate": "interest_rate", "equipment_life_years": "equipment_life",
                 "operating_hours": "operating_hours",
                 "cell_finishing_cost_USD_m2": "cell_finishing_cost",
                 "cell_finishing_yield": "cell_finishing_yield",
                 "pack_integration_cost_USD_kWh": "pack_integration_cost",
                 "max_time_per_m2_s": "max_time_per_m2"}
        try:
            CostOptions().resolved(self)
        except ValidationError as exc:
            key = field.get(exc.field, exc.field)
            q = self.cost_defaults[key]
            given = q.describe().split(" [")[0]
            raise ValueError(f"cost_defaults.{key}: {given} must be {exc.allowed}") from None

    @cached_property
    def by_id(self) -> dict[str, Process]:
        return {p.id: p for p in self.processes}

    def get(self, process_id: str) -> Process:
        """Process ``process_id``; NotFoundError naming the closest ids (``sputter``: did you
        mean sputtering?) and listing the known ids otherwise."""
        try:
            return self.by_id[process_id]
        except (KeyError, TypeError):  # TypeError: an unhashable id (a list)
            close = difflib.get_close_matches(str(process_id).lower(), list(self.by_id), n=3,
                                              cutoff=0.6)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            raise NotFoundError(
                f"process {process_id!r} is not in the process database{hint}; known: "
                f"{', '.join(self.by_id)}"
            ) from None

    def capex(self, process: Process) -> float:
        """Installed cost of the tool/line [USD]: its own capex, else its class's."""
        if process.capex is not None:
            return process.capex.si("money")
        return self.capital_cost_classes[process.capital_cost_class].si("money")

    def cost_default(self, name: str) -> float:
        return self.cost_defaults[name].si(COST_DEFAULT_KINDS[name])

    def kiln_value(self, name: str) -> float | None:
        """Kiln parameter ``name`` of :data:`KILN_KINDS` (the fuel price in USD/kWh), or
        None where the database has no kiln section."""
        q = self.kiln.get(name)
        return None if q is None else q.si(KILN_KINDS[name])

    @property
    def sources(self) -> tuple[str, ...]:
        keys: list[str] = []
        for p in self.processes:
            keys.extend(p.sources)
        for q in (*self.capital_cost_classes.values(), *self.atmospheres.values(),
                  *self.thermal_limits.classes.values(), *self.thermal_limits.materials.values(),
                  *self.sintering_defaults.values(), *self.cost_defaults.values(),
                  *self.kiln.values()):
            keys.append(q.source)
        keys += [r.source for r in self.atmosphere_requirements.values()]
        keys += [r.source for r in self.class_requirements.values()]
        keys += [r.onset_temperature.source for r in self.interdiffusion]
        keys += [q.source for a in self.sintering_aids
                 for q in (a.amount, a.temperature, a.time) if q is not None]
        keys += [q.source for a in self.crystallisation_anneals
                 for q in (a.temperature, a.time) if q is not None]
        return tuple(dict.fromkeys(keys))

    def recipe(self, process_id: str, material_ids: Any) -> Process | None:
        """The material-specific recipe that replaces ``process_id`` for a layer of
        ``material_ids``, or None."""
        for p in self.processes:
            if p.replaces == process_id and p.is_recipe_for(material_ids):
                return p
        return None

    def anneal_for(self, process_id: str, material_ids: Any) -> CrystallisationAnneal | None:
        """The crystallisation anneal a layer of ``material_ids`` made by ``process_id``
        needs (the hottest where several apply), or None."""
        fits = [a for a in self.crystallisation_anneals if a.covers(process_id, material_ids)]
        return max(fits, key=lambda a: a.temperature_K) if fits else None

    def sintering_aid(self, field: str, hosts: Any, aid: str,
                      amount: float) -> SinteringAidEntry:
        """The entry for ``aid`` at mass fraction ``amount`` in one of ``hosts`` (the layer's
        other constituents); the hottest when several apply. A pair or an amount without a
        sourced entry raises ValidationError on ``field`` naming what is known."""
        hosts = list(hosts)
        pairs = [e for e in self.sintering_aids if e.aid == aid and set(e.host) & set(hosts)]
        known = "; ".join(e.describe() for e in self.sintering_aids) or "none"
        if not pairs:
            raise ValidationError(
                field, aid, f"an aid with a sourced sintering entry for the layer's "
                f"{', '.join(hosts) or 'materials'} (the process database's sintering_aids; "
                f"known: {known})")
        fits = [e for e in pairs if e.covers(amount)]
        if not fits:  # in wt%, as a design gives it ('50 wt%' was shown as 0.5)
            raise ValidationError(
                f"{field}.amount", _wt_percent(amount), f"a mass fraction of {aid} with "
                f"a sourced sintering temperature: {'; '.join(e.describe() for e in pairs)}")
        return max(fits, key=lambda e: e.temperature_K)


def _wt_percent(fraction: float) -> str:
    """A mass fraction as a design writes it, ``'50 wt%'`` for 0.5: the fewest digits (6 at
    least) that read back as ``fraction``, so that a refused 0.0200000001 is not shown as the
    accepted '2 wt%'."""
    for digits in range(6, 18):
        text = f"{fraction * 100:.{digits}g}"
        if float(text) / 100 == fraction:
            break
    return f"{text} wt%"


def parse_database(data: Any) -> ProcessDatabase:
    """Validate a mapping (from YAML/JSON) as a ProcessDatabase; errors name the field. A
    top-level ``sources`` list (what ``solidcell processes --json`` adds) is derived from the
    entries, so it is checked against them rather than read."""
    if not isinstance(data, dict):
        raise ValidationError("process database", type(data).__name__,
                              "a mapping with 'processes' and the planner rules")
    listed = data.get("sources")
    data = {k: v for k, v in data.items() if k != "sources"}
    db = ProcessDatabase.model_validate(data)  # errors are solidcell's (solidcell.validation)
    if listed is not None and (not isinstance(listed, list) or set(listed) != set(db.sources)):
        raise ValidationError("sources", listed, "the source keys of the entries (or no "
                              f"'sources' list): {', '.join(db.sources)}")
    return db


#: top-level keys of a cell design or a layer stack (a design file given as a process database)
DESIGN_KEYS = frozenset({"cathode", "anode", "separator", "layers"})


def load_processes(path: str | Path | None = None) -> ProcessDatabase:
    """The curated process database, or the one in the YAML file ``path`` (safe_load)."""
    if path is None:
        return _curated()
    import yaml

    if not isinstance(path, str | os.PathLike):  # None is the curated one; 1 or True was a
        # TypeError from Path()
        raise ValidationError("processes file", path, "an existing YAML file (str or Path) "
                              "or None for the curated database")
    file = Path(path)
    if not file.is_file():
        raise ValidationError("processes file", str(path), "an existing YAML file"
                              + (" (this is a folder)" if file.is_dir() else ""))
    try:
        data = load_yaml(file.read_text("utf-8"))  # a key given twice is refused
    except (OSError, UnicodeDecodeError) as exc:  # unreadable or not text: was a traceback
        raise ValidationError("processes file", str(path), "a readable UTF-8 YAML file "
                              f"(cannot be read: {getattr(exc, 'strerror', None) or exc})"
                              ) from None
    except yaml.YAMLError as exc:
        raise ValidationError("processes file", str(path),
                              f"valid YAML ({yaml_problem(exc)})") from None
    required = [n for n, f in ProcessDatabase.model_fields.items() if f.is_required()]
    missing = [n for n in required if n not in data] if isinstance(data, dict) else required
    if missing:
        # not a process database at all (a cell design given as --processes read as "15 missing
        # fields", naming neither the file nor what it must hold); errors inside a database
        # keep the field they name (processes[2].thickness, sources)
        design = sorted(DESIGN_KEYS & set(data)) if isinstance(data, dict) else []
        if design:
            what = (f"this file has {', '.join(design)}: it looks like a cell design or layer "
                    "stack, which is given as the design, not as the process database")
        elif isinstance(data, dict):
            what = f"this file has no {', '.join(missing)}"
        else:
            what = f"this file holds {'nothing' if data is None else 'a ' + type(data).__name__}"
        raise ValidationError(
            "processes file", str(path),
            f"a process database: a YAML mapping with {', '.join(required)} (as in the curated "
            f"database, which `solidcell processes --json` prints); {what}")
    return parse_database(data)


@lru_cache(maxsize=1)
def _curated() -> ProcessDatabase:
    text = resources.files("solidcell.manufacturing").joinpath("data", "processes.yaml")
    return parse_database(load_yaml(text.read_text("utf-8")))
