"""``python -m solidcell`` runs the command line."""

from solidcell.cli import main

main()
