"""Package-level properties: `import solidcell` stays light, public names resolve lazily."""

import subprocess
import sys

HEAVY = ["pybamm", "pymatgen", "pint", "pydantic", "sqlalchemy", "sklearn", "dask", "torch",
         "matplotlib", "pandas", "scipy"]


def test_import_solidcell_loads_no_heavy_dependency() -> None:
    code = (f"import sys, solidcell; heavy = {HEAVY!r}; "
            "print(','.join(m for m in heavy if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "", f"import solidcell imported: {out}"


def test_lazy_names_resolve() -> None:
    import solidcell as sc

    assert sc.theoretical_capacity("LiCoO2").capacity_mAh_g > 270
    assert sc.Material.__name__ == "Material"
    assert "CellDesign" in dir(sc)


def test_all_lists_every_public_name_and_each_resolves() -> None:
    """`sc.__all__` was missing: `from solidcell import *` gave `importlib` and `Any`."""
    import inspect

    import solidcell as sc
    from solidcell import _LAZY

    assert set(sc.__all__) == {"__version__", *_LAZY}
    for name in _LAZY:
        obj = getattr(sc, name)
        assert inspect.getdoc(obj), f"sc.{name} has no docstring"


def test_dir_lists_each_public_name_once_before_and_after_use() -> None:
    """`dir(solidcell)` after use listed `cell_cost`, `units`, ... twice (cached in globals()
    and in the lazy table) and `Any`, `annotations`, `importlib` (tab-completion clutter)."""
    code = ("import json, solidcell as sc; before = dir(sc); sc.cell_cost; sc.plan_routes; "
            "sc.materials; sc.units; sc.predict_conductivity; import solidcell.cell.energy; "
            "print(json.dumps([before, dir(sc), sc.__all__]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    import json

    before, after, public = json.loads(out)
    assert before == after
    assert len(after) == len(set(after))
    assert {"Any", "annotations", "importlib"}.isdisjoint(after)
    assert [n for n in after if not n.startswith("__")] == sorted(n for n in public
                                                                    if not n.startswith("__"))
