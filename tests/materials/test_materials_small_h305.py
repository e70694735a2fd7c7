"""Small defects of the materials API: an id with spaces at its ends was called an alias of the
id it holds, ``query`` refused pint Quantities it took as text, and ``cite`` refused a
``CellDesign`` while it took the design's evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

import solidcell as sc
from clirun import assert_one_line_error, run
from solidcell.errors import NotFoundError, ValidationError
from solidcell.materials.store import MATERIALS
from solidcell.units import registry

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


def Q_(value, unit):
    return registry().Quantity(value, unit)


# --- 1) an id with spaces at its ends ---------------------------------------------------------

@settings(max_examples=25, deadline=None)
@given(left=st.sampled_from(["", " ", "\t", "  "]), right=st.sampled_from(["", " ", "\n", " \t"]))
def test_an_id_with_spaces_at_its_ends_is_refused_as_such(tmp_path_factory, left, right):
    if not left and not right:
        return
    db = str(tmp_path_factory.mktemp("db") / "m.sqlite")
    from solidcell.materials.store import MaterialStore

    with MaterialStore(db) as store, pytest.raises(NotFoundError) as err:
        store.get(f"{left}lgps{right}")
    message = str(err.value)
    assert "spaces or line breaks at its ends" in message, message
    assert "did you mean lgps?" in message
    assert "alias" not in message  # ' lgps' was "its alias, not an id"


def test_spaces_around_an_alias_name_the_spaces_and_the_alias(open_store, tmp_path):
    store = open_store(str(tmp_path / "m.sqlite"))
    with pytest.raises(NotFoundError, match=r"at its ends.*did you mean li6ps5cl\? \('LPSCl' is "
                                            r"its alias"):
        store.get(" LPSCl ")


def test_a_stored_id_is_still_found_exactly(open_store, tmp_path):
    # an id the old rule let through (ending in a line break) is looked up as given first
    store = open_store(str(tmp_path / "m.sqlite"))
    store.add({"id": "mine", "name": "Mine", "category": "additive"})
    with store.engine.begin() as conn:
        payload = json.loads(conn.execute(sa.select(MATERIALS.c.payload)
                                          .where(MATERIALS.c.id == "mine")).scalar_one())
        conn.execute(MATERIALS.update().where(MATERIALS.c.id == "mine")
                     .values(id="mine\n", payload=json.dumps({**payload, "id": "mine\n"})))
    assert store.get("mine\n").name == "Mine"


def test_materials_show_refuses_spaces_around_an_id(capsys, tmp_path):
    code, out, err = run(["materials", "show", " lgps", "--db", str(tmp_path / "m.sqlite")],
                         capsys)
    assert_one_line_error(code, out, err, "' lgps'", "at its ends", "did you mean lgps?")
    assert "alias" not in err


# --- 2) query takes pint Quantities --------------------------------------------------------

def test_query_takes_quantities_as_it_takes_text(open_store, tmp_path):
    store = open_store(str(tmp_path / "m.sqlite"))

    def ids(**kw):
        return [m.id for m in store.query(property="ionic_conductivity", **kw)]

    by_text = ids(minimum="1 mS/cm", maximum="100 mS/cm", temperature="25 degC")
    assert by_text  # the curated sulfides conduct above 1 mS/cm at room temperature
    assert ids(minimum=Q_(1, "mS/cm"), maximum=Q_(100, "mS/cm"),
               temperature=Q_(25, "degC")) == by_text
    # a fraction, too
    assert [m.id for m in store.query(property="transference_number", minimum=Q_(50, "%"))] \
        == [m.id for m in store.query(property="transference_number", minimum="50 %")]


@pytest.mark.parametrize(("field", "value"), [
    ("minimum", Q_(1, "m")), ("maximum", Q_(1, "K")), ("temperature", Q_(1, "mS/cm")),
    ("temperature", Q_(-300, "degC")), ("minimum", Q_(-1, "mS/cm")),
    ("minimum", Q_(float("nan"), "S/m")), ("minimum", Q_([1.0, 2.0], "S/m")),
])
def test_query_refuses_a_wrong_quantity_by_name(open_store, tmp_path, field, value):
    store = open_store(str(tmp_path / "m.sqlite"))
    with pytest.raises(ValidationError) as err:
        store.query(property="ionic_conductivity", **{field: value})
    assert err.value.field == field


# --- 3) cite a design -----------------------------------------------------------------------

def test_cite_a_design_cites_its_materials_and_data():
    design = sc.CellDesign.from_file(EV)
    keys = design.resolved().sources
    text = sc.cite(design, style="text")
    assert [line.split("]")[0][1:] for line in text.splitlines()] == list(keys)
    # what the evaluation used includes what the design used
    evaluated = sc.cite(sc.evaluate(design), style="text").splitlines()
    assert set(text.splitlines()) <= set(evaluated)
    assert sc.cite([design], style="bibtex") == sc.cite(design)


def test_cite_a_design_without_sources_says_what_to_pass(monkeypatch):
    from solidcell.cell.design import ResolvedDesign

    design = sc.CellDesign.from_file(EV)
    resolved = design.resolved()
    monkeypatch.setattr(type(design), "resolved",
                        lambda self: ResolvedDesign(**{**vars(resolved), "sources": ()}))
    with pytest.raises(ValidationError, match=r"cite\(solidcell.evaluate\(design\)\)"):
        sc.cite(design)
