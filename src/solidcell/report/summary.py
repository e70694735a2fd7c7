"""What the report and the dashboard show about one design, taken from the engines.

Nothing here computes a cell quantity of its own: the layer thicknesses, areal capacity, N/P and
voltage come from :meth:`solidcell.cell.design.CellDesign.resolved`; the energy densities and
mass/volume breakdowns from ``solidcell.cell.energy.evaluate`` when that engine is installed.
An engine that is missing or fails is reported as ``"not available: <reason>"``.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from solidcell import units
from solidcell.errors import SolidcellError

#: key of the areal capacity in the energy engine's JSON (preferred over the resolved design's)
AREAL_CAPACITY_KEY = "Areal capacity [A.h.m-2]"


class EngineMissing(SolidcellError):
    """An analysis engine of solidcell is not installed (yet) or cannot be imported."""


def find_engine(module: str, attr: str) -> Callable[..., Any]:
    """``module.attr`` or :class:`EngineMissing` saying why it cannot be used."""
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        raise EngineMissing(f"{module} is not available ({exc})") from None
    try:
        return getattr(mod, attr)
    except AttributeError:
        raise EngineMissing(f"{module} has no {attr}") from None


def describe_error(exc: BaseException) -> str:
    """One line for a note: solidcell's own messages as they are, others with their type."""
    if isinstance(exc, SolidcellError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def flatten_json(data: Any, prefix: str = "") -> dict[str, Any]:
    """Nested ``to_json()`` output as ``{"level / key": value}`` (lists of scalars kept)."""
    out: dict[str, Any] = {}
    if isinstance(data, Mapping):
        for key, value in data.items():
            name = f"{prefix} / {key}" if prefix else str(key)
            if isinstance(value, Mapping):
                out.update(flatten_json(value, name))
            else:
                out[name] = value
    else:
        out[prefix or "value"] = data
    return out


def numeric_items(data: Mapping[str, Any]) -> dict[str, float]:
    """The finite numbers of a flattened mapping (booleans excluded)."""
    return {k: float(v) for k, v in data.items()
            if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)}


@dataclass(frozen=True)
class StackLayer:
    """One layer of the cell as drawn to scale."""

    label: str
    role: str  # cathode_cc, cathode, separator, anode, anode_cc
    material: str
    thickness_m: float


@dataclass(frozen=True)
class DesignSummary:
    """Numbers of one design as the engines give them (SI, unit in the field name)."""

    name: str
    layers: tuple[StackLayer, ...]
    cathode_thickness_m: float
    separator_thickness_m: float
    anode_thickness_m: float
    cathode_active_loading_kg_m2: float
    areal_capacity_mAh_cm2: float
    cell_voltage_V: float
    np_ratio: float | None
    temperature_K: float
    energy: dict[str, Any] | None  # flattened evaluate(design).to_json(), None if unavailable
    energy_note: str
    sources: tuple[str, ...] = field(default=())
    #: the first-cycle loss the areal capacity is net of (``resolved.first_cycle_loss``, as the
    #: energy engine counts it); 0 where it is the cathode's capacity itself
    first_cycle_loss: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "Name": self.name,
            "Cathode thickness [m]": self.cathode_thickness_m,
            "Separator thickness [m]": self.separator_thickness_m,
            "Anode thickness [m]": self.anode_thickness_m,
            "Cathode active loading [kg.m-2]": self.cathode_active_loading_kg_m2,
            "Areal capacity [mA.h.cm-2]": self.areal_capacity_mAh_cm2,
            "Average cell voltage [V]": self.cell_voltage_V,
            "N/P ratio": self.np_ratio,
            "Temperature [K]": self.temperature_K,
            "Energy": self.energy,
            "Energy note": self.energy_note,
            "sources": list(self.sources),
        }


def _material_label(ref: Any) -> str:
    return ref if isinstance(ref, str) else getattr(ref, "id", str(ref))


