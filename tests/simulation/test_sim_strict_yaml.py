"""The active-materials table of the simulation is read strictly: a key twice is refused
(``yaml.safe_load`` kept the second ``diffusivity_m2_s`` without a word)."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from solidcell.simulation.ocp import active_material_table, read_active_materials

TWICE = """\
nmc811:
  diffusivity_m2_s: {value: 4.0e-15, source: chen2020}
  particle_radius_m: {value: 5.22e-6, source: chen2020}
  diffusivity_m2_s: {value: 4.0e-13, source: chen2020}
"""


def test_a_key_twice_in_the_table_is_refused() -> None:
    assert yaml.safe_load(TWICE)["nmc811"]["diffusivity_m2_s"]["value"] == 4.0e-13  # before
    with pytest.raises(yaml.YAMLError, match=r"key 'diffusivity_m2_s' appears twice.*"
                       r"first on line 2, again on line 4"):
        read_active_materials(TWICE)


def test_the_shipped_table_reads_as_safe_load_reads_it() -> None:
    text = resources.files("solidcell.simulation.data").joinpath(
        "active_materials.yaml").read_text("utf-8")
    assert active_material_table() == yaml.safe_load(text)
