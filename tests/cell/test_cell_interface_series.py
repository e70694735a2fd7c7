"""A material with two or more measured ``areal_resistance`` values: its interface resistance
follows the conductivity's kind of rule (chemistry.conductivity's module docstring; helper
H280): between the measured temperatures ln R is linear in 1/T (the Arrhenius form
R = R0 exp(E_a/kT) of ``chemistry.transport.interface_resistance_at``), each datum at its own
temperature; beyond them the design's ``interface_resistance_activation_energy_eV`` from the
nearest end, else the nearest segment's slope (an implied E_a outside the knowledge base's
bounds refused naming the material). One implementation (``cell.energy.materials_interface_at``)
for evaluate, evaluate_many, screens and the simulation. Before, the value nearest the
temperature was taken: 9.0 or 10.2 Ohm cm2 either side of 315.65 K (H277).

Test input: two illustrative user measurements of the LiNbO3-coated cathode interface, 20 Ohm
cm2 at 298.15 K and 5 Ohm cm2 at 333.15 K (the brief's example; not data of a paper), stored
as ``solidcell materials measure`` stores them. The asserted values are the rule's, computed by
hand below."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import (
    InterfaceTable,
    design_parameters,
    evaluate,
    evaluate_many,
    interface_resistance_source,
    materials_interface_at,
)
from solidcell.errors import ValidationError
from solidcell.materials.schema import PropertyValue
from solidcell.screening.screen import screen
from solidcell.simulation.parameters import parameters_from_design

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
ASR = "Area-specific resistance [Ohm.m2]"
POWER = "Cell specific power [W.kg-1]"
SOURCE = "user_measurement"
#: (T [K], R [Ohm m2]) of the two illustrative measurements
COLD, HOT = (298.15, 20e-4), (333.15, 5e-4)
BETWEEN = 315.65
#: Boltzmann constant [eV/K] (CODATA 2018, exact): an independent route to E_a / k_B.
K_B_EV = 8.617333262e-5
#: Li | garnet interface resistance activation energy [eV] (eckhardt2023, sec. 3.4).
E_EV = 0.37


def _log_linear(t: float, a: tuple[float, float] = COLD, b: tuple[float, float] = HOT) -> float:
    """By hand: ln R linear in 1/T through a and b, extended beyond them."""
    w = (1 / t - 1 / a[0]) / (1 / b[0] - 1 / a[0])
    return math.exp(math.log(a[1]) + w * (math.log(b[1]) - math.log(a[1])))


def _store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_store,
           points: tuple[tuple[float, float], ...]) -> None:
    db = str(tmp_path / "user.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", db)
    store = open_store(db)
    for t, r in points:
        store.add_measurement("linbo3", PropertyValue(
            name="areal_resistance", value=r * 1e4, unit="ohm*cm**2", temperature=t,
            method="measured", source=SOURCE))


@pytest.fixture
def two_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_store) -> None:
    _store(tmp_path, monkeypatch, open_store, (COLD, HOT))


def _design(**changes: object) -> CellDesign:
    return CellDesign.from_file(EV).replace(**changes)


def _counted(d: CellDesign) -> float:
    """The materials' interface resistance evaluate counts (design_parameters' column)."""
    return design_parameters(d.resolved())["materials_interface_resistance_ohm_m2"]


def test_the_hand_value_between() -> None:
    """20 and 5 Ohm cm2 at 298.15 and 333.15 K: 9.623 Ohm cm2 at 315.65 K (ln-linear in 1/T,
    an implied E_a of k_B ln 4 / (1/298.15 - 1/333.15) = 0.339 eV), not 9.0 nor 10.2."""
    assert _log_linear(BETWEEN) * 1e4 == pytest.approx(9.623001420, rel=1e-9)
    e_ev = K_B_EV * math.log(4) / (1 / COLD[0] - 1 / HOT[0])
    assert _log_linear(BETWEEN) == pytest.approx(
        COLD[1] * math.exp(e_ev / K_B_EV * (1 / BETWEEN - 1 / COLD[0])), rel=1e-12)


@pytest.mark.usefixtures("two_values")
@pytest.mark.parametrize("e_ev", [None, E_EV])
def test_each_datum_at_its_temperature_and_log_linear_between(e_ev: float | None) -> None:
    for t, r in (COLD, HOT):
        assert _counted(_design(temperature_K=t, interface_resistance_activation_energy_eV=e_ev)
                        ) == pytest.approx(r, rel=1e-12)
    d = _design(temperature_K=BETWEEN, interface_resistance_activation_energy_eV=e_ev)
    assert _counted(d) == pytest.approx(_log_linear(BETWEEN), rel=1e-12)
    found = interface_resistance_source(d)
    assert found is not None and found.sources == (SOURCE,)
    note = evaluate(d).conventions["Interface resistance"]
    assert "piecewise Arrhenius" in note and "9.623 Ohm cm2" in note


@pytest.mark.usefixtures("two_values")
def test_beyond_the_data() -> None:
    """Without E_a the nearest segment's slope; with it, the design's E_a from the nearest
    end (each by hand)."""
    cold = _design(temperature_K=273.15)
    assert _counted(cold) == pytest.approx(_log_linear(273.15), rel=1e-12)
    assert "slope of its nearest segment" in evaluate(cold).conventions["Interface resistance"]
    hot = _design(temperature_K=353.15, interface_resistance_activation_energy_eV=E_EV)
    want = HOT[1] * math.exp(E_EV / K_B_EV * (1 / 353.15 - 1 / HOT[0]))
    assert _counted(hot) == pytest.approx(want, rel=1e-9)
    assert "with the given E_a 0.37 eV" in evaluate(hot).conventions["Interface resistance"]


@pytest.mark.usefixtures("two_values")
@pytest.mark.parametrize(("t", "e_ev"), [(BETWEEN, None), (BETWEEN, E_EV), (273.15, None),
                                         (353.15, E_EV)])
def test_evaluate_and_the_simulation_take_one_value(t: float, e_ev: float | None) -> None:
    d = _design(temperature_K=t, interface_resistance_activation_energy_eV=e_ev)
    p = parameters_from_design(d)
    assert p.interface_resistance_ohm_m2 == pytest.approx(_counted(d), rel=1e-12)
    assert SOURCE in p.sources
    assert any("from cathode.coating" in n and ("piecewise" in n or "outside" in n)
               for n in p.notes)
    same = evaluate(_design(temperature_K=t, cathode_interface_resistance_ohm_m2=_counted(d)))
    assert evaluate(d).values[ASR] == pytest.approx(same.values[ASR], rel=1e-12)


def _space(base: CellDesign, parameters: dict) -> dict:
    return {"base": json.loads(base.to_json()), "method": "grid", "parameters": parameters,
            "objectives": [{"key": POWER, "sense": "max"}]}


@pytest.mark.usefixtures("two_values")
@pytest.mark.parametrize("e_ev", [None, E_EV])
def test_evaluate_many_and_a_screen_over_temperature_equal_evaluate(e_ev: float | None
                                                                    ) -> None:
    temperatures = [273.15, 298.15, BETWEEN, 333.15, 353.15]
    base = _design(interface_resistance_activation_energy_eV=e_ev)
    designs = [base.replace(temperature_K=t) for t in temperatures]
    batch = evaluate_many(designs)
    table = screen(_space(base, {"temperature_K": {"values": temperatures}}),
                   with_cost=False).table
    assert len(table) == len(temperatures)
    for i, d in enumerate(designs):
        one = evaluate(d).values
        assert batch.columns[ASR][i] == pytest.approx(one[ASR], rel=1e-12)
        row = table[table["temperature_K"] == d.temperature_K].iloc[0]
        assert row[ASR] == pytest.approx(one[ASR], rel=1e-12)
        assert row[POWER] == pytest.approx(one[POWER], rel=1e-9)


_T = st.floats(200.0, 500.0)
_R = st.floats(1e-6, 1e-1)


@settings(max_examples=60, deadline=None)
@given(t1=_T, dt=st.floats(1.0, 200.0), r_hot=_R, ratio=st.floats(1.0, 1e3),
       ts=st.lists(st.floats(150.0, 700.0), min_size=2, max_size=8))
def test_two_values_make_a_monotonic_curve(t1: float, dt: float, r_hot: float, ratio: float,
                                           ts: list[float]) -> None:
    """Two values, the colder the larger: R falls as T rises, lies between them inside their
    span and takes each at its temperature (a monotonic property of ln R linear in 1/T)."""
    t2 = t1 + dt
    r1, r2 = r_hot * ratio, r_hot
    table = InterfaceTable("cathode.coating", "m", (t1, t2), (r1, r2), ("s", "s"), None)
    implied = K_B_EV * math.log(ratio) / (1 / t1 - 1 / t2)
    t = np.sort(np.array(ts))
    if implied > 3.0 and (t.min() < t1 or t.max() > t2):  # refused beyond: checked below
        t = np.clip(t, t1, t2)
    r = materials_interface_at(table, t)
    assert np.all(np.diff(r) <= 1e-12 * r[:-1])
    inside = (t >= t1) & (t <= t2)
    assert np.all(r[inside] <= r1 * (1 + 1e-12)) and np.all(r[inside] >= r2 * (1 - 1e-12))
    assert materials_interface_at(table, t1) == pytest.approx(r1, rel=1e-12)
    assert materials_interface_at(table, t2) == pytest.approx(r2, rel=1e-12)


@pytest.mark.parametrize("points", [((298.15, 5e-4), (333.15, 20e-4)),  # rises with T
                                    ((298.15, 20e-4), (299.15, 1e-4))])  # > 3 eV
def test_an_absurd_segment_is_refused_naming_the_material(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_store,
        points: tuple[tuple[float, float], ...]) -> None:
    _store(tmp_path, monkeypatch, open_store, points)
    inside = _design(temperature_K=0.5 * (points[0][0] + points[1][0]))
    assert _counted(inside) == pytest.approx(_log_linear(inside.temperature_K, *points))
    beyond = _design(temperature_K=353.15)
    with pytest.raises(ValidationError) as err:
        evaluate(beyond)
    assert err.value.field == "cathode.coating" and "linbo3" in str(err.value)
    assert "interface_resistance_activation_energy_eV" in str(err.value)
    with pytest.raises(ValidationError, match=r"cathode\.coating"):
        parameters_from_design(beyond)
    # the design's E_a takes the data beyond instead; an array keeps NaN where refused
    assert math.isfinite(_counted(beyond.replace(interface_resistance_activation_energy_eV=E_EV)))
    table = InterfaceTable("cathode.coating", "linbo3", tuple(p[0] for p in points),
                           tuple(p[1] for p in points), (SOURCE, SOURCE), None)
    assert np.isnan(materials_interface_at(table, np.array([inside.temperature_K, 353.15]))[1])
    # a screen's row there: reason 12 with evaluate's refusal; the row inside as evaluate
    rows = screen(_space(_design(), {"temperature_K": {"values": [inside.temperature_K,
                                                                   353.15]}}),
                  with_cost=False).table.set_index("temperature_K")
    assert rows.loc[inside.temperature_K, ASR] == pytest.approx(evaluate(inside).values[ASR],
                                                                rel=1e-12)
    assert math.isnan(rows.loc[353.15, ASR])
    assert rows.loc[353.15, "Reason detail"] == str(err.value)


def test_only_the_preferred_values_source_combines(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    open_store) -> None:
    """As the conductivity's data: the values of another source make no segment (a false
    kink between two interfaces); the first value's source is kept."""
    _store(tmp_path, monkeypatch, open_store, (COLD,))
    open_store(str(tmp_path / "user.sqlite")).add_measurement("linbo3", PropertyValue(
        name="areal_resistance", value=HOT[1] * 1e4, unit="ohm*cm**2", temperature=HOT[0],
        method="measured", source="another_lab"))
    d = _design(temperature_K=BETWEEN)
    found = interface_resistance_source(d)
    assert found is not None and found.table is not None
    assert found.sources == (SOURCE,) and found.table.temperatures_K == (COLD[0],)
    assert _counted(d) == pytest.approx(COLD[1], rel=1e-12)  # held: one value, no E_a


def test_a_zero_among_several_values_is_refused() -> None:
    table = InterfaceTable("separator.electrolyte", "m", COLD[:1] + HOT[:1], (0.0, HOT[1]),
                           (SOURCE, SOURCE), None)
    with pytest.raises(ValidationError) as err:
        materials_interface_at(table, BETWEEN, field="interface_resistance_activation_energy_eV")
    assert err.value.field == "separator.electrolyte" and "logarithm" in str(err.value)
    assert np.all(np.isnan(materials_interface_at(table, np.array([BETWEEN]))))
    assert materials_interface_at(table, BETWEEN) != materials_interface_at(table, BETWEEN)
