"""Plot stability windows against electrode operating potentials (matplotlib, PNG)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from solidcell.interfaces.stability import StabilityWindow


def plot_windows(windows: Sequence[StabilityWindow], path: str | Path,
                 electrode_ids: Sequence[str] = ("li_metal", "graphite", "silicon", "lto",
                                                 "lfp", "lco", "nmc811")) -> Path:
    """Horizontal bars of the windows, with the electrodes' potential ranges as bands."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from solidcell.errors import SolidcellError
    from solidcell.interfaces.compat import electrode_range

    path = Path(path)
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(windows) + 2.0))
    labels = []
    for i, w in enumerate(windows):
        ax.barh(i, w.width_V, left=w.reduction_limit_V, color="tab:blue", alpha=0.8)
        labels.append(w.material_id or w.formula)
    colors = plt.get_cmap("tab10")
    for k, eid in enumerate(electrode_ids):
        try:
            r = electrode_range(eid)
        except SolidcellError:
            continue
        width = max(r.high_V - r.low_V, 0.02)
        ax.axvspan(r.low_V, r.low_V + width, color=colors(k % 10), alpha=0.25, label=eid)
    ax.set_yticks(range(len(windows)), labels)
    ax.set_xlabel("Potential [V vs Li/Li+]")
    schemes = sorted({w.scheme for w in windows})
    ax.set_title(f"Stability windows ({', '.join(schemes)}) and electrode potentials")
    ax.set_xlim(0, max([4.5, *[min(w.oxidation_limit_V, 6.0) + 0.2 for w in windows]]))
    ax.legend(loc="lower right", fontsize=7, ncol=2)
    fig.tight_layout()
    from solidcell.plotting import save_figure

    return save_figure(fig, path)
