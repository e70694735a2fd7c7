"""Cross-laboratory check of ``conductivity_at("peo_litfsi", T)``.

solidcell's PEO-LiTFSI series (PEO Mw 5e6 + LiTFSI, EO:Li = 20, ``aenm2019_1900763``) is
compared with another laboratory's series of the same nominal electrolyte (PEO Mw 5e6 +
LiTFSI, EO:Li = 20.0, 30-100 degC, ``electacta2014_04_099``, doi 10.1016/j.electacta.2014.04.099),
both read in the Bradford et al. 2023 dataset (``bradford2023_polymer_electrolytes``, MIT);
the values and the offsets read are in ``data/peo_litfsi_crosslab.csv``. Error in decades:
log10(model / other lab). Measured on 2026-12-05 (docs/validation.md, "Materials knowledge
base"): mean |error| 0.137 decades, max 0.339 decades (at 30 degC); 60-100 degC (molten PEO)
within 0.108 decades, 30-50 degC (below the 65 degC melting point, semicrystalline) 0.21-0.34.
No model parameter is fitted to these values.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from solidcell.chemistry.conductivity import conductivity_at
from solidcell.citations import bibliography
from solidcell.materials import get

DATA = Path(__file__).resolve().parent / "data" / "peo_litfsi_crosslab.csv"
OTHER_LAB = "electacta2014_04_099"


def _other_lab() -> tuple[np.ndarray, np.ndarray]:
    """(T [degC], sigma [S/cm]) of the other laboratory's series."""
    with DATA.open() as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    t = np.array([float(r["temperature_C"]) for r in rows])
    s = np.array([float(r["conductivity_S_cm"]) for r in rows])
    return t, s


def _errors_decades() -> tuple[np.ndarray, np.ndarray]:
    t_c, sigma_lab = _other_lab()
    model = conductivity_at("peo_litfsi", t_c + 273.15)
    sigma_model = np.asarray(model.ionic_conductivity_S_m) / 100.0  # S/m -> S/cm
    return t_c, np.log10(sigma_model / sigma_lab)


def test_the_two_series_are_from_different_papers() -> None:
    """A cross-lab check only if the curated series is not the compared one."""
    peo = get("peo_litfsi")
    assert peo.get("ionic_conductivity").source == "aenm2019_1900763"
    assert OTHER_LAB in bibliography()
    assert bibliography()[OTHER_LAB].fields["doi"] == "10.1016/j.electacta.2014.04.099"
    t_c, _ = _other_lab()
    assert sorted(t_c.tolist()) == [30, 40, 50, 60, 70, 80, 90, 100]


def test_lab_to_lab_error_within_measured_figure() -> None:
    """Measured: mean |log10 ratio| 0.137, max 0.339 (30 degC); asserted <= 0.15 and <= 0.35."""
    _, err = _errors_decades()
    assert np.mean(np.abs(err)) <= 0.15
    assert np.max(np.abs(err)) <= 0.35


def test_molten_range_agrees_better_than_semicrystalline() -> None:
    """60-100 degC (above PEO's 65 degC melting region): measured max 0.108 decades (100 degC),
    asserted <= 0.12; 30-50 degC: every point off by more (measured 0.207-0.339), solidcell
    above the other lab there (model / lab = 1.6-2.2)."""
    t_c, err = _errors_decades()
    molten, cold = err[t_c >= 60], err[t_c <= 50]
    assert np.max(np.abs(molten)) <= 0.12
    assert np.min(np.abs(cold)) > np.max(np.abs(molten))
    assert np.all(cold > 0)
