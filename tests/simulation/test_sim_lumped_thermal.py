"""The lumped thermal option (``thermal="lumped"``) of simulate / rate_capability: PyBaMM's
lumped thermal model (timms2021) with the design's heat capacity (Dulong-Petit) and geometry,
and the user's heat transfer coefficient."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.simulation.runs import cell_parameters, rate_capability, simulate, with_thermal

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OXIDE = str(EXAMPLES / "oxide-lco-llzo-li.yaml")
THIN_FILM = str(EXAMPLES / "thin-film-lco-lipon-li.yaml")
TEMPERATURE = "Volume-averaged cell temperature [K]"


def test_default_is_isothermal_and_unchanged() -> None:
    iso = rate_capability(OXIDE, [1.0], mesh="coarse")
    same = rate_capability(OXIDE, [1.0], mesh="coarse", thermal="isothermal")
    assert iso.thermal == "isothermal" and iso.max_temperature_rise_K is None
    assert same.capacity_A_h[0] == iso.capacity_A_h[0]
    assert iso.to_json()["Thermal model"] == "isothermal"


def test_huge_heat_transfer_coefficient_approaches_isothermal() -> None:
    # property: with cooling much faster than heating the cell stays at ambient
    iso = rate_capability(OXIDE, [2.0], mesh="coarse")
    cold = rate_capability(OXIDE, [2.0], mesh="coarse", thermal="lumped",
                           heat_transfer_coefficient=1e7)
    assert cold.thermal == "lumped"
    assert cold.max_temperature_rise_K[0] < 1e-3
    assert cold.capacity_A_h[0] == pytest.approx(iso.capacity_A_h[0], rel=1e-3)


def test_temperature_rise_grows_with_c_rate() -> None:
    res = rate_capability(OXIDE, [0.5, 1.0, 2.0], mesh="coarse", thermal="lumped",
                          heat_transfer_coefficient=10.0)
    rise = res.max_temperature_rise_K
    assert np.all(rise > 0) and np.all(np.diff(rise) > 0)
    out = res.to_json()
    assert out["Maximum temperature rise [K]"] == pytest.approx(list(rise))
    assert len(out[TEMPERATURE]) == 3
    assert all(len(t) == len(c[0]) for t, c in zip(out[TEMPERATURE], res.curves, strict=True))


def test_plots_draw_the_cell_temperature(tmp_path: Path) -> None:
    res = rate_capability(OXIDE, [1.0, 2.0], mesh="coarse", thermal="lumped",
                          heat_transfer_coefficient=10.0)
    assert res.plot(tmp_path / "rate.png").stat().st_size > 0
    sim = simulate(OXIDE, "Discharge at 2C until 3 V", mesh="coarse", thermal="lumped",
                   heat_transfer_coefficient=10.0)
    assert sim.plot(tmp_path / "sim.png").stat().st_size > 0


def test_energy_balance_from_pybamm_outputs() -> None:
    # property: heat held (C dT) + heat that left (cooling) = heat generated, from PyBaMM's
    # own variables (trapezoid over a 5 s output period)
    res = simulate(OXIDE, "Discharge at 2C until 3 V (5 seconds period)", mesh="coarse",
                   thermal="lumped", heat_transfer_coefficient=10.0)
    params = with_thermal(OXIDE, cell_parameters(OXIDE), "lumped", 10.0)
    t, c = res.time_s, res.thermal_curves
    temp = res.cell_temperature_K
    held = params.thermal.heat_capacity_J_K * (temp[-1] - temp[0])
    generated = np.trapezoid(c["Total heating [W]"]
                             + c["Lumped contact resistance heating [W]"], t)
    left = -np.trapezoid(c["Surface total cooling [W]"], t)
    assert generated > 0 and left > 0 and held > 0
    assert held + left == pytest.approx(generated, rel=0.01)
    # first law with dU/dT = 0: the heat generated is the electrical energy lost,
    # integral I (OCV - V) dt (measured 0.8 % apart on this coarse mesh, 0.2 % default)
    lost = np.trapezoid(res.current_A * (res.open_circuit_voltage_V - res.voltage_V), t)
    assert generated == pytest.approx(lost, rel=0.02)
    out = res.to_json(curves=True)
    assert out["Thermal model"] == "lumped" and len(out[TEMPERATURE]) == len(t)
    assert out["Maximum cell temperature [K]"] == pytest.approx(float(temp.max()))


def test_heat_capacity_is_dulong_petit_of_the_stack() -> None:
    from solidcell.cell.design import CellDesign
    from solidcell.simulation.parameters import thermal_parameters

    th = thermal_parameters(CellDesign.from_file(OXIDE), 10.0)
    # property: a volumetric heat capacity between those of its lightest and heaviest
    # constituents' Dulong-Petit values times density would need data; here: finite, > 0,
    # and the cooling area is the stack's two faces (2 x 50 mm x 50 mm)
    assert th.cooling_area_m2 == pytest.approx(2 * 0.05 * 0.05)
    assert th.volumetric_heat_capacity_J_m3_K > 0


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"thermal": "hot"}, "thermal"),
    ({"thermal": "lumped"}, "heat_transfer_coefficient"),
    ({"thermal": "lumped", "heat_transfer_coefficient": -1.0}, "heat_transfer_coefficient"),
    ({"thermal": "lumped", "heat_transfer_coefficient": float("nan")},
     "heat_transfer_coefficient"),
    ({"thermal": "isothermal", "heat_transfer_coefficient": 10.0},
     "heat_transfer_coefficient"),
    ({"thermal": "lumped", "heat_transfer_coefficient": 10.0, "model": "fast"}, "model"),
])
def test_bad_input_is_refused_naming_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        rate_capability(OXIDE, [1.0], mesh="coarse", **kwargs)
    assert err.value.field == field and err.value.allowed


def test_dense_film_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        rate_capability(THIN_FILM, [1.0], thermal="lumped", heat_transfer_coefficient=10.0)
    assert err.value.field == "thermal" and "isothermal" in err.value.allowed


def test_cli_thermal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["rate-capability", OXIDE, "--rates", "1", "--mesh", "coarse",
                          "--thermal", "lumped", "--heat-transfer", "10"], capsys)
    assert code == 0 and "largest temperature rise" in out, err
    code, out, err = run(["rate-capability", OXIDE, "--rates", "1", "--thermal", "hot"],
                         capsys)
    assert_one_line_error(code, out, err, "--thermal", "hot", "lumped")
    code, out, err = run(["simulate", OXIDE, "--mesh", "coarse", "--thermal", "lumped"],
                         capsys)
    assert_one_line_error(code, out, err, "--heat-transfer")
    code, out, err = run(["rate-capability", OXIDE, "--rates", "1", "--thermal", "lumped",
                          "--heat-transfer", "-5"], capsys)
    assert_one_line_error(code, out, err, "--heat-transfer", "-5")


def test_full_cell_with_given_thermal_parameters() -> None:
    # CellParameters carrying the user's own ThermalParameters (thermal=None keeps them):
    # a graphite full cell heats, and its heat balances as the half cell's
    from test_sim_pybamm import _full_cell

    from solidcell.simulation.parameters import ThermalParameters

    th = ThermalParameters(heat_transfer_coefficient_W_m2_K=10.0, cooling_area_m2=2e-4,
                           cell_volume_m3=2e-8, heat_capacity_J_K=0.04)
    res = simulate(_full_cell().with_changes(thermal=th),
                   "Discharge at 2C until 2.8 V (5 seconds period)", mesh="coarse")
    assert res.thermal == "lumped"
    t, c, temp = res.time_s, res.thermal_curves, res.cell_temperature_K
    generated = np.trapezoid(c["Total heating [W]"]
                             + c["Lumped contact resistance heating [W]"], t)
    held = th.heat_capacity_J_K * (temp[-1] - temp[0])
    left = -np.trapezoid(c["Surface total cooling [W]"], t)
    assert temp[-1] > temp[0]
    assert held + left == pytest.approx(generated, rel=0.01)
    lost = np.trapezoid(res.current_A * (res.open_circuit_voltage_V - res.voltage_V), t)
    assert generated == pytest.approx(lost, rel=0.02)
