"""``MaterialStore.add_measurement`` notes a value without its temperature as ``add`` does.

A conductivity measured without a stated temperature counts as measured at 298.15 K
(``ROOM_TEMPERATURE_K``) in queries and the sigma RT column. ``materials measure`` printed
that note; in Python ``add_measurement`` said nothing (``add``, ``update`` and the imports
warn a :class:`RoomTemperatureNote`). Now it warns after the write, or hands the text to
``notes``; the command line keeps its own wording (printed once), and the dashboard's
"Add measurement" answer carries the note. Values typed here are a user's own.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from clirun import run
from solidcell.app.server import add_measurement_from_form
from solidcell.materials.store import RoomTemperatureNote

SIGMA = {"name": "ionic_conductivity", "value": 0.8, "unit": "mS/cm", "method": "measured",
         "source": "my-lab-2026"}


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "note.sqlite")


def test_a_measurement_without_temperature_warns_at_the_callers_line(db, open_store) -> None:
    store = open_store(db)
    with pytest.warns(RoomTemperatureNote, match=r"\(llzo: ionic_conductivity\): this value "
                      r"counts as measured at 298\.15 K") as caught:
        pk = store.add_measurement("llzo", SIGMA)
    assert [w.filename for w in caught] == [__file__]
    assert [m for m, _, _ in store.measurements("llzo")] == [pk]  # stored before the warning


def test_notes_take_the_text_instead_and_a_stated_temperature_says_nothing(db, open_store
                                                                          ) -> None:
    store = open_store(db)
    notes: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        store.add_measurement("llzo", SIGMA, notes=notes)
        store.add_measurement("llzo", {**SIGMA, "value": 0.5, "temperature": 333.15},
                              notes=notes)
        store.add_measurement("llzo", {"name": "density", "value": 5.1, "unit": "g/cm3",
                                       "method": "measured", "source": "my-lab-2026"},
                              notes=notes)  # a density is not temperature-dependent
    assert len(notes) == 1 and notes[0].startswith("no temperature given (llzo: ")


def test_the_command_prints_the_note_once(db, capsys) -> None:
    code, out, err = run(["materials", "measure", "llzo", "--property", "ionic_conductivity",
                          "--value", "0.8 mS/cm", "--source", "my-lab-2026", "--db", db],
                         capsys)
    assert code == 0 and out.startswith("added measurement")
    assert err.count("counts as measured at 298.15 K") == 1


def test_the_dashboard_answer_carries_the_note(db, open_store) -> None:
    store = open_store(db)
    form = {"material": "llzo", "property": "ionic_conductivity", "value": "0.8 mS/cm",
            "temperature": "", "year": "", "method": "measured", "source": "my-lab-2026"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing warned into the server's log
        result, msgs, stored = add_measurement_from_form(form, store)
    assert stored == "llzo" and not any(msgs.values())
    assert result.startswith("added measurement ")
    assert "; note: no temperature given (llzo: ionic_conductivity)" in result
