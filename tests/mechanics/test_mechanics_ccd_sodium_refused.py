"""The plating CCD model plates lithium (lithium's molar volume and modulus): a sodium
conductor of the knowledge base (nzsp, na3ps4: mobile ion Na) is refused by name, not given a
lithium CCD (`solidcell ccd nzsp --toughness ...` returned a number before 2026-12-07)."""

import pytest

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.materials import get
from solidcell.mechanics.dendrite import check_separator, critical_current_density


@pytest.mark.parametrize("electrolyte", ["nzsp", "na3ps4"])
def test_sodium_conductor_is_refused(electrolyte: str) -> None:
    assert get(electrolyte).mobile_ion == "Na"  # the knowledge base's own field
    with pytest.raises(ValidationError) as exc:
        critical_current_density(electrolyte, 5e-6, fracture_toughness_Pa_m05=1e6)
    assert exc.value.field == "electrolyte" and "Na+" in str(exc.value)


def test_lithium_conductor_still_accepted() -> None:
    assert check_separator("li6ps5cl") == "li6ps5cl"


def test_ccd_cli_refuses_a_sodium_conductor(capsys) -> None:
    code, out, err = run(["ccd", "nzsp", "--flaw-size", "5 um", "--toughness", "1 MPa m1/2"],
                         capsys)
    assert_one_line_error(code, out, err, "nzsp", "Na+")
