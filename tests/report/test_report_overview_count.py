"""The materials overview counts each plotted electrolyte once (`solidcell demo` printed
"41 electrolytes plotted" for a knowledge base of 25 electrolytes)."""

from __future__ import annotations

import matplotlib.pyplot as plt

from solidcell.materials.store import default_store
from solidcell.report.materials import arrhenius_figure


def test_each_electrolyte_is_counted_once():
    materials = default_store().list()
    electrolytes = {m.id for m in materials
                    if m.category == "electrolyte" and m.values("ionic_conductivity")}
    fig, plotted = arrhenius_figure(materials)
    try:
        ticks = [t.get_text() for t in fig.axes[1].get_yticklabels()]  # room-temperature panel
        notes = [t.get_text() for t in fig.axes[0].texts]  # one annotation per Arrhenius curve
    finally:
        plt.close(fig)
    labelled, curves = set(ticks), set(notes)
    assert len(ticks) == len(labelled) and len(notes) == len(curves)  # each drawn once
    assert labelled and curves  # both panels show electrolytes
    assert labelled <= electrolytes and curves <= electrolytes
    assert plotted == len(labelled | curves)
    assert plotted <= len(electrolytes)
