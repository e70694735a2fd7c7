"""The caveats of a plating CCD estimate are fields of :class:`CriticalCurrent`, not text
markers in one note.

Before, ``note`` held the model's description followed by "; critical pressure ..." (a flaw
too small for the Griffith estimate: its critical pressure above E/pi, Anderson 2005 eq. 2.5)
and "; the stack pressure alone ..." (a flaw the stack pressure extends without current), and
each reader split the text at those markers; the ``interfaces`` table title printed the whole
text, so the stack caveat stood twice, in the title and in the warning below it. Now ``note``
is the model's description, ``strength_note`` and ``stack_note`` the caveats; ``--json``
keeps ``"Note"`` as the whole text and gives each part under a key of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import run
from solidcell.mechanics import dendrite
from solidcell.mechanics.dendrite import critical_current_density

EV = str(Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml")


def test_the_text_markers_are_gone() -> None:
    assert not hasattr(dendrite, "STRENGTH_NOTE_START")
    assert not hasattr(dendrite, "STACK_NOTE_START")


def test_both_caveats_are_fields_and_the_json_gives_each() -> None:
    # li6ps5cl, K_IC 0.23 MPa m^0.5 [singh2022]: 0.1 nm needs 11.6 GPa > E/pi = 7.0 GPa, and
    # 75 MPa of stack pressure exceeds a 5 um flaw's 51.8 MPa (Duan et al. 2023 shorted at 75)
    res = critical_current_density("li6ps5cl", [1e-10, 5e-6], asr_ohm_m2=1e-3,
                                   stack_pressure_Pa=75e6)
    assert res.strength_note.startswith("critical pressure 11.6 GPa above the theoretical "
                                        "strength of li6ps5cl")
    assert res.stack_note.startswith("the stack pressure alone (75 MPa) reaches the critical "
                                     "pressure of the flaw (51.8 MPa)")
    for caveat in (res.strength_note, res.stack_note):
        assert caveat not in res.note
    data = res.to_json()
    assert data["Note"] == res.full_note == f"{res.note}; {res.strength_note}; {res.stack_note}"
    assert data["Model note"] == res.note
    assert data["Theoretical strength note"] == res.strength_note
    assert data["Stack pressure note"] == res.stack_note
    plain = critical_current_density("li6ps5cl", 5e-6, asr_ohm_m2=1e-3).to_json()
    assert plain["Theoretical strength note"] is None and plain["Stack pressure note"] is None
    assert plain["Note"] == plain["Model note"]


@settings(max_examples=30, deadline=None)
@given(flaw=st.floats(1e-11, 2e-5), stack=st.floats(0.0, 200e6))
def test_the_model_note_does_not_depend_on_the_flaw(flaw: float, stack: float) -> None:
    """The note is the model's description: the same for every flaw at a stack pressure (the
    ``ccd`` table prints one for all its rows); a flaw's own words are in the two fields."""
    res = critical_current_density("li6ps5cl", flaw, asr_ohm_m2=1e-3, stack_pressure_Pa=stack)
    ref = critical_current_density("li6ps5cl", 5e-6, asr_ohm_m2=1e-3, stack_pressure_Pa=1.0)
    assert res.note == ref.note
    assert bool(res.stack_note) == (res.critical_current_density_A_m2 == 0.0)
    assert bool(res.strength_note) == (res.critical_pressure_Pa > res.theoretical_strength_Pa)


def test_interfaces_says_the_stack_caveat_once(capsys) -> None:
    code, out, err = run(["interfaces", EV, "--stack-pressure", "75 MPa", "--flaw-size",
                          "5 um"], capsys)
    assert code == 0, err
    text = " ".join(out.split())  # the table title wraps
    assert text.count("the stack pressure alone (75 MPa)") == 1  # was 2: title and warning
    assert ("plating CCD estimate (flaw 5 um): the stack pressure alone (75 MPa) reaches"
            in text)
    code, out, err = run(["interfaces", EV, "--stack-pressure", "75 MPa", "--flaw-size",
                          "5 um", "--json"], capsys)
    assert code == 0, err
    cc = json.loads(out)["Mechanics"]["Critical current density"]
    assert "the stack pressure alone (75 MPa)" in cc["Note"]  # the whole text, as before
    assert cc["Stack pressure note"].startswith("the stack pressure alone (75 MPa)")
