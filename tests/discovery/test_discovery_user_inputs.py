"""`predict` and `discover` as a materials scientist uses them: CIFs that pymatgen reads but that
are broken, option values from NumPy, and candidates checked against pymatgen's own
oxidation-state guesses."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymatgen.core import Composition, Structure
from typer.testing import CliRunner

from solidcell.cli import app
from solidcell.discovery.candidates import (
    DEFAULT_DOPANTS,
    MIN_LI_SHARE,
    discover,
    generate_candidates,
)
from solidcell.discovery.features import structure_features
from solidcell.discovery.predict import predict_conductivity
from solidcell.errors import SolidcellError, ValidationError

CIF = Path(__file__).resolve().parent.parent / "data" / "discovery" / "obelix_de5_Li3InCl6.cif"
#: The Li site of the CIF with 4 of its 6 Li per cell (multiplicity 4, occupancy 1.0).
LI_SITE = "  Li  Li0  4  0.00000000  0.16808730  0.50000000  1.0"


def test_cif_is_read_when_warnings_are_errors() -> None:
    # spglib 2.x warns "Set OLD_ERROR_HANDLING to false" (DeprecationWarning) on each symmetry
    # call; under -W error (or a pytest filterwarnings=error) every CIF was refused as "a
    # structure whose symmetry can be analysed"
    structure = Structure.from_file(str(CIF))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        features = structure_features(structure)
        p = predict_conductivity(str(CIF), window=False)
    assert features[0] == 12  # C2/m, as in the OBELiX table (entry de5)
    assert p.model_kind == "composition+structure"


def test_broken_cif_errors_say_what_was_read(tmp_path: Path) -> None:
    # a CIF with a half-occupied Li site (Li2In1.015Cl6 per formula unit, does not balance)
    # or without its Li sites was refused naming only the file: the user could not see why
    text = CIF.read_text()
    assert LI_SITE in text
    half = tmp_path / "half_li.cif"
    half.write_text(text.replace(LI_SITE, LI_SITE[:-3] + "0.5"))
    no_li = tmp_path / "no_li.cif"
    no_li.write_text("\n".join(line for line in text.splitlines()
                               if not line.startswith("  Li ")))
    with pytest.raises(ValidationError, match="charge-balanced") as err:
        predict_conductivity(str(half), window=False)
    assert err.value.value == f"{half} (read as Li2In1.015Cl6)"
    with pytest.raises(ValidationError, match="lithium-containing") as err:
        predict_conductivity(str(no_li), window=False)
    assert err.value.value == f"{no_li} (read as In1.015Cl6)"
    # a formula is still named as written
    with pytest.raises(ValidationError) as err:
        predict_conductivity("Li2O3", window=False)
    assert err.value.value == "Li2O3"


@pytest.mark.parametrize("parent", ["Li7La3Zr2O12", "Li6PS5Cl", "Li10GeP2S12", "Li3YCl6"])
def test_every_default_candidate_balances_with_pymatgen_oxidation_states(parent: str) -> None:
    # independent of solidcell.chemistry.oxidation: the parent's states are pymatgen's most
    # likely guess (Li+ La3+ Zr4+ O2-, Li+ P5+ S2- Cl-, Li+ Ge4+ P5+ S2-, Li+ Y3+ Cl-), the
    # dopant's the candidate's own; every candidate must be neutral with them
    guess = Composition(parent).oxi_state_guesses()[0]
    cands = generate_candidates(parent)
    assert len(cands) > 50
    li = Composition(parent)["Li"]
    for c in cands:
        assert c.host_oxidation_state == guess[c.host], c.label
        states = {**guess, c.dopant: guess.get(c.dopant, c.dopant_oxidation_state)}
        comp = Composition(c.formula)
        charge = sum(float(amount) * states[str(el)] for el, amount in comp.items())
        assert charge == pytest.approx(0.0, abs=1e-5), c.formula
        assert comp["Li"] >= MIN_LI_SHARE * li - 1e-9 and all(a > 0 for a in comp.values())
        assert c.dopant in DEFAULT_DOPANTS and c.dopant != c.host


def test_discover_options_numpy_and_bools() -> None:
    # top=True was taken as 1, np.int64(2) and np.float32 fractions were refused, a fractions
    # text was read character by character ("'0' is not allowed")
    assert len(discover("Li7La3Zr2O12", ["Ta"], top=np.int64(2)).candidates) == 2
    with pytest.raises(ValidationError, match="top"):
        discover("Li7La3Zr2O12", ["Ta"], top=True)
    with_np = generate_candidates("Li7La3Zr2O12", ["Ta"], [np.float32(0.3)], hosts=["Zr"])
    assert [c.formula for c in with_np] == ["Li6.4La3Zr1.4Ta0.6O12"]
    with pytest.raises(ValidationError) as err:
        generate_candidates("Li7La3Zr2O12", ["Ta"], "0.1")
    assert (err.value.field, err.value.value) == ("fractions", "0.1")
    p = predict_conductivity("Li6PS5Cl", level=np.float64(0.8), window=False)
    assert p.lower_log10_S_cm < p.log10_conductivity_S_cm < p.upper_log10_S_cm


@pytest.mark.parametrize(("dopant", "why"), [("Li", "other than Li"), ("Rf", "Z=103")])
def test_dopants_that_can_give_no_candidate_are_refused_by_name(dopant: str, why: str) -> None:
    # 'Li' gave an empty result without a word; 'Rf' (common state +4) gave candidates the
    # featuriser refuses, with an error naming a candidate formula as the "composition"
    with pytest.raises(ValidationError, match=why) as err:
        discover("Li7La3Zr2O12", ["Ta", dopant])
    assert (err.value.field, err.value.value) == ("dopants", dopant)


def test_plot_top_must_be_a_positive_count(tmp_path: Path) -> None:
    res = discover("Li7La3Zr2O12", ["Ta"])
    for top in (0, -1, True, 2.5):  # top=-1 plotted every candidate but the last
        with pytest.raises(ValidationError, match="top"):
            res.plot(str(tmp_path / "x.png"), top=top)
    res.plot(str(tmp_path / "ok.png"), top=np.int64(3))
    assert (tmp_path / "ok.png").read_bytes()[:4] == b"\x89PNG"


def test_predict_with_no_neighbours_prints_no_empty_neighbour_line() -> None:
    res = CliRunner().invoke(app, ["predict", "Li6PS5Cl", "--neighbours", "0", "--no-window"])
    assert res.exit_code == 0, res.output
    assert "nearest known" not in res.stdout and "Li6PS5Cl" in res.stdout


@pytest.mark.parametrize("columns", ["80", "100", "160"])
def test_the_predict_table_keeps_formulas_and_numbers_whole_on_a_narrow_terminal(
        columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten columns on a 100-column console: text columns fold, but the formula and the
    numbers do not (a folded 0.0005236 read as 0.00052, a folded formula as another)."""
    from solidcell.report.html import _fmt

    monkeypatch.setenv("COLUMNS", columns)
    formula = "Li6.4Al0.8La3Zr2O12"
    res = CliRunner().invoke(app, ["predict", formula, "--neighbours", "0", "--no-window"])
    assert res.exit_code == 0, res.output
    p = predict_conductivity(formula, window=False, neighbours=0)
    body = [line for line in res.stdout.splitlines() if line.startswith("\u2502")]
    cells = [c.strip() for c in body[0].strip("\u2502").split("\u2502")]
    assert cells[1] == p.formula
    assert cells[2:6] == [_fmt(x) for x in (p.log10_conductivity_S_cm, p.lower_log10_S_cm,
                                            p.upper_log10_S_cm, p.conductivity_S_m / 100)]


