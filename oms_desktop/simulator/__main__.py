"""Entry point of `python -m oms_desktop.simulator`."""

from oms_desktop.simulator.cli import main

raise SystemExit(main())
