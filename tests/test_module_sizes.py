"""No module of the library over 500 lines (issue 13: small modules named by their subject). A
module that grows past it is split by subject, as service/openapi_params.py was split from
openapi.py and rules/city/uncounted.py from duty.py (both had passed 500 unseen)."""

from __future__ import annotations

from pathlib import Path

import softenv_core

LIMIT = 500
PACKAGE = Path(softenv_core.__file__).parent


def test_no_module_is_over_500_lines() -> None:
    sizes = {
        p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    assert len(sizes) > 100, sorted(sizes)  # the package itself, not an installed copy elsewhere
    over = {name: n for name, n in sorted(sizes.items()) if n > LIMIT}
    assert over == {}, f"modules over {LIMIT} lines: {over}"
