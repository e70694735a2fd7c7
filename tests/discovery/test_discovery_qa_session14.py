"""Fresh-eyes QA of ``predict`` and ``discover`` as a materials scientist uses them (session 14):
a radioactive element typed for two (``LiPoN``), elements no training entry holds, CIFs with
several structures, ions typed as dopants, ranking ties, the model of a CIF parent and
``train`` without scikit-learn. Each test failed before its fix."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from pymatgen.core import Composition, Lattice, Structure

from clirun import run
from solidcell.discovery import model as model_module
from solidcell.discovery import predict as predict_module
from solidcell.discovery.candidates import discover, generate_candidates
from solidcell.discovery.dataset import load_obelix
from solidcell.discovery.predict import predict_conductivity
from solidcell.errors import UnsupportedError, ValidationError

CIF = Path(__file__).resolve().parent.parent / "data" / "discovery" / "obelix_de5_Li3InCl6.cif"


# ---------------------------------------------------------------- 'Po' typed for 'PO'


def test_polonium_for_po_is_warned_by_predict_discover_and_window(capsys) -> None:
    """'LiPoN' (LiPON typed with a small o) was predicted as a lithium polonium nitride without
    a word; 'Li3Po4' (Li3PO4) was refused as unbalanced and `window LiPoN` asked for formation
    energies of Po, neither saying that Po is polonium. `capacity` already warned."""
    code, out, err = run(["predict", "LiPoN", "--no-window", "--neighbours", "0", "--json"],
                         capsys)
    assert code == 0
    assert json.loads(out)[0]["Formula"] == "LiPoN"  # still answered; stdout is the JSON alone
    assert err == ("warning: 'Po' in 'LiPoN' is polonium (radioactive); if you meant P and O, "
                   "write 'LiPON'\n")
    code, out, err = run(["predict", "Li3Po4", "--no-window"], capsys)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0].startswith("warning: 'Po' in 'Li3Po4' is polonium") and "'Li3PO4'" in err
    assert lines[1].startswith("error: composition: 'Li3Po4'") and len(lines) == 2
    code, out, err = run(["discover", "LiPoN", "--dopants", "Al", "--top", "1", "--json"],
                         capsys)
    assert code == 0 and json.loads(out)["Parent"] == "LiPoN"
    assert err.startswith("warning: 'Po' in 'LiPoN' is polonium") and err.count("\n") == 1
    code, out, err = run(["window", "LiPoN"], capsys)
    assert code == 2
    assert err.startswith("warning: 'Po' in 'LiPoN' is polonium"), err
    code, _, err = run(["predict", "LiBh4", "--no-window"], capsys)  # LiBH4: bohrium
    assert code == 2 and "'Bh' in 'LiBh4' is bohrium" in err and "'LiBH4'" in err


def test_polonium_warning_once_per_formula_and_never_for_a_right_formula(
        tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rows.csv").write_text("composition\nLiPoN\nLiPoN\nLi3PO4\n")
    code, out, err = run(["predict", "rows.csv", "--no-window", "--json"], capsys)
    assert code == 0 and len(json.loads(out)) == 3
    assert err.count("warning:") == 1, err  # the same text once per command
    for args in (["predict", "Li3PO4", "LiPON", "--no-window"],
                 ["discover", "Li3PO4", "--dopants", "Si", "--top", "1"],
                 ["predict", str(CIF), "--no-window"]):  # a CIF path is not a formula
        code, _, err = run(args, capsys)
        assert code == 0 and "warning" not in err, (args, err)
    code, _, err = run(["capacity", "LiFePo4"], capsys)  # the helper moved: same warning
    assert code == 0 and err.startswith("warning: 'Po' in 'LiFePo4' is polonium")


def test_the_python_api_does_not_warn(capsys) -> None:
    predict_conductivity("LiPoN", window=False, neighbours=0)
    assert capsys.readouterr().err == ""


# ------------------------------------------------- elements no training entry holds


def test_training_elements_are_those_of_the_training_split() -> None:
    seen = {el.symbol for e in load_obelix("train") for el in Composition(e.composition).elements}
    assert predict_module.training_elements() == seen
    assert {"Y", "In", "La", "Zr"} <= seen and not {"Ho", "Eu", "Po"} & seen


def test_an_element_no_training_entry_holds_is_noted_even_in_domain() -> None:
    """Li3HoCl6 is 'in domain' by the nearest-neighbour check (it lies near Li3InCl6), so its
    prediction came with no note, although no OBELiX training entry holds Ho."""
    p = predict_conductivity("Li3HoCl6", window=False)
    assert p.in_domain  # the distance check is unchanged
    assert p.note.startswith("Ho is in no OBELiX training entry"), p.note
    assert predict_conductivity("Li3YCl6", window=False).note == ""
    two = predict_conductivity("Li2RbCl3", window=False)  # outside the domain as well
    assert not two.in_domain
    assert two.note.startswith("outside the training domain") and "Rb is in no OBELiX" in two.note


def test_discover_notes_a_dopant_no_training_entry_holds(capsys) -> None:
    res = discover("Li7La3Zr2O12", ["Eu", "Ta"], hosts=["Zr"])
    eu = [c for c in res.candidates if c.candidate.dopant == "Eu"]
    ta = [c for c in res.candidates if c.candidate.dopant == "Ta"]
    assert eu and ta
    assert all("Eu is in no OBELiX training entry" in c.to_json()["Note"] for c in eu)
    assert all("in no OBELiX" not in c.to_json()["Note"] for c in ta)
    code, out, _ = run(["discover", "Li7La3Zr2O12", "--dopants", "Eu,Ta", "--hosts", "Zr"],
                       capsys)
    assert code == 0 and "Eu: in no OBELiX training entry" in out


# ------------------------------------------------------------------------ CIF files


def _two_structure_cif(tmp_path: Path) -> Path:
    li2o = Structure.from_spacegroup("Fm-3m", Lattice.cubic(4.61), ["Li", "O"],
                                     [[0.25, 0.25, 0.25], [0, 0, 0]])
    second = li2o.to(fmt="cif").replace("data_", "data_second_", 1)
    path = tmp_path / "two.cif"
    path.write_text(CIF.read_text() + "\n" + second)
    return path


def test_a_cif_with_several_structures_is_refused_naming_them(tmp_path: Path, capsys) -> None:
    """pymatgen's Structure.from_file took the first structure of the file: the Li2O block
    was never predicted, and the result carried the file's name as if it were the file."""
    path = _two_structure_cif(tmp_path)
    with pytest.raises(ValidationError) as info:
        predict_conductivity(str(path), window=False)
    assert info.value.field == "composition" and info.value.value == str(path)
    assert "one structure (two.cif holds 2: Li3In1.015Cl6, Li2O)" in info.value.allowed
    with pytest.raises(ValidationError) as info:
        discover(str(path), ["Al"])
    assert info.value.field == "parent"
    code, out, err = run(["predict", str(path), str(CIF), "--no-window", "--json"], capsys)
    assert code == 2 and [r["Input"] for r in json.loads(out)] == [str(CIF)]
    assert "two.cif holds 2" in err
    # the one-structure file reads as before
    assert predict_conductivity(str(CIF), window=False).formula == "Li3In1.015Cl6"


