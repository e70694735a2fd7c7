"""The materials tab's measure form: ``solidcell materials measure`` on the page. A
measurement of any material (curated ones included) is stored by the same store function
(``MaterialStore.add_measurement``), shown in the detail, and a stored price is used by the
next cost; bad input is refused beside its box and stores nothing. No browser: the callbacks
are posted as the page posts them (Flask test client)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserhelpers import SCREEN_DESIGN, screen_dashboard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_app_prices import _cell_cost_shown, _cost, _text

from solidcell.app.server import (
    MEASURE_FORM_FIELDS,
    add_measurement_from_form,
    shown,
)
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.manufacturing.cost import cell_cost
from solidcell.materials.store import MaterialStore
from solidcell.units import split_value

#: a price of the form (the test's own input, not a market price)
PRICE = {"mm-material": "vgcf", "mm-property": "price", "mm-value": "40 USD/kg",
         "mm-temperature": "", "mm-year": "2024", "mm-method": "estimated",
         "mm-source": "test_input", "mm-add": 1}
#: a conductivity at 60 degC (the test's own input)
SIGMA_60C = {"mm-material": "li6ps5cl", "mm-property": "ionic_conductivity",
             "mm-value": "5 mS/cm", "mm-temperature": "60 degC", "mm-year": "",
             "mm-method": "measured", "mm-source": "lab-notebook-2026-12-06",
             "mm-arrhenius_form": None, "mm-add": 1}


@pytest.fixture(name="db")
def _db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A materials database of this test's own (``SOLIDCELL_DB``)."""
    path = tmp_path / "materials.sqlite"
    monkeypatch.setenv("SOLIDCELL_DB", str(path))
    return path


@pytest.fixture(name="app")
def _app(tmp_path: Path, db: Path) -> Any:
    app = screen_dashboard(tmp_path)
    yield app
    app.state.jobs.close()


def _measure(app: Any, **form: Any) -> dict[str, Any]:
    """The measure button's answer: {output id: {property: value}}."""
    return app.call("mm-add.n_clicks", "mm-result", **form)


def _detail(app: Any, mid: str) -> str:
    return _text(app.call("detail-id.value", "detail-view", **{"detail-id": mid})
                 ["detail-view"]["children"])


def _values(mid: str) -> list[str]:
    """Every value of ``mid`` as the store holds it (a store of its own)."""
    store = MaterialStore()
    try:
        return [p.describe() for p in store.get(mid).properties]
    finally:
        store.close()


def test_a_price_measured_on_the_tab_is_used_by_the_next_cost(app: Any) -> None:
    """The EV example's VGCF and LiNbO3 have no price in the knowledge base
    (docs/screening.md): prices measured on the materials tab give the cost ``cell_cost``
    gives with the database as it is then, named as stored prices (source and year)."""
    assert "no price for vgcf, linbo3" in _text(_cost(app)["design-cost"]["children"])
    answer = _measure(app, **PRICE)
    assert answer["mm-result"]["children"].startswith("added measurement ")
    assert answer["mm-result"]["children"].endswith(" to vgcf")  # no note: vgcf had no price
    assert all(answer[f"mm-{f}-msg"]["children"] == "" for f in MEASURE_FORM_FIELDS)
    assert answer["detail-id"]["value"] == "vgcf"  # the detail shows the material measured
    assert "40 USD/kg (2024) [estimated, test_input] (your measurement" in _detail(app, "vgcf")
    assert "no price for linbo3" in _text(_cost(app)["design-cost"]["children"])
    _measure(app, **{**PRICE, "mm-material": "linbo3", "mm-value": "100 USD/kg"})
    after = _cost(app)
    expected = cell_cost(CellDesign.from_file(SCREEN_DESIGN))
    assert expected.has_cost
    assert _cell_cost_shown(after) == float(shown(expected.cell_cost_USD_per_kWh))
    assert "vgcf 40 USD/kg (test_input, 2024)" in _text(after["design-cost"]["children"])


