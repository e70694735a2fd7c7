"""The solidcell web dashboard (``solidcell app``): Dash on localhost.

Dash (Flask + plotly) is imported only when the app is created, so ``import solidcell`` stays
fast. See docs/report-and-app.md.
"""

from __future__ import annotations

from typing import Any


def create_app(*args: Any, **kwargs: Any) -> Any:
    """The Dash app; see :func:`solidcell.app.server.create_app`."""
    from solidcell.app.server import create_app as _create

    return _create(*args, **kwargs)


__all__ = ["create_app"]
