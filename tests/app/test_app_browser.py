"""The dashboard as a person uses it, in headless Debian Chromium driven by Playwright.

The browser is the system's /usr/bin/chromium (installed by scripts/setup-browser.sh, which
`make test` runs); Playwright never downloads a browser here. Without /usr/bin/chromium these
tests are skipped with that reason. Screenshots go to test-artifacts/ (gitignored).

Design numbers are checked against the engine itself: the page must show exactly what
solidcell.cell.energy.evaluate returns for the edited design (to the digits shown).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from browserhelpers import (
    NEEDS_CHROMIUM,
    module_dashboard,
    save_again_refused,
    wait_saved,
)

pytestmark = NEEDS_CHROMIUM

HERE = Path(__file__).resolve().parent
DESIGN = HERE.parent / "report" / "data" / "ssb_ref1.yaml"
ARTIFACTS = HERE.parent.parent / "test-artifacts"  # page.screenshot creates it
TIMEOUT_MS = 60_000


dashboard, page = module_dashboard("dash", TIMEOUT_MS, examples=[DESIGN])


def _number(page, selector: str) -> float:
    return float(page.locator(selector).inner_text())


def _engine(design) -> dict[str, float]:
    from solidcell.app.server import METRICS, metric_value
    from solidcell.cell.energy import evaluate
    from solidcell.report.summary import flatten_json

    # in the unit the page shows (the areal capacity in mAh/cm2; test_app_units_query.py)
    flat = flatten_json(evaluate(design).to_json())
    return {mid: metric_value(mid, flat[key]) for mid, (key, _) in METRICS.items()
            if isinstance(flat.get(key), float)}


def _assert_page_equals_engine(page, design) -> None:
    from solidcell.app.server import shown

    for mid, value in _engine(design).items():
        text = page.locator(f"#{mid}").inner_text()
        assert text == shown(value), (mid, text, value)


def test_design_numbers_equal_the_engine_and_follow_an_edit(page) -> None:
    from solidcell.cell.design import CellDesign

    design = CellDesign.from_yaml(DESIGN)
    page.wait_for_function(
        "document.querySelector('#metric-stack-wh-kg') && "
        "document.querySelector('#metric-stack-wh-kg').innerText !== '-'")
    _assert_page_equals_engine(page, design)
    # SSB-REF-1 stack: 471.459 Wh/kg (tests/data/cell/energy_density_cases.csv, source
    # solidcell_energy_cases); the page shows the engine's value, within 0.1 % of the case.
    assert _number(page, "#metric-stack-wh-kg") == pytest.approx(471.459, rel=1e-3)
    page.screenshot(path=str(ARTIFACTS / "app-design.png"), full_page=True)

    before = page.locator("#metric-stack-wh-kg").inner_text()
    box = page.locator("#cathode-thickness")
    box.fill("80")
    box.press("Enter")
    page.wait_for_function(
        f"document.querySelector('#metric-stack-wh-kg').innerText !== '{before}'")
    edited = design.replace(**{"cathode.thickness_m": 80e-6,
                               "cathode.active_loading_kg_m2": None})
    _assert_page_equals_engine(page, edited)
    page.screenshot(path=str(ARTIFACTS / "app-design-edited.png"), full_page=True)


def test_bad_design_value_shows_message_beside_field(page) -> None:
    box = page.locator("#separator-thickness")
    shown_before = page.locator("#metric-stack-wh-kg").inner_text()
    box.fill("-5")
    box.press("Enter")
    msg = page.locator("#separator-thickness-msg")
    msg.wait_for(state="visible")
    page.wait_for_function(
        "document.querySelector('#separator-thickness-msg').innerText.length > 0")
    assert "separator.thickness_m" in msg.inner_text()
    # the metrics keep the last valid design's numbers
    assert page.locator("#metric-stack-wh-kg").inner_text() == shown_before
    page.screenshot(path=str(ARTIFACTS / "app-design-bad-value.png"), full_page=True)
    box.fill("30")
    box.press("Enter")
    page.wait_for_function(
        "document.querySelector('#separator-thickness-msg').innerText === ''")


def test_path_outside_the_workspace_is_refused(page) -> None:
    box = page.locator("#design-path")
    box.fill("../../../../etc/passwd")
    box.press("Enter")
    page.wait_for_function(
        "document.querySelector('#design-path-msg').innerText.length > 0")
    assert "inside" in page.locator("#design-path-msg").inner_text()


def _open_materials(page) -> None:
    page.get_by_text("Materials", exact=True).click()
    page.locator("#m-id").wait_for(state="visible")


def _fill_material(page, mid: str, value: str) -> None:
    page.locator("#m-id").fill(mid)
    page.locator("#m-name").fill("my LLZO pellet")
    page.locator("#m-formula").fill("Li7La3Zr2O12")
    page.locator("#m-category").get_by_text("electrolyte", exact=True).click()
    page.locator("#m-electrolyte_class").get_by_text("oxide", exact=True).click()
    page.locator("#m-value").fill(value)
    page.locator("#m-temperature").fill("25 degC")
    page.locator("#m-source").fill("my_lab_notebook_2026")


def test_add_material_then_find_it(page) -> None:
    from solidcell.materials import default_store

    _open_materials(page)
    mid = f"ui_{uuid.uuid4().hex[:8]}"
    _fill_material(page, mid, "0.5 mS/cm")
    page.locator("#m-add").click()
    page.wait_for_function(
        f"document.querySelector('#m-result').innerText === 'added {mid}'")
    page.locator("#q-text").fill(mid)
    page.locator("#q-text").press("Enter")
    row = page.locator(f"#material-row-{mid}")
    row.wait_for(state="visible")
    assert mid in row.inner_text()
    stored = default_store().get(mid)
    assert stored.origin == "user"
    page.locator("#detail-id").fill(mid)
    page.locator("#detail-id").press("Enter")
    page.locator("#detail-table").wait_for(state="visible")
    detail = page.locator("#detail-table").inner_text()
    assert "0.5 mS/cm at 298.15 K [measured, my_lab_notebook_2026]" in detail
    assert stored.si("ionic_conductivity") == pytest.approx(0.05)  # 0.5 mS/cm in S/m
    page.screenshot(path=str(ARTIFACTS / "app-material-added.png"), full_page=True)


@pytest.mark.parametrize("bad", ["abc", "1.2 kg", "-3 mS/cm"])
def test_bad_material_value_shows_message_and_stores_nothing(page, bad: str) -> None:
    from solidcell.materials import default_store

    _open_materials(page)
    mid = f"bad_{uuid.uuid4().hex[:8]}"
    _fill_material(page, mid, bad)
    page.locator("#m-add").click()
    # this answer: the message naming this value (or the material stored, a failure). The
    # previous case's message is still on the page, and a wait for any message let the
    # checks below read the page and the store before this answer came (with a server slow
    # to answer, a '1.2 kg' the page stored passed unnoticed)
    page.wait_for_function(
        "([v, added]) => document.querySelector('#m-value-msg').innerText.includes(v) || "
        "document.querySelector('#m-result').innerText === added",
        arg=[f"'{bad}'", f"added {mid}"])
    assert page.locator("#m-result").inner_text().startswith("not stored")
    assert mid not in default_store()
    page.screenshot(path=str(ARTIFACTS / f"app-material-bad-{bad.split()[0]}.png"),
                    full_page=True)


def test_small_screen_shows_its_pareto_front(page) -> None:
    page.get_by_text("Design", exact=True).click()
    page.get_by_text("Screening", exact=True).click()
    page.locator("#scr-n").fill("300")
    page.locator("#scr-run").click()
    page.locator("#scr-summary").wait_for(state="visible")
    summary = page.locator("#scr-summary").inner_text()
    assert summary.startswith("300 designs")
    rows = page.locator("#scr-table tbody tr")
    assert rows.count() >= 1
    assert page.locator("#scr-progress-bar").get_attribute("value") == "1.0"
    page.screenshot(path=str(ARTIFACTS / "app-screen.png"), full_page=True)


def test_bad_screen_range_shows_message(page) -> None:
    page.get_by_text("Screening", exact=True).click()
    page.locator("#scr-cathode-min").fill("abc")
    page.locator("#scr-run").click()
    page.wait_for_function(
        "document.querySelector('#scr-cathode-min-msg').innerText.length > 0")
    assert "scr-cathode-min" in page.locator("#scr-cathode-min-msg").inner_text()
    page.locator("#scr-cathode-min").fill("40")


def test_prediction_equals_the_model(page) -> None:
    from solidcell.app.server import shown
    from solidcell.discovery.predict import predict_conductivity

    page.get_by_text("Prediction", exact=True).click()
    page.locator("#pred-composition").fill("Li6PS5Cl")
    page.locator("#pred-run").click()
    cell = page.locator("#prediction-table td", has_text="Log10 ionic conductivity [S.cm-1]")
    cell.first.wait_for(state="visible")
    row = page.locator("#prediction-table tr", has=page.locator(
        "td", has_text="Log10 ionic conductivity [S.cm-1]")).first
    value = row.locator("td").nth(1).inner_text()
    assert value == shown(predict_conductivity("Li6PS5Cl").log10_conductivity_S_cm)
    page.screenshot(path=str(ARTIFACTS / "app-prediction.png"), full_page=True)
    page.locator("#pred-composition").fill("Xq2")
    page.locator("#pred-run").click()
    page.wait_for_function(
        "document.querySelector('#pred-composition-msg').innerText.length > 0")


def test_prediction_with_crystal_data_uses_the_structure_model(page) -> None:
    from solidcell.app.server import shown
    from solidcell.discovery.predict import predict_conductivity

    crystal = {"space_group": "Ia-3d", "lattice": "12.97, 12.97, 12.97, 90, 90, 90"}
    page.get_by_text("Prediction", exact=True).click()
    page.locator("#pred-composition").fill("Li7La3Zr2O12")
    page.locator("#pred-space-group").fill(crystal["space_group"])
    page.locator("#pred-lattice").fill("12.97, 12.97, 12.97, 90, 90")  # five numbers
    page.locator("#pred-run").click()
    page.wait_for_function("document.querySelector('#pred-lattice-msg').innerText.length > 0")
    assert "crystal.lattice" in page.locator("#pred-lattice-msg").inner_text()
    page.locator("#pred-lattice").fill(crystal["lattice"])
    page.locator("#pred-run").click()
    row = page.locator("#prediction-table tr", has=page.locator(
        "td", has_text="Log10 ionic conductivity [S.cm-1]")).first
    row.wait_for(state="visible")
    expected = predict_conductivity("Li7La3Zr2O12", crystal=crystal)
    assert expected.model_kind == "composition+structure"
    assert row.locator("td").nth(1).inner_text() == shown(expected.log10_conductivity_S_cm)
    assert page.locator("#pred-lattice-msg").inner_text() == ""


def test_simulation_shows_the_engines_refusal_before_any_run(page, dashboard) -> None:
    """SSB-REF-1's inline NMC811 has no open-circuit potential curve, so the engine refuses
    the physics-based simulation before any build or solve (``runs.simulate_inputs``): the
    page shows the engine's reason beside the experiment box, not a curve, and starts no job
    (it was a failed run, "simulation failed: ...")."""
    page.get_by_text("Simulation", exact=True).click()
    page.locator("#sim-run").click()
    page.wait_for_function(
        "(document.querySelector('#sim-experiment-msg')?.innerText || '')"
        ".startsWith(\"material 'case_nmc811' has no open-circuit potential curve\")")
    assert [j for j in dashboard.app.state.jobs._jobs.values() if j.kind == "simulation"] == []
    assert page.locator("#sim-result").inner_text() == ""
    page.screenshot(path=str(ARTIFACTS / "app-simulation.png"), full_page=True)


def _open_design_tab(page) -> None:
    page.get_by_text("Design", exact=True).click()
    page.locator("#cathode-thickness").wait_for(state="visible")


def test_listed_design_label_opens_the_design(page) -> None:
    """The dropdown lists 'examples/ssb_ref1.yaml'; typing that label opens it (it was
    refused as 'not an existing design')."""
    _open_design_tab(page)
    box = page.locator("#design-path")
    box.fill(f"examples/{DESIGN.name}")
    box.press("Enter")
    # SSB-REF-1 as in the file: cathode 100 um, stack 471.459 Wh/kg (see the first test)
    page.wait_for_function("document.querySelector('#cathode-thickness').value === '100' && "
                           "document.querySelector('#metric-stack-wh-kg')?.innerText === "
                           "'471.459'")
    assert page.locator("#design-path-msg").inner_text() == ""


def test_layer_count_and_blank_field_errors_are_beside_their_fields(page) -> None:
    """n-layers 1.5 used to be reported away from its field; an emptied field (or text the
    number box refuses, such as 1e400) used to show the original design's numbers silently."""
    _open_design_tab(page)
    page.wait_for_function(
        "(document.querySelector('#metric-stack-wh-kg')?.innerText || '-') !== '-'")
    before = page.locator("#metric-stack-wh-kg").inner_text()
    layers = page.locator("#n-layers")
    layers.fill("1.5")
    layers.press("Enter")
    page.wait_for_function("document.querySelector('#n-layers-msg').innerText.length > 0")
    assert "n-layers" in page.locator("#n-layers-msg").inner_text()
    assert page.locator("#design-msg").inner_text() == ""
    layers.fill("1")
    layers.press("Enter")
    page.wait_for_function("document.querySelector('#n-layers-msg').innerText === ''")

    cathode = page.locator("#cathode-thickness")
    old = cathode.input_value()
    cathode.fill("80")
    cathode.press("Enter")
    page.wait_for_function(
        f"document.querySelector('#metric-stack-wh-kg')?.innerText !== '{before}'")
    edited = page.locator("#metric-stack-wh-kg").inner_text()
    cathode.fill("1e400")
    cathode.press("Enter")
    page.wait_for_function(
        "document.querySelector('#cathode-thickness-msg').innerText.length > 0")
    assert "cathode-thickness" in page.locator("#cathode-thickness-msg").inner_text()
    assert page.locator("#metric-stack-wh-kg").inner_text() == edited  # last valid design
    page.screenshot(path=str(ARTIFACTS / "app-design-blank-field.png"), full_page=True)
    cathode.fill(old)
    cathode.press("Enter")
    page.wait_for_function(
        "document.querySelector('#cathode-thickness-msg').innerText === ''")


def test_saving_twice_keeps_the_first_file_unless_replace_is_ticked(page, dashboard) -> None:
    _open_design_tab(page)
    name = f"qa-{uuid.uuid4().hex[:6]}"
    page.locator("#save-name").fill(name)
    wait_saved(page, name)
    path = dashboard.app.state.workspace_dir / f"{name}.yaml"
    first = path.read_text("utf-8")
    save_again_refused(page)
    assert "already exists" in page.locator("#save-name-msg").inner_text()
    assert path.read_text("utf-8") == first
    page.locator("#save-replace").get_by_text("replace", exact=False).click()
    page.locator("#save-button").click()
    page.wait_for_function("document.querySelector('#save-name-msg').innerText === ''")
    page.wait_for_function("document.querySelector('#save-result').innerText.length > 0")
    assert path.read_text("utf-8") != first
    page.locator("#n-layers").fill("1")
    page.locator("#n-layers").press("Enter")
