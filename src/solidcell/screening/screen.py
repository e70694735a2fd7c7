"""Screening: sweep named design parameters (grid or Latin hypercube), compute the metrics
with the same :func:`solidcell.cell.energy.core` as ``solidcell evaluate``, and return every
design (infeasible ones with the reason) and the Pareto front.

A design space (YAML)::

    base: ../examples/ev-nmc811-lpscl-li.yaml     # a design file (relative to this file)
    method: lhs                                   # or grid
    n: 10000                                      # samples of the Latin hypercube
    seed: 1
    parameters:
      cathode.thickness_m: {min: 40 um, max: 200 um}      # grid: add n: 10
      separator.thickness_m: {values: [20 um, 30 um, 50 um]}
      separator.electrolyte: {values: [li6ps5cl, llzo]}  # ids: one design per value
    objectives:                                    # default: the application's
      - {key: "Cell gravimetric energy density [W.h.kg-1]", sense: max}

Numeric parameters listed in :data:`FAST_PATHS` are arrays in one call of ``core``; every
other parameter (material ids, kinds, fractions) is applied to the design with
:meth:`CellDesign.replace` (validated and resolved once per distinct value combination).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from solidcell import units
from solidcell.cell.design import (
    _SUFFIX_KIND,
    CAN_ROOM_RULE,
    DESIGN_TEMPERATURE_ALLOWED,
    FOIL_KINDS,
    INTEGER_LIMITS,
    MAX_DESIGN_TEMPERATURE_K,
    ROLL_LAYERS,
    T_ROOM_K,
    CellDesign,
    _integral_text,
    _kind_of,
    _limit_words,
    _parse_edge,
    _refuse_bare_number,
    bounded_thickness_m,
    can_radial_room_m,
    check_solid_parts,
    material_refusal,
    particle_bounds,
    roll_layers,
    shown_numbers,
)
from solidcell.cell.energy import (
    DETAIL_KEY,
    MODEL_SOURCES,
    OFF_LIMITS,
    OUT_OF_RANGE,
    REASONS,
    active_diffusivity_at,
    anode_electrolyte,
    conductivity_checks,
    core,
    design_parameters,
    diffusion_sources,
    geometry_sources,
    interface_resistance_source,
    materials_interface_at,
    materials_interface_source,
    materials_interface_table,
    reason_details,
)
from solidcell.checks import flag, instance, is_integer, is_real
from solidcell.dask_adapter import (  # the timeout's names are re-exported (__all__)
    CONNECT_TIMEOUT_KEY,
    TIMEOUT_ALLOWED,
    check_scheduler,
    connect_timeout_s,
    connected,
    timeout_field,
)
from solidcell.errors import SolidcellError, ValidationError
from solidcell.plotting import check_plot_path
from solidcell.reprs import concise_repr
from solidcell.textio import load_yaml, yaml_problem

#: design path -> (core parameter, rule) for parameters swept as arrays.
#: rules: "pos" > 0, "nonneg" >= 0, "np" >= 1, "int" integer >= 1, "frac" in [0, 1),
#: "fraction" in [0, 1] (Anode.prelithiation),
#: "tau" >= 1 (a measured tortuosity factor; the design model's rule, cell/design.py),
#: "temp" in (0, MAX_DESIGN_TEMPERATURE_K) K (the design model's range).
FAST_PATHS: dict[str, tuple[str, str]] = {
    "cathode.thickness_m": ("cathode_thickness_m", "pos"),
    "separator.thickness_m": ("separator_thickness_m", "pos"),
    "anode.thickness_m": ("anode_thickness_m", "pos"),
    "anode.np_ratio": ("anode_np_ratio", "np"),
    "anode.excess_li_thickness_m": ("excess_li_thickness_m", "nonneg"),
    # a host's held lithium as a fraction of its capacity: core turns it into dense lithium
    # per row (held_lithium_thickness_m), following a swept cathode thickness or N/P
    "anode.prelithiation": ("anode_prelithiation", "fraction"),
    "cathode_current_collector.thickness_m": ("cathode_collector_thickness_m", "pos"),
    "anode_current_collector.thickness_m": ("anode_collector_thickness_m", "pos"),
    "format.n_layers": ("n_layers", "int"),
    "format.electrode_width_m": ("electrode_width_m", "pos"),
    "format.electrode_height_m": ("electrode_height_m", "pos"),
    "format.casing_thickness_m": ("casing_thickness_m", "nonneg"),
    "format.interlayer_film.thickness_m": ("interlayer_film_thickness_m", "pos"),
    "architecture.cells_in_series": ("cells_in_series", "int"),
    "architecture.cathode_width_m": ("cathode_width_m", "pos"),
    "architecture.anode_width_m": ("anode_width_m", "nonneg"),
    "architecture.gap_m": ("gap_m", "pos"),
    "first_cycle_loss": ("first_cycle_loss", "frac"),
    "cathode_first_cycle_loss": ("cathode_first_cycle_loss", "frac"),
    "cathode_interface_resistance_ohm_m2": ("cathode_interface_resistance_ohm_m2", "nonneg"),
    "anode_interface_resistance_ohm_m2": ("anode_interface_resistance_ohm_m2", "nonneg"),
    "temperature_K": ("temperature_K", "temp"),
    "cathode.tortuosity_factor": ("cathode_tortuosity_factor", "tau"),
    "anode.tortuosity_factor": ("anode_tortuosity_factor", "tau"),
}

_RULES = {"pos": "must be > 0 and finite", "nonneg": "must be >= 0 and finite",
          "np": "must be >= 1", "int": "must be an integer >= 1", "frac": "must lie in [0, 1)",
          "fraction": "must lie in [0, 1]",
          "tau": "must be >= 1 and finite", "temp": DESIGN_TEMPERATURE_ALLOWED}

#: Largest value of the "int" fast paths: the design model's bounds (``Format.n_layers`` and
#: ``Architecture.cells_in_series``, :data:`solidcell.cell.design.INTEGER_LIMITS`; its
#: other counts, a film's ``every`` and a pack's cells, are swept design by design).
INT_MAX = {path: top for path, top in INTEGER_LIMITS.items() if path in FAST_PATHS}

#: Fast paths the design model allows only on some designs: a tortuosity factor needs a layer
#: with solid electrolyte (a cathode with electrolyte_fraction > 0, a composite anode with
#: one); an anode thickness or N/P needs an anode that has one (not anode_free, not the plates
#: of an interdigitated_3d cell, sized by their width; a planar composite anode is sized by
#: N/P only); a lithium reservoir
#: (excess_li_thickness_m > 0) needs an anode_free cell or a host anode (li_in, graphite,
#: silicon, lto: the lithium it holds at assembly), not a li_metal foil. :func:`_refused_on` asks
#: :meth:`CellDesign.replace` once per group of designs.
_LAYER_PATHS = ("cathode.tortuosity_factor", "anode.tortuosity_factor", "anode.thickness_m",
                "anode.np_ratio", "anode.excess_li_thickness_m", "anode.prelithiation")


@dataclass(frozen=True)
class Objective:
    key: str
    sense: str = "max"


@dataclass(frozen=True)
class Application:
    """A named set of requirements and objectives, with sources."""

    id: str
    name: str
    description: str
    requirements: tuple[dict[str, Any], ...]
    objectives: tuple[Objective, ...]
    sources: tuple[str, ...]
    optional_objectives: tuple[Objective, ...] = ()  # used when the column has values


@lru_cache(maxsize=1)
def applications() -> dict[str, Application]:
    """The application profiles (ev, grid, iot, aerospace) of data/applications.yaml."""
    text = resources.files("solidcell.screening.data").joinpath("applications.yaml") \
        .read_text("utf-8")
    out = {}
    for key, rec in load_yaml(text).items():
        out[key] = Application(
            key, rec["name"], " ".join(rec["description"].split()),
            tuple(rec.get("requirements") or ()),
            tuple(Objective(**o) for o in rec["objectives"]), tuple(rec["sources"]),
            tuple(Objective(**o) for o in rec.get("optional_objectives") or ()))
    return out


def application(name: str) -> Application:
    """The profile ``name`` of :func:`applications`, its id matched ignoring case (``EV``:
    the ids stay distinct under case folding)."""
    apps = applications()
    if not isinstance(name, str):  # a dict or a list: "unhashable type" in the lookup
        raise ValidationError("application", name, f"use one of {', '.join(apps)}")
    folded = {k.casefold(): k for k in apps}
    if isinstance(name, str) and name not in apps and len(folded) == len(apps):
        name = folded.get(name.casefold(), name)
    if name not in apps:
        raise ValidationError("application", name, f"use one of {', '.join(apps)}")
    return apps[name]


@dataclass(frozen=True)
class DesignSpace:

    __repr__ = concise_repr
    base: CellDesign
    method: str
    n: int
    seed: int
    parameters: dict[str, dict[str, Any]]
    objectives: tuple[Objective, ...]


def _parse_value(path: str, value: Any, shown: str | None = None) -> Any:
    """``value`` of the design field ``path`` (SI name); ``shown``: the name the space used."""
    leaf = path.rsplit(".", 1)[-1]
    kind = _kind_of(leaf)
    if isinstance(value, str) and path in INTEGER_LIMITS:  # a count in text: '1e3' (YAML 1.1)
        value = _integral_text(value)
    short = shown is not None and shown.rsplit(".", 1)[-1] != leaf  # `cathode.thickness`
    if short and kind not in (None, "fraction", "voltage", "specific capacity") \
            and not isinstance(value, bool):
        try:  # a bare number under a short key, as the design file refuses it: 50 was 50 m
            _refuse_bare_number(shown.rsplit(".", 1)[-1], leaf, value, kind)  # type: ignore
        except ValueError as exc:
            raise ValidationError(f"parameters.{shown}", value, str(exc).split(": ", 1)[1]
                                  .replace(f"use {leaf}", f"use {path}")) from None
    if isinstance(value, str) and kind is not None:
        try:  # a plain number in text ("2e-4", which YAML reads as text) is SI, as 2.0e-4
            return _parse_edge(path, value, kind)
        except ValueError as exc:  # the design file's reason ("length: '80 kg' is a mass")
            raise ValidationError(f"parameters.{shown or path}", value,
                                  str(exc).removeprefix(f"{path}: ")) from None
    return value


#: Units a table for people shows a swept parameter in, by kind (``solidcell evaluate`` shows
#: thicknesses in um); ``to_json`` and the CSV keep SI, with the unit in the key.
SHOWN_UNITS = {"length": "um", "areal mass": "mg/cm2", "areal resistance": "Ohm cm2"}
#: The unit of the format's sides, diameter, height and seal (100 mm, not 100000 um).
FORMAT_LENGTH_UNIT = "mm"


def shown_parameter(path: str) -> tuple[str, float]:
    """(column name, divisor) of the swept parameter ``path`` in a table for people: its SI
    value divided by the divisor is in the unit the name states. ``"cathode.thickness_m"`` ->
    ``("cathode.thickness (um)", 1e-6)``; a parameter without a unit in :data:`SHOWN_UNITS`
    keeps its name (which states its SI unit: ``temperature_K``) and its value."""
    leaf = path.rsplit(".", 1)[-1]
    kind = _kind_of(leaf)
    unit = SHOWN_UNITS.get(kind or "")
    if unit is None:
        return path, 1.0
    if kind == "length" and path.startswith("format.") and "thickness" not in leaf:
        unit = FORMAT_LENGTH_UNIT
    suffix = next(sfx for sfx, k in _SUFFIX_KIND if leaf.endswith(sfx) and k == kind)
    return f"{path.removesuffix(suffix)} ({unit})", units.parse(1.0, kind or "", unit)


def load_space(source: str | Path | Mapping[str, Any]) -> DesignSpace:
    """Read a design space from YAML (path or text) or a mapping."""
    import yaml

    folder = Path(".")
    shown: Any = source  # the space as the messages name it: its path, text or mapping
    it = "the space"
    if not isinstance(source, str | Mapping) and not hasattr(source, "__fspath__"):
        raise ValidationError("space", source, "must be a DesignSpace, a YAML path or text, or a "
                              "mapping (base, method, n, seed, parameters, objectives)")
    if isinstance(source, Mapping):
        data: Any = dict(source)
    else:
        text = str(source)
        p = Path(text)
        # a path object is a file; a one-line text is one when it ends in a space file's
        # suffix or names something that exists (a folder, a .txt): else it is YAML text
        if not isinstance(source, str) or ("\n" not in text and (
                p.suffix.lower() in SPACE_SUFFIXES or _exists(p))):
            shown, it = text, "the file"
            if p.is_dir():
                raise ValidationError("space", text, "is a folder; allowed: a design-space "
                                      f"YAML file (ending in {', '.join(SPACE_SUFFIXES)})")
            if not p.is_file():
                raise ValidationError("space", text, "must be an existing YAML file")
            if p.suffix.lower() not in SPACE_SUFFIXES:
                raise ValidationError("space", text, "a design-space YAML file (ending in "
                                      f"{', '.join(SPACE_SUFFIXES)})")
            try:
                folder, text = p.parent, p.read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ValidationError("space", text, f"cannot be read: {exc}") from None
        if it == "the space":  # YAML text: its start
            shown = text[:80]
        try:
            data = load_yaml(text)  # a key given twice is refused (PyYAML kept the last)
        except yaml.YAMLError as exc:
            raise ValidationError("space", str(source)[:80],
                                  f"is not valid YAML: {yaml_problem(exc)}") from None
    if data is None or not isinstance(data, dict):
        what = ("is empty" if data is None else
                f"holds {'a list' if isinstance(data, list) else type(data).__name__}, not a "
                "mapping" + ("" if it == "the file" or "\n" in shown else
                             f" (a file is named by a path ending in "
                             f"{', '.join(SPACE_SUFFIXES)})"))
        raise ValidationError("space", shown if isinstance(shown, str) else data,
                              f"{it} {what}; {SPACE_HOLDS}")
    unknown = set(data) - {"base", "method", "n", "seed", "parameters", "objectives"}
    material = material_refusal(data, shown if isinstance(shown, str) else data.get("id"),
                                "space", "a design space",
                                path=shown if it == "the file" else None) if unknown else None
    if material is not None:  # a material file was said to be 'a cell design'
        raise material
    if unknown & set(CellDesign.model_fields):  # a cell design given where a space goes
        raise ValidationError(
            "space", shown if isinstance(shown, str) else sorted(unknown, key=str)[0],
            "this is a cell design, not a design space; evaluate it with `solidcell "
            f"evaluate`, or give a space ({SPACE_HOLDS})")
    if unknown:
        raise ValidationError("space", sorted(unknown)[0], "allowed keys: base, method, n, "
                              "seed, parameters, objectives")
    base_ref = data.get("base")
    if isinstance(base_ref, str):
        base_ref = Path(base_ref) if Path(base_ref).is_absolute() else folder / base_ref
    if not isinstance(base_ref, Path | dict | CellDesign):
        raise ValidationError("base", base_ref, "give a design file path or a design mapping")
    if isinstance(base_ref, Path) and not base_ref.is_file():
        raise _missing_base(data["base"], base_ref, folder, it == "the file")
    try:
        base = _base_design(base_ref)
    except ValidationError as exc:  # a value every row replaces may be the one at fault
        base = _base_with_swept_value(base_ref, data.get("parameters"), exc)
    method = data.get("method", "grid")
    if not isinstance(method, str) or method not in ("grid", "lhs"):
        raise ValidationError("method", method, "use 'grid' or 'lhs'")
    n = data.get("n", 100)
    if not is_integer(n) or not 1 <= n <= MAX_DESIGNS:
        raise ValidationError("n", n, "must be an integer in [1, 10^7]")
    seed = data.get("seed", 0)
    if not is_integer(seed) or seed < 0:
        raise ValidationError("seed", seed, "must be an integer >= 0")
    params = data.get("parameters") or {}
    if not isinstance(params, dict) or not params:
        raise ValidationError("parameters", params, "give at least one parameter to sweep")
    clean: dict[str, dict[str, Any]] = {}
    typed: dict[str, str] = {}  # SI field -> the name the space used
    fields = base.model_dump()
    for path, spec in params.items():
        canonical = _check_path(fields, path)  # short key -> SI field (cathode.thickness_m)
        if canonical in clean:
            raise ValidationError(f"parameters.{path}", path,
                                  f"names the same field as another parameter ({canonical})")
        if not isinstance(spec, dict):
            raise ValidationError(f"parameters.{path}", spec,
                                  "give {values: [...]} or {min: .., max: .., n: ..}")
        extra = sorted(set(spec) - ({"values"} if "values" in spec
                                    else {"min", "max", "n", "log"}), key=str)
        if extra:
            raise ValidationError(f"parameters.{path}", extra[0],
                                  "allowed keys: values (a list), or min, max, n, log")
        if "values" in spec:
            vals = spec["values"]
            if not isinstance(vals, list) or not vals:
                raise ValidationError(f"parameters.{path}.values", vals, "a non-empty list")
            for v in vals:
                if isinstance(v, dict | list | tuple | set):
                    raise ValidationError(f"parameters.{path}.values", v,
                                          "each value is a number, a quantity ('20 um'), an id "
                                          "or true/false; sweep a section's fields one by one")
            clean[canonical] = {"values": [_parse_value(canonical, v, path) for v in vals]}
        elif "min" in spec and "max" in spec:
            lo = _parse_value(canonical, spec["min"], path)
            hi = _parse_value(canonical, spec["max"], path)
            for end, x in (("min", lo), ("max", hi)):
                try:
                    finite = is_real(x) and math.isfinite(x)
                except OverflowError:  # an integer beyond the largest float (10**400)
                    finite = False
                if not finite:
                    raise ValidationError(f"parameters.{path}.{end}", spec[end],
                                          "must be a finite number (with a unit where the "
                                          "parameter has one)")
            if not lo <= hi:
                raise ValidationError(f"parameters.{path}.min", spec["min"],
                                      f"must be <= max ({spec['max']!r})")
            n_axis = spec.get("n", 5)
            if not is_integer(n_axis) or not 1 <= n_axis <= MAX_DESIGNS:
                raise ValidationError(f"parameters.{path}.n", n_axis,
                                      "must be an integer in [1, 10^7]")
            if method == "grid" and (n_axis == 1) != (lo == hi):
                # n: 1 on 40-150 um kept 40 um alone (linspace); min = max gave n equal rows
                raise ValidationError(
                    f"parameters.{path}.n", n_axis,
                    "n >= 2 for a grid range with min < max (n: 1 kept min alone)" if lo < hi
                    else "n: 1 where min = max (one value; or give values: [...])")
            log = spec.get("log", False)
            if not isinstance(log, bool):
                raise ValidationError(f"parameters.{path}.log", log, "must be true or false")
            clean[canonical] = {"min": float(lo), "max": float(hi), "n": int(n_axis),
                                "log": log}
            if log and lo <= 0:
                raise ValidationError(f"parameters.{path}.min", lo, "log ranges need min > 0")
            if canonical in INTEGER_LIMITS:
                _check_count_range(str(path), clean[canonical], method)
        else:
            raise ValidationError(f"parameters.{path}", spec,
                                  "give {values: [...]} or {min: .., max: .., n: ..}")
        if canonical == "architecture.cells_in_series" and base.architecture.kind != "bipolar":
            raise ValidationError("parameters.architecture.cells_in_series", path,
                                  "needs a bipolar base design")
        typed[canonical] = str(path)
    _check_missing_sections(base, typed)
    _check_one_sizing(typed)
    _check_one_held_form(typed)
    objectives = _objectives(data.get("objectives"))
    return DesignSpace(base, method, n, seed, clean, objectives)


def _range_points(spec: Mapping[str, Any]) -> np.ndarray:
    """The points of a grid range (``min``, ``max``, ``n``, ``log``), as :func:`sample`."""
    make = np.geomspace if spec["log"] else np.linspace
    return make(spec["min"], spec["max"], spec["n"])


def _check_count_range(path: str, spec: Mapping[str, Any], method: str) -> None:
    """A range of a count (``INTEGER_LIMITS``: ``format.n_layers``, a film's ``every``, a
    stack's or pack's cells) only where every row it gives is a whole number: a Latin
    hypercube draws real numbers in a range, and a grid's points must fall on whole numbers
    (before 2026-12-07 such rows were sampled and each refused as no integer)."""
    lo, hi = spec["min"], spec["max"]
    if lo == hi and float(lo).is_integer():
        return
    if method == "lhs":
        raise ValidationError(f"parameters.{path}", {"min": lo, "max": hi},
                              "a count is swept by its values ({values: [10, 20, 40]}): a "
                              "Latin hypercube draws real numbers in a range, and a count is a "
                              "whole number")
    points = _range_points(spec)
    off = points[points != np.round(points)]
    if off.size:
        raise ValidationError(f"parameters.{path}.n", spec["n"],
                              f"gives {off[0]:.6g}, no whole number: a count's "
                              "grid needs whole-number points (a linear range with n - 1 "
                              "dividing max - min), or give its values: [...]")


def _missing_base(given: Any, path: Path, folder: Path, from_file: bool) -> ValidationError:
    """The refusal of a ``base`` that names no file: where it was looked for, since a relative
    path is read from the space file's folder (a space copied elsewhere without its design)."""
    where = (f"a relative path is read from the space file's folder ({folder.resolve()}), "
             "not from the working directory; " if from_file and not Path(str(given)).is_absolute()
             else "")
    what = "is a folder" if path.is_dir() else "does not exist"
    return ValidationError("base", given, f"must be an existing design file (YAML or JSON); "
                           f"{where}{path.resolve()} {what}")


