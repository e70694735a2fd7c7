"""`solidcell predict` with several inputs names the sources of every prediction.

The "Sources:" line listed the first prediction's keys alone: `predict Li2S
Li6.4Al0.8La3Zr2O12` left out moy2022_al_llzo, the source of the second input's solubility
note (x = 0.8 Al per formula unit against the limit ~0.40), although `predict
Li6.4Al0.8La3Zr2O12` named it. The neighbours' names are OBELiX's reduced compositions
without the stray spaces some rows carry (' Li6.4Al0.19La3Zr2O11.8' of entry 8ee)."""

from __future__ import annotations

from clirun import run
from solidcell.discovery.predict import _obelix_reference, predict_conductivity


def _sources_line(out: str) -> list[str]:
    line = next(t for t in out.splitlines() if t.startswith("Sources: "))
    return line.removeprefix("Sources: ").removesuffix(" (solidcell cite KEY)").split(", ")


def test_the_sources_line_holds_every_predictions_keys(capsys) -> None:
    args = ["Li2S", "Li6.4Al0.8La3Zr2O12"]
    code, out, err = run(["predict", *args, "--no-window", "--neighbours", "0"], capsys)
    assert code == 0, err
    shown = _sources_line(out)
    assert "moy2022_al_llzo" in shown
    preds = predict_conductivity(args, window=False, neighbours=0)
    assert set(shown) == {k for p in preds for k in p.all_sources()}
    assert len(shown) == len(set(shown))  # each key once


def test_obelix_names_carry_no_surrounding_spaces() -> None:
    names = _obelix_reference().names
    assert len(names) == 599 and all(n == n.strip() and n for n in names)
    near = predict_conductivity("Li6.4Al0.8La3Zr2O12", window=False).neighbours
    assert near[0].name == "Li6.4Al0.19La3Zr2O11.8"  # OBELiX 8ee, ' Li6.4...' in the table


def test_discover_flags_and_progress_are_checked() -> None:
    """discover(window="no") computed every stability window (a non-empty text is true), and
    a progress that is no function raised TypeError mid-run, in discover and in
    predict_conductivity; both are refused by name, as predict_conductivity's window is."""
    import pytest

    from solidcell.discovery.candidates import discover
    from solidcell.errors import ValidationError

    for kwargs, field in (({"window": "no"}, "window"), ({"progress": 5}, "progress")):
        with pytest.raises(ValidationError) as err:
            discover("Li3PS4", ["Cl"], **kwargs)
        assert err.value.field == field
    with pytest.raises(ValidationError) as err:
        predict_conductivity("LiCl", window=False, progress=5)
    assert err.value.field == "progress"


def test_the_interval_level_is_written_without_rounding(capsys) -> None:
    """--level 0.925 was titled '92% interval' (the ':.0%' format), in predict, discover and
    the plot's legend."""
    from solidcell.discovery.predict import level_text

    assert [level_text(x) for x in (0.9, 0.8, 0.925, 0.5)] == ["90%", "80%", "92.5%", "50%"]
    code, out, err = run(["predict", "Li3PS4", "--level", "0.925", "--no-window",
                          "--neighbours", "0"], capsys)
    assert code == 0, err
    assert "92.5%" in out and "92% " not in out
    code, out, err = run(["discover", "Li3PS4", "--dopants", "Cl", "--level", "0.925"], capsys)
    assert code == 0, err
    assert "92.5%" in out and "92% " not in out
