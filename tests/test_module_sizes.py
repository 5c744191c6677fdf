"""No module of the library over 500 lines, no function over 60 (issue 13: small modules named by
their subject, long functions split). A module that grows past it is split by subject, as
service/openapi_params.py was split from openapi.py and rules/city/uncounted.py from duty.py
(both had passed 500 unseen)."""

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


def test_no_function_is_over_60_lines() -> None:
    """Issue 13: long functions split (declarative tables are module-level values, not functions);
    `softenv deadline`'s command had grown to 66 lines unseen."""
    import ast

    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or node.end_lineno is None:
                continue
            if node.end_lineno - node.lineno + 1 > 60:
                long.append(f"{path.relative_to(PACKAGE).as_posix()}:{node.lineno} {node.name}")
    assert long == [], f"functions over 60 lines: {long}"
