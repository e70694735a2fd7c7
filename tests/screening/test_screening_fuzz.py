"""Bad design spaces never crash the screen: a SolidcellError naming the field, or a table in
which every bad design is a row with its reason."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import example, given, settings
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


# spaces that screen (without them 7 of 40 draws gave a table, 1 with a feasible row): the
# N/P sweep gives an infeasible row (0.5 < 1) and a feasible one
GOOD = st.dictionaries(
    st.sampled_from(["cathode.thickness_m", "separator.thickness_m", "anode.np_ratio"]),
    st.sampled_from([{"values": ["30 um", "60 um"]}, {"values": [0.5, 2.0]},
                     {"min": "20 um", "max": "40 um", "n": 2}]), min_size=1, max_size=2)


@settings(max_examples=40, deadline=None)
@example(params={"anode.np_ratio": {"values": [0.5, 2.0]}}, method="grid")
@given(params=st.one_of(st.dictionaries(st.sampled_from(PATHS), SPEC, min_size=1, max_size=3),
                        GOOD),
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


def test_a_space_with_a_refused_n_p_gives_one_bad_row_with_its_reason():
    """The success path of the test above, asserted: N/P 0.5 is a row refused with the design
    model's rule (N/P >= 1), N/P 2 a feasible row with no reason."""
    space = {"base": BASE, "method": "grid",
             "parameters": {"anode.np_ratio": {"values": [0.5, 2.0]}}}
    t = screen(space, with_cost=False).table
    assert list(t["Feasible"]) == [False, True]
    assert t["Reason"][0] == "anode.np_ratio: must be >= 1"
    assert t["Reason"][1] == ""