def test_a_cif_parent_says_which_model_ranks_its_candidates(capsys) -> None:
    """`discover x.cif` predicts parent and candidates from composition while `predict x.cif`
    uses the structure model, so the two gave the parent different values unexplained."""
    res = discover(str(CIF), ["Y"], hosts=["In"], top=1)
    assert res.to_json()["Model features"] == "composition"
    p = predict_conductivity(str(CIF), window=False)
    assert p.model_kind == "composition+structure"
    code, out, _ = run(["discover", str(CIF), "--dopants", "Y", "--hosts", "In", "--top", "1"],
                       capsys)
    assert code == 0 and "parent and candidates predicted from composition" in out


# --------------------------------------------------------------------------- dopants


def test_a_dopant_typed_as_an_ion_takes_that_state(capsys) -> None:
    # it was refused ("write 'Ta'"): Bi5+ (Bi's common state is +3 only) could not be asked for
    assert ([c.formula for c in generate_candidates("Li7La3Zr2O12", ["Ta5+"], [0.3], ["Zr"])]
            == ["Li6.4La3Zr1.4Ta0.6O12"])
    with pytest.raises(ValidationError) as info:  # not an element: the plain message
        generate_candidates("Li7La3Zr2O12", ["Xx3+"])
    assert info.value.allowed.startswith("chemical element symbols such as 'Ta', 'Al'")
    code, out, _ = run(["discover", "Li6PS5Cl", "--dopants", "Cl-,Br-", "--hosts", "S",
                        "--amounts", "0.5", "--json"], capsys)
    assert code == 0
    assert "Li5.5PS4.5Cl1.5" in [c["Formula"] for c in json.loads(out)["Candidates"]]
    code, _, err = run(["discover", "Li6PS5Cl", "--dopants", "Cl+"], capsys)
    assert code == 2 and "--dopants: 'Cl+'" in err and "as anions" in err


# -------------------------------------------------------------------------- ranking


