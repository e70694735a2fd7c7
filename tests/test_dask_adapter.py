"""solidcell.dask_adapter is the one module of solidcell that imports Dask distributed (as
simulation/pybamm_adapter.py is for PyBaMM), the modules that take a scheduler import no Dask
until a client is opened, and a client the adapter opens is closed, one given stays open.
The callers' timeouts and messages are tested beside them (tests/screening/
test_screen_scheduler_timeout.py, tests/discovery/test_discovery_md_scheduler.py,
tests/simulation/test_sim_scheduler_timeout.py)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from daskhelpers import clients_left
from solidcell.dask_adapter import connected, is_client

SRC = Path(__file__).resolve().parents[1] / "src" / "solidcell"
ADAPTER = "dask_adapter.py"


def _named(module: str | None) -> bool:
    return module is not None and (module.split(".")[0] == "distributed"
                                   or module.startswith("dask.distributed"))


def _imports_distributed(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(_named(a.name) for a in node.names)
    if isinstance(node, ast.ImportFrom):
        return node.level == 0 and (_named(node.module) or (
            node.module == "dask" and any(a.name == "distributed" for a in node.names)))
    if isinstance(node, ast.Call):
        name = getattr(node.func, "attr", getattr(node.func, "id", None))
        return name in ("import_module", "__import__") and bool(node.args) \
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str) \
            and _named(node.args[0].value)
    return False


def _distributed_imports(tree: ast.AST) -> list[int]:
    """Lines that import Dask distributed: ``import distributed``, ``import dask.distributed``,
    ``from dask.distributed import ...``, ``from dask import distributed``, or
    ``importlib.import_module``/``__import__`` of one of those names."""
    return [node.lineno for node in ast.walk(tree) if _imports_distributed(node)]


def test_only_the_adapter_imports_dask_distributed() -> None:
    found = {str(p.relative_to(SRC)): lines for p in sorted(SRC.rglob("*.py"))
             if (lines := _distributed_imports(ast.parse(p.read_text("utf-8"))))}
    assert set(found) == {ADAPTER}, found


@pytest.mark.parametrize("code", [
    "import distributed", "import dask.distributed as dd", "from dask.distributed import Client",
    "from dask import config, distributed", "from distributed.client import Client",
    "importlib.import_module('dask.distributed')", "__import__('distributed')"])
def test_the_check_sees_each_way_of_importing_it(code: str) -> None:
    assert _distributed_imports(ast.parse(code)) == [1]


@pytest.mark.parametrize("code", ["import dask.config", "from dask.utils import parse_timedelta",
                                  "from solidcell.dask_adapter import connected",
                                  "from . import distributed"])
def test_the_check_passes_other_imports(code: str) -> None:
    assert _distributed_imports(ast.parse(code)) == []


def test_modules_that_take_a_scheduler_import_no_dask() -> None:
    code = ("import sys, json; import solidcell.dask_adapter, solidcell.screening.screen, "
            "solidcell.discovery.md, solidcell.simulation.runs, solidcell.cli; "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('dask', 'distributed'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert json.loads(out.stdout) == []


def test_connected_closes_the_client_it_opened_and_keeps_a_given_one() -> None:
    distributed = pytest.importorskip("dask.distributed")
    with connected(None) as none:
        assert none is None  # a local run
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        with connected(cluster.scheduler_address, 20.0) as client:
            assert is_client(client) and client.submit(sum, [1, 2]).result() == 3
            assert len(clients_left(cluster, wait_s=0.0)) == 1
        assert clients_left(cluster) == []
        with distributed.Client(cluster) as given:
            with connected(given) as client:
                assert client is given
            assert given.status == "running"
            assert clients_left(cluster, wait_s=0.0) == [given.id]
        # a Cluster object is Dask's to open, as Client(cluster) takes it (the handshake
        # probe of an address once refused it: "expected str, got 'LocalCluster'")
        with connected(cluster, 20.0) as client:
            assert is_client(client) and client.submit(sum, [1, 2]).result() == 3
        assert [c for c in clients_left(cluster) if c != given.id] == []


@pytest.mark.parametrize("address", ["udp://127.0.0.1:8786", "closed port"])
def test_a_client_that_failed_to_connect_is_finalised_at_once(address: str) -> None:
    """A Client whose constructor failed lies in a reference cycle; its ``__del__`` (close,
    under Dask's class-wide LoopRunner lock) ran at the next garbage collection, in whatever
    thread: inside the next Client's loop start-up it deadlocked (a LocalCluster test hung;
    another failed after 10 s with Dask's bare AssertionError, about 1 xdist run in 8). The
    adapter now collects it before it raises: with automatic collection off, no Client is
    left behind by a failed connection."""
    import gc

    from daskhelpers import closed_port_address
    from solidcell.dask_adapter import open_client
    from solidcell.errors import ValidationError

    distributed = pytest.importorskip("dask.distributed")
    if address == "closed port":
        address = closed_port_address()

    def clients() -> int:
        return sum(isinstance(o, distributed.Client) for o in gc.get_objects())

    gc.collect()
    before = clients()
    gc.disable()
    try:
        with pytest.raises(ValidationError):
            open_client(address, 0.2)
        left = clients() - before
    finally:
        gc.enable()
    assert left == 0
