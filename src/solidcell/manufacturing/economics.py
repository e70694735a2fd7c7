"""Cost of a process step per m2: equipment (capital recovery) plus variable and atmosphere costs.

    CRF = i (1 + i)^n / ((1 + i)^n - 1)                      capital recovery factor
    equipment cost rate [USD/s] = capex * CRF / operating seconds per year
    step cost [USD/m2] = rate * t_area + variable cost + atmosphere cost

with i the interest rate, n the equipment life in years and t_area the machine time per m2
(:meth:`Process.time_per_area`). The CRF is the standard annuity factor of engineering economics
(Short, Packey & Holt, NREL 1995, key ``short1995_nrel_economics``). All arguments broadcast
(NumPy), so the same function serves one design and a screen of millions.

A step that fires a ceramic layer (``sinters_ceramics``) adds the kiln's fuel,
:func:`firing_fuel_cost` (``m c_p dT / efficiency * price``, the kiln section of the process
database), with ``c_p`` by the Dulong-Petit law (:func:`dulong_petit_heat_capacity`).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field, fields, replace
from typing import Any

from solidcell.checks import is_real, real
from solidcell.errors import ValidationError
from solidcell.manufacturing.processes import Process, ProcessDatabase, load_processes

SECONDS_PER_YEAR = 365.25 * 24 * 3600.0

#: The rule of a price, said alike by CostOptions and `--price` (a negative and a NaN price
#: were refused in two wordings)
PRICE_ALLOWED = "a finite price >= 0 in USD/kg"
#: Said after a rule when text was given where the Python API takes a number (SI inside)
TEXT_HINT = (" (a number in the unit of the argument's name; solidcell.units.parse('50 USD/kg', "
             "'price') converts text with a unit)")


def capital_recovery_factor(interest_rate: Any, years: Any) -> Any:
    """Annuity factor i(1+i)^n/((1+i)^n - 1); 1/n for a zero interest rate (array-friendly).

    A negative or non-finite rate, or a life that is not a positive finite number of years,
    raises ValidationError for numbers and gives NaN in arrays (a negative rate was costed as
    a zero one, a zero life and a rate of 1e-80 raised ZeroDivisionError)."""
    if isinstance(interest_rate, numbers.Real) and isinstance(years, numbers.Real):
        i = real("interest_rate", interest_rate, "a finite fraction >= 0")
        n = real("years", years, "a positive finite number of years")
        if not (math.isfinite(i) and i >= 0):
            raise ValidationError("interest_rate", interest_rate, "a finite fraction >= 0")
        if not (math.isfinite(n) and n > 0):
            raise ValidationError("years", years, "a positive finite number of years")
        if i * n < 1e-8:  # series 1/n + i (n+1)/(2n): (1+i)^n - 1 rounds to 0 for tiny i
            return 1.0 / n + i * (n + 1.0) / (2.0 * n)
        return i / -math.expm1(-n * math.log1p(i))  # = i (1+i)^n / ((1+i)^n - 1)
    import numpy as np

    i = np.asarray(interest_rate, dtype=float)
    n = np.asarray(years, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        crf = np.where(i * n < 1e-8, 1.0 / n + i * (n + 1.0) / (2.0 * n),
                       i / -np.expm1(-n * np.log1p(i)))
        crf = np.where((i >= 0) & (n > 0) & np.isfinite(i) & np.isfinite(n), crf, np.nan)
    return crf if crf.ndim else float(crf)


def _finite(value: Any) -> bool:
    """Whether ``value`` is a real number (no bool) and finite; an int beyond the largest
    float (``10**400``, whose ``math.isfinite`` raised OverflowError) is not."""
    try:
        return is_real(value) and math.isfinite(value)
    except OverflowError:
        return False


@dataclass(frozen=True)
class CostOptions:
    """Assumptions of the cost model (defaults from ``cost_defaults`` in the process database).

    ``prices`` maps material ids to USD/kg and overrides the knowledge base's ``price``.
    """

    interest_rate: float | None = None
    equipment_life_years: float | None = None
    operating_hours: float | None = None
    cell_finishing_cost_USD_m2: float | None = None
    cell_finishing_yield: float | None = None
    pack_integration_cost_USD_kWh: float | None = None
    max_time_per_m2_s: float | None = None
    prices: dict[str, float] = field(default_factory=dict)

    def resolved(self, db: ProcessDatabase | None = None) -> CostOptions:
        """A copy with every None replaced by the database default, all values checked."""
        db = db or load_processes()
        defaults = {
            "interest_rate": db.cost_default("interest_rate"),
            "equipment_life_years": db.cost_default("equipment_life") / (SECONDS_PER_YEAR),
            "operating_hours": db.cost_default("operating_hours") / 3600.0,
            "cell_finishing_cost_USD_m2": db.cost_default("cell_finishing_cost"),
            "cell_finishing_yield": db.cost_default("cell_finishing_yield"),
            "pack_integration_cost_USD_kWh": db.cost_default("pack_integration_cost"),
            "max_time_per_m2_s": db.cost_default("max_time_per_m2"),
        }
        values = {k: (getattr(self, k) if getattr(self, k) is not None else v)
                  for k, v in defaults.items()}
        replace(self, **values).check()  # before float(): True or '6000' must be refused
        # "+ 0.0": a cost of -0 (--pack-adder -0) is 0, not shown as -0
        return replace(self, **{k: float(v) + 0.0 for k, v in values.items()})

    def check(self) -> None:
        limits = {
            "interest_rate": (0.0, 1.0, "a fraction between 0 and 1"),
            "equipment_life_years": (1e-9, 100.0, "a positive number of years (<= 100)"),
            "operating_hours": (1e-9, 8784.0, "hours per year in (0, 8784]"),
            "cell_finishing_cost_USD_m2": (0.0, 1e6, "a non-negative cost in USD/m2, at most 1e6"),
            "cell_finishing_yield": (1e-9, 1.0, "a fraction in (0, 1]"),
            "pack_integration_cost_USD_kWh": (0.0, 1e6,
                                              "a non-negative cost in USD/kWh, at most 1e6"),
            "max_time_per_m2_s": (1e-9, math.inf, "a positive time in s/m2"),
        }
        for f in fields(self):
            if f.name == "prices":
                continue
            value = getattr(self, f.name)
            if value is None:
                continue
            lo, hi, allowed = limits[f.name]
            # is_real: NumPy numbers too (np.int64(6000) hours was refused as out of range)
            if not _finite(value) or not lo <= value <= hi:
                raise ValidationError(f.name, value, allowed)
        if not isinstance(self.prices, dict):  # a list or None failed with AttributeError
            raise ValidationError("prices", self.prices,
                                  "a mapping of material ids to prices in USD/kg")
        for mid, price in self.prices.items():
            if not isinstance(mid, str) or not mid.strip():
                raise ValidationError("prices", mid, "material ids (non-empty strings) as keys")
            if not _finite(price) or price < 0:
                raise ValidationError(f"prices.{mid}", price, PRICE_ALLOWED + (
                    TEXT_HINT if isinstance(price, str) else ""))
            from solidcell.materials.schema import PROPERTIES

            limit = PROPERTIES["price"].upper  # `--price` refuses the same (cli/_common.py)
            if limit is not None and price > limit:
                raise ValidationError(f"prices.{mid}", price, f"a price in USD/kg at most the "
                                      f"plausible limit {limit:g} USD/kg")

    @property
    def sources(self) -> tuple[str, ...]:
        db = load_processes()
        keys = [q.source for q in db.cost_defaults.values()] + ["short1995_nrel_economics"]
        return tuple(dict.fromkeys(keys))


def good_unit_cost(step_costs: Any, step_yields: Any, finishing_cost: Any = 0.0,
                   finishing_yield: Any = 1.0) -> Any:
    """Cost of a good unit [USD/m2] of a serial line that scraps at each step (arrays broadcast).

    Steps ``i = 1..n`` in build order, then the cell finishing. A part that reaches step ``i``
    pays its cost ``c_i`` (the step's material, lost with a scrapped part, and its process
    cost); scrap is found at the step that causes it, so of the parts entering step ``i`` a
    share ``prod_{j>=i} y_j`` (the finishing yield included) ends good:

        C = sum_i c_i / (y_f prod_{j>=i} y_j) + c_f / y_f

    computed forward, ``A_0 = 0``, ``A_i = (A_{i-1} + c_i) / y_i``, ``C = (A_n + c_f) / y_f``.
    The yields multiply to the rolled throughput yield (minitab_rolled_throughput_yield);
    each material over its own step's and the later yields is BatteryCost's convention of a
    material over its step's yield and the cell yield (bills2020_batterycost), extended to
    the steps between. Never above ``(sum c + c_f) / (y_f prod y)``, which charged a part
    scrapped at a step with the later layers and the finishing, and equal to it when only
    the last stage loses parts. The one rule of the cost of a design, a screen, the route
    planner's ranking and the sensitivity. A non-positive yield gives NaN."""
    import numpy as np

    acc: Any = 0.0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for c, y in zip(step_costs, step_yields, strict=True):
            acc = (acc + np.asarray(c, dtype=float)) / _positive(y)
        out = (acc + np.asarray(finishing_cost, dtype=float)) / _positive(finishing_yield)
    return float(out) if np.ndim(out) == 0 else out


