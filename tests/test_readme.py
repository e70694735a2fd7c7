"""The README runs as written (docs must stay true): the five-minute tour's Python block and
every command of its terminal blocks except `solidcell app` (a server that does not return),
the "Your own data" walk in its order, and the paths and modules that the README's layout
table and docs/architecture.md name."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import solidcell as sc
from clirun import run

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
TOUR = README.split("## A five-minute tour", 1)[1].split("\n## ", 1)[0]
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", TOUR, re.S)
BASH_BLOCKS = re.findall(r"```bash\n(.*?)```", TOUR, re.S)


def _commands() -> list[list[str]]:
    """Each `solidcell ...` command of the tour's terminal blocks (`a && b` are two), without
    trailing comments; `solidcell app` is left out."""
    commands = []
    for block in BASH_BLOCKS:
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            for part in line.split("&&"):
                args = shlex.split(part)
                if args and args[0] == "solidcell" and args[1:2] != ["app"]:
                    commands.append(args[1:])
    return commands


def test_the_tour_has_code_to_check():
    assert PYTHON_BLOCKS and len(_commands()) >= 15


def test_the_python_tour_runs(tmp_path, monkeypatch):
    """Run from the repository root, as the README's relative paths assume; plots go to a
    temporary folder."""
    monkeypatch.chdir(ROOT)
    code = PYTHON_BLOCKS[0].replace('"discharge.png"', repr(str(tmp_path / "discharge.png")))
    namespace: dict = {}
    exec(compile(code, "README.md (five-minute tour)", "exec"), namespace)
    assert (tmp_path / "discharge.png").stat().st_size > 0
    # the value the README prints beside the call (275.5 mAh/g, Faraday's law F / (3.6 M) with
    # M = 97.28 g/mol); any value in 270-280 used to pass, so the README could drift from it
    q = namespace["sc"].theoretical_capacity("LiNi0.8Mn0.1Co0.1O2").capacity_mAh_g
    printed = re.search(r'theoretical_capacity\("LiNi0\.8Mn0\.1Co0\.1O2"\)\.capacity_mAh_g'
                        r"\s*#\s*([0-9.]+)", PYTHON_BLOCKS[0])
    assert printed, "the README's tour no longer shows the NMC811 capacity"
    assert round(q, 1) == float(printed.group(1)) == 275.5
    # "what it costs": the tour's cost call must give a cost (with only the knowledge base's
    # prices the EV example has none: vgcf and linbo3 have no price there)
    cost = namespace["cost"]
    assert cost.missing_prices == () and 0 < cost.cell_cost_USD_per_kWh < float("inf")
    # the window printed beside the call is the one the software computes (zhu2015 scheme)
    shown = re.search(r'stability_window\("Li6PS5Cl"\)\s*#\s*([0-9.]+)-([0-9.]+) V',
                      PYTHON_BLOCKS[0])
    assert shown, "the README's tour no longer shows the Li6PS5Cl window"
    w = namespace["sc"].stability_window("Li6PS5Cl")
    assert (round(w.reduction_limit_V, 2), round(w.oxidation_limit_V, 2)) == (
        float(shown.group(1)), float(shown.group(2)))


#: tour commands that take more than a few seconds run with the slow checks
SLOW = {"compat"}


@pytest.mark.parametrize("args", [
    pytest.param(a, marks=pytest.mark.slow) if a[0] in SLOW else a for a in _commands()],
    ids=lambda a: " ".join(a)[:60])
def test_each_tour_command_runs(args, tmp_path, monkeypatch, capsys):
    """Exit code 0 for each command; outputs under out/ go to a temporary folder."""
    monkeypatch.chdir(ROOT)
    args = [a.replace("out/", f"{tmp_path}/") if a.startswith("out/") else a for a in args]
    code, _out, err = run(args, capsys)
    assert code == 0, f"solidcell {' '.join(args)}: exit {code}\n{err[-2000:]}"


USER_DATA = README.split("## Your own data", 1)[1].split("\n## ", 1)[0]


def test_the_user_data_walk_runs_in_order(tmp_path, monkeypatch, capsys):
    """The "Your own data" commands, in the README's order, on a new database: the YAML block
    is `my-electrolyte.yaml`, `N` the id that `measure` printed. Each exits 0 and does what its
    comment says (the material is added, measured, exported, deleted and imported back)."""
    yaml_block = re.findall(r"```yaml\n(.*?)```", USER_DATA, re.S)
    bash_block = re.findall(r"```bash\n(.*?)```", USER_DATA, re.S)
    assert len(yaml_block) == 1 and len(bash_block) == 1
    (tmp_path / "my-electrolyte.yaml").write_text(yaml_block[0], "utf-8")
    material = re.search(r"^id: (\w+)$", yaml_block[0], re.M).group(1)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "lab.sqlite"))
    commands = [shlex.split(line.split("  #", 1)[0]) for line in bash_block[0].splitlines()
                if line.strip()]
    assert [c[0] for c in commands] == ["solidcell"] * len(commands) and len(commands) >= 8
    measurement = None
    for args in commands:
        args = [measurement if a == "N" else a for a in args[1:]]
        assert None not in args, "the README deletes a measurement before making one"
        code, out, err = run(args, capsys)
        assert code == 0, f"solidcell {' '.join(args)}: exit {code}\n{err[-2000:]}"
        if args[:2] == ["materials", "measure"]:
            measurement = re.search(r"added measurement (\d+)", out).group(1)
        if args[:2] == ["materials", "measurements"]:
            assert measurement in out and "my-lab-2026" in out
        if args[0] == "conductivity":
            assert material in out and "sigma" in out
    # the last command imported the export back: the material and the measurement are there
    code, out, _ = run(["materials", "list", "--origin", "user", "--json"], capsys)
    assert code == 0 and material in out
    code, out, _ = run(["materials", "measurements", "--json"], capsys)
    assert code == 0 and "llzo" in out and "my-lab-2026" in out
    # "a design names your material by its id like any other"
    design = sc.CellDesign.from_yaml(ROOT / "examples" / "ev-nmc811-lpscl-li.yaml")
    mine = design.replace(**{"separator.electrolyte": material})
    assert "my-lab-2026" in sc.evaluate(mine).sources  # its conductivity and density are used


#: files, folders and modules named in backticks in README.md and docs/architecture.md
PATH_TOKEN = re.compile(r"`([\w./-]+?(?:\.py|\.md|\.csv\.gz|\.csv|\.bib|\.yaml|/))`")


def _repo_files() -> list[str]:
    skip = {".venv", ".git", "__pycache__", "node_modules", "out", "test-artifacts"}
    return ["/" + p.relative_to(ROOT).as_posix() + ("/" if p.is_dir() else "")
            for p in ROOT.rglob("*") if not skip & set(p.relative_to(ROOT).parts)]


@pytest.mark.parametrize("doc", ["README.md", "docs/architecture.md"])
def test_every_path_the_layout_names_exists(doc):
    """A file or folder named in the layout tables and lists (`src/solidcell/chemistry/`,
    `oxidation.py`, `interfaces/data/mp_e_form.csv.gz`, `bench_compat.py`) is in the checkout:
    each backticked path ends a path of the repository."""
    files = _repo_files()
    text = (ROOT / doc).read_text("utf-8")
    tokens = {t for t in PATH_TOKEN.findall(text) if not t.startswith(("http", "$", "~"))}
    tokens -= {"discharge.png", "out/", "my-electrolyte.yaml", "mine.csv", "mine.json"}
    assert len(tokens) >= 10
    missing = sorted(t for t in tokens if not any(f.endswith("/" + t.lstrip("/")) for f in files))
    assert not missing, f"{doc} names paths that do not exist: {missing}"


def test_the_layout_lists_every_module():
    """Every top-level module of the package is in the README's layout table and in
    architecture.md's layers; every package is a row of the README's table; the modules of
    the packages whose files architecture.md lists one by one (materials, chemistry) are all
    there."""
    src = ROOT / "src" / "solidcell"
    readme_table = README.split("## Where everything lives", 1)[1].split("\n## ", 1)[0]
    arch = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    top = sorted(p.name for p in src.glob("*.py") if not p.name.startswith("__"))
    packages = sorted(p.name for p in src.iterdir() if (p / "__init__.py").exists())
    assert len(top) >= 8 and len(packages) >= 12
    missing = [m for m in top if f"`{m}`" not in readme_table and f"/{m}`" not in readme_table]
    missing += [f"{p}/" for p in packages
                if f"`{p}/`" not in readme_table and f"solidcell/{p}/" not in readme_table]
    assert not missing, f"README's layout table lacks {missing}"
    listed = top + [p.name for pkg in ("materials", "chemistry") for p in (src / pkg).glob("*.py")
                      if not p.name.startswith("__")]
    missing = [m for m in listed if f"`{m}`" not in arch and f"/{m}`" not in arch]
    assert not missing, f"docs/architecture.md lacks {missing}"
