"""The plating CCD estimate against the layer it is made for: an optional electrolyte layer
thickness that no flaw may reach (``solidcell ccd --flaw-size '1 m'`` gave a CCD silently), and
a note where the Griffith critical pressure exceeds the electrolyte's theoretical strength
E/pi (Anderson, Fracture Mechanics, 3rd ed. 2005, eq. 2.5; ``--flaw-size '1 nm'`` gave GPa
without a word). Odd option texts of ``ccd`` and ``interfaces`` are refused on one line naming
the option, never with a traceback."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.mechanics.dendrite import critical_current_density, theoretical_strength_Pa

#: Young's modulus of Li6PS5Cl in the knowledge base, 22 GPa [singh2022_lpscl_microstructure]
E_LPSCL = 22e9


def test_thickness_refuses_a_flaw_not_shallower_than_the_layer() -> None:
    for flaw in (30e-6, 1.0, [5e-6, 40e-6]):
        with pytest.raises(ValidationError) as info:
            critical_current_density("li6ps5cl", flaw, thickness_m=30e-6)
        assert info.value.field == "flaw_size_m"
        assert "below the layer thickness, 30 um" in str(info.value)
    ok = critical_current_density("li6ps5cl", [5e-6, 29e-6], thickness_m=30e-6)
    assert ok.thickness_m == 30e-6
    assert ok.to_json()["Layer thickness [m]"] == 30e-6
    # without a thickness nothing bounds the flaw, as before
    assert critical_current_density("li6ps5cl", 1.0).thickness_m is None


@pytest.mark.parametrize("bad", [0.0, -1e-6, math.nan, math.inf, True, "30 um", None])
def test_a_bad_thickness_is_named(bad: object) -> None:
    if bad is None:  # None is "not given"
        assert critical_current_density("li6ps5cl", 5e-6, thickness_m=bad).thickness_m is None
        return
    with pytest.raises(ValidationError) as info:
        critical_current_density("li6ps5cl", 5e-6, thickness_m=bad)
    assert info.value.field == "thickness_m"


@pytest.mark.parametrize("name", ["", " ", "\u00a0"])
def test_an_empty_electrolyte_name_is_no_new_electrolyte(name: str) -> None:
    """'' with a toughness given was answered as a new electrolyte named ''."""
    from solidcell.mechanics.lithium import monroe_newman

    with pytest.raises(ValidationError) as info:
        critical_current_density(name, 5e-6, fracture_toughness_Pa_m05=1e6)
    assert info.value.field == "electrolyte"
    with pytest.raises(ValidationError) as info:
        monroe_newman(name, shear_modulus_electrolyte_Pa=10e9)
    assert info.value.field == "electrolyte"
    # a name the database lacks, with its toughness, is still a new electrolyte
    assert critical_current_density("my_glass", 5e-6,
                                    fracture_toughness_Pa_m05=1e6).electrolyte == "my_glass"


def test_theoretical_strength_is_e_over_pi() -> None:
    sigma, src = theoretical_strength_Pa("li6ps5cl")
    assert sigma == pytest.approx(E_LPSCL / math.pi)  # Anderson 2005, eq. 2.5
    assert src == "singh2022_lpscl_microstructure"
    # LLZO: E = 149.8 GPa [ni2012] gives 47.7 GPa (docs/interfaces.md); its 1 nm flaw's
    # 19.9 GPa (K_IC 1.25 MPa m^0.5) stays below it: no note
    assert theoretical_strength_Pa("llzo")[0] == pytest.approx(149.8e9 / math.pi)
    llzo = critical_current_density("llzo", 1e-9)
    assert llzo.critical_pressure_Pa == pytest.approx(19.9e9, rel=1e-3)
    assert llzo.strength_note == ""
    assert theoretical_strength_Pa("lagp") is None  # no Young's modulus in the knowledge base
    assert theoretical_strength_Pa("not-a-material") is None


def test_a_critical_pressure_above_the_theoretical_strength_is_noted() -> None:
    # p_c = K_IC / (1.12 sqrt(pi a)): 0.23 MPa m^0.5 at 0.1 nm is 11.6 GPa > 22/pi = 7.0 GPa
    small = critical_current_density("li6ps5cl", 1e-10)
    assert small.critical_pressure_Pa > E_LPSCL / math.pi
    assert "above the theoretical strength of li6ps5cl" in small.strength_note
    assert "anderson2005_fracture" in small.sources
    assert small.theoretical_strength_Pa == pytest.approx(E_LPSCL / math.pi)
    usual = critical_current_density("li6ps5cl", 5e-6)  # 52 MPa: no note
    assert usual.strength_note == ""
    # E/pi is shown with every estimate ("Theoretical strength [Pa]"), so it is cited too
    assert usual.theoretical_strength_Pa == pytest.approx(E_LPSCL / math.pi)
    assert "anderson2005_fracture" in usual.sources
    # an array is noted when any of its flaws is too small
    assert "theoretical strength" in critical_current_density("li6ps5cl",
                                                              [5e-6, 1e-10]).strength_note


def test_ccd_command_thickness_and_strength_note(capsys) -> None:
    assert_one_line_error(*run(["ccd", "li6ps5cl", "--flaw-size", "1 m", "--thickness",
                                "30 um"], capsys),
                          "--flaw-size: '1 m' is not allowed", "below the layer thickness")
    assert_one_line_error(*run(["ccd", "li6ps5cl", "--flaw-size", "5 um", "--thickness",
                                "−30 um"], capsys), "--thickness: '−30 um'")
    code, out, err = run(["ccd", "li6ps5cl", "--flaw-size", "0.1 nm", "--flaw-size", "5 um",
                          "--thickness", "30 µm"], capsys)
    assert code == 0, err
    assert "note (flaw 0.0001 um): critical pressure 11.6 GPa above the theoretical " \
           "strength" in out
    assert "note (flaw 5 um)" not in out
    code, out, _ = run(["ccd", "li6ps5cl", "--flaw-size", "5 um", "--thickness", "30 um",
                        "--json"], capsys)
    (row,) = json.loads(out)
    assert row["Layer thickness [m]"] == pytest.approx(30e-6)


def test_interfaces_command_warns_of_a_flaw_below_the_strength_bound(capsys) -> None:
    code, out, err = run(["interfaces", "examples/ev-nmc811-lpscl-li.yaml", "--flaw-size",
                          "0.1 nm"], capsys)
    assert code == 0, err
    assert "warning: plating CCD estimate (flaw 0.0001 um): critical pressure" in out
    assert "anderson2005_fracture" in out


#: number texts a user may type or paste: signs (ASCII and U+2212), zero, huge, tiny, NaN, inf
NUMBERS = ["5", "0", "-5", "\u22125", "1e400", "1e-400", "1e-30", "nan", "inf", "-inf", "",
           " ", "1,5", "5.", ".5", "1_0"]
#: unit texts: the right kind, look-alikes (micro sign and Greek mu), wrong kinds, none
UNITS = ["um", "\u00b5m", "\u03bcm", "nm", "m", "MPa", "mA/cm2", "furlongs", "Ohm cm2", "", "K"]
SEPARATORS = [" ", "", "\u00a0"]


def _typed() -> st.SearchStrategy[str]:
    return st.builds(lambda n, s, u: f"{n}{s}{u}", st.sampled_from(NUMBERS),
                     st.sampled_from(SEPARATORS), st.sampled_from(UNITS))


def _assert_answer_or_named(code: int, out: str, err: str, *options: str) -> None:
    """An answer, or one error line that begins by naming one of ``options``."""
    assert "Traceback" not in out + err
    if code == 0:
        assert out
        return
    assert_one_line_error(code, out, err)
    assert any(err.startswith(f"error: {o}: ") for o in options), err


SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(option=st.sampled_from(["--flaw-size", "--thickness", "--asr", "--toughness"]),
       text=_typed())
@example(option="--flaw-size", text="nan\u00a0\u00b5m")
@example(option="--thickness", text="5 furlongs")
def test_ccd_option_texts_are_answered_or_refused_by_name(option: str, text: str,
                                                          capsys) -> None:
    given_ = {"--flaw-size": "5 um", option: text}
    args = [x for kv in given_.items() for x in kv]
    code, out, err = run(["ccd", "li6ps5cl", *args, "--json"], capsys)
    # a thickness of 5 um or less refuses the 5 um flaw, naming it
    _assert_answer_or_named(code, out, err, option, "--flaw-size")
    if code == 0:
        for row in json.loads(out):
            assert np.isfinite(row["Critical overpotential [V]"])


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(option=st.sampled_from(["--stack-pressure", "--fixture-stiffness", "--charge-current",
                               "--flaw-size", "--li-shear-modulus"]), text=_typed())
def test_interfaces_option_texts_are_answered_or_refused_by_name(option: str, text: str,
                                                                 capsys) -> None:
    code, out, err = run(["interfaces", "examples/ev-nmc811-lpscl-li.yaml", option, text,
                          "--json"], capsys)
    _assert_answer_or_named(code, out, err, option)


def test_ccd_cites_the_pressure_scaling_of_the_asr_where_it_is_used(capsys) -> None:
    """`ccd --pressure` scales the ASR as ASR(p_ref) (p/p_ref)^-0.5 (arXiv:2501.00600,
    `arxiv2501_00600_constriction`); its JSON rows and sources line left that key out. Without
    --pressure no ASR is scaled and the key is not cited."""
    from solidcell.mechanics.dendrite import ASR_PRESSURE_SOURCE

    base = ["ccd", "li6ps5cl", "--flaw-size", "5 um"]
    scaled = [*base, "--asr", "10 Ohm cm2", "--asr-pressure", "5 MPa", "--pressure", "1 MPa",
              "--pressure", "10 MPa"]
    code, out, err = run([*scaled, "--json"], capsys)
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 2 and all(ASR_PRESSURE_SOURCE in r["sources"] for r in rows)
    code, out, err = run(scaled, capsys)
    assert code == 0, err
    assert ASR_PRESSURE_SOURCE in out.split("sources:")[-1]
    code, out, err = run([*base, "--asr", "10 Ohm cm2", "--json"], capsys)
    assert code == 0, err
    assert all(ASR_PRESSURE_SOURCE not in r["sources"] for r in json.loads(out))
