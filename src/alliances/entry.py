"""The console-script entry point: the CLI, with the cyclic garbage collector kept off the objects
that live until the process ends.

Importing typer, rich and this package creates some 18,000 to 35,000 objects that are never freed
before exit. The cyclic collector would scan them during the imports, and again, several times,
while the interpreter shuts down: some 15 ms of an 80 ms query on the machine in
benchmarks/results.md. So the imports run with the collector paused, what they created is frozen
(`gc.freeze`: left out of all later collections, which it would survive anyway), and what is left
when the command ends is frozen too. The command itself runs with the collector as usual, and
nothing else about exiting changes (output is flushed and exit handlers run as before).
"""

import gc
import sys


def main() -> None:
    """Run the `alliances` command line; Ctrl-C at any point ends it quietly with code 130."""
    try:
        _run()
    except KeyboardInterrupt:  # while importing, before the CLI's own handler is in place
        sys.stderr.write("\n")
        sys.exit(130)


def _run() -> None:
    enabled = gc.isenabled()
    gc.disable()
    try:
        from .cli import main as run
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    try:
        run()
    finally:
        gc.freeze()
