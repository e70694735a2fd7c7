"""The dashboard's downloads (screen CSV/JSON, evaluation JSON, HTML report, simulated curves
CSV and result JSON): each file, taken through Playwright's download API from a real dashboard
in headless Debian Chromium, is what the CLI gives for the same input; a download without a
result says why; CSV text cells are guarded as the materials store's export guards them.
Also the materials tab's case-only lookups ('LLZO', 'li')."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard

from clirun import run_main

EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
TIMEOUT_MS = 90_000
#: the dashboard's screen form as the test fills it (300 designs: seconds)
RANGES = {"scr-cathode-min": "40", "scr-cathode-max": "150", "scr-separator-min": "10",
          "scr-separator-max": "60"}
N_DESIGNS = 300
EXPERIMENT = "Discharge at 1C until 3 V"


def _cli(*args: str, process: bool = False) -> str:
    """stdout of ``solidcell ARGS``: the entry point's ``main`` in this process
    (tests/clirun.py: a process of its own imported solidcell and PyBaMM again, seconds
    each), or with ``process`` the installed entry point's module in a process of its own
    (this interpreter): the design tab's evaluation JSON is checked against a real process's
    stdout, byte for byte."""
    if process:
        env = {**os.environ, "PYBAMM_DISABLE_TELEMETRY": "true", "MPLBACKEND": "Agg"}
        done = subprocess.run([sys.executable, "-m", "solidcell", *args], capture_output=True,
                              text=True, env=env, check=False)
    else:
        done = run_main(*args)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _download(page: Any, button: str, folder: Path) -> tuple[str, str]:
    """(suggested file name, text) of the file the button ``button`` downloads."""
    with page.expect_download() as info:
        page.locator(f"#{button}").click()
    download = info.value
    path = folder / download.suggested_filename
    download.save_as(path)
    return download.suggested_filename, path.read_text("utf-8")


def _refused(page: Any, button: str, msg: str) -> str:
    """Click ``button`` where no download may come, and return the line that says why."""
    page.evaluate(f"document.querySelector('#{msg}').innerText = ''")
    page.locator(f"#{button}").click()
    page.wait_for_function(f"document.querySelector('#{msg}').innerText.length > 0")
    return page.locator(f"#{msg}").inner_text()


# --- pure helpers ----------------------------------------------------------------------------


def test_csv_cells_guarded_as_the_materials_export_guards_them() -> None:
    """A text cell starting with = + - @ (a spreadsheet formula) gets the store's guard; a
    negative number is a number, not text, and stays as it is."""
    import pandas as pd

    from solidcell.materials.store import csv_guarded, csv_unguarded, guarded_csv

    frame = pd.DataFrame({"Reason": ["=HYPERLINK(\"x\")", "+1", "-a", "@b", "plain"],
                          "Current [A]": [-1.5, 2.0, 0.0, -0.0, 3.0]})
    before = frame.copy()
    got = pd.read_csv(io.StringIO(guarded_csv(frame)), keep_default_na=False)
    pd.testing.assert_frame_equal(frame, before)  # the caller's frame is not changed
    assert list(got["Reason"]) == [csv_guarded(v) for v in frame["Reason"]]
    assert list(got["Reason"])[:4] == ["'=HYPERLINK(\"x\")", "'+1", "'-a", "'@b"]
    assert [csv_unguarded(v) for v in got["Reason"]] == list(frame["Reason"])
    assert list(got["Current [A]"]) == list(frame["Current [A]"])


def test_the_price_note_names_what_a_dashboard_user_can_do() -> None:
    """The screen's JSON download said "give one with CostOptions(prices={ID: USD_PER_KG})",
    the Python API's words: it names the design tab's price box, the materials database
    (`solidcell materials measure`, read by the next cost without a restart) and the CLI's
    `--price`, and is the CLI's note otherwise.
    The EV example's VGCF and LiNbO3 have no price in the knowledge base (docs/screening.md)."""
    from solidcell.app.server import _screen, _screen_price_field, report_download, screen_space
    from solidcell.cell.design import CellDesign
    from solidcell.cli._common import PRICE_FIELD
    from solidcell.manufacturing.cost import PRICE_FIELD as API_FIELD
    from solidcell.manufacturing.cost import price_field
    from solidcell.screening.screen import screen

    space = screen_space(CellDesign.from_file(EV), RANGES, "20")
    page = _screen(screen, space, "ev", lambda *_: None)
    with price_field(PRICE_FIELD):
        cli = screen(space, application="ev")
    assert page.notes == tuple(n.replace(PRICE_FIELD, _screen_price_field())
                               for n in cli.notes)
    unpriced = [n for n in page.notes if "no price for vgcf, linbo3" in n]
    assert unpriced and not any(API_FIELD in n for n in page.notes)
    for words in ("the design tab's 'material prices' box",
                  "`solidcell materials measure ID --property price --value 'PRICE USD/kg' "
                  "--year YEAR --source KEY`; the next cost reads it, no restart",
                  "`solidcell screen SPACE --price ID=USD_PER_KG`"):
        assert words in unpriced[0]
    assert "restart" not in unpriced[0].replace("no restart", "")
    _, html = report_download(CellDesign.from_file(EV))  # the design tab's Report (HTML)
    assert "CostOptions(prices" not in html
    assert "or with `solidcell report DESIGN --price ID=USD_PER_KG`" in html


