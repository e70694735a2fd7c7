"""The examples of docs/*.md run as written (README.md: tests/test_readme.py; docs/validation.md
is a table): every ```python block, every `solidcell ...` command of the terminal blocks, the
values the pages show beside them (a comment such as ``# 'unstable'`` or an output block), and
the modules, names, flags and files the pages name in backticks.

Commands run from a folder that holds the repository's ``examples/`` (so outputs such as
``llzo.png`` or ``out/`` land in a temporary folder); the placeholders of the pages
(``DESIGN.yaml``, ``SPACE.yaml``, ``my.cif``, ...) are given the files of ``PLACEHOLDERS`` and
``_user_files``. A synopsis line (``[--json]``, ``a|b``, ``[--workers N | --scheduler ...]``) runs
without its optional parts and with all of them, once per alternative. Left out: commands
of a block that installs an optional extra (``pip install "solidcell[...]"``: CHGNet/torch,
PostgreSQL), servers (``solidcell app``) and commands that need a Dask cluster (``--scheduler``
without a shown output; the page's shown refusal runs against a closed local port)."""

from __future__ import annotations

import ast
import glob
import importlib
import json
import re
import shlex
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest

from clirun import run

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "validation.md")
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
TERMINAL = {"", "bash", "console", "text", "sh", "shell"}

#: the pages' placeholders and the files a user would give for them
PLACEHOLDERS = {
    "DESIGN.yaml": "examples/ev-nmc811-lpscl-li.yaml",
    "MORE.yaml": "examples/oxide-lco-llzo-li.yaml",
    "SPACE.yaml": "examples/spaces/ev.yaml",
    "N": "2",
    "X GPa": "4 GPa",  # the example of `solidcell interfaces --help`
}
#: commands (first words) that take more than ~10 s: run with the slow checks
SLOW = {"train", "compat"}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _blocks(doc: Path) -> list[tuple[str, str, int]]:
    """(language, text, line) of each fenced block of ``doc``."""
    text = doc.read_text("utf-8")
    return [(m.group(1), m.group(2), text[:m.start()].count("\n") + 1)
            for m in BLOCK.finditer(text)]


# ------------------------------------------------------------------ Python blocks

PYTHON = [(doc, code, line) for doc in DOCS for lang, code, line in _blocks(doc)
          if lang == "python"]


def _outputs_to(code: str, folder: Path) -> str:
    """The block with its output files (``"llzo.png"``, ``"out"``) moved to ``folder``."""
    return re.sub(r'"(out|[\w.-]+\.(?:png|html|csv|json|gz))"',
                  lambda m: repr(str(folder / m.group(1))), code)


#: a value shown in a comment: a Python literal (string, number, tuple of numbers)
SHOWN_LITERAL = re.compile(r"^('[^']*'|\([-0-9., ]+\)|-?\d+(?:\.\d+)?)(?=\s|$)")


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _same_as_shown(value, shown: str) -> bool:
    """``value`` as the page shows it: equal strings; numbers rounded to the digits shown."""
    if shown.startswith("'"):
        return value == ast.literal_eval(shown)
    if shown.startswith("("):
        parts = shown.strip("()").split(",")
        return len(value) == len(parts) and all(
            round(v, _decimals(p.strip())) == float(p) for v, p in zip(value, parts, strict=True))
    return round(value, _decimals(shown)) == float(shown)


def _shown_checks(code: str) -> list[tuple[str, str]]:
    """(code, comment) of each line ``code  # comment`` of a block."""
    pairs = []
    for line in code.splitlines():
        if "  #" in line and not line.lstrip().startswith("#"):
            left, comment = line.split("  #", 1)
            pairs.append((left.strip().rstrip(";"), comment.strip()))
    return pairs


