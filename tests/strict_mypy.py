"""The mypy command the tests run on code a user writes (the plugin guide's, the docs' examples):
``--strict``, without the project's own configuration (a user's file is not this project's),
without a cache (each run reads the installed library afresh)."""

from __future__ import annotations

import sys

STRICT_MYPY = [sys.executable, "-m", "mypy", "--strict", "--config-file=", "--no-incremental", "--cache-dir=/dev/null"]