def _positive(y: Any) -> Any:
    """``y`` as floats, NaN where not positive (a yield divides)."""
    import numpy as np

    y = np.asarray(y, dtype=float)
    return np.where(y > 0, y, np.nan)


#: J per kWh (exact: 3600 s x 1000 W), to price the fuel of a firing in USD/kWh
J_PER_KWH = 3.6e6


def dulong_petit_heat_capacity(formula: str) -> float:
    """Heat capacity of a solid by the Dulong-Petit law, ``3 R N / M`` [J/(kg K)]: 3R per mole
    of atoms (``N`` atoms per formula unit, ``M`` molar mass [kg/mol]), the high-temperature
    limit of the lattice heat capacity (dulong1819_petit; R: codata2018). For
    Li7La3Zr2O12 0.713 J/(g K), within the 0.55-0.80 J/(g K) measured from room temperature
    to 1225 K (neises2022_llzo_thermal; docs/validation.md)."""
    from solidcell.chemistry.composition import parse_composition
    from solidcell.simulation.parameters import GAS_CONSTANT

    comp = parse_composition(formula)
    return 3.0 * GAS_CONSTANT * float(comp.num_atoms) / (float(comp.weight) * 1e-3)


def firing_fuel_cost(areal_mass: Any, heat_capacity: Any, temperature_K: Any,
                     room_temperature_K: float, thermal_efficiency: float,
                     fuel_price_USD_per_kWh: float) -> Any:
    """Fuel to fire a layer once [USD/m2] (array-friendly):
    ``m c_p (T - T_room) / efficiency * price``, with ``m`` its areal mass [kg/m2], ``c_p``
    its heat capacity [J/(kg K)], ``T`` the firing temperature [K] (no fuel below
    ``T_room``), the kiln's thermal efficiency (heat into the ware over gross fuel, which
    includes its losses over the cycle: ruark2001_tunnel_kiln_energy) and the fuel price
    [USD/kWh]. Higher temperatures and heavier layers never cost less."""
    import numpy as np

    rise = np.maximum(np.asarray(temperature_K, dtype=float) - room_temperature_K, 0.0)
    heat = np.asarray(areal_mass, dtype=float) * np.asarray(heat_capacity, dtype=float) * rise
    cost = heat / thermal_efficiency * fuel_price_USD_per_kWh / J_PER_KWH
    return cost if np.ndim(cost) else float(cost)