def test_ties_cut_by_top_are_counted() -> None:
    """The forest's median gives equal predictions to some candidates (Ta x=0.05 and x=0.1 on
    In in Li3InCl6); --top cut them apart in generation order without a word."""
    everything = discover("Li3InCl6")
    values = [c.log10_conductivity_S_cm for c in everything.candidates]
    top = next(k for k in range(1, len(values)) if values[k - 1] == values[k])
    res = discover("Li3InCl6", top=top)
    assert res.n_tied_beyond_top == sum(v == values[top - 1] for v in values[top:]) >= 1
    assert res.to_json()["Candidates beyond top tied with the last shown"] \
        == res.n_tied_beyond_top
    assert discover("Li3InCl6", top=len(values)).n_tied_beyond_top == 0
    assert everything.n_tied_beyond_top == 0


def test_equal_predictions_share_a_rank_in_the_table(capsys) -> None:
    values = [c.log10_conductivity_S_cm for c in discover("Li3InCl6").candidates]
    top = next(k for k in range(1, len(values)) if values[k - 1] == values[k])
    code, out, _ = run(["discover", "Li3InCl6", "--top", str(top + 1)], capsys)
    assert code == 0
    ranks = [line.split("\u2502")[1].strip() for line in out.splitlines()
             if line.startswith("\u2502") and line.split("\u2502")[1].strip()]
    assert ranks[-2:] == [str(top), str(top)], ranks  # were top and top + 1
    assert "equal predictions share a rank" in out


# ---------------------------------------------------------------- many inputs, train


def test_predict_reports_progress_while_reading_many_inputs() -> None:
    calls: list[tuple[int, int]] = []
    preds = predict_conductivity(["Li3YCl6"] * 300, window=False, neighbours=0,
                                 progress=lambda done, total: calls.append((done, total)))
    assert len(preds) == 300
    assert calls == [(256, 300), (300, 300)]


def test_train_without_scikit_learn_says_which_extra(monkeypatch, tmp_path: Path,
                                                     capsys) -> None:
    """Was a ModuleNotFoundError traceback from `solidcell train`."""
    monkeypatch.setitem(sys.modules, "sklearn", None)
    with pytest.raises(UnsupportedError, match=r"'ml' extra: pip install 'solidcell\[ml\]'"):
        model_module.train()
    code, out, err = run(["train", "--out", str(tmp_path / "m.json.gz")], capsys)
    assert code != 0 and out == "" and "Traceback" not in err
    assert err.startswith("error: training the conductivity model needs the optional 'ml' "
                          "extra") and err.count("\n") == 1


def test_train_help_names_the_extra_and_every_use_of_the_structure_model(capsys) -> None:
    code, out, _ = run(["train", "--help"], capsys)
    text = " ".join(out.replace("\u2502", " ").split())
    assert code == 0
    assert "Needs scikit-learn, the optional ml extra" in text
    assert "crystal data: --space-group/--lattice, CSV columns" in text


# ---------------------------------------------------------------------- CSV files


def test_a_csv_without_a_composition_column_shows_its_first_line(tmp_path: Path,
                                                                  capsys) -> None:
    """A 'formula' column (the likeliest mistake) was refused without showing what the file
    had; a CSV with a header and no row was "['e.csv'] is not allowed" (a Python list)."""
    (tmp_path / "f.csv").write_text("formula,sigma\nLi6PS5Cl,1e-3\n")
    code, out, err = run(["predict", str(tmp_path / "f.csv")], capsys)
    assert code == 2 and out == ""
    assert err.endswith("a CSV file with a 'composition' column (its first line: "
                        "'formula,sigma')\n"), err
    (tmp_path / "e.csv").write_text("composition\n")
    code, _, err = run(["predict", str(tmp_path / "e.csv")], capsys)
    assert code == 2
    assert err == (f"error: input: '{tmp_path / 'e.csv'}' is not allowed; at least one "
                   "composition: a CSV file needs a row below its header line\n")


def test_thorium_and_technetium_are_not_taken_for_tritium(capsys) -> None:
    """pymatgen takes the isotope T (and D) for a symbol, so Li2ThO3 was warned 'if you meant
    T and H, write Li2THO3' (tritium) by `capacity`; the moved helper warns for neither."""
    for args in (["capacity", "Li2ThO3"], ["predict", "Li2ThO3", "--no-window"],
                 ["capacity", "LiTcO4"]):
        code, _, err = run(args, capsys)
        assert code == 0 and "warning" not in err, (args, err)


def test_a_filter_option_out_of_range_does_not_offer_python_none(capsys) -> None:
    """`--min-probability 1.5` answered "..., or None", a value the command line cannot take."""
    for option, value in (("--min-probability", "1.5"), ("--max-radius-mismatch", "0")):
        code, _, err = run(["discover", "Li7La3Zr2O12", option, value], capsys)
        assert code == 2 and err.startswith(f"error: {option}: '{value}' is not allowed")
        assert not err.rstrip().endswith("or None") and f"leave {option} out" in err, err