def test_the_cost_the_table_and_the_detail_listen_to_the_measure_form(app: Any) -> None:
    """The page re-computes them when a measurement is answered (as for an added material)."""
    deps = app.server.test_client().get("/_dash-dependencies").get_json()
    listening = {d["output"].strip(".").split(".")[0] for d in deps
                 if {"id": "mm-result", "property": "children"} in d["inputs"]}
    assert {"design-cost", "q-table", "detail-view"} <= listening


def test_a_conductivity_at_60_degc_is_added_to_a_curated_material_and_keeps_its_values(
        app: Any) -> None:
    before = _values("li6ps5cl")
    answer = _measure(app, **SIGMA_60C)
    result = answer["mm-result"]["children"]
    assert result.startswith("added measurement ") and " to li6ps5cl" in result
    # as `solidcell materials measure` says: its first value's source (obelix2025, the
    # curated 2.05 mS/cm) is what the conductivity models use
    assert "note: li6ps5cl already has a value of ionic_conductivity" in result
    after = _values("li6ps5cl")
    assert after[:len(before)] == before and len(after) == len(before) + 1
    assert after[-1] == "5 mS/cm at 333.15 K [measured, lab-notebook-2026-12-06]"
    assert "5 mS/cm at 333.15 K [measured, lab-notebook-2026-12-06] (your measurement" \
        in _detail(app, "li6ps5cl")
    # the same measurement again is refused beside the value box, naming it; one is kept
    # (here with another method, which makes no other measurement: the same form sent again
    # answers as the first, test_the_same_form_sent_again_answers_as_the_first_...)
    again = _measure(app, **{**SIGMA_60C, "mm-method": "estimated"})
    assert again["mm-value-msg"]["children"].startswith(
        "value: '5 mS/cm' is not allowed; li6ps5cl already holds this ionic_conductivity")
    assert _values("li6ps5cl") == after


@pytest.mark.parametrize(("field", "typed", "why"), [
    ("material", "vgcx", "a material id of the materials database (the query above lists "
                         "them); did you mean vgcf?"),
    ("material", "", "is required"),
    ("value", "abc", "a number followed by its unit, e.g. '2.1 mS/cm'"),
    ("value", "2,1 USD/kg", "a number with a decimal point"),
    ("value", "40 USD/m", "not those of a price"),
    ("value", "-40 USD/kg", "must be >= 0"),
    ("year", "", "a price needs the year it was quoted in"),
    ("year", "20x4", "a whole year such as 2024"),
    ("year", "1700", "greater than or equal to 1900"),
    ("temperature", "hot", "is not a number followed by a unit"),
    ("temperature", "-300 degC", "above 0 K and at most 5000 K"),
    ("method", "guess", "'measured', 'computed', 'review', 'estimated' or 'datasheet'"),
    ("source", "", "is required"),
    ("property", "colour", "allowed: ionic_conductivity, "),
])
def test_a_refused_box_is_named_beside_it_and_nothing_is_stored(
        app: Any, field: str, typed: str, why: str) -> None:
    before = _values("vgcf")
    answer = _measure(app, **{**PRICE, f"mm-{field}": typed})
    assert answer["mm-result"]["children"] == "not stored: fix the marked field"
    msg = answer[f"mm-{field}-msg"]["children"]
    assert msg.startswith(f"{field}: {typed!r} is not allowed; ") and why in msg, msg
    assert [f for f in MEASURE_FORM_FIELDS
            if answer[f"mm-{f}-msg"]["children"]] == [field]
    assert "detail-id" not in answer  # the detail is left as it was
    assert _values("vgcf") == before


def test_a_year_is_refused_for_a_property_other_than_a_price(app: Any) -> None:
    answer = _measure(app, **{**SIGMA_60C, "mm-year": "2024"})
    assert answer["mm-year-msg"]["children"] == (
        "year: '2024' is not allowed; only a price has a year (property price); give no "
        "year for ionic_conductivity")


