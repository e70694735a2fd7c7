"""Plots and reports: materials overview, HTML report of a design."""
