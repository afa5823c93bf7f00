"""An Omnitron stand-in that speaks real HTTP on loopback, for demos, training and tests.

It is the other side of the wire, so it imports nothing from the station's core, sync or ui
packages. A mismatch between the station and the Omnitron contract then shows up as a failure
instead of being hidden by shared code.
"""

from oms_desktop.simulator.cli import main
from oms_desktop.simulator.server import DEFAULT_PASSWORD, DEFAULT_USER, SimulatorServer

__all__ = ["DEFAULT_PASSWORD", "DEFAULT_USER", "SimulatorServer", "main"]
