"""The one way solidcell writes a matplotlib figure to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: Figure formats solidcell writes (matplotlib picks the format from the suffix).
PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def check_plot_path(path: str | Path, field: str = "plot") -> Path:
    """``path`` as a Path when its suffix is a figure format; else ValidationError (checked
    before the work that the figure shows, not after it)."""
    from solidcell.errors import ValidationError

    out = Path(path)
    if out.suffix.lower() not in PLOT_SUFFIXES:
        raise ValidationError(field, str(path), "a file name ending in "
                              + ", ".join(PLOT_SUFFIXES))
    return out


def save_figure(fig: Any, path: str | Path, dpi: int = 120) -> Path:
    """Write ``fig`` to ``path`` (format from the suffix, parent folders created), close it."""
    import matplotlib.pyplot as plt

    out = check_plot_path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=dpi)
    plt.close(fig)
    return out