def test_no_result_to_download_is_named() -> None:
    from solidcell.app.jobs import Jobs
    from solidcell.app.server import job_result
    from solidcell.errors import ValidationError

    class _State:
        jobs = Jobs()

    try:
        for job_id in (None, "", "not-a-job"):
            with pytest.raises(ValidationError, match="run a screen first"):
                job_result(_State(), job_id, "screen")
    finally:
        _State.jobs.close()


def forever(progress: Any) -> None:
    """A job that reports progress every 50 ms and never returns (module-level: a spawned
    worker unpickles it)."""
    import time

    while True:
        progress(None, "looping")
        time.sleep(0.05)


def answer(progress: Any) -> dict[str, int]:
    progress(1.0, "done")
    return {"answer": 42}


def _wait(jobs: Any, job_id: str, state: str) -> None:
    import time

    end = time.monotonic() + 60.0  # a cold worker imports solidcell first
    while jobs.status(job_id)["state"] != state:
        assert time.monotonic() < end, jobs.status(job_id)
        time.sleep(0.05)


def test_download_only_of_a_finished_job() -> None:
    """A running or stopped job has nothing to download, and says which it is; a finished
    job's result is what the download is made of (real worker processes)."""
    from solidcell.app.jobs import Jobs
    from solidcell.app.server import job_result
    from solidcell.errors import ValidationError

    class _State:
        jobs = Jobs()

    try:
        running = _State.jobs.start("simulation", forever)
        _wait(_State.jobs, running, "running")
        with pytest.raises(ValidationError, match="a simulation that is running"):
            job_result(_State(), running, "simulation")
        _State.jobs.stop(running)
        with pytest.raises(ValidationError, match="a simulation that is stopped"):
            job_result(_State(), running, "simulation")
        done = _State.jobs.start("simulation", answer)
        _wait(_State.jobs, done, "done")
        assert job_result(_State(), done, "simulation") == {"answer": 42}
    finally:
        _State.jobs.close()


def test_material_id_differing_only_in_case_is_found() -> None:
    """Material ids are lower case (schema: a-z, 0-9, ...), so 'LLZO' can be only 'llzo':
    accepted; an id that is not there in any case keeps the store's refusal."""
    from solidcell.app.server import lookup_material
    from solidcell.errors import NotFoundError
    from solidcell.materials.store import default_store

    store = default_store()
    assert lookup_material(store, "LLZO").id == "llzo"
    assert lookup_material(store, "Llzo").id == "llzo"
    with pytest.raises(NotFoundError, match="did you mean"):
        lookup_material(store, "LLZOX")


@pytest.mark.parametrize(("typed", "hint"), [("li", "'Li'"), ("LI", "'Li'"), ("s", "'S'"),
                                             ("CL", "'Cl'")])
def test_element_in_another_case_suggests_the_symbol(typed: str, hint: str) -> None:
    from solidcell.app.server import query_error
    from solidcell.errors import ValidationError
    from solidcell.materials.store import default_store

    with pytest.raises(ValidationError) as err:
        default_store().query(elements=[typed])
    box, text = query_error(err.value, None)
    assert box == "q-elements"
    assert f"did you mean {hint}?" in text