def stack_layers(resolved: Any) -> tuple[StackLayer, ...]:
    """Current collector, cathode, separator, anode, current collector of one cell; an
    interdigitated 3D cell's as the energy engine stacks it: the plates (cathode, anode and
    the gaps between them, as tall as the cathode) on the thicker of the two collectors, which
    lie side by side on the base (docs/cell.md)."""
    d = resolved.design
    if d.architecture.kind == "interdigitated_3d":
        ccs = (d.cathode_current_collector, d.anode_current_collector)
        thick = max(ccs, key=lambda c: c.thickness_m)
        return (StackLayer("current collectors (side by side)", "cathode_cc",
                           " + ".join(_material_label(c.material) for c in ccs),
                           thick.thickness_m),
                StackLayer("cathode and anode plates with the gaps", "cathode",
                           f"{_material_label(d.cathode.active_material)} | "
                           f"{_material_label(d.separator.electrolyte)} | "
                           f"{_material_label(d.anode.material_ref)}",
                           resolved.cathode_thickness_m))
    layers = [
        StackLayer("cathode current collector", "cathode_cc",
                   _material_label(d.cathode_current_collector.material),
                   d.cathode_current_collector.thickness_m),
        StackLayer("cathode", "cathode", _material_label(d.cathode.active_material),
                   resolved.cathode_thickness_m),
        StackLayer("separator", "separator", _material_label(d.separator.electrolyte),
                   d.separator.thickness_m),
    ]
    if resolved.anode_thickness_m > 0:
        layers.append(StackLayer("anode", "anode", _material_label(d.anode.material_ref),
                                 resolved.anode_thickness_m))
    layers.append(StackLayer("anode current collector", "anode_cc",
                             _material_label(d.anode_current_collector.material),
                             d.anode_current_collector.thickness_m))
    return tuple(layers)


#: (design, evaluation) inside :func:`evaluation_checked`: :func:`check_evaluation` of these
#: very objects returns at once there
_CHECKED: ContextVar[tuple[Any, Any] | None] = ContextVar("checked_evaluation", default=None)


@contextmanager
def evaluation_checked(design: Any, evaluation: Any) -> Iterator[None]:
    """A block in which :func:`check_evaluation` of ``design`` and ``evaluation`` (these very
    objects) returns at once: they were checked (``write_report`` checks them before its
    engines run, and :func:`energy_of` inside its rendering evaluated the design a second time
    to check them), or ``evaluation`` is ``evaluate(design)`` itself (the demo's)."""
    token = _CHECKED.set((design, evaluation))
    try:
        yield
    finally:
        _CHECKED.reset(token)


def check_evaluation(design: Any, evaluation: Any, *, resolved: Any = None) -> Any:
    """``evaluation`` (None, or ``evaluate``'s result of ``design``) or a ValidationError: a
    result of another design would put its numbers in this design's report. Returns
    ``evaluate(design)`` with the defaults where the check made it (the report's layer stack
    takes it), else None; ``resolved``: ``design.resolved()`` already made, or None."""
    from solidcell.errors import ValidationError

    if evaluation is None:
        return None
    checked = _CHECKED.get()
    if checked is not None and checked[0] is design and checked[1] is evaluation:
        return None  # checked before the enclosing evaluation_checked block
    allowed = f"must be None or the result of evaluate() of this design ({design.name!r})"
    if not hasattr(evaluation, "to_json") or not hasattr(evaluation, "values") \
            or getattr(evaluation, "name", None) != design.name:
        raise ValidationError("evaluation", type(evaluation).__name__, allowed)
    # the name alone let the result of another design of the same name (a copy with another
    # cathode, design.replace(...)) put its numbers, 36.4 Wh for 72.9 Wh, in this report
    try:
        result = _evaluate(design, resolved)
    except ValidationError as exc:
        # the engine refuses this design (600 K with a lithium anode): no result is its own,
        # and energy_of showed the given one's numbers (the 298 K design's) without a note;
        # only the default polarisation may be refused where the result's smaller one is not
        if exc.field == "max_polarisation_V":
            return None
        raise
    except Exception:  # no engine or no result: the report says so (energy_of)
        return None
    own, given = result.values, evaluation.values
    for key in DESIGN_KEYS:
        if key in own and not (key in given and _same(given[key], own[key])):
            raise ValidationError("evaluation", type(evaluation).__name__, f"{allowed}; its "
                                  f"{key} is {given.get(key)!r}, this design's {own[key]!r}")
    return result


def _evaluate(design: Any, resolved: Any = None) -> Any:
    """``evaluate(design)`` with the defaults (``resolved``: ``design.resolved()``, or None)."""
    evaluate = find_engine("solidcell.cell.energy", "evaluate")
    return evaluate(design) if resolved is None else evaluate(design, resolved=resolved)


#: evaluate()'s values fixed by the design alone (the same with charged= and
#: max_polarisation_V=): a result whose values differ is another design's
DESIGN_KEYS = ("Areal capacity [A.h.m-2]", "Cell voltage [V]", "Stack areal mass [kg.m-2]",
               "Cell energy [W.h]", "Electrode area [m2]", "Area-specific resistance [Ohm.m2]",
               "Cathode thickness [m]", "Separator thickness [m]")