def _value_texts() -> st.SearchStrategy[str]:
    """Any text, and numbers (finite or not) with units right, wrong or unknown."""
    units = st.sampled_from(["g/cm3", "kg/m3", "g/cm³", "kg", "mS/cm", "", "USD/kg", "g /cm3"])
    numbers = st.one_of(st.floats(), st.integers(-10**6, 10**6), st.just("2,5"))
    return st.one_of(st.text(max_size=24),
                     st.builds(lambda x, u: f"{x} {u}", numbers, units))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=_value_texts())
def test_any_value_text_is_stored_as_read_or_refused_beside_the_value_box(
        db: Path, typed: str) -> None:
    """A density of vgcf: either stored as ``split_value`` reads the text (the material's
    own values kept), or refused beside the value box naming the text, nothing stored."""
    store = MaterialStore()
    try:
        before = store.get("vgcf").properties
        form = {"material": "vgcf", "property": "density", "value": typed, "temperature": "",
                "year": "", "method": "measured", "source": "test_input"}
        result, msgs, stored = add_measurement_from_form(form, store)
        after = store.get("vgcf").properties
        if stored is not None:
            assert result.startswith("added measurement ")
            value, unit = split_value(typed.strip())
            assert (after[-1].value, after[-1].unit) == (value, unit)
            assert after[:-1] == before and not any(msgs.values())
        else:
            # the text as typed, or without its outer spaces as it was read
            assert any(msgs["value"].startswith(str(ValidationError("value", t, "")).partition(
                " is not")[0] + " is not allowed; ") for t in (typed, typed.strip())), msgs
            assert [f for f, m in msgs.items() if m] == ["value"]
            assert after == before
    finally:
        store.close()


def test_the_same_form_sent_again_answers_as_the_first_and_stores_once(app: Any) -> None:
    """Enter in a box, then a click on "Add measurement", send the same form twice: the
    second answer was the store's refusal of the measurement already held, beside the value
    box. It now answers as the first did and stores nothing. Only the last form stored is
    answered so: an older one sent again, or the last one once its measurement is deleted,
    is the store's to judge (refused as held, or stored anew)."""
    first = _measure(app, **SIGMA_60C)
    assert first["mm-result"]["children"].startswith("added measurement ")
    assert _measure(app, **SIGMA_60C) == first
    store = MaterialStore()
    try:
        (pk, _, _), = store.measurements("li6ps5cl")
        other = {**SIGMA_60C, "mm-value": "6 mS/cm"}
        added = _measure(app, **other)["mm-result"]["children"]
        assert added.startswith("added measurement ")
        again = _measure(app, **SIGMA_60C)  # the older form: refused as held, as before
        assert again["mm-result"]["children"] == "not stored: fix the marked field"
        assert f"(your measurement {pk})" in again["mm-value-msg"]["children"]
        second = int(added.split()[2])
        store.delete_measurement(second)
        stored_again = _measure(app, **other)["mm-result"]["children"]
        assert stored_again.startswith("added measurement ")
        assert [p for p, _, _ in store.measurements("li6ps5cl")] == [
            pk, int(stored_again.split()[2])]
    finally:
        store.close()


def test_two_requests_of_one_form_at_once_store_one_measurement(db: Path) -> None:
    """The two requests of Enter and a click may both be in flight: with the dashboard's
    :class:`~solidcell.app.server.LastMeasurement` they are answered one after the other,
    both "added measurement N", and one measurement is stored."""
    from concurrent.futures import ThreadPoolExecutor

    from solidcell.app.server import LastMeasurement

    form = {f: SIGMA_60C[f"mm-{f}"] for f in MEASURE_FORM_FIELDS}
    store, last = MaterialStore(), LastMeasurement()
    try:
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda _: add_measurement_from_form(form, store, last),
                                    range(4)))
        (pk, _, _), = store.measurements("li6ps5cl")
        assert {a[0].partition(";")[0] for a in answers} == {
            f"added measurement {pk} to li6ps5cl"}
        assert not any(m for a in answers for m in a[1].values())
    finally:
        store.close()
