"""The design part of ``solidcell demo``: evaluate the bundled EV example, its rate
capability (PyBaMM) and the HTML report, writing each into the output folder."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from solidcell.jsonable import dumps

#: The bundled example the demo evaluates (issue: "make demo evaluates the EV cell").
EV_EXAMPLE = Path("examples") / "ev-nmc811-lpscl-li.yaml"
#: C-rates of the demo's rate capability (the review's fast-charging question).
DEMO_RATES = (0.1, 0.5, 1.0, 2.0)


def run_design_steps(out: Path, design_path: Path = EV_EXAMPLE,
                     echo: Callable[[str], None] = print) -> dict[str, str]:
    """Evaluate ``design_path``, simulate its rate capability and write the HTML report;
    return label -> file written."""
    from solidcell.cell.design import CellDesign
    from solidcell.cell.energy import evaluate

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, str] = {}
    design = CellDesign.from_yaml(design_path)
    echo(f"solidcell demo: evaluating {design_path} ...")
    result = evaluate(design)
    evaluation = out / "evaluation.json"
    evaluation.write_text(dumps(result), "utf-8")
    written["Evaluation (JSON)"] = str(evaluation)
    summary = result.to_json()
    for level in ("stack", "cell", "pack"):
        values = summary.get(level)
        if isinstance(values, dict):
            shown = [f"{k.replace(' energy density', '')} {v:.0f}" for k, v in values.items()
                     if k.startswith(("Gravimetric energy", "Volumetric energy"))
                     and isinstance(v, int | float)]
            echo(f"  {level}: " + (", ".join(shown) or "not modelled for this design"))

    echo("solidcell demo: rate capability (PyBaMM DFN, one model built, one solve per rate) ...")
    from solidcell.errors import UnsupportedError
    from solidcell.simulation.runs import rate_capability

    try:  # the bar only where stderr is a terminal: a log or a pipe gets no bar
        rates = rate_capability(design, DEMO_RATES, progress=sys.stderr.isatty())
    except UnsupportedError as exc:
        # a design the 1D models do not describe (a 3D architecture): said, and the report
        # is still written, as `solidcell report` writes it (the demo failed here, no report)
        echo(f"  rate capability: not available: {exc}")
    else:
        rate_json = out / "rate-capability.json"
        rate_json.write_text(dumps(rates), "utf-8")
        written["Rate capability (JSON)"] = str(rate_json)
        written["Rate capability (plot)"] = str(rates.plot(out / "rate-capability.png"))

    echo("solidcell demo: HTML report ...")
    from solidcell.report.html import write_report
    from solidcell.report.summary import evaluation_checked

    # the evaluation above is this design's with the defaults, what the report would make
    # again: shown as it is (evaluation_checked: it is evaluate(design) itself, not checked)
    with evaluation_checked(design, result):
        report = write_report(design, out, evaluation=result)
    written["HTML report"] = str(report)
    return written
