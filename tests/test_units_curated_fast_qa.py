"""The units of the curated materials that pint alone read before (``mA/cm2``, ``MPa*m**0.5``,
``kJ/mol``) and those of the report (``A.h.m-2``, ``ohm*cm**2``) are in ``units._FAST``, and
``units.convert`` uses the table too: reading the knowledge base and writing the report's
numbers import no pint (whose import loads Dask where it is installed), with the float of units'
pint path for every number (the exact decimal result where the factor is a decimal)."""

from __future__ import annotations

import math
import os
import subprocess
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from solidcell import units
from solidcell.errors import UnitError

#: (kind, unit) read without pint since the curated materials use them
CURATED_UNITS = [("current density", "mA/cm2"), ("current density", "A/m2"),
                 ("fracture toughness", "MPa*m**0.5"), ("activation energy", "kJ/mol"),
                 ("areal capacity", "A.h.m-2"), ("areal resistance", "ohm*cm**2")]
#: (kind, unit) of the whole table, each converted from the canonical unit without pint
#: unless listed in units._CONVERT_BY_PINT
TABLE_UNITS = [(kind, unit) for kind, table in sorted(units._FAST.items()) for unit in table]


@given(st.sampled_from(CURATED_UNITS), st.floats(allow_nan=False, allow_infinity=False))
@example(("activation energy", "kJ/mol"), 1.0)  # 1 kJ/mol / N_A in eV: pint's rounding
@example(("activation energy", "kJ/mol"), 1.7976931348623157e308)
@example(("current density", "mA/cm2"), 1e308)  # overflows: refused by both
@example(("fracture toughness", "MPa*m**0.5"), -0.0)
@example(("activation energy", "kJ/mol"), 5e-324)
def test_the_table_gives_pints_float(kind_unit: tuple[str, str], x: float) -> None:
    kind, unit = kind_unit
    assert units._fast(x, unit, kind) is not None
    raw = float(units._to_quantity(x, unit, kind, unit).to(units.KINDS[kind]).magnitude)
    slow = units._exactly(x, unit, kind, raw)  # the exact decimal product where there is one
    fast = units._fast(x, unit, kind)
    assert fast == pytest.approx(raw, rel=1e-15, abs=1e-300) or not math.isfinite(raw)
    assert fast == slow and math.copysign(1, fast) == math.copysign(1, slow)  # type: ignore[arg-type]
    if math.isfinite(slow):
        assert units.parse(x, kind, unit) == slow
        assert units.parse(f"{x!r} {unit}", kind) == slow
    else:
        with pytest.raises(UnitError, match="not a finite quantity"):
            units.parse(x, kind, unit)


def test_kj_per_mol_is_per_ion() -> None:
    """96.485 kJ/mol is 1 eV per ion (F = N_A e = 96485.33212 C/mol, exact, codata2018)."""
    assert units.parse("96.48533212331 kJ/mol", "activation energy") == pytest.approx(
        1.0, rel=1e-12)


def _printed_by(code: str) -> str:
    """What ``code`` prints in a fresh interpreter (nothing imported before it)."""
    env = dict(os.environ, PYBAMM_DISABLE_TELEMETRY="true")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True).stdout.strip()


def test_reading_the_curated_materials_imports_no_pint() -> None:
    code = ("import sys\nfrom solidcell.materials.curated import curated_materials\n"
            "assert len(curated_materials()) > 0\n"
            "print(sorted(m for m in ('pint', 'dask') if m in sys.modules))")
    assert _printed_by(code) == "[]"


def _pint_convert(x: float, kind: str, unit: str) -> float:
    ureg = units.registry()
    return float(ureg.Quantity(x, units.KINDS[kind]).to(units._normalise(unit)).magnitude)


@given(st.sampled_from(TABLE_UNITS), st.floats(allow_nan=False))
@example(("temperature", "degC"), -0.0)
@example(("length", "nm"), 1.7976931348623157e308)  # inf in nm, as pint gives it
@example(("rate", "m/min"), 7.0)
@example(("temperature", "degC"), 253.15)  # -20 degC exactly; pint's -19.99999999999997
def test_convert_by_the_table_gives_pints_float(kind_unit: tuple[str, str], x: float) -> None:
    kind, unit = kind_unit
    fast = units._fast_from_canonical(x, unit, kind)
    assert (fast is None) == (unit in units._CONVERT_BY_PINT)
    if unit == "kJ/mol":  # pint converts no eV into kJ/mol: refused, as before
        with pytest.raises(UnitError, match="cannot express"):
            units.convert(x, kind, unit)
        return
    slow = _pint_convert(x, kind, unit)
    got = units.convert(x, kind, unit)
    exact = units._pint_factor(unit, kind)
    if exact is not None and math.isfinite(x) and math.isfinite(slow):
        # a decimal factor: the nearest float of the exact decimal quotient (5e-06 m is
        # 5.0 um, 1000 kg/m3 is 1.0 g/cm3; tests/test_units_exact.py); pint's within rounding
        assert got == units._divided(x, exact)
        assert got == pytest.approx(slow, rel=1e-15, abs=1e-300)
        return
    if units._offset_exact(x, unit, kind, to_kelvin=False) is not None:
        # an offset scale (degC): the exact decimal result, not pint's rounding of x - 273.15
        # (tests/test_units_offset_exact.py); pint's float within its rounding
        assert got == pytest.approx(slow, rel=1e-15, abs=1e-12)
        return
    assert got == slow and math.copysign(1, got) == math.copysign(1, slow)


def test_g_per_cm3_is_the_exact_decimal_not_pints_float() -> None:
    """1000 kg/m3 is 1 g/cm3 exactly (pint's float is 1.0000000000000002: its factor from
    kg/m3 is 0.0010000000000000002), by the table and by pint's path alike."""
    for unit in ("g/cm3", "g/cc"):
        assert _pint_convert(1000.0, "density", unit) != 1.0
        assert units.convert(1000.0, "density", unit) == 1.0
        assert units.convert(1.0, "density", unit) == 0.001


def test_the_report_units_need_no_pint() -> None:
    code = ("import sys\nfrom solidcell import units\n"
            "units.parse(12.5, 'areal capacity', 'A.h.m-2')\n"
            "for kind, unit in [('areal mass', 'mg/cm2'), ('length', 'um'), "
            "('areal resistance', 'ohm*cm**2'), ('conductivity', 'mS/cm'), "
            "('current density', 'mA/cm2'), ('temperature', 'degC'), "
            "('density', 'g/cm3')]:\n"
            "    units.convert(1.0, kind, unit)\n"
            "print('pint' in sys.modules)")
    assert _printed_by(code) == "False"
