"""Reason 12 ("a number out of the design model's range") says which number, per row: the
first rule of ``LIMITS`` a row breaks, as the field a user knows, its value and what is
allowed (``off_limits``, ``reason_details``, ``EnergyBatch.reason_details``, the batch's
``"Reason detail"`` column). The detail exists exactly for the rows with reason code 12, the
value it shows is the row's and breaks the rule it states (checked here by reading the stated
rule, not by the code that made it), and a design field is named as the scalar design's
ValidationError names it."""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exampledesigns import example
from solidcell.cell.design import (
    HEADSPACE_ALLOWED,
    INTEGER_LIMITS,
    PLANE_ALLOWED,
    REPEAT_UNIT_RULE,
    SEAL_ALLOWED,
    shown_number,
)
from solidcell.cell.energy import (
    DETAIL_KEY,
    FIELDS,
    GEOMETRY_PARAMETERS,
    LIMITED_COLUMNS,
    LIMITS,
    MATERIAL_COLUMNS,
    OFF_LIMITS,
    OUT_OF_RANGE,
    PARAMETERS,
    REASONS,
    core,
    design_parameters,
    evaluate_many,
    off_limits,
    reason_details,
)
from solidcell.errors import ValidationError


def base(name: str = "ev-nmc811-lpscl-li") -> dict[str, Any]:
    return design_parameters(example(name).resolved())


def detail_of(params: dict[str, Any]) -> Any:
    """The one row's reason code and OffLimit (params of one row, scalars)."""
    code = int(core(params)["Reason code"])
    return code, off_limits(params)[0]


@pytest.mark.parametrize(("column", "x", "field", "shown"), [
    ("separator_thickness_m", -1e-5, "separator.thickness_m", "'-10 um'"),
    ("casing_thickness_m", math.nan, "format.casing_thickness_m", "nan"),
    ("n_layers", 0.5, "format.n_layers", "0.5"),
    ("cathode_active_density_kg_m3", 4e4, "cathode active material density",
     "'40000 kg/m3'"),
    ("separator_conductivity_S_m", 0.0, "separator electrolyte conductivity", "'0 S/m'"),
    ("first_cycle_loss", 1.0, "first_cycle_loss", "1.0"),
    ("cathode_active_volume_fraction", 0.0, "cathode active volume fraction", "0.0"),
])
def test_each_family_names_its_column_and_value(column: str, x: float, field: str,
                                                shown: str) -> None:
    """The value in the unit a user reads (a thickness in um, as the design's refusals show
    it; test_cell_reason12_words.py checks each family against the scalar design)."""
    code, found = detail_of({**base(), column: x})
    assert code == OFF_LIMITS and found is not None
    assert found.field == field and found.parameter == column
    assert found.value == x or (math.isnan(x) and math.isnan(found.value))
    assert found.text.startswith(f"{field}: {shown} is not allowed; ")
    assert found.field == FIELDS[column]


def test_fractions_above_one_name_their_sum() -> None:
    p = base()
    code, found = detail_of({**p, "cathode_active_volume_fraction": 0.9})
    total = 0.9 + p["cathode_electrolyte_volume_fraction"]
    assert code == 12 and found.value == pytest.approx(total) and total > 1
    assert found.field == "cathode active volume fraction + cathode electrolyte volume fraction"
    assert found.derived.startswith("cathode.active_fraction + cathode.electrolyte_fraction")
    assert "at most 1" in found.allowed


def test_a_prime_pack_count_names_the_pack() -> None:
    prime = 100_003  # prime (no divisor up to its square root 316.2), above both bounds
    assert all(prime % f for f in range(2, 317))
    assert prime > max(INTEGER_LIMITS["pack.cells_in_series"],
                       INTEGER_LIMITS["pack.cells_in_parallel"])
    pack = {"pack_mass_efficiency": 0.8, "pack_volume_efficiency": 0.6}
    assert detail_of({**base(), **pack, "pack_cells": 100_002.0})[0] == 0  # 2 x 50001
    code, found = detail_of({**base(), **pack, "pack_cells": float(prime)})
    assert code == 12 and found.value == prime and isinstance(found.value, int)
    assert found.field == "pack.cells_in_series x pack.cells_in_parallel"
    assert "prime" in found.allowed


