"""PEO-LiTFSI's measured temperature series: ``conductivity_at`` follows the data, and the
polymer example (60 degC) simulates and gets a power estimate.

Data: PEO (Mw 5e6) + LiTFSI, EO:Li = 20, 25-100 C, source ``aenm2019_1900763`` (doi
10.1002/aenm.201900763), read in the Bradford et al. 2023 dataset
(``bradford2023_polymer_electrolytes``); the YAML note shows the EO:Li arithmetic.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.chemistry.conductivity import _points, conductivity_at
from solidcell.materials import get

POLYMER = Path(__file__).resolve().parents[2] / "examples" / "polymer-lfp-peo-li.yaml"
SOURCE = "aenm2019_1900763"

#: (T [degC], sigma [S/cm]) as in the dataset rows of doi 10.1002/aenm.201900763
SERIES = [(25, 1.16e-5), (40, 6.00e-5), (50, 1.75e-4), (60, 4.39e-4), (70, 6.74e-4),
          (80, 8.85e-4), (90, 1.205e-3), (100, 1.492e-3)]


def test_the_measured_series_is_the_preferred_source() -> None:
    """The series comes first (one source, eight temperatures); the review's Table 3 range
    stays after it and is not mixed into the interpolation."""
    peo = get("peo_litfsi")
    assert peo.get("ionic_conductivity").source == SOURCE
    points = _points(peo)
    assert [round(t - 273.15, 6) for t, _, _ in points] == [c for c, _ in SERIES]
    assert [s / 100.0 for _, s, _ in points] == pytest.approx([v for _, v in SERIES],
                                                              rel=1e-12)
    assert {src for _, _, src in points} == {SOURCE}
    series = [p for p in peo.values("ionic_conductivity") if p.source == SOURCE]
    assert all(p.method == "measured" and "EO:Li = 20" in p.note for p in series)
    assert any(p.source == "srivastava_review" for p in peo.values("ionic_conductivity"))


@pytest.mark.parametrize(("celsius", "sigma_s_cm"), [(25, 1.16e-5), (60, 4.39e-4)])
def test_at_a_data_temperature_the_datum_is_returned(celsius: int, sigma_s_cm: float) -> None:
    # 1.16e-5 S/cm at 25 C and 4.39e-4 S/cm at 60 C: aenm2019_1900763 via Bradford et al. 2023
    res = conductivity_at("peo_litfsi", celsius + 273.15)
    assert float(res.ionic_conductivity_S_m) == pytest.approx(sigma_s_cm * 100.0, rel=1e-12)
    assert SOURCE in res.sources and "srivastava_review" not in res.sources
    assert res.warnings == ()  # a data point: neither extrapolated nor across the melting


def test_conductivity_rises_monotonically_from_25_to_90_degc() -> None:
    t = np.linspace(298.15, 363.15, 131)
    res = conductivity_at("peo_litfsi", t)
    sigma = res.ionic_conductivity_S_m
    assert np.all(np.diff(sigma) > 0)
    # the 60-70 C segment crosses PEO's 65 C melting temperature (xue2015_peo) and is named;
    # nothing in 25-90 C is an extrapolation
    assert len(res.warnings) == 1
    assert "across its melting temperature" in res.warnings[0]
    assert "outside the conductivity data" not in res.warnings[0]


def test_the_polymer_example_gets_a_power_estimate_at_60_degc() -> None:
    """It had none: one conductivity value and no activation energy ('not computed')."""
    result = evaluate(str(POLYMER))
    data = result.to_json()
    assert data["conventions"]["Power"].startswith("transport-limited")
    assert data["Maximum C-rate [h-1]"] > 0
    assert SOURCE in data["sources"]


def test_the_polymer_example_simulates_at_60_degc() -> None:
    """It stopped with conductivity_at's ValidationError before the measured series."""
    import solidcell as sc  # the README's entry point

    res = sc.simulate(CellDesign.from_yaml(POLYMER))
    data = res.to_json()
    assert data["Temperature [K]"] == pytest.approx(333.15)
    assert data["Delivered capacity [A.h]"] > 0
    assert data["Delivered capacity [A.h]"] <= data["Utilisable capacity [A.h]"]
    assert SOURCE in res.sources


def test_the_cli_simulates_the_polymer_example(capsys) -> None:
    code, out, err = run(["simulate", str(POLYMER), "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["Delivered capacity [A.h]"] > 0
    assert SOURCE in data["sources"]
