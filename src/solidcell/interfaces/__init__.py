"""Interfaces that survive: stability windows, interface reactions, compatibility, coatings.

- :func:`solidcell.interfaces.stability.stability_window` (also ``solidcell.stability_window``)
- :func:`solidcell.interfaces.reactivity.interface_reaction`
- :func:`solidcell.interfaces.compat.check_pair`, :func:`~solidcell.interfaces.compat.
  compatibility_matrix`
- :func:`solidcell.interfaces.design_flags.interface_flags` for a ``CellDesign``

Modules import SciPy/pymatgen inside functions only; see docs/interfaces.md.
"""