def test_no_hint_for_what_is_no_element_in_any_case() -> None:
    from solidcell.app.server import element_hint

    assert element_hint("Xx") == "" and element_hint("qq") == "" and element_hint("Li") == ""


# --- in the browser ---------------------------------------------------------------------------

dashboard, page = module_dashboard("downloads", TIMEOUT_MS, examples=[EV])


def _open_tab(pg: Any, name: str, first: str) -> None:
    pg.locator(".tab", has_text=name).click()
    pg.locator(first).wait_for(state="visible")


@NEEDS_CHROMIUM
def test_screen_downloads_are_the_cli_screen(page: Any, tmp_path: Path) -> None:
    """CSV: every design as `solidcell screen --csv` writes it; JSON: `solidcell screen
    --json` of the same space (the dashboard's base design, ranges, 300 designs, seed 1)."""
    import pandas as pd

    _open_tab(page, "Screening", "#scr-n")
    said = _refused(page, "scr-dl-csv", "scr-download-msg")
    assert said.startswith("not downloaded: ") and "run a screen first" in said
    for box, value in RANGES.items():
        page.locator(f"#{box}").fill(value)
    page.locator("#scr-n").fill(str(N_DESIGNS))
    page.locator("#scr-application label", has_text="ev").click()  # (the default)
    page.locator("#scr-run").click()
    page.locator("#scr-summary").wait_for()
    csv_name, csv_text = _download(page, "scr-dl-csv", tmp_path)
    json_name, json_text = _download(page, "scr-dl-json", tmp_path)
    assert (csv_name, json_name) == ("screen.csv", "screen.json")
    assert page.locator("#scr-download-msg").inner_text() == "downloaded screen.json"

    (tmp_path / "space.yaml").write_text(
        f"base: {EV}\nmethod: lhs\nn: {N_DESIGNS}\nseed: 1\nparameters:\n"
        "  cathode.thickness_m: {min: 40 um, max: 150 um}\n"
        "  separator.thickness_m: {min: 10 um, max: 60 um}\n", "utf-8")
    cli_json = json.loads(_cli("screen", str(tmp_path / "space.yaml"), "--application", "ev",
                               "--csv", str(tmp_path / "cli.csv"), "--json"))
    got = pd.read_csv(io.StringIO(csv_text))
    want = pd.read_csv(tmp_path / "cli.csv")
    assert len(got) == N_DESIGNS and int(got["Pareto"].sum()) == cli_json["Pareto designs"]
    assert list(got.columns) == list(want.columns)
    assert "cathode.thickness_m" in got.columns and "Pareto" in got.columns
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    page_json = json.loads(json_text)
    # the price note names the CLI's --price there, and here what a dashboard user can do
    # (its price box, the database; it named the Python API's CostOptions): the same note
    # otherwise
    from solidcell.app.server import _screen_price_field
    from solidcell.cli._common import PRICE_FIELD

    page_notes, cli_notes = page_json.pop("notes"), cli_json.pop("notes")
    assert page_notes == [n.replace(PRICE_FIELD, _screen_price_field()) for n in cli_notes]
    assert page_json == cli_json
    assert len(page_json["rows"]) == page_json["Pareto designs"] > 0


