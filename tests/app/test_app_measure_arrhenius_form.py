"""The measure form's Arrhenius form (``mm-arrhenius_form``, ``solidcell materials measure
--arrhenius-form``): a select shown for an activation energy only, its form stored with the
measurement; given for another property it is refused beside it by the model's rule. No
browser: the callbacks are posted as the page posts them (Flask test client)."""

from __future__ import annotations

from typing import Any

import pytest
from browserhelpers import screen_app_fixture
from test_app_prices import _text

from solidcell.materials.schema import ARRHENIUS_FORMS
from solidcell.materials.store import MaterialStore

#: an activation energy of llzo (the test's own input)
EA = {"mm-material": "llzo", "mm-property": "activation_energy", "mm-value": "0.35 eV",
      "mm-temperature": "", "mm-year": "", "mm-method": "measured",
      "mm-source": "lab-notebook", "mm-add": 1}


app = screen_app_fixture()


def _measurements() -> list[Any]:
    with MaterialStore() as store:
        return [value for _, _, value in store.measurements("llzo")]


def test_the_select_is_shown_for_an_activation_energy_only(app: Any) -> None:
    shown = app.call("mm-property.value", "mm-arrhenius_form-row",
                     **{"mm-property": "activation_energy", "mm-arrhenius_form": "plain"})
    assert shown["mm-arrhenius_form-row"]["style"] == {}
    assert "mm-arrhenius_form" not in shown  # the choice is kept
    hidden = app.call("mm-property.value", "mm-arrhenius_form-row",
                      **{"mm-property": "density", "mm-arrhenius_form": "plain"})
    assert hidden["mm-arrhenius_form-row"]["style"] == {"display": "none"}
    assert hidden["mm-arrhenius_form"]["value"] == ""  # not stated: density has none


@pytest.mark.parametrize("form", ARRHENIUS_FORMS)
def test_the_form_chosen_is_stored_and_shown(app: Any, form: str) -> None:
    answer = app.call("mm-add.n_clicks", "mm-result", **EA, **{"mm-arrhenius_form": form})
    assert answer["mm-result"]["children"].startswith("added measurement ")
    assert answer["mm-arrhenius_form-msg"]["children"] == ""
    assert [v.arrhenius_form for v in _measurements()] == [form]
    detail = _text(app.call("detail-id.value", "detail-view", **{"detail-id": "llzo"})
                   ["detail-view"]["children"])
    name = {"sigma_T": "sigma*T", "plain": "plain"}[form]
    assert f"0.35 eV, {name} form [measured, lab-notebook] (your measurement" in detail


@pytest.mark.parametrize("chosen", ["", None])  # "not stated", or a page without the select
def test_none_chosen_stores_none(app: Any, chosen: str | None) -> None:
    app.call("mm-add.n_clicks", "mm-result", **EA, **{"mm-arrhenius_form": chosen})
    assert [v.arrhenius_form for v in _measurements()] == [None]


def test_a_form_for_another_property_is_refused_beside_the_select(app: Any) -> None:
    answer = app.call("mm-add.n_clicks", "mm-result", **{
        **EA, "mm-property": "density", "mm-value": "5 g/cm3", "mm-arrhenius_form": "plain"})
    assert answer["mm-result"]["children"] == "not stored: fix the marked field"
    assert answer["mm-arrhenius_form-msg"]["children"] == (
        "arrhenius_form: 'plain' is not allowed; only an activation energy has an Arrhenius "
        "form; leave it out for density")
    assert _measurements() == []
