"""Lithium-metal limits and mechanics: Li thickness per capacity, Monroe-Newman criterion,
electrode volume change and stack thickness change of a design, measured stripping failures
(docs/interfaces.md)."""
