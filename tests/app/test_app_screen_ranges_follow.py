"""The screening tab's range boxes start around the design tab's design (half to twice its
cathode and separator thickness, the dashboard's convention ``server.SCREEN_SPAN``, a
thin_film cathode held to the design model's 100 um) and follow its edits, keeping a value
the user typed until another design is opened. The fixed boxes (40-150 um cathodes, 10-60 um
separators) screened the thin-film example's 5 um cathode with no feasible design at all.
The browser side is test_app_screen_ranges_browser.py."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from browserhelpers import EXAMPLES, callback_request, design_dashboard
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.app.server import (
    MAX_THICKNESS_UM,
    OPENED_KEY,
    PAGE_OPENED,
    SCREEN_RANGE_RULE,
    SCREEN_SPAN,
    followed_screen_ranges,
    form_values,
    screen_defaults,
    screen_limit_um,
    screen_space,
    unused_screen_ranges,
)
from solidcell.cell.design import THIN_FILM_MAX_CATHODE_M, CellDesign
from solidcell.errors import ValidationError
from solidcell.screening.screen import applications, screen

ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))
THIN_FILM = EXAMPLES / "thin-film-lco-lipon-li.yaml"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
BOXES = ("scr-cathode-min", "scr-cathode-max", "scr-separator-min", "scr-separator-max")


def test_every_example_is_listed() -> None:
    assert len(ALL_EXAMPLES) == 9, [p.name for p in ALL_EXAMPLES]


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_the_default_screen_of_every_example_has_feasible_designs(path: Path) -> None:
    """Each example screened over its own default ranges, for every application profile,
    gives feasible designs (the thin-film example over the old fixed boxes gave none)."""
    design = CellDesign.from_yaml(path)
    space = screen_space(design, screen_defaults(design), "40")
    for name in applications():
        table = screen(space, application=name).table
        assert int(table["Feasible"].sum()) > 0, (path.name, name, table["Reason"].iloc[0])


def test_the_span_is_half_to_twice_the_design_values() -> None:
    """The EV example: 80 um cathode, 30 um separator (its file)."""
    assert SCREEN_SPAN == (0.5, 2.0)
    assert screen_defaults(CellDesign.from_yaml(EV)) == {
        "scr-cathode-min": "40", "scr-cathode-max": "160",
        "scr-separator-min": "15", "scr-separator-max": "60"}
    # the thin-film example: 5 um LiCoO2, 1.5 um LiPON
    assert screen_defaults(CellDesign.from_yaml(THIN_FILM)) == {
        "scr-cathode-min": "2.5", "scr-cathode-max": "10",
        "scr-separator-min": "0.75", "scr-separator-max": "3"}


def test_a_thin_film_cathode_range_stops_at_the_model_limit() -> None:
    """An 80 um thin-film cathode (on a 50 um Li foil, for N/P >= 1): 40 to 100 um, not to
    160 um, which the design model refuses for a thin_film architecture."""
    design = CellDesign.from_yaml(THIN_FILM).replace(**{"cathode.thickness_m": 80e-6,
                                                        "anode.thickness_m": 50e-6})
    defaults = screen_defaults(design)
    assert float(defaults["scr-cathode-max"]) == THIN_FILM_MAX_CATHODE_M * 1e6 == 100.0
    assert defaults["scr-cathode-min"] == "40"
    table = screen(screen_space(design, defaults, "30"), application="iot").table
    assert int(table["Feasible"].sum()) > 0, table["Reason"].unique()
    assert not table["Reason"].astype(str).str.contains("thin_film").any()


def _design(cathode_um: float, separator_um: float, kind: str) -> Any:
    """What :func:`screen_defaults` and :func:`screen_space` read of a design."""
    return SimpleNamespace(
        resolved=lambda: SimpleNamespace(cathode_thickness_m=cathode_um * 1e-6),
        separator=SimpleNamespace(thickness_m=separator_um * 1e-6),
        architecture=SimpleNamespace(kind=kind))


@settings(max_examples=200, deadline=None)
@given(cathode_um=st.floats(1e-3, 3e4), separator_um=st.floats(1e-3, 3e4),
       kind=st.sampled_from(["planar", "thin_film", "bipolar", "vertically_aligned"]))
def test_the_defaults_are_accepted_ranges_within_the_limits(
        cathode_um: float, separator_um: float, kind: str) -> None:
    """Every default range is one the form accepts: 0 < from <= to <= the limit (100 um for
    a thin_film cathode, MAX_THICKNESS_UM otherwise)."""
    design = _design(cathode_um, separator_um, kind)
    defaults = screen_defaults(design)
    for key, own in (("scr-cathode", cathode_um), ("scr-separator", separator_um)):
        limit = screen_limit_um(design, key)
        assert limit == (100.0 if key == "scr-cathode" and kind == "thin_film"
                         else MAX_THICKNESS_UM)
        low, high = float(defaults[f"{key}-min"]), float(defaults[f"{key}-max"])
        assert 0 < low <= high <= limit
        if 2 * own <= limit:  # unclipped: half to twice, to the digits shown
            assert low == pytest.approx(own / 2, rel=1e-3)
            assert high == pytest.approx(2 * own, rel=1e-3)
    space = screen_space(design, defaults, "5")
    assert set(space["parameters"]) == {"cathode.thickness_m", "separator.thickness_m"}


def test_a_typed_box_stays_and_the_others_follow() -> None:
    design = CellDesign.from_yaml(EV)
    auto = screen_defaults(design)
    thicker = design.replace(**{"cathode.thickness_m": 100e-6})
    boxes = {**auto, "scr-cathode-min": "55"}  # typed by the user
    new, given_now = followed_screen_ranges(thicker, boxes, auto, reset=False)
    assert new == {"scr-cathode-min": None, "scr-cathode-max": "200",
                   "scr-separator-min": "15", "scr-separator-max": "60"}
    assert given_now == screen_defaults(thicker)
    # an emptied box follows again; another design opened (reset) replaces the typed value
    new, _ = followed_screen_ranges(thicker, {**boxes, "scr-cathode-min": " "}, auto, False)
    assert new["scr-cathode-min"] == "50"
    new, _ = followed_screen_ranges(CellDesign.from_yaml(THIN_FILM), boxes, auto, reset=True)
    assert new == screen_defaults(CellDesign.from_yaml(THIN_FILM))
    # the first fill (nothing given yet, empty boxes)
    new, _ = followed_screen_ranges(design, dict.fromkeys(BOXES, ""), None, reset=False)
    assert new == auto


def test_the_rule_is_stated_on_the_tab() -> None:
    assert "half to twice" in SCREEN_RANGE_RULE
    assert "dashboard's convention" in SCREEN_RANGE_RULE
    assert "100 um for a thin_film cathode" in SCREEN_RANGE_RULE
    assert "until another design is opened" in SCREEN_RANGE_RULE


def test_an_interdigitated_design_still_screens_the_cathode_only() -> None:
    design = CellDesign.from_yaml(EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml")
    space = screen_space(design, screen_defaults(design), "20")
    assert list(space["parameters"]) == ["cathode.thickness_m"]
    assert "scr-separator" in unused_screen_ranges(design)


@pytest.mark.parametrize(("box", "typed"), [("scr-cathode-min", "abc"),
                                            ("scr-separator-max", "-3"),
                                            ("scr-cathode-max", "20000")])
def test_a_bad_range_beside_the_defaults_is_still_refused(box: str, typed: str) -> None:
    design = CellDesign.from_yaml(THIN_FILM)
    with pytest.raises(ValidationError) as info:
        screen_space(design, {**screen_defaults(design), box: typed}, "20")
    assert info.value.field == box


# --- the callback, posted as the page posts it ---------------------------------------------


@pytest.fixture(name="thin_app")
def fixture_thin_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    app = design_dashboard(tmp_path, THIN_FILM)
    app.source = str(tmp_path / "examples" / THIN_FILM.name)
    yield app
    app.state.jobs.close()


def _follow(app: Any, changed: str, **form: Any) -> dict[str, Any]:
    """The range boxes' new values (those the answer sets) after ``changed`` ("id.property")
    fired the callback that fills them, as the page posts it; {} when it sets none."""
    client = app.server.test_client()
    deps = client.get("/_dash-dependencies").get_json()
    original = form_values(CellDesign.from_yaml(THIN_FILM))
    values = {**original, "design-source": app.source, "design-original": original,
              **dict.fromkeys(BOXES, ""), **form}
    payload = callback_request(deps, "scr-cathode-min", values, changed)
    answer = client.post("/_dash-update-component", json=payload)
    if answer.status_code == 204:  # every output left as it is
        return {}
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    response = answer.get_json()["response"]
    return {**{b: response[b]["value"] for b in BOXES if "value" in response.get(b, {})},
            **({"auto": response["scr-range-auto"]["data"]}
               if "scr-range-auto" in response else {})}


def test_opening_a_design_fills_the_boxes_from_it(thin_app: Any) -> None:
    expected = screen_defaults(CellDesign.from_yaml(THIN_FILM))
    assert _follow(thin_app, "design-source.data", **{"design-opened": "t1"}) == {
        **expected, "auto": {**expected, OPENED_KEY: "t1"}}
    # a design opened since the boxes were given their texts (a new design-opened token):
    # a typed value is replaced
    answer = _follow(thin_app, "design-source.data", **{
        **expected, "scr-cathode-min": "4", "design-opened": "t2",
        "scr-range-auto": {**expected, OPENED_KEY: "t1"}})
    assert answer == {"scr-cathode-min": "2.5", "auto": {**expected, OPENED_KEY: "t2"}}


def test_the_page_s_first_call_keeps_a_value_typed_before_it(thin_app: Any) -> None:
    """The layout gave the boxes the first design's ranges (token PAGE_OPENED); the page's
    first call opens that design: a value typed before its answer came stays, and no box is
    sent its own text again."""
    expected = screen_defaults(CellDesign.from_yaml(THIN_FILM))
    auto = {**expected, OPENED_KEY: PAGE_OPENED}
    answer = _follow(thin_app, "design-source.data", **{
        **expected, "scr-cathode-min": "4", "design-opened": PAGE_OPENED,
        "scr-range-auto": auto})
    assert answer == {"auto": auto}


def test_an_edited_cathode_moves_the_untouched_boxes_only(thin_app: Any) -> None:
    auto = screen_defaults(CellDesign.from_yaml(THIN_FILM))
    answer = _follow(thin_app, "cathode-thickness.value", **{
        **auto, "scr-cathode-max": "8", "scr-range-auto": auto, "cathode-thickness": "8",
        "design-opened": PAGE_OPENED})
    # cathode-max typed (8): kept; cathode-min follows the 8 um cathode; the separator's
    # boxes hold what they were given (not sent again)
    assert answer == {"scr-cathode-min": "4", "auto": {
        "scr-cathode-min": "4", "scr-cathode-max": "16", "scr-separator-min": "0.75",
        "scr-separator-max": "3", OPENED_KEY: PAGE_OPENED}}


def test_a_refused_design_edit_leaves_the_boxes(thin_app: Any) -> None:
    """A 200 um cathode is refused for a thin_film architecture (the design tab says so):
    the boxes are left as they were."""
    auto = screen_defaults(CellDesign.from_yaml(THIN_FILM))
    assert _follow(thin_app, "cathode-thickness.value", **{
        **auto, "scr-range-auto": auto, "cathode-thickness": "200"}) == {}