amounts = st.integers(1, 30)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["Li", "Li2", "Li3", "Li7"]),
       st.lists(st.tuples(st.sampled_from(["P", "S", "Cl", "O", "La", "Zr", "Y", "Br", "Ge"]),
                          amounts), min_size=1, max_size=3, unique_by=lambda t: t[0]),
       st.integers(2, 1000))
def test_prediction_depends_on_proportions_only(li: str, rest, k: int) -> None:
    # Li3PS4, (Li3PS4)k and Li(3k)P(k)S(4k) are one material: same prediction, same domain
    # flag, same neighbours, or the same refusal
    body = li + "".join(f"{el}{n}" for el, n in rest)
    li_n = int(li[2:] or 1)
    scaled = f"Li{li_n * k}" + "".join(f"{el}{n * k}" for el, n in rest)
    results = []
    for text in (body, f"({body}){k}", scaled):
        try:
            results.append(predict_conductivity(text, window=False, neighbours=2,
                                                   check_balance=False))
        except SolidcellError as exc:
            results.append(type(exc))
    if not isinstance(results[0], type):
        for p in results:
            assert p.lower_log10_S_cm <= p.log10_conductivity_S_cm <= p.upper_log10_S_cm
            assert p.formula == results[0].formula and p.in_domain == results[0].in_domain
            assert p.log10_conductivity_S_cm == pytest.approx(
                results[0].log10_conductivity_S_cm, abs=1e-9)
            assert [n.name for n in p.neighbours] == [n.name for n in results[0].neighbours]
    else:
        assert results == [results[0]] * 3


