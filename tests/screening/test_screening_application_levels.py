"""Each application requirement is asked at the level (stack / cell / pack) its source means."""

from __future__ import annotations

from pathlib import Path

from solidcell.screening.screen import applications, load_space, screen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STACK_VOL = "Stack volumetric energy density [W.h.L-1]"


def test_ev_targets_are_cell_level() -> None:
    """usabc_ev_goals: 'Cell-level end-of-life targets: 350 Wh/kg and 750 Wh/L'."""
    keys = {r["key"]: r["min"] for r in applications()["ev"].requirements}
    assert keys == {"Cell gravimetric energy density [W.h.kg-1]": 350,
                    "Cell volumetric energy density [W.h.L-1]": 750}


def test_iot_bar_is_the_stack_level_thin_film_figure() -> None:
    """Review 3.3.3 '(>1000 Wh/L)' names no level; packaged thin-film cells (datasheets of
    frontedge_nanoenergy_tech, elektroniknet_efl700a39) are far below it: asked of the stack,
    with the source's words in the profile's description."""
    app = applications()["iot"]
    (req,) = app.requirements
    assert (req["key"], req["min"], req["source"]) == (STACK_VOL, 1000, "srivastava_review")
    assert "(>1000 Wh/L)" in app.description and "stack" in app.description
    assert {"frontedge_nanoenergy_tech", "elektroniknet_efl700a39"} <= set(app.sources)


def test_thin_film_screen_has_an_iot_front() -> None:
    """A thin-film screen (LiCoO2 1-14 um) now has designs meeting the bar, and exactly those
    whose stack reaches 1000 Wh/L (a property of the requirement, not a tuned count)."""
    space = load_space({"base": str(EXAMPLES / "thin-film-lco-lipon-li.yaml"), "method": "grid",
                        "parameters": {"cathode.thickness_m": {"min": "1 um", "max": "14 um",
                                                               "n": 14}}})
    t = screen(space, application="iot").table
    meets = t["Meets requirements"].to_numpy()
    assert meets.any() and t["Pareto"].any()
    assert (meets == (t["Feasible"].to_numpy() & (t[STACK_VOL].to_numpy() >= 1000))).all()
