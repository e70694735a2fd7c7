"""The Arrhenius form of a measured activation energy: ``solidcell materials measure
--arrhenius-form {sigma_T,plain}`` and ``measurement_record(..., arrhenius_form=...)``
(docs/materials-data.md). Only an activation energy takes one, and only a form of
``ARRHENIUS_FORMS``: the model's rule (``arrhenius_form_refusal``), refused naming the field,
the value and what is allowed. The form given is stored, shown, exported, imported back and
applied by ``conductivity_at``."""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.chemistry.conductivity import conductivity_at
from solidcell.chemistry.transport import K_B_EV
from solidcell.errors import ValidationError
from solidcell.materials.measurement import RECORD_FIELDS, measurement_record
from solidcell.materials.schema import ARRHENIUS_FORM_ALLOWED, ARRHENIUS_FORMS, PROPERTIES
from solidcell.materials.store import MaterialStore

ONLY_EA = "only an activation energy has an Arrhenius form; leave it out for {name}"
#: a user electrolyte with one conductivity and no activation energy of its own (the test's
#: own input): a measured activation energy is the one ``conductivity_at`` applies
GLASS = {"id": "my_glass", "name": "my glass", "category": "electrolyte",
         "electrolyte_class": "sulfide", "properties": [
             {"name": "ionic_conductivity", "value": 1.0, "unit": "mS/cm",
              "temperature": 298.15, "method": "measured", "source": "lab"}]}


def _typed(name: str) -> str:
    """A value of property ``name`` as typed that its rules take (the number is not checked
    here): 0.5 in the SI unit of its label, a text for air stability."""
    if name == "air_stability":
        return "air-stable"
    if name == "fracture_toughness":  # (its label's 'Pa.m0.5' is not a unit units reads)
        return "0.5 MPa*m**0.5"
    unit = re.search(r"\[(.*)\]$", PROPERTIES[name].label)
    return f"0.5 {unit.group(1) if unit else ''}".strip()


def _measure(db: Path, capsys: Any, *more: str) -> tuple[int, str, str]:
    return run(["materials", "measure", "llzo", "--property", "activation_energy",
                "--value", "0.35 eV", "--source", "lab-notebook", "--db", str(db), *more],
               capsys)


@pytest.mark.parametrize("form", ARRHENIUS_FORMS)
def test_the_api_stores_the_form_given(form: str, open_store: Callable[..., Any],
                                       tmp_path: Path) -> None:
    record = measurement_record("activation_energy", "0.35 eV", "lab", arrhenius_form=form)
    assert record["arrhenius_form"] == form
    store = open_store(str(tmp_path / "m.sqlite"))
    pk = store.add_measurement("llzo", record)
    ((stored_pk, _, value),) = store.measurements("llzo")
    assert stored_pk == pk and value.arrhenius_form == form and value.fitted_form == form
    assert "form assumed" not in value.describe()


def test_no_form_given_stores_none_and_sigma_t_is_assumed() -> None:
    record = measurement_record("activation_energy", "0.35 eV", "lab")
    assert "arrhenius_form" not in record


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(sorted(PROPERTIES)), form=st.one_of(
    st.sampled_from(ARRHENIUS_FORMS), st.text(max_size=12)))
def test_a_form_is_refused_by_the_models_rule_naming_field_value_and_allowed(
        name: str, form: str) -> None:
    year = 2024 if name == "price" else None  # (a price needs its year)
    if name == "activation_energy" and form in ARRHENIUS_FORMS:
        assert measurement_record(name, _typed(name), "lab", arrhenius_form=form)[
            "arrhenius_form"] == form
        return
    try:
        measurement_record(name, _typed(name), "lab", year=year, arrhenius_form=form)
    except ValidationError as exc:
        assert exc.field == "arrhenius_form" and exc.field in RECORD_FIELDS
        allowed = (ARRHENIUS_FORM_ALLOWED if name == "activation_energy"
                   else ONLY_EA.format(name=name))
        assert exc.value == form and exc.allowed == allowed
        assert str(exc) == f"arrhenius_form: {form!r} is not allowed; {allowed}"
    else:
        pytest.fail(f"{form!r} stored for {name}")


