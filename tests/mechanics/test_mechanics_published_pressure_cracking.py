"""Stack pressure and plating pressure against Duan et al. 2023 (``duan2023_lpscl_cracking``,
read in a public text copy of the paper): a Li | Li6PS5Cl | Li cell "with a high stack pressure
of 75 MPa" shorted after 13 h without current, lithium-filled cracks starting from surface
flaws; "an overpotential of 10 mV can cause a plating stress of up to 75 MPa" (V_m(Li) =
13 cm3/mol). Doux et al. 2020 (``doux2020_stack_pressure``) cycled Li | Li6PS5Cl cells at 5 MPa.

Model: lithium flowing above its yield strength carries the stack pressure into the surface
flaws of the separator; a flaw deeper than a_c = (K_IC / (Y p))^2 / pi extends (Griffith-Irwin,
the plating model's Y = 1.12), warned of where a_c is below the separator's thickness. Before,
the stack-pressure model had no upper limit short of lithium's Young's modulus (7.82 GPa):
75 MPa on a 30 um Li6PS5Cl separator passed without a word.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.mechanics.dendrite import EDGE_CRACK_Y, electrochemical_pressure_Pa
from solidcell.mechanics.pressure import critical_flaw_size_m, stack_pressure

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV_DESIGN = EXAMPLES / "ev-nmc811-lpscl-li.yaml"  # 30 um Li6PS5Cl separator, lithium metal
#: duan2023_lpscl_cracking: stack pressure that shorted Li | Li6PS5Cl | Li [Pa]
DUAN_SHORT_PA = 75e6
#: doux2020_stack_pressure: stack pressure of > 1000 h of Li | Li6PS5Cl | Li cycling [Pa]
DOUX_PA = 5e6
#: Li6PS5Cl toughness of the knowledge base (Li2S-P2S5 glass value, singh2022) [Pa m^0.5]
K_LPSCL = 0.23e6


def test_plating_pressure_of_10_mV_is_duans_75_MPa() -> None:
    """p = F eta / Omega_Li: 74.2 MPa at 10 mV with Omega_Li = M_Li / rho_Li = 13.0 cm3/mol
    (pymatgen, CRC), against "up to 75 MPa" printed: -1.1 %. Their own F = 96,488 C/mol and
    V_m = 13 cm3/mol give 74.2 MPa as well: the 75 is rounded."""
    p = electrochemical_pressure_Pa(0.010)
    assert p == pytest.approx(74.2e6, rel=2e-3)
    assert p / DUAN_SHORT_PA - 1 == pytest.approx(-0.011, abs=2e-3)
    theirs = 96488 * 0.010 / 13e-6
    assert p == pytest.approx(theirs, rel=2e-3)


def test_critical_flaw_size_is_griffiths() -> None:
    for k, p in ((K_LPSCL, DUAN_SHORT_PA), (1.25e6, 5e6)):
        a = critical_flaw_size_m(k, p)
        assert p * EDGE_CRACK_Y * math.sqrt(math.pi * a) == pytest.approx(k, rel=1e-12)
    assert critical_flaw_size_m(K_LPSCL, 0.0) == math.inf


def test_duans_75_MPa_is_warned_of_and_douxs_5_MPa_is_not() -> None:
    """At 75 MPa a Li6PS5Cl flaw deeper than 2.39 um extends (below the 30 um separator and
    the 1.1-14 um flaws Singh et al. 2022 imaged): warned, citing the short. At 5 MPa
    a_c = 537 um, deeper than the layer: no warning. More pressure never deepens a_c."""
    design = CellDesign.from_yaml(EV_DESIGN)
    high = stack_pressure(design, stack_pressure_Pa=DUAN_SHORT_PA)
    assert high.critical_flaw_size_m == pytest.approx(2.386e-6, rel=1e-3)
    (warning,) = [w for w in high.warnings if "a_c" in w]
    assert "2.39 um" in warning and "30 um" in warning
    assert {"duan2023_lpscl_cracking", "singh2022_lpscl_microstructure"} <= set(high.sources)
    low = stack_pressure(design, stack_pressure_Pa=DOUX_PA)
    assert low.critical_flaw_size_m == pytest.approx(5.369e-4, rel=1e-3)
    assert not [w for w in low.warnings if "a_c" in w]
    sizes = [stack_pressure(design, stack_pressure_Pa=p).critical_flaw_size_m
             for p in (1e6, 5e6, 21e6, 22e6, 75e6)]
    assert sizes == sorted(sizes, reverse=True)
    # the threshold for the 30 um layer: K / (Y sqrt(pi t)) = 21.2 MPa
    assert not [w for w in stack_pressure(design, stack_pressure_Pa=21e6).warnings if "a_c" in w]
    assert [w for w in stack_pressure(design, stack_pressure_Pa=22e6).warnings if "a_c" in w]


def test_highest_pressure_of_a_stiff_fixture_is_the_one_checked() -> None:
    """A fixture raises the pressure as the stack grows: a_c is taken at p_max, not p0."""
    design = CellDesign.from_yaml(EV_DESIGN)
    sp = stack_pressure(design, stack_pressure_Pa=5e6, fixture_stiffness_Pa_m=1e9)
    assert sp.pressure_max_Pa > 5e6
    assert sp.critical_flaw_size_m == pytest.approx(
        critical_flaw_size_m(K_LPSCL, sp.pressure_max_Pa), rel=1e-12)


def test_interfaces_command_reports_the_flaw_size_and_warns(capsys) -> None:
    code, out, err = run(["interfaces", str(EV_DESIGN), "--stack-pressure", "75 MPa", "--json"],
                         capsys)
    assert code == 0, err
    data = json.loads(out)
    mech = data["Mechanics"]
    key = "Critical separator flaw size at the highest stack pressure [m]"
    assert mech["Stack pressure"][key] == pytest.approx(2.386e-6, rel=1e-3)
    assert any("a_c" in w and "duan2023_lpscl_cracking" in w for w in mech["warnings"])


def test_a_separator_without_toughness_is_not_evaluated() -> None:
    """The thin-film LiPON design: no K_IC in the knowledge base, so no a_c and no warning."""
    design = CellDesign.from_yaml(EXAMPLES / "thin-film-lco-lipon-li.yaml")
    sp = stack_pressure(design, stack_pressure_Pa=DUAN_SHORT_PA)
    assert sp.critical_flaw_size_m is None
    assert not [w for w in sp.warnings if "a_c" in w]


@pytest.mark.parametrize("p", [1e-300, 5e-324, 3.3e-228])
def test_a_vanishing_pressure_deepens_no_flaw_into_an_error(p: float) -> None:
    """1e-300 Pa overflowed (K / (Y p))^2 (OverflowError): no flaw is that deep, as at 0 Pa."""
    assert critical_flaw_size_m(K_LPSCL, p) == math.inf
    assert stack_pressure(CellDesign.from_yaml(EV_DESIGN),
                          stack_pressure_Pa=p).critical_flaw_size_m == math.inf
