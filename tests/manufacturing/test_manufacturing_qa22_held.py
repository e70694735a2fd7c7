"""``Layer.held`` (the components a layer holds at assembly, a host anode's lithium) names
constituents of the layer, and leaves one at least to be laid down."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.errors import ValidationError
from solidcell.manufacturing.layers import Layer

ANODE = {"name": "anode", "role": "anode", "material": "graphite", "thickness": "60 um",
         "components": {"graphite": 0.9, "li_metal": 0.1}}


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=0, max_size=12).filter(lambda s: s not in ANODE["components"]))
def test_an_id_that_is_no_constituent_is_refused(mid):
    with pytest.raises(ValidationError) as err:
        Layer(**ANODE, held=("li_metal", mid))
    assert err.value.field == "layer.held[1]" or err.value.field.endswith("held[1]")
    assert "graphite, li_metal" in err.value.allowed


def test_holding_every_constituent_is_refused():
    with pytest.raises(ValidationError) as err:
        Layer(**ANODE, held=("graphite", "li_metal"))
    assert err.value.field.endswith("held") and "every constituent" in err.value.allowed


def test_held_lithium_is_left_out_of_what_is_laid_down():
    layer = Layer(**ANODE, held=("li_metal",))
    assert layer.made_of == {"graphite": 0.9} and layer.fractions == ANODE["components"]
