"""Entry point of ``python -m oms_desktop``: the same command line as ``oms-desktop``."""

from oms_desktop.cli import main

raise SystemExit(main())