def test_the_cli_stores_the_form_and_show_and_export_give_it_back(
        tmp_path: Path, capsys: Any, open_store: Callable[..., Any]) -> None:
    db = tmp_path / "m.sqlite"
    code, out, err = _measure(db, capsys, "--arrhenius-form", "plain")
    assert code == 0, err
    code, out, _ = run(["materials", "show", "llzo", "--db", str(db)], capsys)
    assert code == 0 and "0.35 eV, plain form [measured, lab-notebook]" in out
    code, out, _ = run(["materials", "show", "llzo", "--json", "--db", str(db)], capsys)
    mine = [p for p in json.loads(out)["properties"] if p["source"] == "lab-notebook"]
    assert [p["arrhenius_form"] for p in mine] == ["plain"]
    exported = tmp_path / "mine.csv"
    code, _, err = run(["materials", "export", str(exported), "--db", str(db)], capsys)
    assert code == 0, err
    with exported.open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["source"] == "lab-notebook"]
    assert [r["arrhenius_form"] for r in rows] == ["plain"]
    # the export read back into another database holds the same form
    other = tmp_path / "other.sqlite"
    code, _, err = run(["materials", "import", str(exported), "--db", str(other)], capsys)
    assert code == 0, err
    ((_, _, value),) = open_store(str(other)).measurements("llzo")
    assert value.arrhenius_form == "plain"


def test_the_cli_without_the_option_stores_no_form(tmp_path: Path, capsys: Any,
                                                    open_store: Callable[..., Any]) -> None:
    db = tmp_path / "m.sqlite"
    assert _measure(db, capsys)[0] == 0
    ((_, _, value),) = open_store(str(db)).measurements("llzo")
    assert value.arrhenius_form is None and value.fitted_form == "sigma_T"
    assert "sigma*T form assumed" in value.describe()


@pytest.mark.parametrize(("args", "typed", "allowed"), [
    (["--property", "density", "--value", "5 g/cm3"], "plain", ONLY_EA.format(name="density")),
    (["--property", "activation_energy", "--value", "0.3 eV"], "Plain",
     ARRHENIUS_FORM_ALLOWED),
    (["--property", "activation_energy", "--value", "0.3 eV"], "", ARRHENIUS_FORM_ALLOWED),
])
def test_the_cli_refuses_a_form_naming_the_option_value_and_allowed(
        tmp_path: Path, capsys: Any, open_store: Callable[..., Any], args: list[str],
        typed: str, allowed: str) -> None:
    db = tmp_path / "m.sqlite"
    code, out, err = run(["materials", "measure", "llzo", *args, "--source", "lab",
                          "--arrhenius-form", typed, "--db", str(db)], capsys)
    assert_one_line_error(code, out, err, f"--arrhenius-form: {typed!r} is not allowed; "
                          f"{allowed}")
    assert open_store(str(db)).measurements("llzo") == []  # nothing stored


@pytest.mark.parametrize("form", ARRHENIUS_FORMS)
def test_conductivity_at_applies_the_measured_form(form: str, tmp_path: Path) -> None:
    """One conductivity sigma_ref at T_ref and the measured Ea: sigma = sigma_ref
    exp(-Ea/k_B (1/T - 1/T_ref)) in the plain form, times T_ref/T in the sigma*T form
    (west1999; k_B: codata2018)."""
    t_ref, t, ea_ev, sigma_ref = 298.15, 353.15, 0.35, 0.1  # S/m (1 mS/cm)
    with MaterialStore(str(tmp_path / "m.sqlite")) as store:
        store.add(GLASS)
        store.add_measurement("my_glass", measurement_record(
            "activation_energy", f"{ea_ev} eV", "lab", arrhenius_form=form))
        sigma = float(conductivity_at(store.get("my_glass"), t).ionic_conductivity_S_m)
    expected = sigma_ref * math.exp(-ea_ev / K_B_EV * (1 / t - 1 / t_ref))
    if form == "sigma_T":
        expected *= t_ref / t
    assert sigma == pytest.approx(expected, rel=1e-9)
