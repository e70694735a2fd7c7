"""Effective-medium conductivity of the review's Table 4 composites, from their constituents.

Reference values: Srivastava review, Table 4 (PEO-LLZO 15 wt% 6.5e-4 S/cm, PEO-SiO2 10 wt%
1.2e-4 S/cm). The two-phase effective medium (Bruggeman, Maxwell-Garnett; choy2016) cannot
reach them from PEO-LiTFSI's room-temperature conductivity: the measured enhancement needs the
conducting polymer/ceramic interphase (nan1993). docs/validation.md lists the numbers.
"""

import pytest

from solidcell.chemistry.composite import composite_conductivity
from solidcell.chemistry.conductivity import conductivity_at
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
    # by hand from the constituents (the 20 % above alone cannot tell the models apart):
    # phi = (w/rho_f) / (w/rho_f + (1 - w)/rho_m) from the mass fractions and densities
    (m, w_m), (f, w_f) = ((c.material, c.fraction) for c in get(composite).components)
    assert (res.matrix, res.filler) == (m, f)
    rho_m, rho_f = get(m).si("density"), get(f).si("density")
    phi = (w_f / rho_f) / (w_f / rho_f + w_m / rho_m)
    assert res.filler_volume_fraction == pytest.approx(phi, rel=1e-12)
    assert res.matrix_conductivity_S_m == pytest.approx(
        float(conductivity_at(m, 298.15).ionic_conductivity_S_m), rel=1e-12)
    sm, sf, s = (res.matrix_conductivity_S_m, res.filler_conductivity_S_m,
                 res.effective_conductivity_S_m)
    if model == "maxwell_garnett":  # spheres in a matrix (choy2016)
        assert s == pytest.approx(
            sm * (sf + 2 * sm + 2 * phi * (sf - sm)) / (sf + 2 * sm - phi * (sf - sm)),
            rel=1e-9)
    else:  # s solves (1 - phi)(sm - s)/(sm + 2s) + phi (sf - s)/(sf + 2s) = 0 (choy2016)
        assert abs((1 - phi) * (sm - s) / (sm + 2 * s) + phi * (sf - s) / (sf + 2 * s)) < 1e-12


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