def _same(a: Any, b: float) -> bool:
    """Whether ``a`` is the number ``b`` up to rounding (NaN equals NaN)."""
    try:
        a = float(a)
    except (TypeError, ValueError):
        return False
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)


def evaluation_of(design: Any, evaluation: Any = None, *, resolved: Any = None
                  ) -> tuple[Any, str]:
    """(``evaluation``, or ``evaluate(design)`` with the defaults when it is None; "") or
    (None, "not available: <why>") where the engine is missing or fails; not checked
    (:func:`check_evaluation`). ``resolved``: ``design.resolved()`` already made, or None."""
    try:
        find_engine("solidcell.cell.energy", "evaluate")
        return (evaluation if evaluation is not None else _evaluate(design, resolved)), ""
    except Exception as exc:  # a missing or failing engine is reported, never replaced
        return None, f"not available: {describe_error(exc)}"


def energy_entries(result: Any, note: str = ""
                   ) -> tuple[dict[str, Any] | None, str, tuple[str, ...]]:
    """(flattened ``result.to_json()``, "", sources) of an evaluation, or (None, ``note``, ())
    where there is none (:func:`evaluation_of`)."""
    if result is None:
        return None, note, ()
    data = result.to_json() if hasattr(result, "to_json") else result
    sources = tuple(getattr(result, "sources", ()) or ())
    return flatten_json(data), "", sources


def energy_of(design: Any, evaluation: Any = None, *, resolved: Any = None
              ) -> tuple[dict[str, Any] | None, str, tuple[str, ...]]:
    """(flattened evaluate(design).to_json(), note, sources) or (None, "not available: ...");
    ``evaluation``: that result already computed (with the options the caller chose:
    ``solidcell evaluate --charged --polarisation 0.05 --report`` printed the charged state's
    816 Wh/L, its report the default 928 Wh/L), None to evaluate with the defaults;
    ``resolved``: ``design.resolved()`` already made, or None."""
    check_evaluation(design, evaluation, resolved=resolved)
    return energy_entries(*evaluation_of(design, evaluation, resolved=resolved))


def summarize(design: Any, evaluation: Any = None, *, resolved: Any = None) -> DesignSummary:
    """The :class:`DesignSummary` of ``design`` (a CellDesign; it is not modified);
    ``evaluation``: :func:`energy_of`; ``resolved``: ``design.resolved()`` already made, or
    None."""
    resolved = design.resolved() if resolved is None else resolved
    return summary_of(design, resolved, energy_of(design, evaluation, resolved=resolved))


def summary_of(design: Any, resolved: Any,
               energy: tuple[dict[str, Any] | None, str, tuple[str, ...]]) -> DesignSummary:
    """The :class:`DesignSummary` of ``design`` from its ``design.resolved()`` and the
    :func:`energy_entries` of its evaluation, both made by the caller."""
    flat, note, energy_sources = energy
    areal, loss = resolved.areal_capacity_mAh_cm2, 0.0
    if flat is not None and isinstance(flat.get(AREAL_CAPACITY_KEY), int | float):
        areal = units.to_canonical(float(flat[AREAL_CAPACITY_KEY]), "A.h.m-2",
                                   "areal capacity")  # the canonical unit is mAh/cm2
        loss = float(resolved.first_cycle_loss)  # the engine's is net of it
    return DesignSummary(
        name=design.name, layers=stack_layers(resolved),
        cathode_thickness_m=resolved.cathode_thickness_m,
        separator_thickness_m=resolved.separator_thickness_m,
        anode_thickness_m=resolved.anode_thickness_m,
        cathode_active_loading_kg_m2=resolved.cathode_active_loading_kg_m2,
        areal_capacity_mAh_cm2=areal,
        cell_voltage_V=resolved.cell_voltage_V, np_ratio=resolved.np_ratio,
        temperature_K=design.temperature_K, energy=flat, energy_note=note,
        sources=tuple(dict.fromkeys((*resolved.sources, *energy_sources))),
        first_cycle_loss=loss)


__all__ = ["DesignSummary", "EngineMissing", "StackLayer", "check_evaluation", "describe_error",
           "energy_entries", "energy_of", "evaluation_checked", "evaluation_of",
           "find_engine", "flatten_json", "numeric_items", "stack_layers", "summarize",
           "summary_of"]
