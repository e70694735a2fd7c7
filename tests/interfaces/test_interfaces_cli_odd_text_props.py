"""``window``, ``react`` and ``compat`` as a new user types them: odd material texts (empty,
white space, no-break spaces, lower case, subscript digits, unknown elements, zero amounts,
look-alike letters), odd numbers in ``--entry`` and ``--potential`` (U+2212 minus, NaN,
infinities, huge and tiny values, wrong units). Property: an answer, or exit code 2 with one
``error:`` line that names the option (or the material) and the text typed; never a traceback.
Found by it: ``--entry 'Li2S=−1.5'`` (the minus sign papers print) was refused, though every
quantity option takes it."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

#: material texts: valid ones (formula, id, subscripts) and the mistakes of a new user
MATERIALS = ["Li3PS4", "li3ps4", "LI3PS4", "Li\u2083PS\u2084", "Xx2O", "Li0S", "Li-1S",
             "Li1e400S", "Li3PS4\u00a0", "\u00a0", "", " ", "\u00b5", "\u03bc", "Li\u2212PS4",
             "llzo", "LLZO", "Li3PS4 + Li2S", "(Li3PS4", "\uff2c\uff49Cl", "Li3PS4\u200b",
             "H", "nan", "Li", "Li3PS4\n"]


def _plain(text: str) -> str:
    """``text`` as an error line quotes it: white space runs as one space (the line is one
    line), the minus sign U+2212 as '-' (as the unit parser reads it)."""
    return " ".join(text.replace("\u2212", "-").split())


def _answered_or_refused(code: int, out: str, err: str, text: str, *names: str) -> None:
    """Exit 0 with output, or one error line naming one of ``names`` and holding ``text``."""
    assert "Traceback" not in out + err
    if code == 0:
        assert out.strip()
        return
    assert_one_line_error(code, out, err)
    assert any(n in err for n in names), err
    shown = {_plain(repr(text)), _plain(text), _plain(repr(text.strip()))}  # maybe stripped
    assert any(t in _plain(err) for t in shown), err
    assert err[:-1].isprintable(), err  # no raw control character reaches the terminal


def test_potential_is_quoted_as_typed_with_its_reference(capsys) -> None:
    """'1e400 V vs Li/Li+' was quoted as '1e400 V', a text the user did not type."""
    assert_one_line_error(*run(["react", "Li3PS4", "Li2S", "--potential",
                                "1e400 V vs Li/Li+"], capsys),
                          "--potential: '1e400 V vs Li/Li+' is not a finite quantity")


@SETTINGS
@given(text=st.one_of(st.sampled_from(MATERIALS), st.text(max_size=6)))
@example(text="Li3PS4\n")
@example(text=" @\x1b")  # pymatgen's message wrote the ESC character raw
@example(text="-\x1b")
def test_window_answers_or_names_the_material(text: str, capsys) -> None:
    code, out, err = run(["window", "--json", "--", text], capsys)  # '--': text may be '-x'
    _answered_or_refused(code, out, err, text, "material", "formula", text.strip())


@SETTINGS
@given(a=st.sampled_from(MATERIALS), b=st.sampled_from(["Li6PS5Cl", "nmc811", "", "Xe"]))
def test_react_answers_or_names_a_reactant(a: str, b: str, capsys) -> None:
    code, out, err = run(["react", a, b, "--json"], capsys)
    bad = a if code and (repr(a) in err or (a.strip() and a.strip() in err)) else b
    _answered_or_refused(code, out, err, bad, "material", "formula", bad.strip())


#: number texts: signs (ASCII, U+2212), huge, tiny, NaN, infinities, empty
NUMBERS = ["-1.5", "\u22121.5", "1.5", "0", "1e400", "-1e-400", "nan", "inf", "", " ",
           "-1,5", "\u2212", "-1500"]


@SETTINGS
@given(formula=st.sampled_from(["Li2S", "li2s", "Xx2S", "", "Li0S", "Li2S\u00a0"]),
       number=st.sampled_from(NUMBERS),
       unit=st.sampled_from(["", " eV/atom", " meV/atom", " eV", " kJ/mol", "\u00a0eV/atom"]))
def test_window_entry_answers_or_names_the_entry(formula: str, number: str, unit: str,
                                                 capsys) -> None:
    text = f"{formula}={number}{unit}"
    code, out, err = run(["window", "Li3PS4", "--entry", text, "--json"], capsys)
    _answered_or_refused(code, out, err, text, "--entry")


def test_entry_takes_the_minus_sign_papers_print(capsys) -> None:
    """'Li2S=−1.5' (U+2212) was refused; it is the entry 'Li2S=-1.5'."""
    typed = {}
    for minus in ("-", "\u2212"):
        code, out, err = run(["window", "Li3PS4", "--entry", f"Li2S={minus}1.5 eV/atom",
                              "--json"], capsys)
        assert code == 0, err
        typed[minus] = json.loads(out)
    assert typed["\u2212"] == typed["-"]
    assert "entry Li2S (-1.5 eV/atom)" in typed["-"]["Note"]


@SETTINGS
@given(number=st.sampled_from([*NUMBERS, "4.2", "10", "10.5"]),
       unit=st.sampled_from([" V", " mV", "", " furlongs", "\u00a0V", " V vs Li/Li+",
                             " V vs Na/Na+", " MPa"]))
@example(number="\u22124.2", unit=" V")
@example(number="\u2212", unit=" V vs Li/Li+")  # quoted '- V', neither form typed
def test_react_potential_answers_or_names_the_option(number: str, unit: str, capsys) -> None:
    text = f"{number}{unit}"
    code, out, err = run(["react", "Li3PS4", "Li2S", "--potential", text, "--json"], capsys)
    _answered_or_refused(code, out, err, text, "--potential")
    if code == 0:
        assert 0 <= json.loads(out)["Potential [V]"] <= 10


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(option=st.sampled_from(["--electrolyte", "--electrode"]),
       text=st.sampled_from(["", " ", "LLZO", "Li3PS4", "nmc811", "li3ps4", "lco", "li",
                             "li3ps4\u00a0", "\u00b5", "Xx"]))
def test_compat_answers_or_names_the_option(option: str, text: str, capsys) -> None:
    fixed = {"--electrolyte": "li3ps4", "--electrode": "lco"}
    given_ = {**fixed, option: text}
    code, out, err = run(["compat", *[x for kv in given_.items() for x in kv], "--json"],
                         capsys)
    _answered_or_refused(code, out, err, text, option)


def test_an_empty_plot_path_is_refused_as_empty(capsys) -> None:
    """--plot '' was refused as "'' is a folder" (a Path of '' is '.')."""
    for command in (["window", "Li3PS4"], ["compat", "--electrolyte", "li3ps4"],
                    ["ccd", "li6ps5cl", "--flaw-size", "5 um"]):
        assert_one_line_error(*run([*command, "--plot", ""], capsys),
                              "--plot: '' is empty; allowed: the path of a file")
