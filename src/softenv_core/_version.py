"""softenv-core's version: one source, the ``version`` in pyproject.toml, read from the installed metadata.

``softenv --version``, ``softenv_core.__version__``, ``core_version()`` and the version of
the ``city`` plugin (shown by ``softenv plugins`` and in every traced item) all come from here.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import metadata

DISTRIBUTION = "softenv-core"


@lru_cache(maxsize=1)
def core_version() -> str:
    """The installed version (read once: reading metadata takes a few milliseconds)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


__version__ = core_version()

__all__ = ["DISTRIBUTION", "__version__", "core_version"]