def equipment_rate(db: ProcessDatabase, process: Process, options: CostOptions) -> float:
    """Capital cost per second of machine time [USD/s]."""
    opts = options if options.interest_rate is not None else options.resolved(db)
    crf = capital_recovery_factor(opts.interest_rate, opts.equipment_life_years)
    return db.capex(process) * crf / (opts.operating_hours * 3600.0)  # type: ignore[operator]


def step_cost_per_area(db: ProcessDatabase, process: Process, thickness: Any,
                       atmosphere: str, options: CostOptions, dwell_s: float = 0.0) -> Any:
    """Cost of one process step per m2 of layer [USD/m2], before yield (array-friendly);
    ``dwell_s`` [s] a load's post-deposition anneal, machine time of the step's tool
    (:meth:`Process.time_per_area`)."""
    rate = equipment_rate(db, process, options)
    return (rate * process.time_per_area(thickness, dwell_s) + process.si("variable_cost")
            + atmosphere_cost(db, process, atmosphere))


def atmosphere_cost(db: ProcessDatabase, process: Process, atmosphere: str) -> float:
    """Atmosphere surcharge of one step [USD/m2]: the database's ``atmospheres`` price, the
    cost of running the step's tool in that atmosphere per m2 processed. A supply step
    (``family: supply``, a purchased foil unwound by the line that coats or laminates on it)
    runs no tool of its own and pays none: it was charged the dry room when made after a
    lithium or sulfide layer and nothing when made before, the same foil's cost set by the
    build order (the tool that unwinds it pays its atmosphere)."""
    if process.family == "supply":
        return 0.0
    return float(db.atmospheres[atmosphere].si("area price"))  # type: ignore[arg-type]