def _base_design(ref: Path | dict[str, Any] | CellDesign) -> CellDesign:
    if isinstance(ref, CellDesign):
        return ref
    return CellDesign.from_file(ref) if isinstance(ref, Path) else CellDesign.from_dict(ref)


#: Most values of a swept parameter :func:`_base_with_swept_value` tries.
BASE_STAND_INS = 8


def _base_with_swept_value(ref: Path | dict[str, Any] | CellDesign, params: Any,
                           exc: ValidationError) -> CellDesign:
    """The base design with a value of a swept parameter in place of its own when its own is
    the one the design model refuses (``anode.np_ratio: 0.8`` while ``anode.np_ratio`` is
    swept): every row replaces that value, so it decides nothing. The values are tried in the
    order of the sweep (``max`` then ``min`` of a range), at most :data:`BASE_STAND_INS`;
    ``exc`` is raised when the field is not swept or no value gives a valid design."""
    import copy

    import yaml

    from solidcell.cell.design import model_path

    field = model_path(exc.field)  # a file's short key as refused ("cathode.thickness")
    key = next((k for k in (params if isinstance(params, dict) else {})
                if isinstance(k, str) and any(k + sfx == field
                                              for sfx in ("", *(x for x, _ in _SUFFIX_KIND)))),
               None)
    if key is None or isinstance(ref, CellDesign):
        raise exc
    raw: Any = ref
    if isinstance(ref, Path):
        try:
            raw = load_yaml(ref.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            raise exc from None
    spec = params[key]
    values = (spec.get("values") if "values" in spec else [spec.get("max"), spec.get("min")]) \
        if isinstance(spec, dict) else None
    if not isinstance(raw, dict) or not isinstance(values, list):
        raise exc
    *sections, leaf = field.split(".")
    for value in values[:BASE_STAND_INS]:
        if isinstance(value, dict | list | tuple | set) or value is None:
            continue
        data = copy.deepcopy(raw)
        node = data
        for part in sections:
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            raise exc
        for sfx, _ in _SUFFIX_KIND:  # the short key the file may use ("thickness: 80 um")
            if leaf.endswith(sfx):
                node.pop(leaf.removesuffix(sfx), None)
        try:
            node[leaf] = _parse_value(field, value)
            return CellDesign.from_dict(data)
        except (SolidcellError, ValueError):
            continue
    raise exc


#: Suffixes of a design-space file.
SPACE_SUFFIXES = (".yaml", ".yml", ".json")


def _exists(path: Path) -> bool:
    """Whether ``path`` exists (False for a text that is no valid path: too long, a NUL)."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


#: What a design space holds, for the messages about a file that holds something else.
SPACE_HOLDS = ("a design space is a mapping with base (a design file), parameters (the fields "
               "to sweep) and optionally method, n, seed, objectives; see examples/spaces/ev.yaml "
               "and docs/screening.md")

#: Most designs one screen samples (LHS ``n``, grid product, one grid axis).
MAX_DESIGNS = 10_000_000

#: Peak memory of a screen per design [bytes], measured (peak resident memory of the whole
#: command, ``benchmarks/bench_screen_json.py --space SPACE``): 1046 MB for the
#: 1,000,000-design Latin hypercube of ``benchmarks/spaces/thin_film_reason12.yaml``, whose
#: rows refused with reason 12 (about 80 %) each hold a ~290-character ``Reason detail`` (the
#: most text per design measured); 714 MB for ``benchmarks/spaces/ev_three_thicknesses.yaml``
#: with ``--application ev`` (no detail); about 50 float columns per design and the two text
#: columns of the interface verdict (``Interfaces``, ``Interface issues``: one string per
#: material combination, a reference per row), 2026-12-07 (docs/screening.md). Before those
#: columns: 1019-1026 and 692-699 MB (995 MB on 2026-12-05).
BYTES_PER_DESIGN = 1046


def available_memory_bytes() -> int | None:
    """Memory the system can give a process now [bytes]: Linux ``MemAvailable`` (else
    ``psutil`` where installed), and no more than a container's limit (cgroup v2 or v1) less
    its use; None where nothing tells."""
    free: int | None = None
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    free = int(line.split()[1]) * 1024  # the file states kB
    except (OSError, ValueError, IndexError):
        pass
    if free is None:
        try:
            import psutil

            free = int(psutil.virtual_memory().available)
        except ImportError:
            pass
    for limit, used in (("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
                        ("/sys/fs/cgroup/memory/memory.limit_in_bytes",
                         "/sys/fs/cgroup/memory/memory.usage_in_bytes")):
        try:
            room = int(Path(limit).read_text("ascii")) - int(Path(used).read_text("ascii"))
        except (OSError, ValueError):  # no such file, or "max" (no limit)
            continue
        free = room if free is None else min(free, room)
        break
    return free


def space_size(space: DesignSpace) -> int:
    """Designs a screen of ``space`` samples: ``n`` of a Latin hypercube, the product of the
    axes of a grid."""
    if space.method != "grid":
        return space.n
    return math.prod(len(s["values"]) if "values" in s else s["n"]
                     for s in space.parameters.values())


def _check_memory(space: DesignSpace) -> None:
    """Refuse a screen whose table would not fit in the memory available now (estimated at
    :data:`BYTES_PER_DESIGN` per design), before anything is sampled."""
    n = space_size(space)
    free = available_memory_bytes()
    if free is None or n * BYTES_PER_DESIGN <= free:
        return
    field = "n" if space.method != "grid" else "parameters"
    raise ValidationError(
        field, n, f"a screen of {n} designs needs about {n * BYTES_PER_DESIGN / 1e9:.3g} GB of "
        f"memory (about {BYTES_PER_DESIGN} bytes per design, measured) and "
        f"{free / 1e9:.3g} GB are available; sample fewer designs (a smaller n, fewer grid "
        "values) or screen in parts")


def objective_keys() -> tuple[str, ...]:
    """The columns a screen can rank by: every output of ``core`` and the cost columns."""
    from solidcell.cell.energy import PARAMETERS

    keys = [k for k in core(PARAMETERS) if k != "Reason code"]
    return (*keys, CELL_COST, PACK_COST)


def _did_you_mean(typed: Any, names: Sequence[str]) -> str:
    """' (did you mean 'thickness_m'?)' for a misspelt name: one that differs only in case, or
    the closest names by :func:`difflib.get_close_matches` (ratio >= 0.6); '' when none."""
    import difflib

    if not isinstance(typed, str):
        return ""
    close = [n for n in names if n.lower() == typed.lower()] or difflib.get_close_matches(
        typed.lower(), [n.lower() for n in names], n=3, cutoff=0.6)
    close = [next(n for n in names if n.lower() == c.lower()) for c in close]
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


def _objectives(raw: Any) -> tuple[Objective, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ValidationError("objectives", raw, "a list of {key: ..., sense: max | min}")
    allowed = objective_keys()
    out = []
    for i, o in enumerate(raw):
        if not isinstance(o, dict) or "key" not in o:
            raise ValidationError(f"objectives[{i}]", o, "a mapping {key: ..., sense: max | min}")
        extra = sorted(set(o) - {"key", "sense"}, key=str)
        if extra:
            raise ValidationError(f"objectives[{i}]", extra[0], "allowed keys: key, sense")
        if o["key"] not in allowed:
            raise ValidationError(f"objectives[{i}].key", o["key"],
                                  f"use an output column{_did_you_mean(o['key'], allowed)}: "
                                  + ", ".join(allowed))
        sense = o.get("sense", "max")
        if sense not in ("max", "min"):
            raise ValidationError(f"objectives[{i}].sense", sense, "use 'max' or 'min'")
        out.append(Objective(o["key"], sense))
    return tuple(out)


def _section_class(annotation: Any) -> Any:
    """The model class (a section: ``Pack``, ``InterlayerFilm``, an inline ``Material``) a
    field annotated ``annotation`` holds (``Pack | None`` -> ``Pack``); None for a value."""
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((c for a in get_args(annotation) if (c := _section_class(a)) is not None),
                None)


def _check_path(fields: dict[str, Any], path: Any) -> str:
    """``path`` names a field of the base design's ``fields`` (its ``model_dump()``; short keys
    such as ``cathode.thickness`` allowed); an unknown name is refused before sampling. In an
    optional section the base leaves out (``pack``, ``format.interlayer_film``) the names are
    those of the section's model. Returns the path with the field names as stored
    (``cathode.thickness_m``)."""
    if not isinstance(path, str) or not path:
        raise ValidationError("parameters", path,
                              "parameter names are design paths such as 'cathode.thickness_m'")
    node: Any = fields
    model: Any = CellDesign  # the model class of node's section (None: not a section)
    annotation: Any = None
    parts = path.split(".")
    for depth, part in enumerate(parts):
        where = ".".join(parts[:depth]) or "the design"
        if node is None:  # an optional section the base leaves out: its model's fields
            if model is None:
                return ".".join(parts)
            names = list(model.model_fields)
            where += " (a section the base design leaves out)"
        elif not isinstance(node, dict):
            raise ValidationError(f"parameters.{path}", path,
                                  f"{'.'.join(parts[:depth])!r} is not a section of the design")
        else:
            names = list(node)
        tried = [part, *(part + suffix for suffix, _ in _SUFFIX_KIND)]
        found = next((k for k in tried if k in names), None)
        if found is None:
            raise ValidationError(f"parameters.{path}", path,
                                  f"not a field of {where}{_did_you_mean(part, names)}; "
                                  f"fields: {', '.join(names)}")
        parts[depth] = found
        node = node.get(found) if isinstance(node, dict) else None
        info = model.model_fields.get(found) if model is not None else None
        annotation = info.annotation if info is not None else None
        model = _section_class(annotation)
    if isinstance(node, dict) and not {"id", "category"} <= set(node):  # inline Material: a field
        raise ValidationError(f"parameters.{path}", path,
                              "names a section of the design, not a field; sweep its fields "
                              f"({', '.join(f'{path}.{k}' for k in list(node)[:4])}, ...)")
    if node is None and model is not None and not _takes_text(annotation):
        raise ValidationError(f"parameters.{path}", path,
                              "names a section of the design, not a field; sweep its fields "
                              f"({', '.join(f'{path}.{k}' for k in _required_fields(model))})")
    return ".".join(parts)


def _takes_text(annotation: Any) -> bool:
    """Whether a field annotated ``annotation`` takes a text (a material id: ``MaterialRef``)."""
    from typing import get_args

    return annotation is str or any(_takes_text(a) for a in get_args(annotation))


def _required_fields(model: Any) -> list[str]:
    """The fields of the section model ``model`` that have no default."""
    return [name for name, info in model.model_fields.items() if info.is_required()]


def _missing_section(base: CellDesign, path: str) -> str | None:
    """The optional section of ``base`` that is None on the way to the field ``path``
    (``"pack"`` for ``pack.cells_in_series`` on a design without pack); None where every
    section on the way is there."""
    node: Any = base
    parts = path.split(".")
    for depth, part in enumerate(parts[:-1]):
        node = getattr(node, part, None)
        if node is None:
            return ".".join(parts[:depth + 1])
    return None


def _check_missing_sections(base: CellDesign, typed: dict[str, str]) -> None:
    """Refuse a space that sweeps a field of an optional section the base design leaves out
    (``pack.cells_in_series`` without a ``pack``) unless the sweep gives every required field
    of the section: each row would be refused with "required field missing". ``typed``: SI
    field -> the name the space used."""
    sections: dict[str, list[str]] = {}
    for path in typed:
        section = _missing_section(base, path)
        if section is not None:
            sections.setdefault(section, []).append(path)
    for section, paths in sections.items():
        model: Any = CellDesign
        for part in section.split("."):
            model = _section_class(model.model_fields[part].annotation)
        required = _required_fields(model)
        swept = {p[len(section) + 1:] for p in paths}
        lacking = [f for f in required if f not in swept]
        if lacking:
            first = typed[paths[0]]
            raise ValidationError(
                f"parameters.{first}", first,
                f"the base design has no {section} section, so every design would lack its "
                f"required fields {', '.join(lacking)}; add {section} to the base design "
                f"with {', '.join(required)} (the sweep replaces the fields it names), or "
                f"sweep {', '.join(f'{section}.{f}' for f in lacking)} too")


#: The two ways to size a foil anode: a screen that sweeps one sizes every row by it.
_SIZING = {"anode.np_ratio": "anode.thickness_m", "anode.thickness_m": "anode.np_ratio"}


def _check_one_sizing(typed: dict[str, str]) -> None:
    """Refuse a space that sweeps both ``anode.thickness_m`` and ``anode.np_ratio``: a foil is
    sized by one of them (the design model refuses both where they disagree, and the array
    path would take one of the two by the order of the parameters)."""
    if all(p in typed for p in _SIZING):
        shown = typed["anode.np_ratio"]
        raise ValidationError(
            f"parameters.{shown}", shown,
            f"sweep one of anode.thickness_m ({typed['anode.thickness_m']}) and anode.np_ratio: "
            "a foil anode is sized by its thickness or by N/P (the N/P ratio column gives the "
            "N/P of a swept thickness), and a composite anode by N/P only")


def _check_one_held_form(typed: dict[str, str]) -> None:
    """Refuse a space that sweeps both forms of a host's held lithium
    (:data:`solidcell.cell.design.HELD_FORMS`): it is stated one way, and each row's
    :func:`row_design` would be refused."""
    from solidcell.cell.design import HELD_FORMS

    if all(p in typed for p in HELD_FORMS):
        shown = typed[HELD_FORMS[1]]
        raise ValidationError(
            f"parameters.{shown}", shown,
            f"sweep one of {typed[HELD_FORMS[0]]} and {shown}: the lithium a host anode holds "
            "at assembly is stated one way, as dense lithium or as a fraction of its capacity")


def row_design(base: CellDesign, values: Mapping[str, Any]) -> CellDesign:
    """The design a screen row of ``base`` means: ``base`` with the row's swept ``values``
    (dotted paths, SI), where a swept ``anode.np_ratio`` on a foil the base gives by thickness
    leaves that thickness out (the foil is sized by the row's N/P), and a swept
    ``anode.thickness_m`` on a foil given by N/P leaves the N/P out; ``evaluate`` of this design
    gives the row (a design the model refuses is an infeasible row). This is the sizing rule of
    :meth:`CellDesign.replace` (:func:`solidcell.cell.design.one_sizing`). Raises
    ValidationError where the design model refuses it."""
    return base.replace(**dict(values))


def sample(space: DesignSpace) -> dict[str, np.ndarray]:
    """Columns of the sampled designs: a full grid, or a Latin hypercube of ``space.n``."""
    paths = list(space.parameters)
    if space.method == "grid":
        axes = []
        for p in paths:
            s = space.parameters[p]
            if "values" in s:
                axes.append(np.asarray(s["values"], dtype=object))
            else:
                axes.append(_range_points(s))
        total = math.prod(len(a) for a in axes)
        if total > MAX_DESIGNS:
            raise ValidationError("parameters", total, "the grid has more than 10^7 designs")
        mesh = np.meshgrid(*[np.arange(len(a)) for a in axes], indexing="ij")
        return {p: a[m.ravel()] for p, a, m in zip(paths, axes, mesh, strict=True)}
    rng = np.random.default_rng(space.seed)
    n = space.n
    cols = {}
    for p in paths:
        s = space.parameters[p]
        u = (rng.permutation(n) + rng.random(n)) / n  # one point per stratum
        if "values" in s:
            vals = np.asarray(s["values"], dtype=object)
            cols[p] = vals[np.minimum((u * len(vals)).astype(int), len(vals) - 1)]
        elif s["log"]:
            cols[p] = np.exp(np.log(s["min"]) + u * (np.log(s["max"]) - np.log(s["min"])))
        else:
            cols[p] = s["min"] + u * (s["max"] - s["min"])
    return cols


def _is_fast(path: str, column: np.ndarray) -> bool:
    """Whether ``column`` runs as an array: a :data:`FAST_PATHS` parameter whose every value
    is a number. A column holding text or a bool (``true`` would be 1 m, 1 layer, a
    tortuosity factor of 1) is validated per value by the design model instead."""
    if path not in FAST_PATHS:
        return False
    if column.dtype != object:
        return column.dtype.kind in "fiu"
    return all(not issubclass(t, bool) and issubclass(t, int | float | np.integer | np.floating)
               for t in set(map(type, column)))  # every value, not the first 100: no crash


def _rule_text(path: str) -> str:
    """What the rule of the fast path ``path`` allows, as a row's reason says it."""
    if path in INT_MAX:
        return f"must be an integer in [1, {INT_MAX[path]}]"
    rule = FAST_PATHS[path][1]
    if rule == "temp":
        return DESIGN_TEMPERATURE_ALLOWED
    if rule in ("pos", "nonneg"):  # the design model's words, with the field's unit
        return _limit_words(path.rsplit(".", 1)[-1], rule)
    return _RULES[rule]


def _value_details(path: str, x: np.ndarray) -> np.ndarray:
    """The ``Reason detail`` of rows refused by the fast-path rule of ``path`` at values ``x``:
    the value as the design model shows it (``'-5 um'``; a count as an integer) and what is
    allowed, as a reason-12 row's detail says it; one text per distinct value."""
    values, where = np.unique(x, return_inverse=True)
    xs: list[Any] = values.tolist()
    if path in INT_MAX:
        xs = [int(v) if math.isfinite(v) and v == int(v) else v for v in xs]
    allowed = _rule_text(path)
    texts = [ValidationError._text(path, s, allowed) for s in shown_numbers(path, xs)]
    return np.asarray(texts, dtype=object)[where.reshape(-1)]


def _check_rule(path: str, x: np.ndarray, rule: str) -> np.ndarray:
    ok = np.isfinite(x)
    if rule == "pos":
        ok &= x > 0
    elif rule == "nonneg":
        ok &= x >= 0
    elif rule == "np":
        ok &= x >= 1
    elif rule == "int":
        ok &= (x >= 1) & (x == np.round(x)) & (x <= INT_MAX.get(path, np.inf))
    elif rule == "frac":
        ok &= (x >= 0) & (x < 1)
    elif rule == "fraction":
        ok &= (x >= 0) & (x <= 1)
    elif rule == "tau":
        ok &= x >= 1
    elif rule == "temp":
        ok &= (x > 0) & (x < MAX_DESIGN_TEMPERATURE_K)
    return ok


def _refused_on(design: CellDesign, path: str, x: np.ndarray) -> str | None:
    """Why the design model refuses the :data:`_LAYER_PATHS` parameter ``path`` on ``design``
    at every value but the design's own (a tortuosity factor on a layer without solid
    electrolyte, an anode thickness on an anode-free cell), as the reason of a row
    (``"path: allowed"``, as the other fast-path rules); None where it takes one. The
    smallest, largest and median values of ``x`` that meet the rule and differ from the
    design's own are applied with :meth:`CellDesign.replace`: the layer refuses the parameter
    only where all of them are refused (one value alone could hit a bound of its own, a
    can's radial room or a particle bound, which the rows' own checks name)."""
    own = _own_value(design, path)
    ok = _check_rule(path, x, FAST_PATHS[path][1]) & (x != (np.nan if own is None else own))
    if not ok.any():  # every row already refused by the rule, or the design's own value
        return None
    values = x[ok]
    first: str | None = None
    for value in dict.fromkeys((float(values.min()), float(values.max()),
                                float(np.median(values)))):
        try:
            design.replace(**{path: value})
        except ValidationError as exc:
            first = first or f"{path}: {exc.allowed}"
        except SolidcellError as exc:
            first = first or str(exc)
        else:
            return None
    return first


def _own_value(design: CellDesign, path: str) -> Any:
    """The value of the dotted field ``path`` of ``design`` (None where a section is None)."""
    node: Any = design
    for part in path.split("."):
        node = getattr(node, part, None)
    return node


def _below_particle_bound(rd: Any, fast: dict[str, np.ndarray], rows: np.ndarray
                          ) -> list[tuple[np.ndarray, str, str | None]]:
    """(rows below, reason, the source of the particle size or None) per composite layer
    of ``rd`` thinner than its active particles
    (:func:`solidcell.cell.design.particle_bounds`, the rule :meth:`CellDesign.resolved`
    applies) when the cathode thickness or N/P is swept as an array. The composite anode's
    thickness is the resolved one scaled by N/P and the cathode thickness (it is
    proportional to both at a fixed footprint share)."""
    swept_t, swept_np = "cathode.thickness_m" in fast, "anode.np_ratio" in fast
    if not (swept_t or swept_np):
        return []  # every row has the resolved thicknesses, which the design model checked
    t_cat = (np.asarray(fast["cathode.thickness_m"][rows], dtype=float) if swept_t
             else np.full(len(rows), rd.cathode_thickness_m))
    np_ratio = np.asarray(fast["anode.np_ratio"][rows], dtype=float) if swept_np else None
    out = []
    for bound in particle_bounds(rd):
        below = bound.below(bounded_thickness_m(bound, rd, t_cat, np_ratio))
        why = (f"cathode.thickness_m: {bound.allowed}" if bound.field == "cathode.thickness_m"
               else f"anode.np_ratio: gives a composite anode thinner than allowed "
                    f"(anode.thickness_m must be {bound.allowed}); raise np_ratio or the "
                    "cathode's thickness")
        out.append((np.asarray(below, dtype=bool), why, bound.source))
    return out


#: Most stand-in rows :func:`_resolve_swept` tries per group after its value combinations
#: (each try validates and resolves one design, about 10-30 ms).
STAND_IN_ROWS = 4


def _beyond_can_room(design: CellDesign, fast: dict[str, np.ndarray], rows: np.ndarray
                     ) -> list[tuple[np.ndarray, str]]:
    """(rows, reason) per layer of a jelly roll at least as thick as the radial room of
    ``design``'s cylindrical can, ``(diameter_m - 2 casing_thickness_m - mandrel_diameter_m) /
    2`` (:meth:`CellDesign.replace` refuses such a design: a thicker layer cannot be wound),
    when a layer thickness or the casing thickness is swept as an array. A foil sized by a
    swept N/P has no thickness of its own (the rows leave it out): ``core`` checks each layer
    as resolved (reason 3), an anode sized by N/P and a cathode by its loading too."""
    f = design.format
    if f.kind != "cylindrical" or f.diameter_m is None or \
            not any(p in fast for p in (*ROLL_LAYERS, "format.casing_thickness_m")):
        return []
    casing = (np.asarray(fast["format.casing_thickness_m"][rows], dtype=float)
              if "format.casing_thickness_m" in fast else f.casing_thickness_m)
    room = can_radial_room_m(f, casing)
    out = []
    for path in roll_layers(design.anode.kind):  # a host's held lithium is no layer
        if path in fast:
            x: Any = np.asarray(fast[path][rows], dtype=float)
        elif path == "anode.thickness_m" and "anode.np_ratio" in fast:
            continue
        else:
            x = _own_value(design, path)
        if x is None:
            continue
        beyond = np.broadcast_to(np.asarray(x >= room), rows.shape)
        if beyond.any():
            out.append((beyond, f"{path}: must be below {CAN_ROOM_RULE}"))
    return out


def _resolve_swept(base: CellDesign, changes: dict[str, Any], fast: dict[str, np.ndarray],
                   rows: np.ndarray, usable: np.ndarray) -> tuple[CellDesign, Any]:
    """The design of a group of rows (``base`` with the group's per-design ``changes``) and its
    resolution. When that design fails (:meth:`CellDesign.replace` or
    :meth:`CellDesign.resolved`) but :data:`FAST_PATHS` parameters are swept as arrays, the
    values the rows replace may be the ones at fault (a base cathode under its particle bound,
    a foil giving N/P < 1, a base temperature above a melting point): the design is resolved
    with swept values in their place, and the rows are checked one by one after, as for a
    base that resolves. ``usable``: mask of ``rows`` that meet every fast-path rule.

    Tried in order, each with the swept values in place of the base's: the largest valid
    value, then the smallest, of the swept parameters the error names; the same for every
    swept parameter; then up to :data:`STAND_IN_ROWS` usable rows (a seeded choice). A base
    that resolves is used as it is (the same object), and so is the error of the base when
    nothing resolves, or when no swept number can help: the error names a per-design parameter
    of the group (an unknown material id), or neither a :data:`FAST_PATHS` field nor a swept
    one. Where the base has no value of the swept field the error names (a film whose fields
    the sweep supplies), the first stand-in's error is raised instead."""
    try:
        design = base.replace(**changes) if changes else base
        return design, design.resolved()
    except SolidcellError as exc:
        from solidcell.cell.design import model_path

        field = model_path(str(getattr(exc, "field", "")))  # a base file's key as refused
        own = any(field == c or field.startswith(c + ".") or c.startswith(field + ".")
                  for c in changes)
        if not fast or own or (field not in FAST_PATHS and not any(p in str(exc)
                                                                   for p in fast)):
            raise
        first: SolidcellError | None = None
        common: SolidcellError | None = None
        for stand_in in _stand_ins(fast, rows, usable, str(exc)):
            try:
                other = base.replace(**{**changes, **stand_in})
                return other, other.resolved()
            except SolidcellError as why:
                first = first or why
                if common is None and not _names_swept(why, fast):
                    common = why
        if first is not None and field in fast and _own_value(base, field) is None:
            # the base lacks a field every row gives (a film the sweep supplies): "required"
            # is no reason of the rows, the design with their values says what is wrong
            raise first from None
        if common is not None:
            # a fault no swept value touches, met with the rows' values in place of the
            # base's: every row has it, where the base's error names a value the rows replace
            # (sulfur at 500 K with --temperature: "N/P 0.482 ... cathode.thickness_m = 80 um",
            # the base's thickness, for a row of 30 um whose sulfur melts at 388 K)
            raise common from None
        raise


def _names_swept(exc: SolidcellError, fast: Mapping[str, Any]) -> bool:
    """Whether the refusal ``exc`` names a swept array parameter (its field, or the path in its
    text), i.e. may hold for some rows of a group and not for others."""
    from solidcell.cell.design import model_path

    field = model_path(str(getattr(exc, "field", "")))
    return field in fast or any(p in str(exc) for p in fast)


def _sizing_notes(base: CellDesign, cols: Mapping[str, Any]) -> list[str]:
    """The note of a screen that sweeps one sizing of a foil anode the base gives by the other
    (:func:`row_design`): the swept one replaces the base's."""
    a = base.anode
    if a.kind not in FOIL_KINDS:
        return []
    if "anode.np_ratio" in cols and a.thickness_m is not None:
        return [f"anode.np_ratio is swept: each design's {a.kind} foil is sized by its N/P in "
                f"place of the base design's anode thickness ({a.thickness_m * 1e6:.6g} um), "
                "i.e. a row is the base with anode.np_ratio set and anode.thickness_m left out "
                "(solidcell.screening.screen.row_design); its foil thickness is the column "
                "'Anode thickness [m]' (--csv, --json)"]
    if "anode.thickness_m" in cols and a.np_ratio is not None:
        return [f"anode.thickness_m is swept: each design's {a.kind} foil has the swept "
                f"thickness in place of the base design's N/P ({a.np_ratio:.6g}), i.e. a row is "
                "the base with anode.thickness_m set and anode.np_ratio left out "
                "(solidcell.screening.screen.row_design); its N/P is the column 'N/P ratio' "
                "(--csv, --json)"]
    return []


def _stand_ins(fast: dict[str, np.ndarray], rows: np.ndarray, usable: np.ndarray,
               message: str) -> list[dict[str, Any]]:
    """Swept values to try in place of the base's (see :func:`_resolve_swept`), distinct."""
    valid: dict[str, np.ndarray] = {}
    for path, col in fast.items():
        x = np.asarray(col[rows], dtype=float)
        x = x[_check_rule(path, x, FAST_PATHS[path][1])]
        if x.size:
            valid[path] = x

    def value(path: str, x: float) -> float | int:
        return int(x) if FAST_PATHS[path][1] == "int" else float(x)

    named = [p for p in valid if p in message]
    out: list[dict[str, Any]] = []
    for paths in (named, list(valid)):
        for pick in (np.max, np.min):
            if paths:
                out.append({p: value(p, pick(valid[p])) for p in paths})
    good = rows[usable]
    if good.size:
        chosen = np.sort(np.random.default_rng(0).choice(
            good.size, size=min(STAND_IN_ROWS, good.size), replace=False))
        out += [{p: value(p, float(fast[p][good[i]])) for p in fast} for i in chosen]
    seen: set[tuple[tuple[str, float], ...]] = set()
    distinct = []
    for c in out:
        key = tuple(sorted(c.items()))
        if key not in seen:
            seen.add(key)
            distinct.append(c)
    return distinct


def _evaluate_group(params: dict[str, Any], fast: dict[str, np.ndarray],
                    materials: dict[str, Any]) -> dict[str, np.ndarray]:
    """core() on one group: base parameters with the fast columns put in (a swept cathode
    collector also where it is the bipolar collector, as ``design_parameters`` makes it)."""
    p = dict(params)
    refused: dict[int, str] = {}
    follows = p.pop(_BIPOLAR_FOLLOWS, False)
    interface = p.pop(_INTERFACE, None)
    table = p.pop(_MATERIALS_INTERFACE, None)
    for path, col in fast.items():
        name = FAST_PATHS[path][0]
        if name == "temperature_K":
            from solidcell.chemistry.conductivity import conductivity_at

            t = np.asarray(col, dtype=float)
            # a row the design model refuses for its temperature (refused by load_space's row
            # check) gets a stand-in, so that it does not blank the group's conductivities
            # (10000 K with 1e-9 K: conductivity_at refused both, the NaN passed the other)
            t_safe = np.where((t > 0) & (t < MAX_DESIGN_TEMPERATURE_K), t, T_ROOM_K)
            if table is not None:  # the materials' interface resistance at each row's
                p["materials_interface_resistance_ohm_m2"] = materials_interface_at(table, t_safe)
                refused = _materials_refusals(table, t_safe,
                                              p["materials_interface_resistance_ohm_m2"])
            if materials.get("active") is not None:  # the diffusion limit at each row's T
                d_t = active_diffusivity_at(materials["active"], t_safe)
                if d_t is not None:
                    p["active_diffusivity_m2_s"] = d_t
            for role, name in (("separator", "separator_conductivity_S_m"),
                               ("cathode", "cathode_electrolyte_conductivity_S_m"),
                               ("anode", "anode_electrolyte_conductivity_S_m")):
                if materials.get(role) is None:
                    continue
                try:  # power needs it; energy does not
                    p[name] = conductivity_at(materials[role], t_safe).ionic_conductivity_S_m
                except SolidcellError:
                    p[name] = np.full(t_safe.shape, np.nan)
            continue
        p[name] = np.asarray(col, dtype=float)
        if name == "anode_thickness_m":
            p["anode_np_ratio"] = 0.0
        # the held lithium is stated one way (cell.design HELD_FORMS, as row_design makes it)
        if name == "anode_prelithiation":
            p["excess_li_thickness_m"] = 0.0
        if name == "excess_li_thickness_m":
            p["anode_prelithiation"] = math.nan
        if name == "cathode_collector_thickness_m" and follows:
            p["bipolar_collector_thickness_m"] = p[name]
    beyond: dict[int, str] = {}
    if interface is not None and _INTERFACE_PATHS.intersection(fast):
        beyond = _interface_at_rows(p, fast, interface)
    out = core(p)
    codes = out["Reason code"]
    if np.any(codes == OFF_LIMITS):  # which number, for those rows only
        out[DETAIL_KEY] = reason_details(p, codes)
        for row, text in beyond.items():  # an infinite resistance: evaluate's refusal
            out[DETAIL_KEY][row] = text
        for row, text in refused.items():  # the materials' (where its number is the one)
            if "materials_interface_resistance_ohm_m2" in out[DETAIL_KEY][row]:
                out[DETAIL_KEY][row] = text
    return out


def _materials_refusals(table: Any, t: np.ndarray, values: np.ndarray) -> dict[int, str]:
    """evaluate's refusal of each row whose materials' interface resistance (cell.energy
    ``materials_interface_at``) is NaN or inf at its temperature ``t`` [K]: an implied
    activation energy out of range names the material (row: text)."""
    out: dict[int, str] = {}
    for row in np.flatnonzero(~np.isfinite(np.broadcast_to(values, t.shape))):
        try:
            materials_interface_at(table, float(t.flat[row]),
                                   field="interface_resistance_activation_energy_eV")
        except SolidcellError as exc:
            out[int(row)] = str(exc)
    return out


#: key of a group's parameters (taken out before ``core``): the design names no bipolar
#: collector, so its bipolar collectors are the cathode collector's foil (``design_parameters``)
_BIPOLAR_FOLLOWS = "_bipolar_collector_is_cathode_collector"
#: key of a group's parameters (taken out before ``core``): :func:`_interface_stash`
_INTERFACE = "_interface_resistance_arrhenius"
#: key of a group's parameters (taken out before ``core``): the materials' interface
#: resistance (cell.energy ``materials_interface_table``), taken to a swept temperature
_MATERIALS_INTERFACE = "_materials_interface_resistance"
#: the fast paths that move an interface resistance measured at another temperature
_INTERFACE_PATHS = frozenset({"temperature_K", "cathode_interface_resistance_ohm_m2",
                              "anode_interface_resistance_ohm_m2"})


def _interface_stash(design: CellDesign) -> tuple[float, ...] | None:
    """(E_a [J/mol], T_ref [K], cathode and anode resistances as measured [Ohm m2], the
    design's temperature [K]) of a
    group's design whose interface resistances were measured at a stated temperature with
    an activation energy, else None: without E_a they are held, and without T_ref they were
    measured at each row's own temperature (the row's design, :func:`row_design`), so a
    swept temperature or resistance is put in as it is."""
    from solidcell.cell.energy import interface_arrhenius

    arrhenius = interface_arrhenius(design)
    if arrhenius is None or design.interface_resistance_temperature_K is None:
        return None
    return (*arrhenius, design.cathode_interface_resistance_ohm_m2,
            design.anode_interface_resistance_ohm_m2, design.temperature_K)


def _interface_at_rows(p: dict[str, Any], fast: dict[str, np.ndarray],
                       interface: tuple[float, ...]) -> dict[int, str]:
    """The interface resistances of ``p`` at each row's temperature: the swept (or the
    design's) measured values taken from T_ref by Arrhenius (the one formula of evaluate and
    the simulation, :func:`solidcell.chemistry.transport.interface_resistance_at`). A value
    beyond the largest float is inf (reason 12); returned: those rows and evaluate's
    refusal of their design, naming ``interface_resistance_activation_energy_eV``."""
    from solidcell.chemistry.transport import interface_resistance_at

    e_a, ref_K, r_cat, r_an, own_K = interface
    t = np.asarray(fast["temperature_K"], dtype=float) if "temperature_K" in fast else own_K
    # a row refused for its temperature (load_space's row check) gets the design's
    t = np.where((t > 0) & (t < MAX_DESIGN_TEMPERATURE_K), t, own_K)
    for name, given in (("cathode_interface_resistance_ohm_m2", r_cat),
                        ("anode_interface_resistance_ohm_m2", r_an)):
        measured = np.asarray(fast[name], dtype=float) if name in fast else given
        p[name] = interface_resistance_at(measured, e_a, t, ref_K)
    beyond: dict[int, str] = {}
    for name in ("cathode_interface_resistance_ohm_m2", "anode_interface_resistance_ohm_m2"):
        measured = np.asarray(fast[name], dtype=float) if name in fast else \
            np.asarray(r_cat if name.startswith("cathode") else r_an)
        at_t, r0, t_row = np.broadcast_arrays(p[name], measured, t)
        for row in np.flatnonzero(np.isinf(at_t) & np.isfinite(r0)):
            try:
                interface_resistance_at(float(r0[row]), e_a, float(t_row[row]), ref_K,
                                        field="interface_resistance_activation_energy_eV")
            except SolidcellError as exc:
                beyond.setdefault(int(row), str(exc))
    return beyond


def _interface_sources(rd: Any, fast: Mapping[str, Any]) -> list[str]:
    """The source of the materials' interface resistance (cell.energy
    ``materials_interface_source``) where rows of the group may use it: the design gives no
    interface resistance, or the screen sweeps one (a row of 0 takes the materials')."""
    design = rd.design
    found = materials_interface_source(design, separator=rd.separator_electrolyte)
    swept = {"cathode_interface_resistance_ohm_m2", "anode_interface_resistance_ohm_m2"} & set(
        fast)
    given = design.cathode_interface_resistance_ohm_m2 + design.anode_interface_resistance_ohm_m2
    return list(found.sources) if found is not None and (swept or not given > 0) else []


def _run_chunk(args: tuple[dict[str, Any], dict[str, np.ndarray], dict[str, Any]]
               ) -> dict[str, np.ndarray]:
    return _evaluate_group(*args)


def records(frame: Any) -> list[dict[str, Any]]:
    """The rows of ``frame`` (a DataFrame) as ``{column: value}``; NaN and inf as None."""
    return frame.replace([np.inf, -np.inf, np.nan], None).to_dict(orient="records")


@dataclass(frozen=True)
class ScreenResult:
    """Every sampled design with its metrics (infeasible ones with ``Reason``) and the
    Pareto front over ``objectives``."""

    __repr__ = concise_repr

    table: Any  # pandas.DataFrame
    objectives: tuple[Objective, ...]
    application: Application | None
    sources: tuple[str, ...]
    parameters: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def pareto(self) -> Any:
        return self.table[self.table["Pareto"]]

    @property
    def ranked(self) -> Any:
        """Feasible designs meeting the requirements, Pareto front first, then by the first
        objective."""
        t = self.table[self.table["Feasible"] & self.table["Meets requirements"]]
        first = self.objectives[0]
        return t.sort_values(["Pareto", first.key], ascending=[False, first.sense == "min"])

    def to_json(self, rows: str = "pareto") -> dict[str, Any]:
        """Counts, objectives, infeasible reasons, notes, sources and the ``rows``: those of
        the Pareto front (``"pareto"``) or every design (``"all"``); NaN and inf as None."""
        if rows not in ("pareto", "all"):
            raise ValidationError("rows", rows, "use 'pareto' (the front) or 'all' (every "
                                  "design)")
        frame = self.pareto if rows == "pareto" else self.table
        return {**self.summary(), "rows": records(frame), "sources": list(self.sources)}

    def summary(self) -> dict[str, Any]:
        """The keys of :meth:`to_json` before ``rows``, in its order: counts, objectives,
        application, infeasible reasons, notes (cheap: no record of a row is built)."""
        return {
            "Designs": len(self.table),
            "Feasible designs": int(self.table["Feasible"].sum()),
            "Pareto designs": int(self.table["Pareto"].sum()),
            "Objectives": [{"key": o.key, "sense": o.sense} for o in self.objectives],
            "Application": self.application.id if self.application else None,
            "Infeasible reasons": self.table.loc[~self.table["Feasible"], "Reason"]
            .value_counts().to_dict(),
            "notes": list(self.notes),
        }

    def infeasible_rows(self) -> list[tuple[str, int]]:
        """(reason, designs) of the infeasible designs, most first: the summary's "Infeasible
        reasons", with reason 12 (whose text lists every rule) split by the number out of
        range that its rows' ``Reason detail`` names, each with the first such row's detail."""
        t = self.table.loc[~self.table["Feasible"], ["Reason", DETAIL_KEY]]
        general = REASONS[OFF_LIMITS]
        counts = t["Reason"].value_counts()
        out = [(str(k), int(v)) for k, v in counts.items() if k != general]
        off = t.loc[t["Reason"] == general, DETAIL_KEY]
        if len(off):
            names = off.str.split(": ", n=1).str[0]
            for name, count in names.value_counts().items():
                details = off[names == name]
                if not name:  # no detail (not expected): the rules in full
                    out.append((general, int(count)))
                    continue
                one = details.nunique() == 1
                out.append((f"{OUT_OF_RANGE}: {details.iloc[0]}" if one else
                            f"{OUT_OF_RANGE}: {name}, e.g. {details.iloc[0]}", int(count)))
        return sorted(out, key=lambda r: -r[1])

    def plot(self, path: str | Path) -> Path:
        """Scatter of the first two objectives, the Pareto front highlighted (PNG/SVG)."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        check_plot_path(path)  # before drawing (save_figure checks again at the end)
        if len(self.objectives) < 2:
            raise ValidationError("objectives", len(self.objectives), "a plot needs two")
        x, y = self.objectives[0].key, self.objectives[1].key
        t = self.table[self.table["Feasible"]]
        fig, ax = plt.subplots(figsize=(6, 4.5))
        ax.scatter(t[x], t[y], s=4, c="0.7", label="feasible designs", rasterized=True)
        front = t[t["Pareto"]].sort_values(x)
        ax.plot(front[x], front[y], "o-", color="C3", ms=4, label="Pareto front")
        ax.set_xlabel(x)
        ax.set_ylabel(y)
        ax.legend()
        fig.tight_layout()
        from solidcell.plotting import save_figure

        return save_figure(fig, path)


def pareto_mask(values: np.ndarray, senses: list[str]) -> np.ndarray:
    """Non-dominated rows of ``values`` (n x k, numbers); ``senses``: one ``"max"`` or
    ``"min"`` per column. A row is dominated by one at least as good in every column and
    better in one, so equal rows share their fate; rows with NaN or inf are never on the
    front and dominate nothing. Exact (comparisons only); the cost is :func:`_front`'s."""
    from solidcell.units import is_quantity

    if is_quantity(values):  # NumPy would drop the unit (with a DeprecationWarning)
        raise ValidationError("values", values, "an n x k array of plain numbers, not a pint "
                              "Quantity")
    try:
        v = np.array(values, dtype=float)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int beyond 1.8e308
        raise ValidationError("values", values, "an n x k array of numbers") from None
    if v.ndim != 2:
        raise ValidationError("values", values, f"an n x k array (one column per objective); "
                              f"this one has {v.ndim} dimension(s)")
    if v.shape[1] == 0:
        raise ValidationError("values", values, "at least one column (one per objective)")
    if isinstance(senses, str) or not hasattr(senses, "__len__") or \
            getattr(senses, "ndim", 1) != 1 or len(senses) != v.shape[1] or \
            any(s not in ("max", "min") for s in senses):
        raise ValidationError("senses", senses, f"a list of {v.shape[1]} of 'max' or 'min', "
                              "one per column of values")
    for j, s in enumerate(senses):
        if s == "min":
            v[:, j] = -v[:, j]
    return _front(v)


#: Rows per block of :func:`_front_sweep` (a block's survivors are compared pairwise).
SWEEP_BLOCK = 1024
#: Strong rows that first remove what they dominate (:func:`_front`): at most this many,
#: and only while the last one removed at least 1 % of the rows left.
PIVOTS = 8


def _front(v: np.ndarray, block: int = SWEEP_BLOCK) -> np.ndarray:
    """Front of ``v`` (n x k, every column to maximise; rows with NaN or inf off it).

    1. Pre-filter: the row of largest normalised sum (a strong row) removes every row it
       dominates; again with the next strong row while one removes >= 1 % of those left
       (a random cloud loses most rows here, a trade-off surface few). Exact: a removed
       row is off the front, and whatever it dominates is dominated by its dominator too.
    2. Sort lexicographically descending (every dominator of a row comes before it), then
       :func:`_front_2d` (k <= 2, O(n log n)) or :func:`_front_sweep` (k >= 3).

    Only comparisons decide a row (the sum only picks the order of the strong rows).
    Measured in ``benchmarks/bench_pareto.py``.
    """
    n, k = v.shape
    mask = np.zeros(n, dtype=bool)
    alive = np.nonzero(np.all(np.isfinite(v), axis=1))[0]
    if alive.size == 0:
        return mask
    cols = [v[alive, j] for j in range(k)]
    with np.errstate(over="ignore", invalid="ignore"):  # a span beyond the float range
        score = sum((c - c.min()) / ((c.max() - c.min()) or 1.0) for c in cols)
    score = np.nan_to_num(np.asarray(score, dtype=float), nan=-np.inf)
    for _ in range(PIVOTS):
        best = int(np.argmax(score))
        score[best] = -np.inf  # the pivot stays (it does not dominate itself): not again
        worse = np.ones(alive.size, dtype=bool)
        same = np.ones(alive.size, dtype=bool)
        for c in cols:
            worse &= c <= c[best]
            same &= c == c[best]
        keep = ~worse | same
        removed = alive.size - int(np.count_nonzero(keep))
        if removed:
            alive, score, cols = alive[keep], score[keep], [c[keep] for c in cols]
        if removed < 0.01 * alive.size:
            break
    order = _lex_descending(cols)
    pts = np.stack([c[order] for c in cols], axis=1)
    front = _front_2d(pts) if k <= 2 else _front_sweep(pts, block)
    mask[alive[order[front]]] = True
    return mask


def _lex_descending(cols: list[np.ndarray]) -> np.ndarray:
    """Indices ordering the rows (given as columns) lexicographically descending: by the
    first column, then rows of equal first value by the second, and so on. One sort of the
    first column and a lexsort of the tied rows only (a lexsort of all, ~7x slower)."""
    order = np.argsort(-cols[0])
    first = cols[0][order]
    tie = first[1:] == first[:-1]
    tied = np.nonzero(np.r_[tie, False] | np.r_[False, tie])[0]
    run = np.cumsum(np.r_[True, ~tie])[tied]  # runs of equal first value, in order
    rows = order[tied]
    order[tied] = rows[np.lexsort((*(-c[rows] for c in reversed(cols[1:])), run))]
    return order


def _front_2d(pts: np.ndarray) -> np.ndarray:
    """Front of points sorted lexicographically descending, one or two columns: a point is
    dominated by an earlier one with a strictly larger first value and a second value at
    least as large, or by one with the same first value and a larger second value."""
    a0 = pts[:, 0]
    a1 = pts[:, 1] if pts.shape[1] == 2 else np.zeros(len(pts))
    start = np.zeros(len(pts), dtype=int)  # first index of each run of equal a0
    new_run = np.r_[True, a0[1:] != a0[:-1]]
    start[new_run] = np.nonzero(new_run)[0]
    start = np.maximum.accumulate(start)
    best_before = np.r_[-np.inf, np.maximum.accumulate(a1)][start]  # max a1 of larger a0
    return (a1 > best_before) & (a1 == a1[start])


def _front_sweep(pts: np.ndarray, block: int = SWEEP_BLOCK) -> np.ndarray:
    """Front of points sorted lexicographically descending, three or more columns: the sweep
    over the first column of Kung, Luccio and Preparata ("On finding the maxima of a set of
    vectors", J. ACM, 1975; O(n log n) for k = 3), run on blocks of ``block`` points (which
    adds the pairwise comparison of a block's survivors, at most ``block`` per point, and a
    re-sort of the staircase per block that adds front points).

    A distinct point is dominated exactly when an earlier distinct point is at least as
    large in every column but the first (the earlier one is as large in the first and
    differs somewhere); equal points share the answer. Each block is tested against the
    front found so far: the staircase (2D maxima) of its second and third columns, one
    binary search per point, is the whole test for k = 3; for k >= 4 a point the staircase
    flags is compared with the staircase point found (a front point) in the other columns,
    and if that one does not cover it, with every front point (O(n x front) at worst). The
    block's survivors are then compared pairwise, and its front points join the staircase."""
    distinct = np.r_[True, np.any(pts[1:] != pts[:-1], axis=1)]
    u = [np.ascontiguousarray(pts[distinct, j]) for j in range(1, pts.shape[1])]
    n = len(u[0])
    front = np.zeros(n, dtype=bool)
    # staircase, columns 2..k of front points: column 2 ascending, column 3 descending
    stair = np.empty((len(u), 0))
    found = np.empty((len(u), 0))  # front so far, columns 2..k
    for start in range(0, n, block):
        cand = np.arange(start, min(start + block, n))
        if stair.shape[1]:
            pos = np.searchsorted(stair[0], u[0][cand], side="left")  # first x >= point's
            hit = pos < stair.shape[1]
            hit[hit] = stair[1, pos[hit]] >= u[1][cand[hit]]
            if len(u) > 2 and hit.any():
                flagged = np.nonzero(hit)[0]
                witness = stair[:, pos[flagged]]
                covered = np.ones(flagged.size, dtype=bool)
                for col, w in zip(u[2:], witness[2:], strict=True):
                    covered &= w >= col[cand[flagged]]
                flagged = flagged[~covered]
                step = max(1, (1 << 22) // found.shape[1])
                for a in range(0, flagged.size, step):
                    rows = cand[flagged[a:a + step]]
                    covers = np.ones((rows.size, found.shape[1]), dtype=bool)
                    for col, f in zip(u, found, strict=True):
                        covers &= f[None, :] >= col[rows][:, None]
                    hit[flagged[a:a + step]] = covers.any(axis=1)
            cand = cand[~hit]
        if cand.size > 1:
            covers = np.triu(np.ones((cand.size, cand.size), dtype=bool), 1)  # [j, i]: j < i
            for col in u:
                x = col[cand]
                covers &= x[:, None] >= x[None, :]
            cand = cand[~covers.any(axis=0)]
        if cand.size == 0:
            continue
        front[cand] = True
        new = np.stack([col[cand] for col in u])
        found = np.concatenate([found, new], axis=1)
        both = np.concatenate([stair, new], axis=1)
        both = both[:, np.lexsort((-both[1], -both[0]))]
        top = both[1] > np.r_[-np.inf, np.maximum.accumulate(both[1])[:-1]]
        stair = both[:, top][:, ::-1]
    return front[np.cumsum(distinct) - 1]


def screen(space: DesignSpace | str | Path | Mapping[str, Any],
           application: str | None = None, scheduler: str | Any | None = None,
           temperature_K: float | None = None, chunk_size: int = 250_000,
           progress: Callable[[int, int], None] | None = None,
           with_cost: bool = True, cost_options: Any = None,
           scheduler_timeout_s: float | None = None,
           require_stable_interfaces: bool = False) -> ScreenResult:
    """Screen a design space (see the module docstring).

    ``application``: a profile of :func:`applications` (requirements and default
    objectives). ``scheduler``: a Dask scheduler address (``tcp://host:8786``) or a
    ``dask.distributed.Client``; default local. ``scheduler_timeout_s``: how long to wait for
    the scheduler at that address to answer [s] (> 0; a slow or remote cluster may need more);
    None: Dask's own setting ``distributed.comm.timeouts.connect`` (:func:`connect_timeout_s`).
    Only with an address: a ``Client`` was connected when it was made.
    ``progress(done, total)`` is called per chunk.
    ``with_cost``: add the cell and pack cost [USD/kWh] of the manufacturing cost model
    (``solidcell.manufacturing.cost.cost_model``) where it can price the design;
    ``cost_options``: its assumptions (a ``solidcell.manufacturing.economics.CostOptions``,
    e.g. ``CostOptions(prices={"li6ps5cl": 50.0})`` for a material the knowledge base has no
    price for). A bad space, or one whose table would not fit in the memory available now
    (:data:`BYTES_PER_DESIGN` per design), raises ValidationError before anything is sampled;
    bad designs are rows with ``Feasible`` False and their ``Reason``.
    Every row has the verdict of its design's interfaces (:func:`interface_verdict`, once per
    distinct combination of materials): ``Interfaces`` (the worst status) and ``Interface
    issues``; it leaves feasibility alone unless ``require_stable_interfaces``, which makes
    a design whose worst status is ``unstable`` infeasible, its reason naming the interface
    where no other check (the screen's own, the energy model's) refused it first.
    """
    import pandas as pd

    if not is_integer(chunk_size) or chunk_size < 1:
        raise ValidationError("chunk_size", chunk_size, "must be a positive integer (designs "
                              "per chunk)")
    if progress is not None and not callable(progress):
        raise ValidationError("progress", progress, "must be a function progress(done, total) "
                              "or None")
    with_cost = flag("with_cost", with_cost)
    require_stable_interfaces = flag("require_stable_interfaces", require_stable_interfaces)
    if cost_options is not None:
        from solidcell.manufacturing.economics import CostOptions

        instance("cost_options", cost_options, CostOptions,
                 "a solidcell.manufacturing.economics.CostOptions or None")
    if isinstance(temperature_K, bool):  # True would screen at 1 K
        raise ValidationError("temperature_K", temperature_K, "must be a temperature [K] or None")
    if application is not None and not isinstance(application, str):
        raise ValidationError("application", application,
                              f"use one of {', '.join(applications())} (or None)")
    check_scheduler(scheduler, scheduler_timeout_s)
    sp = space if isinstance(space, DesignSpace) else load_space(space)
    if temperature_K is not None and "temperature_K" in sp.parameters:
        # the swept column replaced the one temperature asked for without a word
        raise ValidationError("temperature_K", temperature_K,
                              "one temperature for every design, but the space sweeps "
                              "temperature_K; leave it out of the space's parameters to screen "
                              "at this one, or screen without it to sweep the space's")
    app = globals()["application"](application) if application is not None else None
    objectives = planned_objectives(sp, app)
    base = sp.base
    if temperature_K is not None:
        base = base.replace(temperature_K=temperature_K)
    if space_size(sp) <= MAX_DESIGNS:  # the grid's own limit is said by sample()
        _check_memory(sp)
    cols = sample(sp)
    n = len(next(iter(cols.values())))
    fast = {p: c for p, c in cols.items() if _is_fast(p, c)}
    slow = [p for p in cols if p not in fast]
    reason = np.full(n, "", dtype=object)
    # (rows, detail of each) of the fast-path refusals: their value, as reason 12's rows say it
    fast_details: list[tuple[np.ndarray, np.ndarray]] = []
    for path, col in fast.items():
        x = np.asarray(col, dtype=float)
        new = ~_check_rule(path, x, FAST_PATHS[path][1]) & (reason == "")
        if new.any():
            reason[new] = f"{path}: {_rule_text(path)}"
            fast_details.append((np.flatnonzero(new), _value_details(path, x[new])))
    # groups of the slow (validated per value) parameters
    if slow:
        keys = list(zip(*[cols[p] for p in slow], strict=True))
        groups: dict[tuple[Any, ...], list[int]] = {}
        for i, k in enumerate(keys):
            groups.setdefault(k, []).append(i)
    else:
        groups = {(): list(range(n))}
    outputs: dict[str, np.ndarray] = {}
    tasks: list[tuple[np.ndarray, tuple[dict[str, Any], dict[str, np.ndarray],
                                         dict[str, Any]]]] = []
    sources: list[str] = [*MODEL_SOURCES]
    notes: list[str] = _sizing_notes(base, cols)
    group_designs: list[tuple[np.ndarray, CellDesign, str]] = []
    worst = np.full(n, "", dtype=object)  # the interface verdicts, per group's materials
    issues = np.full(n, "", dtype=object)
    verdicts: dict[tuple[str | None, ...], InterfaceVerdict] = {}
    # require_stable_interfaces: each row's refusal (an index into refusal_texts, 0: none;
    # 4 bytes a row), applied after every other check: the energy model's reasons come first
    # (a row with N/P < 1 reads as that), its interface columns still say unstable
    refused_for = np.zeros(n, dtype=np.int32)
    refusal_texts = [""]
    for key, rows in groups.items():
        rows_a = np.asarray(rows)
        try:
            design, rd = _resolve_swept(base, dict(zip(slow, key, strict=True)), fast, rows_a,
                                        reason[rows_a] == "")
            found = interface_resistance_source(design, separator=rd.separator_electrolyte)
            params = design_parameters(rd, interface=found)
            if design.architecture.bipolar_collector is None:  # its foil is the cathode's
                params[_BIPOLAR_FOLLOWS] = True
            params[_INTERFACE] = _interface_stash(design)
            # the materials' values, also where the base gives its own (a row may sweep them
            # to 0): looked up once, by interface_resistance_source where the base gives none
            params[_MATERIALS_INTERFACE] = (
                found.table if found is not None and found.where != "design"
                else materials_interface_table(design, rd.separator_electrolyte))
        except SolidcellError as exc:
            reason[rows_a[reason[rows_a] == ""]] = str(exc)
            continue
        verdict = _verdict_of(design, verdicts)
        worst[rows_a], issues[rows_a] = verdict.worst, verdict.issues
        sources += verdict.sources
        if require_stable_interfaces and verdict.worst == "unstable":
            refused_for[rows_a] = len(refusal_texts)
            refusal_texts.append(verdict.refusal)
        refused = False
        for path in _LAYER_PATHS:
            x = np.asarray(fast[path][rows_a], dtype=float) if path in fast else None
            if x is not None and (why := _refused_on(design, path, x)):
                own = _own_value(design, path)  # the one value the design takes
                reason[rows_a[(x != (np.nan if own is None else own))
                              & (reason[rows_a] == "")]] = why
                refused = True
        if refused and not (reason[rows_a] == "").any():  # no design of the group is left
            continue
        for beyond, why in _beyond_can_room(design, fast, rows_a):
            reason[rows_a[beyond & (reason[rows_a] == "")]] = why
        for below, why, source in _below_particle_bound(rd, fast, rows_a):
            reason[rows_a[below & (reason[rows_a] == "")]] = why
            if source and below.any():  # the rows it refused rest on the particle size
                sources.append(source)
        swept_t = fast["temperature_K"][rows_a] if "temperature_K" in fast else None
        sources += [*rd.sources, *diffusion_sources(rd, swept_t), *geometry_sources(rd),
                    *_interface_sources(rd, fast)]
        if rd.cathode.capacity_basis == "theoretical":
            notes.append(f"cathode {rd.cathode.materials['active'].id}: theoretical capacity "
                         "(no practical value in the database), energies are upper bounds")
        mats = {"separator": rd.separator_electrolyte,
                "cathode": rd.cathode.materials.get("electrolyte"),
                "anode": anode_electrolyte(rd)}
        temps = (np.asarray(fast["temperature_K"][rows_a], dtype=float)
                 if "temperature_K" in fast else np.asarray(design.temperature_K))
        if "temperature_K" in fast:  # a swept temperature at which a part melts: infeasible
            for t in np.unique(temps[np.isfinite(temps) & (temps > 0)]):
                try:
                    check_solid_parts(rd, float(t))
                except ValidationError as exc:
                    hot = rows_a[(temps == t) & (reason[rows_a] == "")]
                    reason[hot] = str(exc)
        temps = np.unique(temps[np.isfinite(temps) & (temps > 0)])
        more_notes, more_sources = (conductivity_checks(list(mats.values()), temps)
                                    if temps.size else ([], []))
        mats["active"] = rd.cathode.materials["active"]  # its diffusivity at a swept T
        notes += more_notes
        sources += more_sources
        label = ", ".join(f"{k}={v}" for k, v in zip(slow, key, strict=True))
        group_designs.append((rows_a, design, label or design.name))
        for start in range(0, len(rows_a), chunk_size):
            sel = rows_a[start:start + chunk_size]
            tasks.append((sel, (params, {p: np.asarray(fast[p][sel], dtype=float)
                                         for p in fast}, mats)))
    done = 0
    total = len(tasks)

    def collect(sel: np.ndarray, res: dict[str, np.ndarray]) -> None:
        """Copy one chunk into the full columns at once (no list of chunk results: a
        million-design screen holds the columns once, not twice)."""
        nonlocal done
        for k, v in res.items():
            if k not in outputs:
                outputs[k] = (np.zeros(n, int) if k == "Reason code" else np.full(
                    n, "", dtype=object) if k == DETAIL_KEY else np.full(n, np.nan))
            outputs[k][sel] = np.broadcast_to(v, (len(sel),))
        done += 1
        if progress:
            progress(done, total)

    if scheduler is not None:  # opened here, closed at the end if opened from an address
        with connected(scheduler, scheduler_timeout_s) as client:
            futures = client.map(_run_chunk, [t[1] for t in tasks], pure=False)
            for sel_task, fut in zip(tasks, futures, strict=True):
                collect(sel_task[0], fut.result())
    else:
        for sel, args in tasks:
            collect(sel, _run_chunk(args))
    del tasks
    if not outputs:
        from solidcell.cell.energy import PARAMETERS

        outputs = {k: np.full(n, np.nan) for k in core(PARAMETERS)}
        outputs["Reason code"] = np.zeros(n, int)
    if with_cost:  # rows refused for an interface are not priced
        _add_cost(outputs, group_designs, n, notes, sources, cost_options,
                  fast.get(SERIES_PATH), (reason == "") & (refused_for == 0), fast)
    codes = outputs.pop("Reason code").astype(int)
    found = outputs.pop(DETAIL_KEY, None)
    unset = (reason == "") & (codes != 0)  # one pass over the text column, not one per code
    present = set(np.unique(codes[unset]).tolist())
    for code, text in REASONS.items():
        if code in present:
            reason[unset & (codes == code)] = text
    # which number of a reason-12 row (the screen's own refusals name theirs in "Reason")
    detail = np.full(n, "", dtype=object)
    if found is not None:
        mine = unset & (codes == OFF_LIMITS)
        detail[mine] = found[mine]
    for rows_f, texts in fast_details:  # set first: no later check overwrote their reason
        detail[rows_f] = texts
    last = (refused_for != 0) & (reason == "")  # the interface refusal: the last check
    reason[last] = np.asarray(refusal_texts, dtype=object)[refused_for[last]]
    del refused_for
    feasible = reason == ""
    infeasible = ~feasible
    for v in outputs.values():
        v[infeasible] = np.nan
    # the columns as they are (no copy into one 2D block: 0.5 s and ~0.4 GB at 10^6
    # designs); nothing here writes to them after this, pandas copies on write
    frame = pd.DataFrame({**{p: cols[p] for p in cols}, **outputs}, copy=False)
    outputs.clear()
    frame["Feasible"] = feasible
    frame["Reason"] = reason
    frame[DETAIL_KEY] = detail
    frame[INTERFACES_KEY] = worst
    frame[ISSUES_KEY] = issues
    notes += _unstable_note(verdicts, feasible, worst, issues)
    meets = feasible.copy()
    if app is not None:
        for req in app.requirements:
            col = frame[req["key"]].to_numpy(dtype=float)
            if "min" in req:
                meets &= col >= req["min"]
            if "max" in req:
                meets &= col <= req["max"]
        sources += list(app.sources)
    frame["Meets requirements"] = meets
    if app is not None and not sp.objectives:
        objectives = tuple(objectives) + tuple(
            o for o in app.optional_objectives
            if o.key in frame and np.isfinite(frame[o.key].to_numpy(dtype=float)).any())
    values = frame[[o.key for o in objectives]].to_numpy(dtype=float, copy=True)
    values[~meets] = np.nan
    for j, o in enumerate(objectives):
        missing = int((meets & ~np.isfinite(values[:, j])).sum())
        if missing:
            why = (" (power and rate need the electrolytes' conductivity at the design "
                   "temperature; `solidcell conductivity ID --temperature T` says whether it "
                   "can be extrapolated)" if any(w in o.key for w in ("power", "C-rate"))
                   else "")
            notes.append(f"{o.key} has no value for {missing} of {int(meets.sum())} designs "
                         f"that meet the requirements{why}; they cannot be on the front")
    frame["Pareto"] = pareto_mask(values, [o.sense for o in objectives])
    return ScreenResult(frame, tuple(objectives), app, tuple(dict.fromkeys(sources)),
                        tuple(cols), tuple(dict.fromkeys(notes)))


INTERFACES_KEY = "Interfaces"
ISSUES_KEY = "Interface issues"


@dataclass(frozen=True)
class InterfaceVerdict:
    """The interfaces of one combination of materials: the worst status (``STATUS_SEVERITY`` of
    :mod:`solidcell.interfaces.design_flags`), the interfaces of that status with their
    materials and short cause ("" when all are stable), a refusal naming them when they are
    unstable ("" else) and the sources of the verdicts."""

    worst: str
    issues: str
    refusal: str
    sources: tuple[str, ...]


def interface_verdict(design: CellDesign) -> InterfaceVerdict:
    """:class:`InterfaceVerdict` of ``design`` from
    :func:`solidcell.interfaces.design_flags.interface_flags` (materials and coating only)."""
    from solidcell.interfaces.design_flags import interface_flags, short_reason, worst_status

    try:
        flags = interface_flags(design, suggest_buffers=False)
    except SolidcellError as exc:  # no verdict for this design: said, not raised
        return InterfaceVerdict("not covered", f"interfaces not covered: {exc}", "", ())
    worst = worst_status(flags.flags)
    issues = "" if worst == "stable" else "; ".join(
        f"{f.interface} ({f.first} | {f.second}): {short_reason(f)}" for f in flags.flags
        if f.status == worst)
    refusal = ("" if worst != "unstable" else f"unstable interface {issues} (`solidcell "
               "interfaces DESIGN` gives the full reason; the screen was asked for stable "
               "interfaces)")
    return InterfaceVerdict(worst, issues, refusal, flags.sources)


#: Design fields the interface verdict reads (:func:`interface_flags`): the materials and
#: the cathode coating, never a thickness or fraction.
VERDICT_FIELDS = (("cathode", "active_material"), ("cathode", "electrolyte"),
                  ("cathode", "coating"), ("separator", "electrolyte"), ("anode", "material"),
                  ("anode", "kind"), ("anode", "electrolyte"))


def _verdict_of(design: CellDesign, cache: dict[tuple[str | None, ...], InterfaceVerdict]
                ) -> InterfaceVerdict:
    """:func:`interface_verdict` of ``design``, computed once per combination of the
    :data:`VERDICT_FIELDS` in ``cache``."""
    key = tuple(_material_id(getattr(getattr(design, part), name, None))
                for part, name in VERDICT_FIELDS)
    if key not in cache:
        cache[key] = interface_verdict(design)
    return cache[key]


def _material_id(ref: Any) -> str | None:
    """A material reference (an id or a Material) as its id."""
    return ref if ref is None or isinstance(ref, str) else getattr(ref, "id", str(ref))


def _unstable_note(verdicts: dict[Any, InterfaceVerdict], feasible: np.ndarray,
                   worst: np.ndarray, issues: np.ndarray) -> list[str]:
    """A note when feasible designs have an unstable interface (counted feasible: the energy
    model does not judge interfaces), naming those interfaces."""
    if not any(v.worst == "unstable" for v in verdicts.values()):
        return []
    bad = feasible & (worst == "unstable")
    count = int(np.count_nonzero(bad))
    if not count:
        return []
    which = "; ".join(np.unique(issues[bad].astype(str)).tolist())
    return [f"{count} of {int(feasible.sum())} feasible designs have an unstable interface "
            f"({which}); the energy model does not judge interfaces: "
            "require_stable_interfaces=True (`solidcell screen --stable-interfaces`) makes "
            "them infeasible"]


#: Objectives of a screen without its own and without an application.
DEFAULT_OBJECTIVES = (Objective("Cell gravimetric energy density [W.h.kg-1]"),
                      Objective("Cell volumetric energy density [W.h.L-1]"),
                      Objective("Cell specific power [W.kg-1]"))


def planned_objectives(space: DesignSpace, app: Application | None = None
                       ) -> tuple[Objective, ...]:
    """The objectives a screen of ``space`` (with the application profile ``app``) ranks by,
    known before it runs: the space's, else the application's, else
    :data:`DEFAULT_OBJECTIVES`. (An application's optional cost objective is added after the
    screen where the cost column has values.)"""
    return space.objectives or (app.objectives if app else DEFAULT_OBJECTIVES)


CELL_COST = "Cell cost [USD.kW.h-1]"
PACK_COST = "Pack cost [USD.kW.h-1]"


SERIES_PATH = "architecture.cells_in_series"


#: Most rounds of re-planning of the rows of one cost model that its route cannot make
#: (:func:`_cost_family`); rows still outside a route after them keep that route's cost and
#: a note (examples/spaces/ev.yaml needs one round).
REPLAN_ROUNDS = 4


def _add_cost(outputs: dict[str, np.ndarray],
              groups: list[tuple[np.ndarray, CellDesign, str]],
              n: int, notes: list[str], sources: list[str],
              cost_options: Any = None, series: Any = None,
              usable: np.ndarray | None = None,
              fast: dict[str, np.ndarray] | None = None) -> None:
    """Cost columns from the manufacturing colleague's vectorised cost model, per group and,
    where ``series`` (the swept cells in series of a bipolar stack) is given, per value of it
    among the ``usable`` rows: a model costs one cell of its own series stack. Rows with a
    layer the model's route cannot make are planned again (:func:`_cost_family`) from the
    ``fast`` (array) columns of a representative row."""
    try:
        import solidcell.manufacturing.cost  # noqa: F401 (the cost model is optional)
    except ImportError:
        return
    prices = (np.full(n, np.nan), np.full(n, np.nan))  # cell, pack
    for group_rows, group_design, group_label in groups:
        for rows, cells, label in _by_cells_in_series(group_rows, group_label, series, usable):
            design = group_design if cells is None else group_design.replace(
                **{SERIES_PATH: cells})
            _cost_family(design, rows, label, outputs, prices, notes, sources, cost_options,
                         usable, fast or {})
    cell, pack = prices
    if np.isfinite(cell).any():
        outputs[CELL_COST] = cell
        outputs[PACK_COST] = pack


def _priced(design: CellDesign | Callable[[], CellDesign], cost_options: Any
            ) -> tuple[Any, str, bool, bool]:
    """(``cost_model(design)``, "", False, False), or (None, why it has none, whether the
    reason has more lines: each process's reasons of a design without a route, `solidcell
    route`'s, whether the design itself was refused rather than priced).
    ``design`` may be a function that makes it (a row's design: its refusal is the reason)."""
    from solidcell.manufacturing.cost import NoCostError, cost_model

    try:
        made = design if isinstance(design, CellDesign) else design()
        return cost_model(made, options=cost_options), "", False, False
    except Exception as exc:  # the cost model is optional: say why, keep screening
        why = exc.reason if isinstance(exc, NoCostError) else (
            exc.allowed if isinstance(exc, ValidationError) else str(exc))
        lines = why.splitlines() or [type(exc).__name__]
        return None, lines[0], len(lines) > 1, not isinstance(exc, NoCostError)


def _cost_family(design: CellDesign, rows: np.ndarray, label: str,
                 outputs: dict[str, np.ndarray], prices: tuple[np.ndarray, np.ndarray],
                 notes: list[str], sources: list[str], cost_options: Any,
                 usable: np.ndarray | None, fast: dict[str, np.ndarray]) -> None:
    """Cost of the ``rows`` of one family (``design`` with the rows' array values) into
    ``prices`` (cell, pack), as ``solidcell cost`` of each row's design plans it: the model of
    ``design``'s route prices the rows its steps can make; the rows with a layer outside the
    thickness range of one of its steps are split by which steps, those another route makes
    at less cost by that route (:func:`_price_rows`), and each part is priced by
    the model of its first row's design (:func:`row_design`, its route planned again), and so
    on for :data:`REPLAN_ROUNDS` rounds. Where that design has no route (or no cost), neither
    have the part's rows whose layers are inside the thickness ranges of the same processes
    (:meth:`~solidcell.manufacturing.cost.CostModel.range_classes`): NaN, with a note saying
    why; the part's other rows go to the next round (all of them but the first where its
    design was refused rather than priced)."""
    from solidcell.manufacturing.cost import (
        COLLECTOR_COLUMNS,
        FEATURE_COLUMNS,
        FROM_ENERGY_COLUMNS,
        route_status,
    )

    base, why, more, _ = _priced(design, cost_options)
    if base is None:
        # the first line alone (no route: the blocking layer); each process's reasons
        # are `solidcell route`'s (the note ended "its processes fail because:")
        notes.append(f"{label}: no cost ({why}" + (
            "; `solidcell route` of the design gives every process's reasons)" if more
            else ")"))
        return
    status = route_status(base.reference)
    if status != "feasible":  # a cost of a route that does not scale says so, as
        # `cost`'s route status row does
        notes.append(f"{label}: cost of a slow route: {status.removeprefix('slow: ')}")
    # the columns the cost model reads (a copy of every output was 13 % more peak memory)
    columns = {k: outputs[k][rows] for k in FROM_ENERGY_COLUMNS if k in outputs}
    # a swept collector's foil (evaluate's columns hold both collectors together)
    columns |= {key: np.asarray(fast[path][rows], dtype=float)
                for path, key in COLLECTOR_COLUMNS.items() if path in fast}
    # a swept 3D width: the resolution of each process of the layer it shapes
    columns |= {key: np.asarray(fast[path][rows], dtype=float)
                for path, (key, _) in FEATURE_COLUMNS.items() if path in fast}
    ok = _costable(outputs, usable, rows)
    told: dict[str, int] = {}  # what a note says after "N of M designs " -> N
    pending = _price_rows(base, np.arange(len(rows)), columns, rows, prices, ok, sources)
    classes = None  # the rows' range classes, where a design planned again has no cost
    for _ in range(REPLAN_ROUNDS):
        later: list[tuple[np.ndarray, str]] = []
        for part, what in pending:
            model, why, more, refused = _priced(
                lambda rep=rows[part[0]]: _row_design_of(design, fast, rep), cost_options)
            cannot = what
            if model is None:
                classes = base.range_classes(columns) if classes is None else classes
                # a design refused on its own numbers says nothing of the other rows
                same = (classes[part] == classes[part[0]]) & (not refused) | (part == part[0])
                for column in prices:
                    column[rows[part[same]]] = np.nan
                more_text = (" (`solidcell route` of such a design gives every process's "
                             "reasons)" if more else "")
                _count(told, f"{cannot} and no cost: {why}{more_text}", ok[part[same]])
                later += [(part[~same], what)] if (~same).any() else []
                continue
            new = [f"{s.layer}: {s.process}" for s in model.reference.route.steps
                   if (s.layer, s.process) not in _steps_of(base)]
            status = route_status(model.reference)
            left = [sub for sub, _ in
                    _price_rows(model, part, columns, rows, prices, ok, sources)]
            made = ~np.isin(part, np.concatenate(left)) if left else np.ones(part.shape, bool)
            _count(told, f"{cannot}: costed by the route `solidcell cost` plans for them "
                   f"({', '.join(new) or 'the same processes in another order'})" + (
                       "" if status == "feasible"
                       else f", a slow route: {status.removeprefix('slow: ')}"),
                   ok[part] & made)
            later += [(sub, what) for sub in left]  # counted where they end
        pending = later
        if not pending:
            break
    for part, what in pending:  # left after the rounds: the last route's cost, said
        _count(told, f"{what} even after "
               f"{REPLAN_ROUNDS} plans; their cost is the last route's, where `solidcell "
               "cost` plans each design again (another process, or no route)", ok[part])
    total = int(ok.sum())
    notes += [f"{label}: {count} of {total} designs {text}" for text, count in told.items()]


def _count(told: dict[str, int], text: str, rows: np.ndarray) -> None:
    """Add the number of True ``rows`` to the count of the note ``text`` (where any)."""
    count = int(np.count_nonzero(rows))
    if count:
        told[text] = told.get(text, 0) + count


def _costable(outputs: dict[str, np.ndarray], usable: np.ndarray | None, rows: np.ndarray
              ) -> np.ndarray:
    """Mask of ``rows`` that are designs (no reason of the energy model or of the screen)."""
    ok = outputs["Reason code"][rows] == 0
    return ok & usable[rows] if usable is not None else ok


def _row_design_of(design: CellDesign, fast: dict[str, np.ndarray], row: int) -> CellDesign:
    """:func:`row_design` of ``design`` (a group's) with row ``row``'s array values."""
    return row_design(design, {p: (int(col[row]) if FAST_PATHS[p][1] == "int"
                                   else float(col[row])) for p, col in fast.items()})


def _steps_of(model: Any) -> set[tuple[str, str]]:
    """The (layer, process) steps of the route of a cost model."""
    return {(s.layer, s.process) for s in model.reference.route.steps}


def _price_rows(model: Any, part: np.ndarray, columns: dict[str, np.ndarray],
                rows: np.ndarray, prices: tuple[np.ndarray, np.ndarray], ok: np.ndarray,
                sources: list[str]) -> list[tuple[np.ndarray, str]]:
    """Price the rows ``rows[part]`` with ``model`` (``part``: distinct indices into ``rows``
    and ``columns``, all of them or some), and return its designs (``ok``) that ``cell_cost``
    may plan another route for, as (part, what): those with a layer the model's route cannot
    make, per set of steps they are outside of, and the others that another route makes at
    less cost (``CostModel.cheaper_routes``), per route (what: :func:`_replan_text`)."""
    sub = columns if len(part) == len(rows) else {k: v[part] for k, v in columns.items()}
    c, pk = model.from_energy(sub)
    prices[0][rows[part]] = np.broadcast_to(c, part.shape)
    prices[1][rows[part]] = np.broadcast_to(pk, part.shape)
    sources += list(getattr(model.reference, "sources", ()))
    found = model.outside_ranges(sub)
    cheaper = model.cheaper_routes(sub)  # rows the route makes, another one at less cost
    if not found and not cheaper:
        return []
    code = np.zeros(part.shape, dtype=np.int64)
    group = np.full(part.shape, -1)
    for k, (_, outside) in enumerate(found):
        code |= np.broadcast_to(outside, part.shape).astype(np.int64) << k
    for k, (_, rows_k) in enumerate(cheaper):  # apart from those outside, one group each
        group[np.broadcast_to(rows_k, part.shape)] = k
    code[~ok[part]] = 0  # no design: not planned again
    group[~ok[part]] = -1
    parts = [(part[code == value], _replan_text(found, value))
             for value in np.unique(code[code != 0]).tolist()]
    return parts + [(part[group == k], _replan_text(found, 0))
                    for k in np.unique(group[group >= 0]).tolist()]


def _replan_text(found: list[tuple[str, Any]], code: int) -> str:
    """What the rows of a part planned again have (after "N of M designs "): a layer outside
    the ranges of the ``found`` steps whose bits ``code`` sets, or (``code`` 0) a route of
    lower cost than the base design's (``CostModel.cheaper_routes``)."""
    if not code:
        return "have a route of lower cost than the base design's"
    what = "; ".join(text for k, (text, _) in enumerate(found) if code >> k & 1)
    return f"have a layer the base design's route cannot make ({what})"


def _by_cells_in_series(rows: np.ndarray, label: str, series: Any,
                        usable: np.ndarray | None) -> list[tuple[np.ndarray, int | None, str]]:
    """(rows, cells in series or None, label) of the cost models of one group: one for the
    group without a swept ``series``, else one per value of it among its usable rows."""
    if series is None:
        return [(rows, None, label)]
    x = np.asarray(series, dtype=float)[rows]
    keep = np.isfinite(x) if usable is None else usable[rows] & np.isfinite(x)
    return [(rows[x == value], int(value), f"{label}, {SERIES_PATH}={int(value)}")
            for value in np.unique(x[keep])]


__all__ = ["CONNECT_TIMEOUT_KEY", "FAST_PATHS", "INTERFACES_KEY", "ISSUES_KEY",
           "TIMEOUT_ALLOWED", "Application", "DesignSpace", "InterfaceVerdict", "ScreenResult",
           "applications", "check_plot_path", "connect_timeout_s", "interface_verdict",
           "load_space", "pareto_mask", "planned_objectives", "row_design", "sample", "screen",
           "shown_parameter", "timeout_field"]