def test_hydrogen_is_a_host_only_when_asked_for() -> None:
    # H sits in OH- (Li2OHCl) and BH4- (LiBH4): the best-ranked "substitution" of Li2OHCl
    # was Ti4+ on H+ (Li1.1OH0.7Ti0.3Cl), of LiBH4 Cl- on H- (LiBH2.8Cl1.2)
    for parent in ("Li2OHCl", "LiBH4"):
        res = discover(parent, top=5)
        assert res.n_generated > 50
        assert all(c.candidate.host != "H" for c in res.candidates), parent
        assert all(c.host != "H" for c in generate_candidates(parent))
    asked = generate_candidates("Li2OHCl", ["Ti"], [0.3], hosts=["H"])
    assert [c.formula for c in asked] == ["Li1.1OH0.7Ti0.3Cl"]  # Li(2-3x)OH(1-x)TixCl


def test_discover_parent_named_as_predict_takes_it() -> None:
    # predict refused 'LLZO' naming its formula, discover said "'L' is not a chemical element";
    # a CIF path was "not a chemical formula of known elements (cif is an invalid formula!)"
    with pytest.raises(ValidationError, match="'Li7La3Zr2O12'") as err:
        discover("LLZO", ["Ta"])
    assert err.value.field == "parent"
    # a CIF is a parent too: its reduced composition, the radii at its host sites' CN (6 for
    # the octahedral In of Li3InCl6), no prediction made here
    cands = generate_candidates(str(CIF), ["Zr"], hosts=["In"])
    assert cands and {(c.parent, c.coordination_number) for c in cands} == {("Li3In1.015Cl6", 6)}


def test_space_group_with_a_cif_names_the_option() -> None:
    res = CliRunner().invoke(app, ["predict", str(CIF), "--space-group", "Ia-3d", "--lattice",
                                   "12.97,12.97,12.97,90,90,90", "--no-window"])
    assert isinstance(res.exception, ValidationError), res.output
    assert res.exception.field == "--space-group" and "brings its own" in str(res.exception)


