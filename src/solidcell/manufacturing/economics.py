"""Cost of a process step per m2: equipment (capital recovery) plus variable and atmosphere costs.

    CRF = i (1 + i)^n / ((1 + i)^n - 1)                      capital recovery factor
    equipment cost rate [USD/s] = capex * CRF / operating seconds per year
    step cost [USD/m2] = rate * t_area + variable cost + atmosphere cost

with i the interest rate, n the equipment life in years and t_area the machine time per m2
(:meth:`Process.time_per_area`). The CRF is the standard annuity factor of engineering economics
(Short, Packey & Holt, NREL 1995, key ``short1995_nrel_economics``). All arguments broadcast
(NumPy), so the same function serves one design and a screen of millions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any

from solidcell.errors import ValidationError
from solidcell.manufacturing.processes import Process, ProcessDatabase, load_processes

SECONDS_PER_YEAR = 365.25 * 24 * 3600.0


def capital_recovery_factor(interest_rate: Any, years: Any) -> Any:
    """Annuity factor i(1+i)^n/((1+i)^n - 1); 1/n for a zero interest rate (array-friendly)."""
    if isinstance(interest_rate, float | int) and isinstance(years, float | int):
        if interest_rate > 0:
            growth = (1.0 + interest_rate) ** years
            return interest_rate * growth / (growth - 1.0)
        return 1.0 / years
    import numpy as np

    i = np.asarray(interest_rate, dtype=float)
    n = np.asarray(years, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = (1.0 + i) ** n
        crf = np.where(i > 0, i * growth / (growth - 1.0), 1.0 / n)
    return crf if crf.ndim else float(crf)


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
        out = replace(self, **values)
        out.check()
        return out

    def check(self) -> None:
        limits = {
            "interest_rate": (0.0, 1.0, "a fraction between 0 and 1"),
            "equipment_life_years": (1e-9, 100.0, "a positive number of years (<= 100)"),
            "operating_hours": (1e-9, 8784.0, "hours per year in (0, 8784]"),
            "cell_finishing_cost_USD_m2": (0.0, 1e6, "a non-negative cost in USD/m2"),
            "cell_finishing_yield": (1e-9, 1.0, "a fraction in (0, 1]"),
            "pack_integration_cost_USD_kWh": (0.0, 1e6, "a non-negative cost in USD/kWh"),
            "max_time_per_m2_s": (1e-9, math.inf, "a positive time in s/m2"),
        }
        for f in fields(self):
            if f.name == "prices":
                continue
            value = getattr(self, f.name)
            if value is None:
                continue
            lo, hi, allowed = limits[f.name]
            if isinstance(value, bool) or not isinstance(value, int | float) or \
                    not math.isfinite(value) or not lo <= value <= hi:
                raise ValidationError(f.name, value, allowed)
        for mid, price in self.prices.items():
            if isinstance(price, bool) or not isinstance(price, int | float) or \
                    not math.isfinite(price) or price < 0:
                raise ValidationError(f"prices.{mid}", price,
                                      "a non-negative finite price in USD/kg")

    @property
    def sources(self) -> tuple[str, ...]:
        db = load_processes()
        keys = [q.source for q in db.cost_defaults.values()] + ["short1995_nrel_economics"]
        return tuple(dict.fromkeys(keys))


def equipment_rate(db: ProcessDatabase, process: Process, options: CostOptions) -> float:
    """Capital cost per second of machine time [USD/s]."""
    opts = options if options.interest_rate is not None else options.resolved(db)
    crf = capital_recovery_factor(opts.interest_rate, opts.equipment_life_years)
    return db.capex(process) * crf / (opts.operating_hours * 3600.0)  # type: ignore[operator]


def step_cost_per_area(db: ProcessDatabase, process: Process, thickness: Any,
                       atmosphere: str, options: CostOptions) -> Any:
    """Cost of one process step per m2 of layer [USD/m2], before yield (array-friendly)."""
    rate = equipment_rate(db, process, options)
    return (rate * process.time_per_area(thickness) + process.si("variable_cost")
            + db.atmospheres[atmosphere].si("area price"))  # type: ignore[index]
