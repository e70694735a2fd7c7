"""Which curated electrolytes can be moved off their measured temperature.

``conductivity_at`` extrapolates with an ``activation_energy`` or interpolates between values of
one source at two or more temperatures (docs/materials-data.md, "Known gaps"). The electrolytes
below have neither: one conductivity (or a review range) at one temperature. Adding sourced
temperature data to one of them must move it out of NO_TEMPERATURE_DATA (and out of the list in
docs/materials-data.md); this test fails until both agree with the data.
"""

from __future__ import annotations

import pytest

from solidcell.chemistry.conductivity import _points, conductivity_at
from solidcell.errors import ValidationError
from solidcell.materials.store import curated_materials

#: electrolytes with an activation energy (source in brackets in the YAML)
WITH_ACTIVATION_ENERGY = {
    "llzo", "lipon", "lgps", "li3ps4", "li7p3s11",
    # added with tests/chemistry/test_electrolyte_temperature.py (sources named there)
    "llzo_ta", "latp", "lagp", "llto", "li3ycl6", "li3incl6", "li6ps5cl", "li6ps5br", "lsipscl",
    "na3ps4",
    # NASICON: 0.29 eV of goodenough1976_nasicon, the paper of its 300 C value (abstract read);
    # tests/chemistry/test_electrolyte_temperature.py
    "nzsp",
}

#: electrolytes with measured values of one source at several temperatures (no activation
#: energy): peo_litfsi, 25-100 C of aenm2019_1900763 (via the Bradford et al. 2023 dataset)
WITH_TEMPERATURE_SERIES = {"peo_litfsi"}

#: one temperature only: no published value at a second temperature (or activation energy) of
#: the same material was read for these (why, per material: docs/materials-data.md, Known gaps)
NO_TEMPERATURE_DATA = {
    # polymers and composites (the review's values; their original papers are not identified)
    "pegda_xl", "pvdf_hfp_emimtfsi", "pan_gpe",
    "peo_llzo_15wt", "peo_sio2_10wt", "llzo_scaffold_peo", "lagp_peo",
    # beta''-alumina: a review's range at 300 C; only single-crystal activation energies read
    "na_beta_alumina",
}

ELECTROLYTES = {m.id: m for m in curated_materials() if m.category == "electrolyte"}


def _has_temperature_data(material) -> bool:
    return material.get("activation_energy") is not None or len(_points(material)) >= 2


def test_every_curated_electrolyte_is_classified() -> None:
    with_data = {i for i, m in ELECTROLYTES.items() if _has_temperature_data(m)}
    assert with_data == WITH_ACTIVATION_ENERGY | WITH_TEMPERATURE_SERIES
    assert set(ELECTROLYTES) - with_data == NO_TEMPERATURE_DATA


@pytest.mark.parametrize("material_id", sorted(NO_TEMPERATURE_DATA))
def test_without_temperature_data_other_temperatures_are_refused(material_id: str) -> None:
    material = ELECTROLYTES[material_id]
    t_data = _points(material)[0][0]
    assert float(conductivity_at(material, t_data).ionic_conductivity_S_m) > 0
    with pytest.raises(ValidationError, match="activation_energy") as err:
        conductivity_at(material, t_data - 25.0)
    assert err.value.value == material_id


@pytest.mark.parametrize("material_id", sorted(WITH_ACTIVATION_ENERGY))
def test_activation_energies_have_a_source_and_a_plausible_size(material_id: str) -> None:
    ea = ELECTROLYTES[material_id].get("activation_energy")
    # measured, or (LLTO) a review's statement of the measured value
    assert ea.source and ea.method in {"measured", "review"}
    assert 0.1 < ea.si < 1.0  # eV; solid Li+ and Na+ conductors lie in between
    cold = conductivity_at(material_id, 273.15).ionic_conductivity_S_m
    hot = conductivity_at(material_id, 318.15).ionic_conductivity_S_m
    assert cold < hot