def _check_shown(code: str, ns: dict, where: str) -> int:
    """Assert each value a block shows in a comment; return how many were checked.

    ``expr  # 'text'`` / ``# 1.2`` / ``# (1.72, 2.30)``: the expression's value as shown;
    ``name = expr  # TypeName``: the type of ``name``; ``expr  # {"key": ...}``: a mapping with
    that key."""
    checked = 0
    for left, comment in _shown_checks(code):
        try:
            tree = ast.parse(left)
        except SyntaxError:
            continue
        stmt = tree.body[-1] if tree.body else None
        literal = SHOWN_LITERAL.match(comment)
        if literal and isinstance(stmt, ast.Expr):
            value = eval(compile(ast.Expression(stmt.value), where, "eval"), ns)
            assert _same_as_shown(value, literal.group(1)), (
                f"{where}: `{left}` is {value!r}, the page shows {literal.group(1)}")
            checked += 1
        elif re.fullmatch(r"[A-Z]\w+", comment) and isinstance(stmt, ast.Assign):
            name = stmt.targets[0].id
            assert type(ns[name]).__name__ == comment, (
                f"{where}: `{name}` is a {type(ns[name]).__name__}, the page says {comment}")
            checked += 1
        elif ((key := re.fullmatch(r'\{"([^"]+)": \.\.\.\}', comment))
              and isinstance(stmt, ast.Expr)):
            value = eval(compile(ast.Expression(stmt.value), where, "eval"), ns)
            assert key.group(1) in value, f"{where}: `{left}` lacks {key.group(1)!r}"
            checked += 1
    return checked


#: values shown in the comments of each page's block today (types, keys, literals)
SHOWN_PER_PAGE = {"cell.md": 2, "discovery.md": 1, "interfaces.md": 4, "manufacturing.md": 1,
                  "materials-data.md": 2}


def test_the_pages_have_examples():
    assert len(PYTHON) >= 9
    assert len(_all_commands()) >= 50


@pytest.mark.parametrize(("doc", "code", "line"), PYTHON,
                         ids=lambda v: v.name if isinstance(v, Path) else None)
def test_each_python_block_runs_and_shows_true_values(doc, code, line, tmp_path, monkeypatch):
    """Each block runs from the repository root in a namespace of its own (each page's blocks
    stand alone); its outputs go to a temporary folder; the values it shows are the ones the
    software gives."""
    monkeypatch.chdir(ROOT)
    where = f"{_rel(doc)}:{line}"
    ns: dict = {}
    exec(compile(_outputs_to(code, tmp_path), where, "exec"), ns)
    checked = _check_shown(code, ns, where)
    assert checked >= SHOWN_PER_PAGE.get(doc.name, 0), (
        f"{where}: {checked} shown values checked; a comment value changed form?")
    for name in re.findall(r'"([\w.-]+\.png)"', code):
        assert (tmp_path / name).stat().st_size > 0, f"{where} wrote no {name}"


def test_the_shown_values_are_checked():
    """The comment values of the pages are all found by ``_check_shown`` (a comment that
    changes form would otherwise go unchecked): the ones known today."""
    found = {(d.name, left): c for d, code, _ in PYTHON for left, c in _shown_checks(code)}
    for doc, left in [
        ("interfaces.md", "w.reduction_limit_V, w.oxidation_limit_V"),
        ("interfaces.md", "w.reduction_reaction()"),
        ("interfaces.md", 'check_pair("lgps", "li_metal").status'),
        ("interfaces.md", 'check_pair("li3ps4", "li_metal").status'),
        ("materials-data.md", 'lgps.si("ionic_conductivity")'),
        ("materials-data.md", 'lgps.si("density")'),
        ("discovery.md", "res.candidates[0].candidate.formula"),
    ]:
        assert SHOWN_LITERAL.match(found[(doc, left)]), (doc, left)


def test_the_asr_in_si_is_the_one_its_comment_gives():
    """interfaces.md: ``asr_ohm_m2=1e-3)   # 10 Ohm cm2`` (the unit a reader knows)."""
    from solidcell.units import parse

    page = (ROOT / "docs" / "interfaces.md").read_text("utf-8")
    shown = re.search(r"asr_ohm_m2=([0-9.e-]+)\)\s+# ([0-9.]+ Ohm cm2)", page)
    assert shown, "interfaces.md no longer gives the CCD example's ASR"
    assert parse(shown.group(2), "areal resistance") == pytest.approx(float(shown.group(1)))


def test_the_property_value_shown_is_lgps_preferred_conductivity():
    """materials-data.md: ``lgps.get("ionic_conductivity")  # PropertyValue: 12 mS/cm at
    300.15 K, measured, kamaya2011`` (Kamaya et al. 2011 report 12 mS/cm at 27 degC)."""
    from solidcell.materials import get

    page = (ROOT / "docs" / "materials-data.md").read_text("utf-8")
    shown = re.search(r'lgps\.get\("ionic_conductivity"\)\s+# PropertyValue: ([\d.]+) (\S+) at '
                      r"([\d.]+) K, (\w+), (\w+)", page)
    assert shown, "materials-data.md no longer shows the PropertyValue"
    p = get("lgps").get("ionic_conductivity")
    assert type(p).__name__ == "PropertyValue"
    assert (p.value, p.unit, p.temperature, p.method, p.source) == (
        float(shown.group(1)), shown.group(2), float(shown.group(3)), shown.group(4),
        shown.group(5))