def test_rules_refused_together_name_the_field() -> None:
    p = base()
    dense = {**p, "cathode_electrolyte_volume_fraction": 0.0, "cathode_tortuosity_factor": 2.0}
    code, found = detail_of(dense)
    assert code == 12 and found.field == "cathode.tortuosity_factor" and found.value == 2.0
    assert found.allowed.startswith("applies to the solid electrolyte")
    code, found = detail_of({**p, "anode_prelithiation": 0.5})  # a li_metal foil: no host
    assert code == 12 and found.field == "anode.prelithiation" and "host anode" in found.allowed
    thin = base("thin-film-lco-lipon-li")
    code, found = detail_of({**thin, "substrate_thickness_m": 0.0})
    assert code == 12 and found.field == "format.substrate_thickness_m" and found.value == 0.0


#: (example, column) whose design field the scalar design refuses with the same rule
SCALAR = [("ev-nmc811-lpscl-li", c) for c in (
    "separator_thickness_m", "cathode_collector_thickness_m", "anode_collector_thickness_m",
    "casing_thickness_m", "seal_width_m", "tab_mass_kg", "headspace_m", "first_cycle_loss",
    "cathode_interface_resistance_ohm_m2", "anode_interface_resistance_ohm_m2",
    "separator_porosity", "electrode_width_m", "electrode_height_m", "n_layers")] + [
    ("bipolar-nmc811-lpscl-li", "bipolar_collector_thickness_m"),
    ("bipolar-nmc811-lpscl-li", "cells_in_series"),
    ("interdigitated-3d-nmc811-lpscl-li", "cathode_width_m"),
    ("interdigitated-3d-nmc811-lpscl-li", "gap_m"),
    ("thin-film-lco-lipon-li", "substrate_thickness_m")]


@pytest.mark.parametrize(("name", "column"), SCALAR)
@pytest.mark.parametrize("x", [-1.0, math.nan, math.inf, 1.5])
def test_the_detail_agrees_with_the_scalar_design(name: str, column: str, x: float) -> None:
    """Where the row is refused (reason 12) and the design built with the value is refused,
    both name the same field and show the value alike (cell.design ``shown_number``: the
    design shows a number given as it is, and the row's SI number in the unit a user reads);
    for the design model's own number rules, with its words."""
    code, found = detail_of({**base(name), column: x})
    try:
        example(name).replace(**{FIELDS[column]: x})
        refused = None
    except ValidationError as exc:
        refused = exc
    assert (code == 12) == (refused is not None), (column, x, code)
    if refused is None:
        return
    if found.allowed in (PLANE_ALLOWED, REPEAT_UNIT_RULE):  # the geometry, its own test
        assert found.allowed in refused.allowed  # (test_cell_geometry_sanity.py)
        return
    assert found.field == refused.field
    # (a geometry rule's refusal shows its value as text, as the row does: '1500 mm')
    shown = refused.value if isinstance(refused.value, str) \
        else shown_number(refused.field, refused.value)
    assert found.shown == shown or math.isnan(x)
    if LIMITED_COLUMNS[column][0] not in ("layers", "series") or x == -1.0:
        # (pydantic refuses a count of 1.5, NaN or inf as no integer, in its words)
        assert found.allowed == refused.allowed
        assert found.text.startswith(
            str(ValidationError(refused.field, found.shown, refused.allowed)))


def test_every_rule_has_one_home_and_a_name() -> None:
    """LIMITS holds the rules of every column of LIMITED_COLUMNS and MATERIAL_COLUMNS (and
    only of them, but for the sum of two fractions), each with the name a user knows."""
    named = {lim.parameter for lim in LIMITS if " + " not in lim.parameter}
    # (and the stacked cell's geometry, test_cell_geometry_sanity.py)
    assert named == {*LIMITED_COLUMNS, *MATERIAL_COLUMNS, *GEOMETRY_PARAMETERS}
    assert all(lim.field == FIELDS[lim.parameter] for lim in LIMITS if lim.parameter in FIELDS)
    assert set(FIELDS) == {*LIMITED_COLUMNS, *MATERIAL_COLUMNS} <= set(PARAMETERS)
    assert REASONS[12].startswith(OUT_OF_RANGE)


