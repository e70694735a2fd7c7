"""Dashboard logic without a browser: paths, form parsing, design edits."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from browserhelpers import callback_request
from hypothesis import example, given, settings
from hypothesis import strategies as st

from solidcell.app.paths import list_designs, safe_design_path, safe_save_name
from solidcell.app.server import design_changes, form_values, material_from_form
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError

DESIGN = Path(__file__).resolve().parent.parent / "report" / "data" / "ssb_ref1.yaml"


@pytest.fixture
def roots(tmp_path: Path) -> list[Path]:
    examples, workspace = tmp_path / "examples", tmp_path / "workspace"
    examples.mkdir()
    workspace.mkdir()
    (examples / "cell.yaml").write_text(DESIGN.read_text("utf-8"), "utf-8")
    (tmp_path / "secret.yaml").write_text("name: outside\n", "utf-8")
    return [examples, workspace]


def test_design_inside_roots_is_found(roots: list[Path]) -> None:
    assert safe_design_path("cell.yaml", roots) == (roots[0] / "cell.yaml").resolve()
    assert safe_design_path(str(roots[0] / "cell.yaml"), roots).name == "cell.yaml"
    assert [label for label, _ in list_designs(roots)] == ["examples/cell.yaml"]


@pytest.mark.parametrize("text", ["../secret.yaml", "/etc/passwd", "../../../../etc/passwd",
                                  "", "cell.txt", "missing.yaml", "cell.yaml\x00.txt"])
def test_paths_outside_or_odd_are_refused(roots: list[Path], text: str) -> None:
    with pytest.raises(ValidationError, match="path"):
        safe_design_path(text, roots)


def test_symlink_out_of_the_workspace_is_refused(roots: list[Path]) -> None:
    link = roots[1] / "link.yaml"
    os.symlink(roots[0].parent / "secret.yaml", link)
    with pytest.raises(ValidationError):
        safe_design_path("link.yaml", roots)


#: relative paths made of names that exist inside and outside the root (random text alone
#: named no existing file, so the accepting branch was never reached: the root was empty)
_PATH_TEXT = st.builds(
    lambda lead, parts: lead + "/".join(parts), st.sampled_from(["", "./", "/"]),
    st.lists(st.sampled_from(["..", ".", "fixed-root", "sub", "cell.yaml", "secret.yaml",
                              "link.yaml"]), min_size=1, max_size=5))
#: names of the design inside the root: each must be found
_INSIDE = ("cell.yaml", "./cell.yaml", "fixed-root/cell.yaml", "sub/../cell.yaml")


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=60), _PATH_TEXT))
@example("cell.yaml")
@example("../secret.yaml")
@example("link.yaml")
def test_no_text_opens_a_file_outside(tmp_path_factory: pytest.TempPathFactory,
                                      text: str) -> None:
    base = tmp_path_factory.getbasetemp()
    root = base / "fixed-root"
    if not root.exists():
        (root / "sub").mkdir(parents=True)
        (root / "cell.yaml").write_text("name: inside\n", "utf-8")
        (base / "secret.yaml").write_text("name: outside\n", "utf-8")
        os.symlink(base / "secret.yaml", root / "link.yaml")
    try:
        path = safe_design_path(text, [root])
    except ValidationError:
        assert text not in _INSIDE, text
        return
    assert path.is_relative_to(root.resolve()) and path.is_file(), (text, path)
    assert path == (root / "cell.yaml").resolve(), text  # the only design inside


@pytest.mark.parametrize("name", ["a/b", "..", "../x", "", " ", ".hidden", "x" * 200])
def test_bad_save_names(name: str) -> None:
    with pytest.raises(ValidationError, match="save_name"):
        safe_save_name(name)


def test_good_save_name() -> None:
    assert safe_save_name("my-cell") == "my-cell.yaml"
    assert safe_save_name("my-cell.yaml") == "my-cell.yaml"


def test_unchanged_form_changes_nothing() -> None:
    design = CellDesign.from_yaml(DESIGN)
    values = form_values(design)
    assert design_changes(values, values) == {}
    # SSB-REF-1 (energy_density_cases.csv): cathode 100 um, separator 30 um, Li 30 um
    assert values["cathode-thickness"] == pytest.approx(100.0)
    assert values["separator-thickness"] == pytest.approx(30.0)
    assert values["anode-thickness"] == pytest.approx(30.0)


def test_changes_are_in_si() -> None:
    design = CellDesign.from_yaml(DESIGN)
    original = form_values(design)
    changes = design_changes({**original, "cathode-thickness": 80, "temperature": 60},
                             original)
    assert changes["cathode.thickness_m"] == pytest.approx(80e-6)
    assert changes["temperature_K"] == pytest.approx(333.15)
    assert changes["cathode.active_loading_kg_m2"] is None
    edited = design.replace(**changes)
    assert edited.cathode.thickness_m == pytest.approx(80e-6)
    assert design.cathode.thickness_m == pytest.approx(100e-6)  # the original is untouched


@pytest.mark.parametrize("value", ["abc", float("nan"), float("inf")])
def test_bad_numbers_name_the_field(value: object) -> None:
    with pytest.raises(ValidationError, match="cathode-thickness"):
        design_changes({"cathode-thickness": value}, {})


GOOD = {"id": "my_llzo", "name": "my LLZO", "formula": "Li7La3Zr2O12",
        "category": "electrolyte", "electrolyte_class": "oxide",
        "property": "ionic_conductivity", "value": "0.5 mS/cm", "temperature": "25 degC",
        "method": "measured", "source": "my_notebook"}


def test_material_from_form() -> None:
    m = material_from_form(GOOD)
    assert m.origin == "user"
    assert m.si("ionic_conductivity") == pytest.approx(0.05)  # 0.5 mS/cm = 0.05 S/m
    assert m.get("ionic_conductivity").temperature == pytest.approx(298.15)


@pytest.mark.parametrize(("field", "value"), [
    ("value", "abc"), ("value", "1.2 kg"), ("value", "-1 mS/cm"), ("value", "1 mS/cm/cm"),
    ("id", "Bad Id!"), ("formula", "Xx9Qq"), ("source", ""), ("temperature", "hot"),
    ("electrolyte_class", ""), ("category", "planet"),
])
def test_bad_material_fields(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as info:
        material_from_form({**GOOD, field: value})
    assert info.value.field == field


def test_an_untouched_required_box_is_named_as_empty() -> None:
    """Dash sends None for a box never typed in; the page said 'name: None is not allowed'."""
    with pytest.raises(ValidationError) as info:
        material_from_form({**GOOD, "name": None})
    assert str(info.value) == "name: '' is not allowed; is required"


#: S/m per unit (1 S/cm = 100 S/m, 1 mS/cm = 0.1 S/m); None: not a conductivity unit
_PER_UNIT = {"S/cm": 100.0, "mS/cm": 0.1, "S/m": 1.0, "S": None, "kg": None}
#: a number with a unit: random text alone was never a value (the accepting branch went
#: untested)
_VALUE_TEXT = st.builds(lambda x, unit: f"{x:g} {unit}", st.floats(1e-9, 10.0),
                        st.sampled_from(sorted(_PER_UNIT)))


def _conductivity_S_m(text: str) -> float | None:
    """The conductivity [S/m] ``text`` states as '<number> <unit>' (number 1e-9-10), or None."""
    number, _, unit = text.partition(" ")
    if _PER_UNIT.get(unit) is None or not re.fullmatch(r"[0-9.e+-]+", number):
        return None
    try:
        x = float(number)
    except ValueError:
        return None
    return x * _PER_UNIT[unit] if 1e-9 <= x <= 10.0 else None


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=20), _VALUE_TEXT))
@example("0.5 mS/cm")
def test_any_value_text_is_accepted_or_refused_cleanly(text: str) -> None:
    expected = _conductivity_S_m(text)
    try:
        m = material_from_form({**GOOD, "value": text})
    except ValidationError as exc:
        assert exc.field in {"value", "temperature"}
        assert expected is None, text  # a conductivity written with its unit is taken
        return
    if expected is not None:
        assert m.get("ionic_conductivity").si == pytest.approx(expected, rel=1e-12), text


def test_query_bounds_are_parsed_with_units() -> None:
    """The materials query's bounds are read by the store (as `solidcell materials query`
    reads them): text with a unit, converted to the canonical unit."""
    from solidcell.materials.store import default_store

    store = default_store()
    # 1 mS/cm = 0.1 S/m (solidcell.units doctest)
    assert [m.id for m in store.query(property="ionic_conductivity", minimum="1 mS/cm")] \
        == [m.id for m in store.query(property="ionic_conductivity", minimum=0.1)]
    with pytest.raises(ValidationError, match="1 kg"):
        store.query(property="ionic_conductivity", minimum="1 kg")


# --- QA fixes: every error beside its field, nothing stored lost, finite bounds -----------


@pytest.mark.parametrize(("key", "value"), [("n-layers", 1.5), ("temperature", float("nan"))])
def test_form_errors_of_every_field_are_shown_beside_it(key: str, value: float) -> None:
    """design_changes names the form id; field_of_error must map it back to that field
    (n-layers and temperature used to land in the general message, not beside the field)."""
    from solidcell.app.server import field_of_error

    design = CellDesign.from_yaml(DESIGN)
    original = form_values(design)
    with pytest.raises(ValidationError) as info:
        design_changes({**original, key: value}, original)
    assert field_of_error(info.value) == key


def test_a_blank_design_field_is_an_error_not_the_original_value() -> None:
    """A cleared field (or text the browser's number box refused, e.g. 1e400) used to fall
    back silently to the original design while the box stayed empty."""
    design = CellDesign.from_yaml(DESIGN)
    original = form_values(design)
    with pytest.raises(ValidationError, match="cathode-thickness") as info:
        design_changes({**original, "cathode-thickness": None}, original)
    assert "um" in info.value.allowed
    # a field the design does not have (no foil anode) may stay empty
    assert design_changes({**original, "anode-thickness": None},
                          {**original, "anode-thickness": None}) == {}


def test_temperature_below_absolute_zero_is_reported_beside_temperature() -> None:
    with pytest.raises(ValidationError) as info:
        material_from_form({**GOOD, "temperature": "-500 degC"})
    assert info.value.field == "temperature"
    assert info.value.value == "-500 degC"


def test_model_message_does_not_repeat_the_field_prefix() -> None:
    with pytest.raises(ValidationError) as info:
        material_from_form({**GOOD, "formula": "Xx9Qq"})
    assert str(info.value).count("is not allowed") == 1, str(info.value)


@pytest.mark.parametrize("raw", ["nan", "inf", "1e400", "-inf"])
def test_query_fraction_bounds_must_be_finite(raw: str) -> None:
    from solidcell.materials.store import default_store

    with pytest.raises(ValidationError, match="finite"):
        default_store().query(property="transference_number", minimum=raw)


@pytest.mark.parametrize("raw", ["inf", "1e400", "nan"])
def test_screen_bounds_must_be_finite(raw: str) -> None:
    from solidcell.app.server import screen_space

    values = {"scr-cathode-min": raw, "scr-cathode-max": "150", "scr-separator-min": "10",
              "scr-separator-max": "60"}
    with pytest.raises(ValidationError) as info:
        screen_space(CellDesign.from_yaml(DESIGN), values, "5")
    assert info.value.field == "scr-cathode-min"


def test_the_listed_label_of_a_design_opens_it(roots: list[Path]) -> None:
    """The dropdown lists 'examples/cell.yaml'; typing that label must open the same file."""
    label, path = list_designs(roots)[0]
    assert safe_design_path(label, roots) == path
    with pytest.raises(ValidationError, match="existing file"):
        safe_design_path("examples/missing.yaml", roots)
    with pytest.raises(ValidationError):
        safe_design_path("examples/../secret.yaml", roots)


def test_saving_twice_under_one_name_keeps_the_first_unless_replace(tmp_path: Path) -> None:
    from solidcell.app.server import DashboardState

    state = DashboardState(tmp_path / "examples", tmp_path / "workspace")
    design = CellDesign.from_yaml(DESIGN)
    path = state.save(design, "mine")
    first = path.read_text("utf-8")
    edited = design.replace(**{"cathode.thickness_m": 80e-6,
                               "cathode.active_loading_kg_m2": None})
    with pytest.raises(ValidationError, match="save_name"):
        state.save(edited, "mine")
    assert path.read_text("utf-8") == first
    assert state.save(edited, "mine", replace=True) == path
    assert path.read_text("utf-8") != first


def test_result_tables_show_long_source_lists() -> None:
    """Predictions name 13+ sources; the table used to drop every list longer than 8."""
    from solidcell.app.server import _json_table

    keys = [f"key{i}" for i in range(14)]
    html_table = _json_table({"Value [V]": 1.0, "sources": keys, "Curve [V]": list(range(20))},
                             "t")
    text = str(html_table.to_plotly_json())
    # every one of the 14, in order, not only the last ('key1' alone is in 'key13')
    assert ", ".join(keys) in text
    assert "Curve [V]" not in text  # curves stay out of the table


def _solving(progress):
    """A job (module-level: it runs in a worker process) that solves for a minute, its
    progress unknown."""
    progress(None, "solving")
    time.sleep(60)


def test_unknown_progress_is_indeterminate() -> None:
    from solidcell.app.jobs import Jobs
    from solidcell.app.server import _job_progress

    class State:
        jobs = Jobs()

    job = State.jobs.start("simulation", _solving)
    try:
        end = time.monotonic() + 120  # a new worker process imports solidcell first
        while State.jobs.status(job)["message"] != "solving" and time.monotonic() < end:
            time.sleep(0.02)
        bar, _result, disabled = _job_progress(State, job, "sim", lambda r: r)
        progress = bar.children[0]
        assert bar.children[1].children.startswith(" solving")
        assert not disabled
        assert getattr(progress, "value", None) is None  # indeterminate, not stuck at 0
    finally:
        State.jobs.close()


def test_serialisers_are_loaded_before_serving() -> None:
    """plotly's JSON encoder reads pandas from sys.modules without importing it; a job thread
    importing pandas meanwhile crashed a callback ('partially initialized module pandas')."""
    import subprocess
    import sys

    code = ("import sys; from solidcell.app.server import create_app; create_app(); "
            "print(all(m in sys.modules for m in ('numpy', 'pandas')))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300, env=dict(os.environ))
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().splitlines()[-1] == "True"


def _dash_call(client, deps, first_output: str, values: dict, changed: str) -> dict:
    """One Dash callback through Flask's test client, as the page posts it."""
    payload = callback_request(deps, first_output, values, changed)
    answer = client.post("/_dash-update-component", json=payload)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    return answer.get_json()["response"]


def test_a_new_screen_clears_the_previous_result(roots: list[Path]) -> None:
    """While a second screen runs, the first one's Pareto front must not stay on the page
    under the new progress bar; a refused start keeps what is shown."""
    from solidcell.app.server import create_app

    app = create_app(roots[0], roots[1])
    client = app.server.test_client()
    deps = client.get("/_dash-dependencies").get_json()
    design = CellDesign.from_yaml(DESIGN)
    original = form_values(design)
    values = {**original, "design-source": str(roots[0] / "cell.yaml"),
              "design-original": original, "scr-application": "ev", "scr-n": "20",
              "scr-cathode-min": "40", "scr-cathode-max": "150", "scr-separator-min": "10",
              "scr-separator-max": "60", "scr-run": 1}
    try:
        started = _dash_call(client, deps, "scr-job", values, "scr-run.n_clicks")
        assert started["scr-result"]["children"] == ""
        refused = _dash_call(client, deps, "scr-job", {**values, "scr-n": "0"},
                             "scr-run.n_clicks")
        assert "scr-result" not in refused  # no_update: nothing shown is removed on an error
        assert "scr-n" in refused["scr-n-msg"]["children"]
    finally:
        app.state.jobs.close()  # no screen worker outlives the test
