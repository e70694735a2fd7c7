"""The data model flows one way (docs/architecture.md, "One data model, flowing one way"):

    data model (Material, CellDesign) <- analyses <- report / CLI / app

Each module of the package is parsed with ``ast`` (nothing is imported) and each of its
``import`` statements, at module level or inside a function, is checked against the layers
below, written out from the table "Layers and adapters" of docs/architecture.md."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "solidcell"

#: layer -> module prefixes (a prefix covers the module and its submodules); the longest
#: matching prefix decides. Every module of the package must fall in one layer.
LAYERS: dict[str, tuple[str, ...]] = {
    # units, sources, errors; shared input and output helpers
    "shared": ("solidcell.units", "solidcell.citations", "solidcell.errors", "solidcell.checks",
               "solidcell.validation", "solidcell.reprs", "solidcell.textio",
               "solidcell.jsonable", "solidcell.plotting", "solidcell.data"),
    # knowledge base, chemistry, cell design: Material, CellDesign and what they are built on
    "data_model": ("solidcell.materials", "solidcell.chemistry", "solidcell.cell",
                   "solidcell.cell.design", "solidcell.cell.sintering_aid"),
    # analyses: functions of a design returning results
    "analysis": ("solidcell.cell.energy", "solidcell.cell.architectures", "solidcell.simulation",
                 "solidcell.interfaces", "solidcell.mechanics", "solidcell.manufacturing",
                 "solidcell.discovery", "solidcell.screening", "solidcell.dask_adapter"),
    # presentation, and the package's facade (``import solidcell``: names resolved lazily)
    "presentation": ("solidcell", "solidcell.__main__", "solidcell.report", "solidcell.app",
                     "solidcell.cli"),
}
#: layer -> layers it must not import (``citations.cite("llzo")`` looks a material id up in
#: the knowledge base: shared helpers may use the data model)
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "shared": ("analysis", "presentation"),
    "data_model": ("analysis", "presentation"),
    "analysis": ("presentation",),
    "presentation": (),
}
#: (importer, imported) pairs allowed inside a function body only, each with its reason:
#: the ids a sintering aid may name are the process database's ``sintering_aids`` table,
#: read when an aid is validated (the process database lives in manufacturing/).
DEFERRED_ALLOWED: dict[tuple[str, str], str] = {
    ("solidcell.cell.sintering_aid", "solidcell.manufacturing.processes"):
        "catalogue of sintering aids (process database)",
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> str | None:
    """The layer of ``module`` (longest matching prefix), or None outside the package."""
    best, layer = -1, None
    for name, prefixes in LAYERS.items():
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, layer = len(prefix), name
    return layer


def _target(name: str) -> str:
    """The package module that importing ``name`` (module or module.attribute) loads."""
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def imports(module: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported package module, line, deferred: inside a function) of each import."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    deferred = {id(n) for f in ast.walk(tree)
                if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
                for n in ast.walk(f) if n is not f}
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            if name == "solidcell" or name.startswith("solidcell."):
                found.append((_target(name), node.lineno, id(node) in deferred))
    return found


def test_every_module_has_a_layer() -> None:
    assert len(MODULES) > 50  # the package was found
    assert [m for m in MODULES if layer_of(m) is None] == []


def test_the_data_model_modules_are_those_of_material_and_celldesign() -> None:
    assert layer_of("solidcell.materials.schema") == "data_model"
    assert layer_of("solidcell.cell.design") == "data_model"
    assert layer_of("solidcell.cell.energy") == "analysis"
    assert layer_of("solidcell.manufacturing.layers") == "analysis"


def test_relative_and_attribute_imports_resolve_to_modules(tmp_path: Path) -> None:
    """A check that cannot see an import passes vacuously: the resolver must see these."""
    text = ("from solidcell.manufacturing.layers import SinteringAid\n"
            "from ..report import summary\n"
            "def f():\n    import solidcell.cli\n")
    path = tmp_path / "solidcell" / "cell" / "x.py"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    got = imports("solidcell.cell.x", path)
    assert got == [("solidcell.manufacturing.layers", 1, False),
                   ("solidcell.report.summary", 2, False), ("solidcell.cli", 4, True)]
    assert [layer_of(m) for m, _, _ in got] == ["analysis", "presentation", "presentation"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_against_the_flow(module: str) -> None:
    layer = layer_of(module)
    assert layer is not None
    bad = []
    for target, line, deferred in imports(module, MODULES[module]):
        if layer_of(target) in FORBIDDEN[layer]:
            if deferred and (module, target) in DEFERRED_ALLOWED:
                continue
            kind = "in a function" if deferred else "at module level"
            bad.append(f"line {line}: {target} ({layer_of(target)}, {kind})")
    assert bad == [], f"{module} ({layer}) imports against the flow"


def test_each_allowed_deferred_import_exists_and_is_deferred() -> None:
    for importer, target in DEFERRED_ALLOWED:
        found = imports(importer, MODULES[importer])
        assert (target, True) in {(t, d) for t, _, d in found}
        assert (target, False) not in {(t, d) for t, _, d in found}


def test_importing_celldesign_loads_no_analysis_module() -> None:
    """What ``import solidcell.cell.design`` loads: the module-level imports, transitively."""
    seen, todo = set(), ["solidcell.cell.design"]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        parts = module.split(".")  # importing a.b.c runs a/__init__ and a/b/__init__ first
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]
        todo += [t for t, _, deferred in imports(module, MODULES[module]) if not deferred]
    assert sorted(m for m in seen if layer_of(m) in ("analysis", "presentation")
                  and m != "solidcell") == []
