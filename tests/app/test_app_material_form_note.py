"""The dashboard's "Add material" answer says what ``materials add`` says of a conductivity
typed without its temperature (it counts as 298.15 K): the note ``MaterialStore.add`` gives,
taken as text (H318; before, the form said nothing, and the store's new warning went to the
server's log). The form's values are the test's own input."""

from __future__ import annotations

import warnings
from typing import Any

from solidcell.app.server import add_material_from_form

FORM = {"id": "h318_pellet", "name": "H318 pellet", "formula": "Li7La3Zr2O12",
        "category": "electrolyte", "electrolyte_class": "oxide",
        "property": "ionic_conductivity", "value": "0.5 mS/cm", "temperature": "",
        "year": "", "method": "measured", "source": "my_lab_notebook_2026"}


def test_the_answer_carries_the_note_and_nothing_is_warned(tmp_path: Any, open_store) -> None:
    store = open_store(tmp_path / "materials.sqlite")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # taken as text: no warning into the server's log
        result, msgs = add_material_from_form(FORM, store)
        again = add_material_from_form(dict(FORM), store)  # sent twice: the same answer
    assert result.startswith("added h318_pellet; note: no temperature given (h318_pellet: "
                             "ionic_conductivity): this value counts as measured at 298.15 K")
    assert again == (result, msgs) and not any(msgs.values())
    assert store.get("h318_pellet").properties[0].temperature is None


def test_a_value_with_its_temperature_is_added_without_a_note(tmp_path: Any,
                                                               open_store) -> None:
    store = open_store(tmp_path / "materials.sqlite")
    result, msgs = add_material_from_form({**FORM, "temperature": "25 degC"}, store)
    assert result == "added h318_pellet" and not any(msgs.values())
