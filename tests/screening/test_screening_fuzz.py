"""Bad design spaces never crash the screen: a SolidcellError naming the field, or a table in
which every bad design is a row with its reason."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cell"))
from cellhelpers import ref1_design

from solidcell import screen
from solidcell.errors import SolidcellError

BASE = ref1_design().to_dict()
PATHS = ["cathode.thickness_m", "separator.thickness_m", "anode.thickness_m",
         "anode.np_ratio", "format.n_layers", "first_cycle_loss", "temperature_K",
         "cathode.active_fraction", "separator.electrolyte", "architecture.gap_m",
         # sections, not fields (a whole section as a value crashed with "unhashable type")
         "cathode", "format.interlayer_film", "format"]
SCALAR = st.one_of(st.floats(allow_nan=True, allow_infinity=True, width=32),
                   st.integers(-5, 5), st.sampled_from(["30 um", "-2 um", "3 kg", "x", "nope"]))
VALUE = st.one_of(SCALAR, st.none(), st.lists(SCALAR, max_size=2),
                  st.dictionaries(st.sampled_from(["material", "thickness", "every"]), SCALAR,
                                  max_size=2))
SPEC = st.one_of(
    st.fixed_dictionaries({"values": st.lists(VALUE, min_size=1, max_size=3)}),
    st.fixed_dictionaries({"min": VALUE, "max": VALUE, "n": st.integers(1, 3)}),
    VALUE,
)


@settings(max_examples=40, deadline=None)
@given(params=st.dictionaries(st.sampled_from(PATHS), SPEC, min_size=1, max_size=3),
       method=st.sampled_from(["grid", "lhs", "other"]))
def test_random_spaces_fail_cleanly(params, method):
    space = {"base": BASE, "method": method, "n": 20, "parameters": params}
    try:
        result = screen(space, with_cost=False)
    except SolidcellError as exc:
        assert str(exc)
        return
    t = result.table
    assert ((t["Reason"] == "") == t["Feasible"]).all()
    assert (t.loc[~t["Feasible"], "Reason"].str.len() > 0).all()