def test_the_report_path_shown(tmp_path, monkeypatch):
    """report-and-app.md: ``write_report(design, "out")  # out/<design name>-report.html``."""
    import solidcell as sc
    from solidcell.report.html import write_report

    page = (ROOT / "docs" / "report-and-app.md").read_text("utf-8")
    assert 'write_report(design, "out")          # out/<design name>-report.html' in page
    monkeypatch.chdir(tmp_path)
    design = sc.CellDesign.from_yaml(ROOT / "examples" / "ev-nmc811-lpscl-li.yaml")
    path = Path(write_report(design, "out"))
    assert path.parent.resolve() == (tmp_path / "out").resolve()
    assert path.name.endswith("-report.html") and path.stat().st_size > 0


def test_the_database_query_is_the_same_in_python_and_cli(capsys, open_store):
    """database.md shows one query twice: `--min "1 mS/cm"` and `minimum=0.1` (S/m)."""
    from solidcell.units import parse

    page = (ROOT / "docs" / "database.md").read_text("utf-8")
    cli = re.search(r'solidcell (materials query .*--min "([^"]+)")', page)
    py = re.search(r"MaterialStore\(\)\.query\((.*)\)", page)
    assert cli and py
    assert parse(cli.group(2), "conductivity") == pytest.approx(
        float(re.search(r"minimum=([\d.]+)", py.group(1)).group(1)))
    ids = {m.id for m in open_store().query(electrolyte_class="sulfide",
                                            property="ionic_conductivity", minimum=0.1)}
    code, out, err = run([*shlex.split(cli.group(1)), "--json"], capsys)
    assert code == 0, err
    assert ids and {r["id"] for r in json.loads(out)} == ids


def test_the_interlayer_film_example_counts_as_its_comments_say(tmp_path):
    """cell.md's ``format`` block (``n_layers: 20  # 10 bi-cells``, ``every: 2 ...  # 9 films``)
    in the EV example: the software lays that many films of that thickness."""
    import yaml

    import solidcell as sc
    from solidcell.units import parse

    block = next(b for lang, b, _ in _blocks(ROOT / "docs" / "cell.md")
                 if lang == "yaml" and "interlayer_film" in b)
    groups = int(re.search(r"# (\d+) bi-cells", block).group(1))
    films = int(re.search(r"# (\d+) films", block).group(1))
    shown = yaml.safe_load(block)["format"]
    data = yaml.safe_load((ROOT / "examples" / "ev-nmc811-lpscl-li.yaml").read_text("utf-8"))
    data["format"].update(shown)
    (tmp_path / "films.yaml").write_text(yaml.safe_dump(data), "utf-8")
    cell = sc.evaluate(sc.CellDesign.from_yaml(tmp_path / "films.yaml")).level("cell")
    film = shown["interlayer_film"]
    assert shown["n_layers"] / film["every"] == groups
    assert cell["Interlayer film thickness [m]"] / parse(film["thickness"], "length") == (
        pytest.approx(films))
    assert cell["Interlayer film mass [kg]"] > 0


def _design_refusal(**change) -> str:
    import solidcell as sc
    from solidcell.errors import ValidationError

    design = sc.CellDesign.from_yaml(ROOT / "examples" / "ev-nmc811-lpscl-li.yaml")
    with pytest.raises(ValidationError) as err:
        design.replace(**change)
    return str(err.value)


def _cli_refusal(capsys, *args: str) -> str:
    code, out, err = run(list(args), capsys)
    assert code == 2 and out == "", err
    return err.removeprefix("error: ").strip()


