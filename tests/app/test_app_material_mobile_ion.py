"""The add-material form's mobile ion (H332): a sodium electrolyte is added with ``Na``, and a
mobile ion the schema does not allow is refused beside the box, naming the field, the value
and the allowed ions. No browser: the callbacks are posted as the page posts them (Flask test
client); test_app_material_mobile_ion_browser.py clicks the same in Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import pytest
from browserhelpers import layout_components, screen_app_fixture

from solidcell.app.server import MATERIAL_FORM_FIELDS, add_material_from_form, mobile_ions
from solidcell.materials.schema import Material
from solidcell.materials.store import MaterialStore

#: a sodium thiophosphate of the form (the test's own input value and source)
NA3PS4 = {"id": "my_na3ps4", "name": "my Na3PS4", "formula": "Na3PS4",
          "category": "electrolyte", "electrolyte_class": "sulfide", "mobile_ion": "Na",
          "property": "ionic_conductivity", "value": "0.2 mS/cm", "temperature": "25 degC",
          "year": "", "method": "measured", "source": "test_input"}


@pytest.fixture(name="store")
def _store(tmp_path: Path) -> Any:
    store = MaterialStore(tmp_path / "materials.sqlite")
    yield store
    store.close()


app = screen_app_fixture()


def _page_form(**changed: Any) -> dict[str, Any]:
    """The form's boxes by element id (``m-<field>``), the add button clicked once."""
    return {**{f"m-{k}": v for k, v in {**NA3PS4, **changed}.items()}, "m-add": 1}


def test_the_choices_are_the_schema_s_ions_with_li_first() -> None:
    assert mobile_ions() == get_args(Material.model_fields["mobile_ion"].annotation)
    assert mobile_ions()[0] == Material.model_fields["mobile_ion"].default == "Li"
    assert "mobile_ion" in MATERIAL_FORM_FIELDS


def test_the_page_offers_a_select_of_the_schema_s_ions(app: Any) -> None:
    box = layout_components(app.layout())["m-mobile_ion"]
    assert box._type == "Dropdown"
    assert list(box.options) == list(mobile_ions()) and box.value == "Li"
    assert box.clearable is False  # a material always has one


def test_a_sodium_electrolyte_is_added_with_na(store: Any) -> None:
    result, msgs = add_material_from_form(NA3PS4, store)
    assert result == "added my_na3ps4" and not any(msgs.values()), msgs
    assert store.get("my_na3ps4").mobile_ion == "Na"


def test_the_page_adds_na3ps4_with_na(app: Any) -> None:
    answer = app.call("m-add.n_clicks", "m-result", **_page_form())
    assert answer["m-result"]["children"] == "added my_na3ps4", answer
    assert not any(v.get("children") for k, v in answer.items() if k.endswith("-msg"))
    store = MaterialStore()  # the dashboard's own database (SOLIDCELL_DB of the fixture)
    try:
        assert store.get("my_na3ps4").mobile_ion == "Na"
    finally:
        store.close()


@pytest.mark.parametrize("typed", ["Xx", "na", "Li+"])
def test_a_mobile_ion_not_allowed_is_refused_beside_its_box(app: Any, typed: str) -> None:
    answer = app.call("m-add.n_clicks", "m-result", **_page_form(mobile_ion=typed))
    assert answer["m-result"]["children"] == "not stored: fix the marked field"
    message = answer["m-mobile_ion-msg"]["children"]
    # the field, the value as sent and every ion allowed
    assert message.startswith(f"mobile_ion: {typed!r} is not allowed; ")
    assert all(f"'{ion}'" in message for ion in mobile_ions()), message
    assert [k for k, v in answer.items() if k.endswith("-msg") and v.get("children")] == [
        "m-mobile_ion-msg"]
    store = MaterialStore()
    try:
        assert "my_na3ps4" not in store
    finally:
        store.close()


def test_na3ps4_left_at_li_is_refused_beside_the_mobile_ion_box(store: Any) -> None:
    """The schema's rule (the formula holds its mobile ion) was said beside the id box, with
    the id as the value refused."""
    result, msgs = add_material_from_form({**NA3PS4, "mobile_ion": "Li"}, store)
    assert result == "not stored: fix the marked field"
    assert msgs["mobile_ion"].startswith("mobile_ion: 'Li' is not allowed; ")
    assert "Na3PS4: Na" in msgs["mobile_ion"]
    assert [f for f, m in msgs.items() if m] == ["mobile_ion"]
    assert "my_na3ps4" not in store