@NEEDS_CHROMIUM
def test_design_downloads_are_evaluate_json_and_the_report(page: Any, tmp_path: Path) -> None:
    _open_tab(page, "Design", "#cathode-thickness")
    page.wait_for_function("document.querySelector('#metric-np')?.innerText.length > 0")
    name, text = _download(page, "design-dl-json", tmp_path)
    cli = _cli("evaluate", str(EV), "--json", process=True)
    assert name == "EV-pouch-NMC811-Li6PS5Cl-Li-evaluation.json"
    assert text == cli  # the same text, so the same numbers
    data = json.loads(text)
    shown = float(page.locator("#metric-stack-wh-kg").inner_text())
    assert shown == pytest.approx(data["stack"]["Gravimetric energy density [W.h.kg-1]"],
                                  rel=1e-5)  # the page shows 6 significant digits

    report_name, html = _download(page, "design-dl-report", tmp_path)
    written = json.loads(_cli("report", str(EV), "--out", str(tmp_path / "cli"), "--json"))
    assert report_name == Path(written["Report"]).name  # the name `solidcell report` gives
    # the buttons, disabled while the report was made, are enabled again
    page.wait_for_function("!document.querySelector('#design-dl-report').disabled")
    assert page.locator("#design-download-busy").inner_text() == ""
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "EV pouch NMC811 | Li6PS5Cl | Li" in html

    # an edited design: the download is of the design shown, as saved and evaluated
    page.locator("#n-layers").fill("3")
    page.locator("#n-layers").press("Enter")
    page.wait_for_function("document.querySelector('#n-layers-msg').innerText === '' && "
                           "document.querySelector('#design-stale').innerText === ''")
    _, edited = _download(page, "design-dl-json", tmp_path)
    from solidcell.cell.design import CellDesign

    (tmp_path / "three.yaml").write_text(
        CellDesign.from_file(EV).replace(**{"format.n_layers": 3}).to_yaml(), "utf-8")
    assert json.loads(edited) == json.loads(_cli("evaluate", str(tmp_path / "three.yaml"),
                                                 "--json"))
    # a refused box: nothing downloaded, the reason said
    page.locator("#cathode-thickness").fill("-5")
    page.locator("#cathode-thickness").press("Enter")
    page.wait_for_function("document.querySelector('#cathode-thickness-msg').innerText != ''")
    said = _refused(page, "design-dl-json", "design-download-msg")
    assert said.startswith("not downloaded: ") and "cathode-thickness" in said
    assert "Traceback" not in said
    page.reload()  # the file's values again, for the tests after this one
    page.wait_for_function(
        "document.querySelector('#design-current')?.innerText.startsWith('showing')")


@NEEDS_CHROMIUM
def test_simulation_downloads_are_simulate_json_curves(page: Any, tmp_path: Path,
                                                       dashboard: Any) -> None:
    import pandas as pd

    _open_tab(page, "Simulation", "#sim-experiment")
    said = _refused(page, "sim-dl-json", "sim-download-msg")
    assert said.startswith("not downloaded: ") and "run a simulation first" in said
    page.locator("#sim-experiment").fill(EXPERIMENT)
    page.locator("#sim-run").click()
    page.locator("#sim-figure").wait_for()
    csv_name, csv_text = _download(page, "sim-dl-csv", tmp_path)
    json_name, json_text = _download(page, "sim-dl-json", tmp_path)
    assert (csv_name, json_name) == ("EV-pouch-NMC811-Li6PS5Cl-Li-simulation.csv",
                                     "EV-pouch-NMC811-Li6PS5Cl-Li-simulation.json")
    cli = json.loads(_cli("simulate", str(EV), "--experiment", EXPERIMENT, "--json",
                          "--curves"))
    # the same, but the CLI's notes name its options (tests/cli/test_cli_option_words.py)
    from solidcell.cli._common import json_in_option_words

    words = {"initial_soc": "--initial-soc",
             "interface_resistance_activation_energy": "--interface-activation"}
    assert json_in_option_words(json.loads(json_text), words) == cli
    curves = pd.read_csv(io.StringIO(csv_text))
    columns = ["Time [s]", "Voltage [V]", "Current [A]", "Discharge capacity [A.h]"]
    assert list(curves.columns) == columns
    for column in columns:
        assert list(curves[column]) == cli[column]
    # nothing of the downloads was written on the server: the workspace is as it was
    assert sorted(p.name for p in Path(dashboard.workspace).iterdir()) == []


@NEEDS_CHROMIUM
def test_material_box_accepts_an_id_in_capitals(page: Any) -> None:
    _open_tab(page, "Materials", "#m-id")
    page.locator("#detail-id").fill("LLZO")
    page.locator("#detail-id").press("Enter")
    page.locator("#detail-table").wait_for()
    assert page.locator("#detail-id-msg").inner_text() == ""
    assert "llzo (ids are lower case; 'LLZO' typed)" in page.locator("#detail-view").inner_text()
    page.locator("#q-elements").fill("li")
    page.locator("#q-elements").press("Enter")
    page.wait_for_function("document.querySelector('#q-elements-msg').innerText.length > 0")
    assert "did you mean 'Li'?" in page.locator("#q-elements-msg").inner_text()
