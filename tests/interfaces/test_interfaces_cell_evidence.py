"""Measured cell evidence shown beside the thermodynamic interface verdict (H289).

LiCoO2 | LiPON is "unstable" by thermodynamics (closed reaction -0.202 eV/atom), yet LiCoO2 |
LiPON | Li thin-film cells cycle (jes2002_lco_lipon_high_voltage: excellent capacity
retention up to 4.4 V, 170 +- 10 mAh/g); the verdict stays, the evidence is shown beside it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.citations import bibliography
from solidcell.interfaces.cell_evidence import CELL_EVIDENCE, cell_evidence, evidence_text
from solidcell.interfaces.compat import check_pair
from solidcell.interfaces.design_flags import (
    MEASURED_CLAUSE,
    interface_flags,
    short_reason,
)
from solidcell.interfaces.phases import PHASES

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
THIN_FILM = EXAMPLES / "thin-film-lco-lipon-li.yaml"
#: a number as printed, not a digit of a formula or unit (LiCoO2, mA/cm2)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]*[A-Za-z]\d)(?!\w)")


def _numbers(text: str) -> set[str]:
    return set(_NUMBER.findall(text))


@pytest.mark.parametrize("entry", CELL_EVIDENCE, ids=lambda e: f"{e.electrolyte}|{e.electrode}")
def test_every_entry_is_sourced_and_its_numbers_are_in_the_bib_note(entry) -> None:
    refs = bibliography()
    assert entry.source in refs, entry.source
    note = refs[entry.source].fields.get("note", "")
    assert note, f"{entry.source} has no note saying what was read"
    assert entry.read in note.lower(), (entry.read, note)  # "abstract": the note says so
    missing = _numbers(entry.summary) - _numbers(note)
    assert not missing, f"numbers {sorted(missing)} of {entry.summary!r} not in {entry.source}"
    assert entry.electrolyte in PHASES and entry.electrode in PHASES
    assert entry.kind in ("cycles", "interphase growth")


def test_number_pattern_skips_formula_and_unit_digits() -> None:
    assert _numbers("LiCoO2 at 0.1 mA/cm2, 170 +- 10 mAh/g, 80 degC") == {"0.1", "170", "10",
                                                                        "80"}


@pytest.mark.parametrize("pair", sorted({(e.electrolyte, e.electrode) for e in CELL_EVIDENCE}))
def test_evidence_stands_beside_a_verdict_that_is_not_stable(pair) -> None:
    # evidence is listed for pairs that thermodynamics calls a problem (the reason to show it)
    assert check_pair(*pair).status != "stable"


def test_thin_film_example_names_the_evidence_and_keeps_the_verdict() -> None:
    flags = interface_flags(CellDesign.from_yaml(THIN_FILM))
    flag = next(f for f in flags.flags if (f.first, f.second) == ("lipon", "lco"))
    bare = check_pair("lipon", "lco")
    assert flag.status == bare.status == "unstable"  # the thermodynamic verdict, unchanged
    assert flag.reason == bare.reason + MEASURED_CLAUSE + flag.measured
    assert "jes2002_lco_lipon_high_voltage" in flag.measured
    assert "LiCoO2 | LiPON | Li thin-film cells" in flag.measured
    assert flag.measured_sources == ("jes2002_lco_lipon_high_voltage",
                                     "jps2016_lco_lipon_cei_layer")
    assert set(flag.measured_sources) <= set(flags.sources)
    assert flag.to_json()["Measured in cells"] == flag.measured
    assert "measured in cells [jes2002_lco_lipon_high_voltage" in short_reason(flag)
    assert short_reason(flag).startswith("oxidation products N2 + P2O5 + PNO are electronic "
                                         "insulators")


def test_pair_without_evidence_is_unchanged() -> None:
    flags = interface_flags(CellDesign.from_yaml(THIN_FILM))
    flag = next(f for f in flags.flags if (f.first, f.second) == ("lipon", "li_metal"))
    assert cell_evidence("lipon", "li_metal") == () and evidence_text("lipon", "li_metal") == ""
    assert flag.measured == "" and flag.measured_sources == ()
    assert flag.reason == check_pair("lipon", "li_metal").reason
    assert MEASURED_CLAUSE not in flag.reason and "measured in cells" not in short_reason(flag)
    assert flag.to_json()["Measured in cells"] is None


def test_design_without_evidence_has_no_measured_text() -> None:
    flags = interface_flags(CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml"))
    assert all(f.measured == "" and MEASURED_CLAUSE not in f.reason for f in flags.flags)
    assert not {e.source for e in CELL_EVIDENCE} & set(flags.sources)


def test_cli_interfaces_json_and_table_name_the_evidence(capsys) -> None:
    code, out, err = run(["interfaces", str(THIN_FILM), "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    rows = {(r["First"], r["Second"]): r for r in data["Interfaces"]["Interfaces"]}
    assert rows[("lipon", "lco")]["Status"] == "unstable"
    assert "jes2002_lco_lipon_high_voltage" in rows[("lipon", "lco")]["Measured in cells"]
    assert rows[("lipon", "li_metal")]["Measured in cells"] is None
    assert "jes2002_lco_lipon_high_voltage" in data["sources"]
    code, out, err = run(["interfaces", str(THIN_FILM)], capsys)
    assert code == 0, err
    assert "measured in cells" in out and "jes2002_lco_lipon_high_voltage" in out


def test_compat_shows_the_evidence_beside_the_unstable_pair(capsys) -> None:
    code, out, err = run(["compat", "--electrolyte", "lipon,llzo", "--electrode",
                          "lco,li_metal", "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    pairs = {(p["Electrolyte"], p["Electrode"]): p for p in data["Pairs"]}
    assert pairs[("lipon", "lco")]["Status"] == "unstable"
    assert "jes2002_lco_lipon_high_voltage" in pairs[("lipon", "lco")]["Measured in cells"]
    assert pairs[("llzo", "li_metal")]["Measured in cells"] is None
    assert "jps2016_lco_lipon_cei_layer" in data["sources"]
    code, out, err = run(["compat", "--electrolyte", "lipon", "--electrode", "lco"], capsys)
    assert code == 0, err
    assert "measured in cells, lipon | lco (unstable above)" in out


def test_coated_interface_carries_no_bare_pair_evidence() -> None:
    # a LiNbO3 coating between LiCoO2 and LiPON is another contact: the bare cells' evidence
    # is not shown there (the uncoated separator | anode pair has none either)
    design = CellDesign.from_yaml(THIN_FILM)
    design = design.model_copy(update={"cathode": design.cathode.model_copy(
        update={"coating": "linbo3"})})
    flags = interface_flags(design)
    flag = next(f for f in flags.flags if (f.first, f.second) == ("lipon", "lco"))
    assert flag.status == "protected"
    assert flag.measured == "" and MEASURED_CLAUSE not in flag.reason