def test_huge_and_tiny_formula_units() -> None:
    # Li7e100La3e100Zr2e100O12e100 raised RuntimeError ("not neutral (7.8e+84)": an absolute
    # tolerance of 1e-6 on charges of 1e101); it is LLZO, so its candidates rank as LLZO's
    ref = discover("Li7La3Zr2O12", ["Ta"])
    huge = discover("Li7e100La3e100Zr2e100O12e100", ["Ta"])
    assert huge.n_generated == ref.n_generated
    assert [c.log10_conductivity_S_cm for c in huge.candidates] == pytest.approx(
        [c.log10_conductivity_S_cm for c in ref.candidates], abs=1e-9)
    # amounts of ~1e-6 cannot be written neutral with 6 decimals: refused, not a wrong formula
    with pytest.raises(ValidationError, match="larger amounts") as err:
        generate_candidates("Li0.0000091La0.0000039Zr0.0000026O0.0000156", ["Ta"], [0.1])
    assert err.value.field == "parent"
    small = generate_candidates("Li0.0007La0.0003Zr0.0002O0.0012", ["Ta"], [0.1], hosts=["Zr"])
    assert [c.formula for c in small] == ["Li0.00068La0.0003Zr0.00018Ta0.00002O0.0012"]


def test_a_candidate_with_exactly_half_the_li_is_kept() -> None:
    # Ta5+ on Li+ at f = 0.1 in Li7La3Zr2O12: x = 0.7, Li = 7 - 5 x = 3.5, exactly half of the
    # parent's Li (MIN_LI_SHARE): floating point gave 3.4999999999999996 and dropped it
    cands = generate_candidates("Li7La3Zr2O12", ["Ta"], [0.1], hosts=["Li"])
    assert [c.formula for c in cands] == ["Li3.5Ta0.7La3Zr2O12"]
    assert cands[0].lithium == MIN_LI_SHARE * 7


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["Li7La3Zr2O12", "Li6PS5Cl", "Li3YCl6", "Li0.33La0.56TiO3", "Li3OCl"]),
       st.lists(st.sampled_from(["Ta", "Al", "Ga", "Nb", "Cl", "Br", "I", "Se", "Zr", "Mg"]),
                min_size=1, max_size=4, unique=True),
       st.lists(st.floats(0.001, 0.999), min_size=1, max_size=3),
       st.one_of(st.none(), st.integers(1, 30)))
def test_discover_ranks_what_it_generates(parent, dops, fracs, top) -> None:
    res = discover(parent, dops, fracs, top=top)
    cands = generate_candidates(parent, dops, fracs)
    assert res.n_generated == len(cands)
    assert len(res.candidates) == (len(cands) if top is None else min(top, len(cands)))
    preds = [c.log10_conductivity_S_cm for c in res.candidates]
    assert preds == sorted(preds, reverse=True)
    assert {c.candidate.formula for c in res.candidates} <= {c.formula for c in cands}
    for c in res.candidates:
        assert c.lower_log10_S_cm <= c.log10_conductivity_S_cm <= c.upper_log10_S_cm
        assert c.change_vs_parent_log10 == pytest.approx(
            c.log10_conductivity_S_cm - res.parent_log10_conductivity_S_cm, abs=1e-12)
    if top is None and cands:  # the best of all is the best of the ranking
        best = predict_conductivity([c.formula for c in cands], window=False, neighbours=0,
                                    check_balance=False)
        assert max(p.log10_conductivity_S_cm for p in best) == pytest.approx(preds[0], abs=1e-9)


def _use_section(repo_root: Path) -> str:
    text = (repo_root / "docs" / "discovery.md").read_text("utf-8")
    return text.split("## Use", 1)[1].split("\n## ", 1)[0]


def test_docs_use_section_commands_run(repo_root: Path, tmp_path: Path, monkeypatch) -> None:
    # every `solidcell predict`/`discover` line of docs/discovery.md "Use" runs as written (with
    # its placeholder files my.cif and candidates.csv made); `train` lines are not run here:
    # they retrain and print the test-split metrics
    import shlex

    monkeypatch.chdir(tmp_path)
    (tmp_path / "my.cif").write_text(CIF.read_text())
    (tmp_path / "candidates.csv").write_text("composition\nLi3YCl6\nLi7La3Zr2O12\n")
    bash = _use_section(repo_root).split("```bash", 1)[1].split("```", 1)[0]
    lines = [line.split("#", 1)[0].strip() for line in bash.splitlines()]
    commands = [shlex.split(line)[1:] for line in lines if line.startswith("solidcell ")]
    ran = [c for c in commands if c[0] != "train"]
    assert {c[0] for c in ran} == {"predict", "discover"} and len(ran) >= 6
    for args in ran:
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 0, (args, res.output)
    assert (tmp_path / "llzo.png").read_bytes()[:4] == b"\x89PNG"