#: refusals the prose quotes (`field: 'value' is not allowed; ...`) and how to get each
REFUSALS = [
    ("cell.md", "temperature_K: ", lambda capsys: _design_refusal(temperature_K="-300 degC")),
    ("cell.md", "cathode.tortuosity_factor: ",
     lambda capsys: _design_refusal(**{"cathode.tortuosity_factor": 0.5})),
    ("cell.md", "separator.thickness_m: ",
     lambda capsys: _design_refusal(**{"separator.thickness_m": 30})),
    ("cell.md", "format.seal_width_m: ",
     lambda capsys: _design_refusal(**{"format.seal_width_m": 5})),
    ("simulation.md", "'-5 Ohm cm2'", lambda capsys: _cli_refusal(
        capsys, "simulate", "examples/ev-nmc811-lpscl-li.yaml", "--experiment",
        "Discharge at 1C until 3 V", "--interface-resistance", "-5 Ohm cm2")),
    ("discovery.md", "--target: ", lambda capsys: _cli_refusal(
        capsys, "md", "tests/data/discovery/obelix_de5_Li3InCl6.cif", "--target", "-300 degC")),
]


@pytest.mark.parametrize(("doc", "start", "refusal"), REFUSALS,
                         ids=[f"{doc}-{start}"[:30] for doc, start, _ in REFUSALS])
def test_the_refusals_the_pages_quote_are_given(doc, start, refusal, monkeypatch, capsys):
    """The quoted refusal is how the software's message begins (the page may cut its end)."""
    monkeypatch.chdir(ROOT)
    quoted = re.search(rf"`({re.escape(start)}[^`]*is not allowed[^`]*)`",
                       (ROOT / "docs" / doc).read_text("utf-8"))
    assert quoted, f"{doc} no longer quotes the refusal starting {start!r}"
    message = refusal(capsys)
    assert quoted.group(1) in message, f"{doc} quotes {quoted.group(1)!r}; given: {message!r}"


# ------------------------------------------------------------------ commands


@dataclass(frozen=True)
class Command:
    """One `solidcell ...` command of a page: its words (placeholders replaced), the comment
    beside it, the page and the line."""

    args: tuple[str, ...]
    comment: str
    doc: str
    line: int
    shown: tuple[str, ...] = ()  # the output lines a ``$ solidcell ...`` block shows

    def __str__(self) -> str:
        return f"{self.doc}:{self.line} solidcell {' '.join(self.args)}"[:90]


def _logical_lines(block: str) -> list[tuple[int, str, str, list[str]]]:
    """(offset, command text, comment, shown output) of each `solidcell` line of a terminal
    block; an indented line starting with ``[`` or ``--`` continues the command above, one
    starting with ``#`` its comment; lines under a ``$ solidcell`` line are its output."""
    lines: list[list] = []
    for i, raw in enumerate(block.splitlines()):
        stripped = raw.strip()
        if raw.startswith((" ", "\t")) and lines and stripped.startswith(("[", "--", "#")):
            if stripped.startswith("#"):
                lines[-1][2] += " " + stripped.lstrip("# ")
            else:
                text, _, comment = stripped.partition("  #")
                lines[-1][1] += " " + text
                lines[-1][2] += comment
            continue
        prompt = stripped.startswith("$ ")
        stripped = stripped.removeprefix("$ ")
        if stripped.startswith("solidcell "):
            text, _, comment = stripped.partition("  #")
            lines.append([i, text.strip(), comment.strip(), [], prompt])
        elif lines and lines[-1][4] and stripped:
            lines[-1][3].append(stripped)
    return [(i, t, c, s) for i, t, c, s, _ in lines]


def _tree(words: list[str]) -> list:
    """Words and optional groups: ``[a | b c]`` -> ``("opt", [[a], [b, c]])``."""
    out: list = []
    stack = [out]
    alts: list[list] = []
    for word in words:
        if word == "[":
            group: list = [[]]
            stack[-1].append(("opt", group))
            alts.append(group)
            stack.append(group[-1])
        elif word == "]":
            stack.pop()
            alts.pop()
        elif word == "|" and alts:
            alts[-1].append([])
            stack[-1] = alts[-1][-1]
        elif word != "...":
            stack[-1].append(word)
    return out


def _expand(tree: list, choice: int | None) -> list[str]:
    """Words of one form: ``choice`` None leaves every optional group out; an int takes every
    group with its alternative ``choice`` (or its last), and ``a|b`` words likewise."""
    words: list[str] = []
    for item in tree:
        if isinstance(item, tuple):
            if choice is not None:
                words += _expand(item[1][min(choice, len(item[1]) - 1)], choice)
        elif "|" in item and not item.startswith(("tcp:", "-")):
            options = item.split("|")
            words.append(options[min(choice or 0, len(options) - 1)])
        else:
            words.append(item)
    return words