# --- an oracle of the stated rule: the text, read here --------------------------------
_NUM = r"(-?[0-9.e+-]+)"


def breaks_stated_rule(value: float, allowed: str) -> bool:
    """Whether ``value`` breaks the rule ``allowed`` states (the words, parsed)."""
    x = value
    if math.isnan(x):
        return "NaN (not known)" not in allowed and "NaN: not given" not in allowed
    if allowed.startswith("applies to"):
        return True  # given (not NaN) where it does not apply
    if allowed.startswith("must be at most 1"):
        return x > 1 + float(re.search(r"within " + _NUM, allowed).group(1))
    if allowed.startswith("must be cells_in_series x cells_in_parallel"):
        s, p = INTEGER_LIMITS["pack.cells_in_series"], INTEGER_LIMITS["pack.cells_in_parallel"]
        if not (math.isfinite(x) and x == int(x) and 1 <= x <= s * p):
            return True
        f = np.arange(1, max(s, p) + 1)
        return not np.any((int(x) % f == 0) & (int(x) // f <= max(s, p))
                          & (np.minimum(f, int(x) // f) <= min(s, p)))
    if (m := re.match(r"must be <= " + _NUM + " (um|m) ", allowed)):  # an upper bound alone
        return not x <= float(m.group(1)) * (1e-6 if m.group(2) == "um" else 1.0)
    if (m := re.match(r"must be an integer in \[1, (\d+)\]", allowed)):
        return not (x == int(x) and 1 <= x <= int(m.group(1))) if math.isfinite(x) else True
    if (m := re.match(r"must lie in ([\[(])" + _NUM + ", " + _NUM + r"([\])])", allowed)):
        lo, hi = float(m.group(2)), float(m.group(3))
        ok = (x >= lo if m.group(1) == "[" else x > lo) and (
            x <= hi if m.group(4) == "]" else x < hi)
        return not ok
    m = re.match(r"must be (>=|>) " + _NUM + r"(?: [^ ,:;(]+)?(?: and <= " + _NUM + ")?",
                 allowed)
    assert m, allowed
    lo = float(m.group(2))
    ok = math.isfinite(x) and (x >= lo if m.group(1) == ">=" else x > lo)
    if m.group(3):
        ok = ok and x <= float(m.group(3))
    return not ok


_COLUMNS = sorted({*LIMITED_COLUMNS, *MATERIAL_COLUMNS} - {"pack_cells"})
_VALUES = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([0.0, -1.0, 0.5, 1.0, 1.5, 2.0, 1e-300, 3.1e4, 1e4 + 1]))
_ROW = st.dictionaries(st.sampled_from(_COLUMNS), _VALUES, max_size=3)
_KINDS = st.fixed_dictionaries({"architecture": st.sampled_from([0.0, 1.0, 3.0, 4.0]),
                                "format": st.sampled_from([0.0, 1.0, 2.0, 3.0]),
                                "anode_kind": st.sampled_from([0.0, 1.0, 2.0, 3.0])})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(_KINDS, _ROW), min_size=1, max_size=6))
def test_a_detail_names_a_number_that_breaks_its_stated_rule(rows: list[Any]) -> None:
    """Rows of the EV example with up to three numbers changed (any float, any kind of
    architecture, format and anode): a detail exactly where the code is 12, and the value
    it shows is the row's value of its parameter (or their sum) and breaks the stated rule."""
    p = {**base(), "pack_cells": 8.0, "pack_mass_efficiency": 0.8,
         "pack_volume_efficiency": 0.6, "diameter_m": 0.021, "can_height_m": 0.07,
         "cathode_width_m": 5e-5, "gap_m": 1e-5, "anode_width_m": 4e-5}
    n = len(rows)
    params = {k: np.full(n, v, dtype=float) for k, v in p.items()}
    for i, (kinds, changed) in enumerate(rows):
        for k, v in {**kinds, **changed}.items():
            params[k][i] = v
    codes = evaluate_many(params)["Reason code"]
    found = off_limits(params)
    texts = reason_details(params, codes)
    for i in range(n):
        assert (found[i] is not None) == (codes[i] == 12), (i, codes[i], found[i])
        assert (texts[i] != "") == (codes[i] == 12)
        if found[i] is None:
            continue
        o = found[i]
        assert texts[i] == o.text
        side = min(params["electrode_width_m"][i], params["electrode_height_m"][i])
        if o.allowed in (PLANE_ALLOWED, SEAL_ALLOWED, HEADSPACE_ALLOWED):  # the row's geometry
            bound = params["electrode_height_m"][i] if o.allowed == HEADSPACE_ALLOWED else side
            assert not o.value < bound, o
            continue
        if REPEAT_UNIT_RULE in o.allowed:  # named by its widest term, as the design names it
            arch = params["architecture"][i]
            terms = {c: params[c][i] * (2 if c == "gap_m" and arch == 3 else 1)
                     for c in ("cathode_width_m", "anode_width_m", "gap_m")
                     if c != "anode_width_m" or arch == 3}
            assert not sum(terms.values()) <= side, o
            assert o.value == params[o.parameter][i] and o.field == FIELDS[o.parameter]
            assert terms[o.parameter] == max(terms.values()), o
            continue
        names = o.parameter.split(" + ")
        row_value = sum(params[c][i] for c in names)
        assert o.value == row_value or (math.isnan(o.value) and math.isnan(row_value)), o
        assert breaks_stated_rule(float(o.value), o.allowed), o.text
        assert o.field == " + ".join(FIELDS[c] for c in names)


def test_the_batch_carries_the_detail() -> None:
    """evaluate_many's batch: "Reason detail" per row (a column of the frame and the JSON),
    the row's reason text names the number; feasible rows have none."""
    p = base()
    batch = evaluate_many({**p, "separator_thickness_m": np.array([3e-5, -1e-5, 3e-5]),
                           "n_layers": np.array([10.0, 10.0, 0.5])})
    assert batch["Reason code"].tolist() == [0, 12, 12]
    details = batch[DETAIL_KEY].tolist()
    assert details[0] == "" and details[1].startswith("separator.thickness_m: '-10 um' is not")
    assert details[2].startswith("format.n_layers: 0.5 is not allowed; must be an integer")
    assert batch.reasons[0] == "" and batch.reasons[1] == f"{OUT_OF_RANGE}: {details[1]}"
    frame = batch.to_frame()
    assert frame[DETAIL_KEY].tolist() == details
    assert batch.to_json()["columns"][DETAIL_KEY] == details
    ok = evaluate_many({**p, "separator_thickness_m": np.array([3e-5, 4e-5])})
    assert ok.details == {} and ok[DETAIL_KEY].tolist() == ["", ""]
    assert int(evaluate_many([example("ev-nmc811-lpscl-li")])["Reason code"][0]) == 0


def test_the_oracle_reads_the_rules() -> None:
    """The rule reader above is no rubber stamp: values within each kind of rule pass."""
    for x, allowed in ((0.5, "must be > 0 m and finite"), (0.0, "must be >= 0 kg and finite"),
                       (0.0, "must lie in [0, 1)"), (1.0, "must lie in (0, 1]"),
                       (7.0, "must be an integer in [1, 10000]"),
                       (1.0, "must be > 0 m2/s and <= 1 m2/s, or NaN (not known): x"),
                       (5e-5, "must be <= 100 um in a thin_film architecture"),
                       (8.0, "must be cells_in_series x cells_in_parallel, each ..."),
                       (float("nan"), "must be >= 1 and finite (...); NaN: not given"),
                       (1.0, "must be at most 1 (within 1e-06): volume fractions")):
        assert not breaks_stated_rule(x, allowed), (x, allowed)
    assert breaks_stated_rule(1.5, "must be > 0 m2/s and <= 1 m2/s, or NaN (not known): x")
    assert breaks_stated_rule(100_003.0, "must be cells_in_series x cells_in_parallel, ...")