def test_docs_use_section_python_runs(repo_root: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code = _use_section(repo_root).split("```python", 1)[1].split("```", 1)[0]
    assert "train" not in code
    namespace: dict = {}
    exec(compile(code, "docs/discovery.md (Use)", "exec"), namespace)
    # the value the snippet's comment shows
    assert namespace["res"].candidates[0].candidate.formula == "Li6.4La3Zr1.4Ta0.6O12"
    p = namespace["p"]
    assert p.lower_log10_S_cm <= p.log10_conductivity_S_cm <= p.upper_log10_S_cm
    assert (tmp_path / "llzo.png").read_bytes()[:4] == b"\x89PNG"


def test_a_structure_without_symmetry_is_named_by_its_place_in_the_list() -> None:
    # spglib fails on overlapping sites; the error said "structure: 'LiCl'", not which input
    from pymatgen.core import Lattice

    overlapping = Structure(Lattice.cubic(4.2), ["Li", "Li", "Cl", "Cl"],
                            [[0, 0, 0], [0, 0, 0], [0.5] * 3, [0.5] * 3])
    with pytest.raises(ValidationError, match="symmetry") as err:
        predict_conductivity(["Li3PS4", overlapping], window=False)
    assert err.value.field == "composition[1]" and "read as LiCl" in str(err.value.value)


def test_subscript_digits_copied_from_a_paper_are_digits() -> None:
    # 'Li₆PS₅Cl' was refused ("₆₅ is an invalid formula!")
    typed, copied = predict_conductivity(["Li6PS5Cl", "Li₆PS₅Cl"], window=False)
    assert copied.formula == "Li6PS5Cl" and copied.input == "Li₆PS₅Cl"
    assert copied.log10_conductivity_S_cm == typed.log10_conductivity_S_cm
    with pytest.raises(ValidationError, match="charge-balanced") as err:
        predict_conductivity("Li₂O₃", window=False)
    assert err.value.value == "Li₂O₃"  # named as given
    res = discover("Li₇La₃Zr₂O₁₂", ["Ta"], top=1)
    assert res.candidates[0].candidate.formula == "Li6.4La3Zr1.4Ta0.6O12"


def test_a_cif_named_in_a_csv_is_found_beside_the_csv(tmp_path: Path, monkeypatch) -> None:
    # "x.cif" in data/list.csv was looked up in the current folder only
    data = tmp_path / "data"
    data.mkdir()
    (data / "x.cif").write_text(CIF.read_text())
    (data / "list.csv").write_text("composition\nx.cif\nLi3PS4\n")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["predict", "data/list.csv", "--json", "--no-window"])
    assert res.exit_code == 0, res.output
    first, second = json.loads(res.stdout)
    assert first["Model features"] == "composition+structure"
    assert first["Formula"] == "Li3In1.015Cl6" and second["Formula"] == "Li3PS4"


def test_neighbour_formulas_show_whole_amounts_as_integers():
    """A neighbour's cell content is shown as OBELiX writes it, but 'Li24.0P4.0S20.0Cl4.0'
    reads Li24P4S20Cl4 (same composition)."""
    from pymatgen.core import Composition

    from solidcell.discovery.predict import _whole_amounts

    assert _whole_amounts("Li24.0P4.0S20.0Cl4.0") == "Li24P4S20Cl4"
    assert _whole_amounts("Li6.5La3.0Zr1.5O12.0") == "Li6.5La3Zr1.5O12"
    for written in ("Li24.0P4.0S20.0Cl4.0", "Li1.30Al0.3Ti1.7P3.0O12.0"):
        assert Composition(_whole_amounts(written)) == Composition(written)