def _forms(text: str) -> list[list[str]]:
    """The commands a line stands for: itself, or a synopsis's forms (see module doc)."""
    for placeholder, value in PLACEHOLDERS.items():
        text = re.sub(rf"(?<![\w/.-]){re.escape(placeholder)}(?![\w/.-])", value, text)
    spaced = re.sub(r"(\[|\]|\s\|\s)", r" \1 ", text)
    words = shlex.split(spaced)
    if "[" not in words and not any("|" in w and not w.startswith("tcp:") for w in words):
        return [words]
    tree = _tree(words)
    n = max([len(item[1]) for item in _walk(tree)] +
            [w.count("|") + 1 for w in words if "|" in w and not w.startswith("tcp:")])
    forms = [_expand(tree, None)] + [_expand(tree, k) for k in range(n)]
    return [f for i, f in enumerate(forms) if f not in forms[:i]]


def _walk(tree: list):
    for item in tree:
        if isinstance(item, tuple):
            yield item
            for alt in item[1]:
                yield from _walk(alt)


def _extra_block(block: str) -> bool:
    """A block that installs an optional extra: its commands need it."""
    return bool(re.search(r"pip install ['\"]?solidcell\[", block))


def _all_commands() -> list[Command]:
    commands = []
    for doc in DOCS:
        for lang, block, start in _blocks(doc):
            if lang not in TERMINAL or _extra_block(block):
                continue
            for offset, text, comment, shown in _logical_lines(block):
                for words in _forms(text):
                    commands.append(Command(tuple(words[1:]), comment, _rel(doc),
                                            start + 1 + offset, tuple(shown)))
    return commands


def _left_out(c: Command) -> str | None:
    """Why a command is not run here (None: it is)."""
    if c.args[:1] == ("app",):
        return "starts a server"
    if "--scheduler" in c.args and not c.shown:
        return "needs a Dask cluster"
    return None


RUN = [c for c in _all_commands() if _left_out(c) is None]


def test_what_is_left_out_is_only_servers_clusters_and_extras():
    left = [c for c in _all_commands() if _left_out(c)]
    assert {c.args[0] for c in left} <= {"app", "screen", "rate-capability"}
    assert len(RUN) >= 50


