"""Effective-medium conductivity of the review's Table 4 composites, from their constituents.

Reference values: Srivastava review, Table 4 (PEO-LLZO 15 wt% 6.5e-4 S/cm, PEO-SiO2 10 wt%
1.2e-4 S/cm). The two-phase effective medium (Bruggeman, Maxwell-Garnett; choy2016) cannot
reach them from PEO-LiTFSI's room-temperature conductivity: the measured enhancement needs the
conducting polymer/ceramic interphase (nan1993). docs/validation.md lists the numbers.
"""

import pytest

from solidcell.chemistry.composite import composite_conductivity
from solidcell.errors import UnsupportedError, ValidationError
from solidcell.materials import get


@pytest.mark.parametrize("composite", ["peo_llzo_15wt", "peo_sio2_10wt"])
@pytest.mark.parametrize("model", ["bruggeman", "maxwell_garnett"])
def test_two_phase_medium_underestimates_table4(composite: str, model: str) -> None:
    res = composite_conductivity(composite, model=model)
    reported = get(composite).si("ionic_conductivity")
    assert res.effective_conductivity_S_m < reported
    # the filler is dilute (< 7 vol%): the medium stays within 20 % of the polymer
    assert res.filler_volume_fraction < 0.07
    assert res.effective_conductivity_S_m == pytest.approx(res.matrix_conductivity_S_m, rel=0.2)
    assert "choy2016" in res.sources


def test_interphase_raises_the_estimate() -> None:
    plain = composite_conductivity("peo_llzo_15wt").effective_conductivity_S_m
    shell = composite_conductivity("peo_llzo_15wt", model="interphase", particle_radius=100e-9,
                                   shell_thickness=50e-9, shell_conductivity=1e-2)
    assert shell.effective_conductivity_S_m > plain
    assert "nan1993" in shell.sources


def test_errors_name_what_is_missing() -> None:
    with pytest.raises(ValidationError, match="model"):
        composite_conductivity("peo_llzo_15wt", model="magic")
    with pytest.raises(ValidationError, match="particle_radius"):
        composite_conductivity("peo_llzo_15wt", model="interphase")
    with pytest.raises(UnsupportedError, match="two components"):
        composite_conductivity("llzo")
