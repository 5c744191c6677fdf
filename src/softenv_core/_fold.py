"""The fixed character fold of a text as matched: NFKC, ASCII upper case, look-alike letters of
other scripts, no invisible format characters (:func:`normalised`). The text screen
(analyses/disclosure.py, with the traditional forms of analyses/text_fold.py) masks a name or a
credit code in this copy; the dataset checks (io/designation_checks.py) compare a rater's
credit code with a point's in it, so that 91379902ma0000023x is the enterprise of
91379902MA0000023X there as in the screen (auditor a65 01). In the foundation layer, below both."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

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


__all__ = ["FOLD", "UPPER", "normalised"]
