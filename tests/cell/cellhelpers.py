"""Shared helpers of the cell tests: inline materials (so the tests do not depend on the
knowledge base being filled) and the SSB-REF-1 design of energy_density_cases.csv."""

from __future__ import annotations

from pathlib import Path

import yaml

from solidcell.cell.design import CellDesign
from solidcell.materials.schema import Material

DATA = Path(__file__).resolve().parents[1] / "data" / "cell"


def ref_materials() -> dict[str, Material]:
    records = yaml.safe_load((DATA / "materials_ref1.yaml").read_text("utf-8"))
    return {r["id"]: Material(**r) for r in records}


def ref1_design(**changes: object) -> CellDesign:
    """SSB-REF-1: NMC811 (65 vol%) + SE (35 vol%), 100 um | 30 um SE | 30 um Li, Al 12, Cu 8."""
    m = ref_materials()
    design = CellDesign(
        name="SSB-REF-1",
        cathode={"active_material": m["case_nmc811"], "electrolyte": m["case_se"],
                 "active_fraction": 0.65, "electrolyte_fraction": 0.35,
                 "thickness": "100 um"},
        separator={"electrolyte": m["case_se"], "thickness": "30 um"},
        anode={"kind": "li_metal", "material": m["case_li"], "thickness": "30 um"},
        cathode_current_collector={"material": m["case_al"], "thickness": "12 um"},
        anode_current_collector={"material": m["case_cu"], "thickness": "8 um"},
    )
    return design.replace(**changes) if changes else design



def composite_anode() -> dict[str, object]:
    """A graphite-like composite anode (60 vol% active, 40 vol% the reference SE), N/P 1.1."""
    graphite = Material(id="case_graphite", name="graphite (test)", category="anode",
                        properties=[
                            {"name": "density", "value": 2.26, "unit": "g/cm3",
                             "method": "datasheet", "source": "haynes2016_crc"},
                            {"name": "theoretical_capacity", "value": 372, "unit": "mAh/g",
                             "method": "review", "source": "srivastava_review"},
                            {"name": "average_voltage", "value": 0.1, "unit": "V",
                             "method": "review", "source": "srivastava_review"}])
    return {"kind": "graphite", "material": graphite, "np_ratio": 1.1,
            "electrolyte": ref_materials()["case_se"], "active_fraction": 0.6,
            "electrolyte_fraction": 0.4}


def square_channel_resistance(width_m: float, sigma_S_m: float, n: int = 120) -> float:
    """Ohm m2 per wall area of a square channel (side ``width_m``) fed through its four walls
    and reacting uniformly: the dissipation over the current squared, from a finite-difference
    solution of sigma nabla^2 phi = -j (phi = 0 on the walls; n and 2n interior points a side,
    Richardson-extrapolated), independent of the model's closed form."""
    import numpy as np
    import scipy.sparse as sp
    import scipy.sparse.linalg as spl

    def unit(m: int) -> float:  # side 1, sigma 1, j 1: dissipation / current^2 x perimeter
        h = 1.0 / (m + 1)
        e = np.ones(m)
        t = sp.diags([e[:-1], -2 * e, e[:-1]], [-1, 0, 1]) / h**2
        eye = sp.identity(m)
        phi = spl.spsolve((sp.kron(t, eye) + sp.kron(eye, t)).tocsc(), -np.ones(m * m))
        return 4.0 * float(phi.sum()) * h * h

    k = (4 * unit(2 * n) - unit(n)) / 3
    return k * width_m / sigma_S_m
