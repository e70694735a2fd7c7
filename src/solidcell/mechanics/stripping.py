"""Lithium stripping on discharge: measured void formation and contact loss, and the check.

Stripping lithium from a Li | solid electrolyte interface faster than lithium can be replenished
(by creep under the stack pressure, by vacancy diffusion in the metal) leaves voids there; they
accumulate on cycling, focus the current of the next plating and lead to dendrites and short
circuits (Kasemchainan et al. 2019, as Duan et al. 2023 summarise it; Krauskopf et al. 2019 on
Li | garnet). Pressure raises the current lithium can follow: Spencer Jolly et al. found a
critical current for stripping for each stack pressure on Na | Na-beta''-alumina, "in line with
results for the Li/solid-electrolyte interface".

No model of the limit with parameters that could be read and checked is implemented. What is
stored are **measurements** read in the papers' text (:data:`MEASURED_STRIPPING`): stripping
currents at which voids or contact loss were *observed*, with the stack pressure, the charge
stripped per step and the cell. An observation at (i_o, p_o) covers a design that strips at a
current >= i_o under a stack pressure <= p_o (a higher current or a lower pressure can only be
worse); a design at a higher pressure than the test's is not covered, and the check's warning
says that no measurement shows whether it forms voids. Below every observed current nothing is
claimed: these are failures seen, not thresholds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from solidcell.errors import ValidationError
from solidcell.reprs import concise_repr

#: source of "pressure raises the stripping limit" (Na | Na-beta''-alumina, in line with Li)
PRESSURE_SOURCE = "spencerjolly2019_na_voids"
#: relative tolerance of a design's current, pressure or charge *at* a test's: equal up to
#: float rounding (0.3e-3 A / 1e-4 m2 is 2.9999999999999996 A/m2, the 3 A/m2 of a
#: 0.3 mA/cm2 test) counts as equal, as its printed value shows it
AT_TEST_RTOL = 1e-9


@dataclass(frozen=True)
class StrippingObservation:
    """One measured stripping test that formed voids or lost contact, in printed units."""

    __repr__ = concise_repr

    electrolyte: str
    current_mA_cm2: float
    stack_pressure_MPa: float
    stripped_mAh_cm2: float  # charge stripped per step before the failure was seen
    outcome: str
    source: str
    conditions: str
    temperature_K: float | None = None  # None: not stated in the text read

    @property
    def current_density_A_m2(self) -> float:
        return self.current_mA_cm2 * 10.0  # 1 mA/cm2 = 10 A/m2

    @property
    def stack_pressure_Pa(self) -> float:
        return self.stack_pressure_MPa * 1e6

    def to_json(self) -> dict[str, Any]:
        return {
            "Electrolyte": self.electrolyte,
            "Stripping current density [A.m-2]": self.current_density_A_m2,
            "Stack pressure [Pa]": self.stack_pressure_Pa,
            "Charge stripped per step [mA.h.cm-2]": self.stripped_mAh_cm2,
            "Temperature [K]": self.temperature_K,
            "Outcome": self.outcome,
            "Conditions": self.conditions,
            "Source": self.source,
        }


#: Stripping tests that formed voids or lost contact, read in public text copies of the papers
#: (tests/mechanics/test_mech_stripping.py quotes the printed numbers).
MEASURED_STRIPPING: tuple[StrippingObservation, ...] = (
    StrippingObservation(
        "li6ps5cl", 0.2, 0.0, 0.2 * 15.4,
        "contact lost on the stripping side after ~15.4 h of one-way current (~15 um of "
        "lithium stripped)",
        "singh2022_lpscl_microstructure",
        "Li | Li6PS5Cl | Li, small-grained pellet, lithium attached at 265 MPa isostatic, no "
        "stack pressure besides the atmosphere; temperature not stated in the text read"),
    StrippingObservation(
        "li6ps5cl", 0.3, 5.0, 0.3,
        "large voids at part of the Li | Li6PS5Cl interface, cracks beneath them, short "
        "circuit",
        "duan2023_lpscl_cracking",
        "Li | Li6PS5Cl | Li, 50 MPa for 30 min before cycling, then 0.3 mAh/cm2 per step at "
        "5 MPa until a short circuit; temperature not stated in the text read"),
)


def measured_stripping(electrolyte: str) -> tuple[StrippingObservation, ...]:
    """The stored stripping observations of ``electrolyte`` (a material id; () when none)."""
    if not isinstance(electrolyte, str) or not electrolyte.strip():
        raise ValidationError("electrolyte", electrolyte,
                              "the id of a solid electrolyte of the materials database, "
                              "e.g. li6ps5cl")
    return tuple(o for o in MEASURED_STRIPPING if o.electrolyte == electrolyte)


def _at_least(value: float, test: float) -> bool:
    """``value >= test``, or equal to it up to :data:`AT_TEST_RTOL` (float rounding)."""
    return value >= test or math.isclose(value, test, rel_tol=AT_TEST_RTOL)


def shown_apart(value: float, tests: list[float]) -> str:
    """``value`` printed with 3 significant digits, more where 3 would print the value of a test
    it is not at (:func:`_at_least` both ways): 0.29999 mA/cm2 beside a 0.3 mA/cm2 test reads
    0.29999, not 0.3."""
    for digits in range(3, 18):
        text = f"{value:.{digits}g}"
        if not any(float(text) == float(f"{t:.{digits}g}") and not math.isclose(
                value, t, rel_tol=AT_TEST_RTOL) for t in tests):
            return text
    return repr(value)


def _capacity_note(o: StrippingObservation, areal_capacity_mAh_cm2: float | None) -> str:
    if areal_capacity_mAh_cm2 is None or _at_least(areal_capacity_mAh_cm2, o.stripped_mAh_cm2):
        return ""
    shown = shown_apart(areal_capacity_mAh_cm2, [o.stripped_mAh_cm2])
    return (f"; the design strips {shown} mAh/cm2 per discharge, less "
            f"than the test's {o.stripped_mAh_cm2:.3g} mAh/cm2 per step: the observation may "
            "not carry over")


def _seen(o: StrippingObservation) -> str:
    return (f"{o.current_mA_cm2:g} mA/cm2 under {o.stack_pressure_MPa:g} MPa: {o.outcome} "
            f"({o.conditions}) [{o.source}]")


def stripping_check(
    separator: str,
    current_A_m2: float,
    pressure_Pa: float | None,
    areal_capacity_mAh_cm2: float | None = None,
) -> tuple[list[str], list[str]]:
    """(warnings, sources) for stripping lithium at ``current_A_m2`` [A/m2] against
    ``separator`` under the stack pressure ``pressure_Pa`` [Pa] (None: not given), the design
    stripping ``areal_capacity_mAh_cm2`` per discharge (None: not compared); a negative, NaN,
    infinite, bool or text input raises :class:`~solidcell.errors.ValidationError`.

    An observation covers the design when i >= i_o and p <= p_o (equal up to float rounding,
    :data:`AT_TEST_RTOL`; module docstring): one
    warning per such observation, with the test's conditions and source. Reached only at
    lower pressures than the design's: one warning that no measurement covers the design.
    Without a pressure: one warning naming the observations reached and their pressures."""
    from solidcell.checks import non_negative

    observed = measured_stripping(separator)
    i = non_negative("current_A_m2", current_A_m2, "a current density >= 0 A/m2")
    if pressure_Pa is not None:
        pressure_Pa = non_negative("pressure_Pa", pressure_Pa, "a stack pressure >= 0 Pa")
    if areal_capacity_mAh_cm2 is not None:
        areal_capacity_mAh_cm2 = non_negative("areal_capacity_mAh_cm2", areal_capacity_mAh_cm2,
                                              "an areal capacity >= 0 mAh/cm2")
    if not observed:
        return ([f"no measured stripping failure (void formation on discharge) of {separator} "
                 "in solidcell to compare the discharge current with"], [])
    reached = [o for o in observed if _at_least(i, o.current_density_A_m2)]
    if not reached:
        return [], []
    head = f"discharging at {shown_apart(i / 10, [o.current_mA_cm2 for o in observed])} mA/cm2"
    if pressure_Pa is None:
        text = (f"{head} (stack pressure not given) reaches the stripping currents at which "
                f"{separator} formed voids: " + "; ".join(_seen(o) for o in reached) +
                f"; give the stack pressure: a higher one than a test's is not covered by it "
                f"[{PRESSURE_SOURCE}]")
        return [text], [*dict.fromkeys(o.source for o in reached), PRESSURE_SOURCE]
    covered = [o for o in reached if _at_least(o.stack_pressure_Pa, pressure_Pa)]
    under = shown_apart(pressure_Pa / 1e6, [o.stack_pressure_MPa for o in observed])
    if covered:
        return ([f"{head} under {under} MPa (the lowest of the cycle) reaches "
                 f"a stripping failure of {separator} measured at or above that pressure: "
                 f"{_seen(o)}{_capacity_note(o, areal_capacity_mAh_cm2)}" for o in covered],
                list(dict.fromkeys(o.source for o in covered)))
    text = (f"{head} under {under} MPa: {separator} formed voids at this "
            "current or below only at lower stack pressures ("
            + "; ".join(f"{o.current_mA_cm2:g} mA/cm2 under {o.stack_pressure_MPa:g} MPa "
                        f"[{o.source}]" for o in reached)
            + f"); pressure raises the stripping limit [{PRESSURE_SOURCE}]: no measurement "
            "in solidcell shows whether the design forms voids")
    return [text], [*dict.fromkeys(o.source for o in reached), PRESSURE_SOURCE]
