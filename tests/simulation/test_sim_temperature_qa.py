"""temperature_sweep keeps what each temperature's run says (found walking the polymer
example over 0-80 degC)."""

from __future__ import annotations

from pathlib import Path

from solidcell.chemistry.conductivity import conductivity_at
from solidcell.simulation import temperature_sweep

POLYMER = Path(__file__).resolve().parents[2] / "examples" / "polymer-lfp-peo-li.yaml"


def test_a_sweep_names_a_temperature_outside_the_conductivity_data() -> None:
    """At 0 degC PEO-LiTFSI lies below its measured 25-100 degC series (extrapolated) and
    the 1C discharge delivers nothing; the sweep returned 0 Ah without a word (its result had
    no notes and no terminations), while `simulate` at 0 degC says both."""
    res = temperature_sweep(POLYMER, [273.15, 333.15], c_rate=1.0, mesh="coarse")
    expected = conductivity_at("peo_litfsi", 273.15).warnings
    assert expected and set(expected) <= set(res.notes)
    # inside the data: nothing to say of the conductivity (the note on lfp's solid
    # diffusivity, constant off 298.15 K, names each temperature since 2026-12-07)
    assert not any("333.15 K" in n for n in res.notes if not n.startswith("solid diffusivity"))
    assert any(n.startswith("solid diffusivity of lfp constant") for n in res.notes)
    assert len(res.terminations) == 2
    assert res.capacity_A_h[0] == 0.0 and res.terminations[0].startswith("no capacity")
    data = res.to_json()
    assert data["notes"] == list(res.notes) and data["Termination"] == list(res.terminations)