def _user_files(folder: Path) -> None:
    """The files the pages' commands name beside examples/: a CIF, a CSV of compositions and
    manufacturing.md's layer stack (``my-stack.yaml``)."""
    (folder / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    shutil.copy(ROOT / "tests" / "data" / "discovery" / "obelix_de5_Li3InCl6.cif",
                folder / "my.cif")
    (folder / "candidates.csv").write_text("composition\nLi6PS5Cl\nLi3YCl6\n", "utf-8")
    stack = [b for lang, b, _ in _blocks(ROOT / "docs" / "manufacturing.md")
             if lang == "yaml" and "layers:" in b]
    (folder / "my-stack.yaml").write_text(stack[0], "utf-8")


def _globbed(args: tuple[str, ...]) -> list[str]:
    """The words as a shell gives them (``examples/*.yaml`` expanded)."""
    out: list[str] = []
    for a in args:
        matches = sorted(glob.glob(a)) if "*" in a and not a.startswith("-") else []
        out += matches or [a]  # a pattern that matches nothing stays as typed
    return out


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("command", [
    pytest.param(c, marks=pytest.mark.slow) if c.args[0] in SLOW else c
    for c in RUN], ids=str)
def test_each_command_runs_as_shown(command, tmp_path, monkeypatch, capsys):
    """Exit code 0 (or the shown refusal); the output has the keys the comment names
    (``keys "A", "B"``), and the alternative spelling a comment gives (``or --flag "value"``)
    gives the same output."""
    _user_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = _globbed(command.args)
    if command.shown:
        # the page's refusal of a scheduler that does not answer: a closed port of this
        # machine answers no connection, as an unreachable host does (Dask retries until the
        # timeout), wherever the test runs
        address = next(a for a in args if a.startswith("tcp://"))
        local = f"tcp://127.0.0.1:{_closed_port()}"
        code, out, err = run([local if a == address else a for a in args], capsys)
        assert code == 2 and out == ""
        assert err.strip().splitlines() == [s.replace(address, local) for s in command.shown]
        return
    code, out, err = run(args, capsys)
    assert code == 0, f"{command}: exit {code}\n{err[-2000:]}"
    keys = re.search(r'keys ((?:"[^"]+",? ?)+)', command.comment)
    if keys:
        data = json.loads(out)
        for key in re.findall(r'"([^"]+)"', keys.group(1)):
            assert key in json.dumps(data), f"{command}: no {key!r} in the JSON"
    alternative = re.search(r'or (--[\w-]+) "([^"]+)"', command.comment)
    if alternative:
        flag, value = alternative.groups()
        assert flag in args
        other = list(args)
        other[other.index(flag) + 1] = value
        code2, out2, err2 = run(other, capsys)
        assert code2 == 0 and out2 == out, f"{command}: {flag} {value!r} differs\n{err2}"


def test_a_server_that_is_no_scheduler_is_one_error_line(tmp_path, monkeypatch, capsys):
    """screening.md's refusal, when what answers at the address is not Dask (an HTTP proxy
    that accepts every connection, as on some networks 10.0.0.5:8786 does): one ``error:``
    line naming the address, not the MemoryError of Dask reading "HTTP/1.1" as a frame
    length (3.07 EiB) with its traceback."""
    import threading

    from clirun import assert_one_line_error

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def answer() -> None:
        conn, _ = server.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n")

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    shown = next(c for c in RUN if c.shown)
    address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
    _user_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = [address if a.startswith("tcp://") else a for a in shown.args]
    try:
        code, out, err = run(args, capsys)
    finally:
        server.close()
    assert_one_line_error(code, out, err, "--scheduler", address, "Dask")


def test_a_server_that_never_answers_is_refused_after_the_timeout(tmp_path, monkeypatch,
                                                                    capsys):
    """screening.md's refusal when a server accepts the connection and then says nothing (a
    stopped scheduler process): refused after the timeout and 1 s more, naming the address
    and the timeout; Dask's Client bounds only the connection and used to wait without end."""
    import time

    from clirun import assert_one_line_error

    shown = next(c for c in RUN if c.shown)
    _user_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)  # the kernel accepts; nobody reads or writes
        address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
        args = [address if a.startswith("tcp://") else a for a in shown.args]
        args[args.index("--scheduler-timeout") + 1] = "1"
        start = time.monotonic()
        code, out, err = run(args, capsys)
        waited = time.monotonic() - start
    assert_one_line_error(code, out, err, "--scheduler", address, "timeout of 1 s",
                          "no Dask handshake")
    assert waited > 1.0  # it waited for the handshake (no upper bound: a loaded machine)


# ------------------------------------------------------------------ names in backticks

ALL_TEXT = {doc: doc.read_text("utf-8") for doc in DOCS}
TICKS = re.compile(r"`([^`\n]+)`")


def _ticked(doc: Path) -> list[str]:
    return TICKS.findall(ALL_TEXT[doc])


def _module_names() -> set[str]:
    """``solidcell.a.b`` (optionally ``.func``/``:func``) named in backticks."""
    names = set()
    for doc in DOCS:
        for tick in _ticked(doc):
            for m in re.finditer(r"(?<![\w.])(solidcell(?:\.\w+)+(?::\w+)?)", tick):
                names.add(m.group(1))
    return names


def _resolves(name: str) -> bool:
    """A module, or an attribute (function, class, constant) of one."""
    path, _, attr = name.partition(":")
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for part in parts[cut:] + ([attr] if attr else []):
                obj = getattr(obj, part)
        except AttributeError:
            return False
        return True
    return False


def test_every_module_and_name_the_pages_give_exists():
    names = _module_names()
    assert len(names) >= 30
    missing = sorted(n for n in names if not _resolves(n))
    assert not missing, f"docs/*.md name what solidcell does not have: {missing}"


def _flags() -> dict[tuple[str, ...], set[str]]:
    """Flags per subcommand as the pages write them: ``solidcell CMD ... --flag`` in the
    terminal blocks, and the backticked ``solidcell CMD ... --flag`` of the prose."""
    found: dict[tuple[str, ...], set[str]] = {}

    def add(words: list[str]) -> None:
        if len(words) < 2 or words[0] != "solidcell":
            return
        sub = (tuple(words[1:3]) if words[1] in {"materials", "design"}
               and not words[2:3][0].startswith("-") else (words[1],))
        found.setdefault(sub, set()).update(
            w.split("=")[0] for w in words if re.fullmatch(r"--[a-z][\w-]*(=.*)?", w))

    for c in _all_commands():
        add(["solidcell", *c.args])
    for doc in DOCS:
        for tick in _ticked(doc):
            if tick.startswith("solidcell "):
                add(re.sub(r"[\[\]]", " ", tick).split())
    return found


