"""The dashboard's areal capacity in mAh/cm2 (as `solidcell evaluate` and the report show it)
and its materials query refusing bad bounds as `solidcell materials query` does, in headless
Debian Chromium (browser setup: browserhelpers.py) and without a browser."""

from __future__ import annotations

import pytest
from browserhelpers import (
    EXAMPLES,
    NEEDS_CHROMIUM,
    module_dashboard,
)

from solidcell.errors import ValidationError

TIMEOUT_MS = 60_000
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"


def _evaluated(path=EV):
    from solidcell.cell.design import CellDesign
    from solidcell.cell.energy import evaluate

    return evaluate(CellDesign.from_yaml(path))


# --- without a browser -------------------------------------------------------------------


def test_the_areal_capacity_metric_is_the_one_evaluate_prints() -> None:
    """The page showed the engine's A.h/m2 (47.9348 for the EV example) where `solidcell
    evaluate` and the report print mAh/cm2 (4.79348): ten times the number battery tables
    use."""
    from solidcell.app.server import METRICS, metric_value

    result = _evaluated()
    key, label = METRICS["metric-areal-capacity"]
    shown_value = metric_value("metric-areal-capacity", result.values[key])
    # the engine's own mAh/cm2, the number `solidcell evaluate` prints as
    # "areal capacity (mAh/cm2)" (cli/cell.py)
    assert shown_value == pytest.approx(result.areal_capacity_mAh_cm2, rel=1e-12)
    assert "mAh/cm2" in label
    # 1 A.h/m2 = 1000 mA.h / 1e4 cm2 = 0.1 mAh/cm2: the number shown is a tenth of the engine's
    assert shown_value == pytest.approx(result.values[key] / 10.0, rel=1e-12)
    assert metric_value("metric-areal-capacity", None) is None  # not computed stays '-'
    assert metric_value("metric-np", 1.25) == 1.25  # other metrics as the engine gives them


@pytest.mark.parametrize("minimum, maximum, field, words", [
    ("-1 mS/cm", None, "minimum", ["'-1 mS/cm'", "0 to 10000 S/m"]),
    (-1.0, None, "minimum", ["-1", "0 to 10000 S/m"]),
    (None, "-1 mS/cm", "maximum", ["'-1 mS/cm'", "0 to 10000 S/m"]),
    ("10 mS/cm", "1 mS/cm", "minimum", ["'10 mS/cm'", "at most the maximum '1 mS/cm'"]),
    ("abc", None, "minimum", ["'abc'", "a unit such as"]),
    ("nan mS/cm", None, "minimum", ["'nan mS/cm'"]),
    ("1e400 mS/cm", None, "minimum", ["not a finite quantity"]),
])
def test_the_store_refuses_a_bound_no_value_can_have(minimum, maximum, field, words) -> None:
    """A negative minimum conductivity matched every material, and a minimum above the
    maximum matched none, without a word (the CLI refused both; the store and so the
    dashboard did not)."""
    from solidcell.materials.store import default_store

    with pytest.raises(ValidationError) as info:
        default_store().query(property="ionic_conductivity", minimum=minimum, maximum=maximum)
    assert info.value.field == field
    for word in words:
        assert word in str(info.value), (word, str(info.value))


def test_the_store_reads_a_fraction_bound_as_the_cli_does() -> None:
    """'50 %' and 0.5 are the same transference-number bound; 500 (meant as 500 %?) is
    outside -0.8 to 1 (the schema's bounds) and refused, as `solidcell materials query --min
    500` is."""
    from solidcell.materials.store import default_store

    store = default_store()
    by_percent = [m.id for m in store.query(property="transference_number", minimum="50 %")]
    assert by_percent == [m.id for m in store.query(property="transference_number",
                                                    minimum=0.5)]
    with pytest.raises(ValidationError, match=r"-0\.8 to 1"):
        store.query(property="transference_number", minimum="500")


def test_a_bound_error_is_named_by_its_box() -> None:
    from solidcell.app.server import query_error

    exc = ValidationError("minimum", "-1 mS/cm", "0 to 10000 S/m")
    assert query_error(exc, "ionic_conductivity") == (
        "q-min", "ionic_conductivity at least: '-1 mS/cm' is not allowed; 0 to 10000 S/m")
    box, _ = query_error(ValidationError("maximum", "x", "y"), "density")
    assert box == "q-max"


# --- in the browser ----------------------------------------------------------------------


dashboard, page = module_dashboard("units-query", TIMEOUT_MS)


@NEEDS_CHROMIUM
def test_the_page_shows_the_areal_capacity_in_mah_per_cm2(page) -> None:
    from solidcell.app.server import shown

    result = _evaluated()
    box = page.locator("#design-path")
    box.fill(EV.name)
    box.press("Enter")
    expected = shown(result.areal_capacity_mAh_cm2)
    page.wait_for_function(
        f"document.querySelector('#metric-areal-capacity')?.innerText === '{expected}'")
    row = page.locator("tr", has=page.locator("#metric-areal-capacity")).inner_text()
    assert "mAh/cm2" in row and "A.h.m-2" not in row


def _bound(page, box: str, text: str) -> None:
    page.locator(f"#{box}").fill(text)
    page.locator(f"#{box}").press("Enter")


@NEEDS_CHROMIUM
@pytest.mark.parametrize("good, bad, words", [
    (None, ("q-min", "-1 mS/cm"), ["ionic_conductivity at least", "'-1 mS/cm'",
                                   "0 to 10000 S/m"]),
    (None, ("q-max", "-1 mS/cm"), ["ionic_conductivity at most", "'-1 mS/cm'",
                                   "0 to 10000 S/m"]),
    (("q-max", "1 mS/cm"), ("q-min", "10 mS/cm"), ["'10 mS/cm'",
                                                   "at most the maximum '1 mS/cm'"]),
    (None, ("q-min", "abc"), ["'abc'", "'S/cm' or 'mS/cm'"]),
])
def test_a_bad_query_bound_is_refused_beside_its_box(page, good, bad, words) -> None:
    """'-1 mS/cm' as the least ionic conductivity listed every material as an answer, and a
    least value above the most listed none, as if they were queries."""
    page.get_by_text("Materials", exact=True).click()
    page.locator("#materials-table").wait_for(state="visible")
    page.locator("#q-property").click()
    page.keyboard.type("ionic_conductivity")
    page.keyboard.press("Enter")
    from solidcell.materials.store import default_store

    bounds = {}
    if good is not None:
        _bound(page, *good)
        bounds = {"property": "ionic_conductivity",
                  {"q-min": "minimum", "q-max": "maximum"}[good[0]]: good[1]}
    count = f"{len(default_store().query(**bounds))} materials"
    page.wait_for_function(f"document.querySelector('#q-count').innerText === '{count}'")
    box = bad[0]
    _bound(page, *bad)
    page.wait_for_function(f"document.querySelector('#{box}-msg').innerText.length > 0")
    msg = page.locator(f"#{box}-msg").inner_text()
    for word in words:
        assert word in msg, (word, msg)
    assert page.locator("#q-count").inner_text() == count  # no answer to a refused query
    for b in ("q-min", "q-max"):  # the next case starts from empty bounds
        _bound(page, b, "")
    page.wait_for_function(f"document.querySelector('#{box}-msg').innerText === ''")
