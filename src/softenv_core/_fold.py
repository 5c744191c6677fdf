"""The fixed character fold of a text as matched: NFKC, ASCII upper case, look-alike letters of
other scripts, no invisible format characters (:func:`normalised`). The text screen
(analyses/disclosure.py, with the traditional forms of analyses/text_fold.py) masks a name or a
credit code in this copy, without the separators of :data:`SEPARATORS`; the dataset checks
(io/designation_checks.py) read every rater's credit code the same way (:func:`credit_code`), so
that 91379902-ma0000023x is the enterprise of 91379902MA0000023X there as in the screen (auditor
a65 01, attacker x61 01). In the foundation layer, below both."""

from __future__ import annotations

import re
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


# Separators a clerk, an input method or a pasted form puts inside a name, a grouped code or an
# id; removed before matching, on both sides (after NFKC: a full-width form is its ASCII one).
# Every whitespace character, line terminators included: a cell typed with Alt+Enter keeps its
# break, which the Markdown renderer prints as a space, the very form masked (attacker t10 02).
# Every dash (Unicode Pd), the minus sign, ⁃ and the IME's long-vowel mark ー; the marks of
# groups and lists (. 。 / \\ | 、 : # 号 ~ ～ · ・), Markdown emphasis (*), brackets inside a name
# (东城丰源(商务咨询)有限公司). tests/test_disclosure_separators.py checks the whitespace and dashes
# against the Unicode database (through the screen, analyses/disclosure.py, which reads these).
_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    map(chr, range(0x2000, 0x200B))
)
_DASHES = (
    "-\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d"
    "\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead"
)
_SPACES = frozenset(_WHITESPACE)
#: Dropped inside every name, code or id, a liaison person's and an id's without letters too.
INNER = frozenset(_WHITESPACE + _DASHES + "−⁃ー_·・*")
# The marks that also end a word (a list's 、, a sentence's 。, a decimal point, a file number's
# /): dropped only inside an enterprise's name or code and a point id written with its letters,
# where a word of four characters or more, or an id's shape, is no accident of two words side
# by side; a 2-3 character person across them, or a bare id, is (孙国、平安路; review r3/03).
#: Dropped inside an enterprise's name or credit code and a point id written with its letters.
SEPARATORS = INNER | frozenset(".。/\\|、:#号~～()[]【】〔〕")

#: The marks between the items of a list as clerks type one (、 ， , ； ; / ／), the body of a
#: regex character class: one set for every reader of a list cell or text, so that a cell
#: ``a/b`` is two ids to the "one id a cell" hint as to the list reader (reviewer r60 02). A
#: reader of ids adds whitespace (an id holds none); a reader of person names does not (张 三
#: is one name: docs/monitoring.md).
LIST_MARKS = "、，,；;/／"


def name_key(text: str) -> str:
    """``text`` as one office's name is compared with another: NFKC (a full-width form is its
    half-width one, the ideographic space a space), without invisible format characters and
    without whitespace, outer or inner. A clerk types ``市 经贸委`` or ``市　经贸委`` for 市经贸委,
    and a waiver the city decided was read as not the city's (clerk c64 01). No case or
    look-alike fold, and no dash or list mark dropped: a name is not a code, and 市经贸委、软建办
    is two offices."""
    return normalised(text, _SPACES, table={})[0]


# 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9 and the capitals without I O S V Z (a
# copy folded by FOLD has no I or O: they are read as 1 and 0).
_CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")
# The fold of an ASCII text as normalised gives it with SEPARATORS dropped, at C speed: NFKC
# leaves ASCII as it is and FOLD maps it one character for one.
_ASCII_CODE = FOLD | dict.fromkeys(map(ord, SEPARATORS))


def credit_code(text: str) -> str | None:
    """The credit code ``text`` is, read as the text screen reads a known code
    (analyses/disclosure.py): :func:`normalised` (case, full width, look-alike letters,
    invisible characters) without :data:`SEPARATORS` (``91379902-ma0000023x`` is
    ``91379902MA0000023X``); ``None`` when that copy is not 18 characters of a code's alphabet
    (other text beside a code, ``USCC:91379902MA0000023X``, is another id). The shape only: the
    check character is the dataset's to check where a code is recorded as one.

    The dataset checks (io/designation_checks.py) read every rater's id so, whatever its group:
    one enterprise rates a department once a round, and a point's code is that point (attacker
    x61 01). A rater id is usually short ASCII: an ASCII text shorter than a code is none, and
    any other ASCII text is read at C speed."""
    if text.isascii():
        if len(text) < 18:
            return None
        folded = text.translate(_ASCII_CODE)
    else:
        folded = normalised(text, SEPARATORS)[0]
    return folded if len(folded) == 18 and _CREDIT_CODE.fullmatch(folded) else None


__all__ = ["FOLD", "INNER", "LIST_MARKS", "SEPARATORS", "UPPER", "credit_code", "name_key", "normalised"]