def test_every_command_and_flag_the_pages_give_exists(capsys):
    """Each subcommand's ``--help`` lists the flags the pages give it."""
    flags = _flags()
    assert len(flags) >= 20
    missing = []
    for sub, wanted in sorted(flags.items()):
        code, out, err = run([*sub, "--help"], capsys)
        if code != 0:
            missing.append(f"solidcell {' '.join(sub)} (exit {code}: {err.strip()[-200:]})")
            continue
        help_text = re.sub(r"\s+", " ", out)
        missing += [f"solidcell {' '.join(sub)} {f}" for f in sorted(wanted)
                    if not re.search(rf"{re.escape(f)}(?![\w-])", help_text)]
    assert not missing, f"docs/*.md give commands or flags the CLI lacks: {missing}"


def _subcommands(capsys) -> list[tuple[str, ...]]:
    """Every command of ``solidcell --help`` (with the subcommands of its groups)."""
    def listed(args: list[str]) -> list[str]:
        code, out, err = run([*args, "--help"], capsys)
        assert code == 0, err
        box = out.split("Commands", 1)[1] if "Commands" in out else ""
        return re.findall(r"^\W+([a-z][\w-]*)  ", box, re.M)

    subs: list[tuple[str, ...]] = []
    for name in listed([]):
        inner = listed([name])
        subs += [(name, i) for i in inner] if inner else [(name,)]
    return subs


def test_every_flag_the_pages_name_exists(capsys):
    """A backticked ``--flag`` of the prose is an option of some command (its ``--help``), or
    of the scripts the pages name (benchmarks/, scripts/,
    ``python -m solidcell.discovery.model_search``)."""
    subs = _subcommands(capsys)
    assert len(subs) >= 25 and ("materials", "query") in subs
    helps = ""
    for sub in subs:
        helps += run([*sub, "--help"], capsys)[1]
    scripts = "".join(p.read_text("utf-8") for p in [*(ROOT / "benchmarks").glob("*.py"),
                                                     *(ROOT / "scripts").glob("*.py"),
                                                     *(ROOT / "src").rglob("model_search.py")])
    named = {m.group(1) for doc in DOCS for tick in _ticked(doc)
             for m in re.finditer(r"(?<![\w-])(--[a-z][\w-]*)", tick)}
    assert len(named) >= 30
    missing = sorted(f for f in named if not re.search(rf"{re.escape(f)}(?![\w-])", helps)
                     and f'"{f}"' not in scripts)
    assert not missing, f"docs/*.md name flags no command or script has: {missing}"


#: backticked words that look like paths but are no file of this repository: a user's file, an
#: output, a placeholder (`path/to/`), another project's file (OBELiX's `benchmark/tuning.py`)
#: and the module report-and-app.md says must not exist (`cli/app.py`)
NOT_REPO_PATHS = {"out/", "my-stack.yaml", "my.cif", "candidates.csv", "llzo.png",
                  "path/to/mp_e_form.csv", "benchmark/tuning.py", "cli/app.py"}


def _repo_files() -> list[str]:
    skip = {".venv", ".git", "__pycache__", "node_modules", "out", "test-artifacts"}
    return ["/" + p.relative_to(ROOT).as_posix() + ("/" if p.is_dir() else "")
            for p in ROOT.rglob("*") if not skip & set(p.relative_to(ROOT).parts)]


def test_every_repository_path_the_pages_give_exists():
    """A backticked path with a folder (``tests/discovery/test_x.py``, ``cli/cell.py``,
    ``examples/spaces/ev.yaml``) ends a path of the checkout."""
    files = _repo_files()
    tokens = set()
    for doc in DOCS:
        for tick in _ticked(doc):
            for word in tick.split():
                word = word.strip("(),;:'\"")
                if ("/" in word and re.fullmatch(r"[\w./-]+\.(py|md|yaml|csv|gz|bib|json|cif)|"
                                                  r"[\w.-]+(/[\w.-]+)+/", word)
                        and not word.startswith(("http", "~", "/"))):
                    tokens.add(word)
    tokens -= NOT_REPO_PATHS
    assert len(tokens) >= 15
    missing = sorted(t for t in tokens if not any(f.endswith("/" + t.lstrip("./")) for f in files))
    assert not missing, f"docs/*.md name paths that do not exist: {missing}"
