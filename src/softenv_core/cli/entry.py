"""The ``softenv`` console command (pyproject's ``[project.scripts]``): Ctrl-C, SIGTERM and
SIGHUP handled first, and only then the parser and the library imported.

cli/main.py's ``main`` built the parser and imported its modules before it entered the handling
that says ``softenv: interrupted``: Ctrl-C in the first fifth of a second (a clerk who saw a
wrong file name just after Enter) printed a traceback (clerk c51 03). Here nothing is imported
before the ``try``; what is left before it is Python's own start-up and the package's
``__init__``, which a console script cannot run code ahead of.
"""

from __future__ import annotations

import sys  # loaded before any script runs: importing it costs nothing and cannot be interrupted


def main() -> int:
    """Run ``softenv`` with ``sys.argv``; a signal at any point, start-up included, is one line
    (``softenv: interrupted`` / ``terminated``) and the shell's exit code for it (130, 143, 129)."""
    try:
        from softenv_core.cli.signals import sigterm_as_interrupt

        with sigterm_as_interrupt():
            from softenv_core.cli.main import main as run

            return run()
    except KeyboardInterrupt as exc:
        # signals.said_interrupted's words, without it: Ctrl-C may come while that module loads.
        signum = getattr(exc, "signum", None)  # a signals.Terminated's
        if isinstance(signum, int):
            print("softenv: terminated", file=sys.stderr)
            return 128 + signum
        print("softenv: interrupted", file=sys.stderr)
        return 130


__all__ = ["main"]
