"""Plot the plating CCD estimate against stack pressure beside the measured CCDs (PNG)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np


def plot_ccd_vs_pressure(electrolyte: str, flaw_sizes_m: Sequence[float], asr_ohm_m2: float,
                         reference_pressure_Pa: float, pressures_Pa: Sequence[float],
                         path: str | Path, *, focusing_factor: float = 1.0) -> Path:
    """One line per flaw size: i_c(p) = eta_c(p) / (f ASR(p)), ASR ~ p^-0.5, eta_c(p) with the
    stack pressure p carried into the flaw (:mod:`solidcell.mechanics.dendrite`; a line ends
    where p alone extends the flaw); dashed lines: the knowledge base's measured CCDs."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    from solidcell.mechanics.dendrite import asr_at_pressure, critical_current_density

    lo, hi = min(pressures_Pa), max(pressures_Pa)
    p = np.geomspace(lo, hi, 50) if hi > lo else np.array([lo])
    asr = asr_at_pressure(asr_ohm_m2, reference_pressure_Pa, p)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    measured = ()
    for a in flaw_sizes_m:
        res = critical_current_density(electrolyte, a, asr_ohm_m2=asr,
                                       focusing_factor=focusing_factor, stack_pressure_Pa=p)
        ccd = np.atleast_1d(res.critical_current_density_A_m2) / 10
        # 0 where the stack pressure alone extends the flaw: no point on a log axis
        ax.plot(p / 1e6, np.where(ccd > 0, ccd, np.nan), marker="." if
                p.size == 1 else None, label=f"estimate, flaw {a * 1e6:g} um")
        measured = res.measured
    for value, source, _ in measured:
        ax.axhline(value / 10, ls="--", color="grey", lw=1)
        ax.annotate(f"measured {value / 10:g} mA/cm2 ({source})", (p[0] / 1e6, value / 10),
                    fontsize=7, va="bottom")
    ax.set_xscale("log")
    ax.set_yscale("log")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%g"))
    ax.set_xlabel("Stack pressure [MPa]")
    ax.set_ylabel("Plating critical current density [mA/cm2]")
    ax.set_title(f"{electrolyte} | Li: CCD estimate (f = {focusing_factor:g}, "
                 f"ASR {asr_ohm_m2 * 1e4:g} Ohm cm2 at {reference_pressure_Pa / 1e6:g} MPa)",
                 fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    from solidcell.plotting import save_figure

    return save_figure(fig, path)
