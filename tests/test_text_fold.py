"""The text screen's character fold (analyses.text_fold): the table built for a set of names
is the one a read of the whole OpenCC table gives. Only the traditional forms of the names'
characters are read (through an index of the table), since reading all of them for each
screen cost 5 ms, and a report builds one screen per audience."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from softenv_core.analyses.text_fold import FOLD, fold_table, traditional


def _whole_table_read(words: list[str]) -> dict[int, str]:
    """Every traditional character whose first simplified form among the names' characters
    differs from it folds to that form: the table read from its first line to its last."""
    chars = {c for w in words for c in unicodedata.normalize("NFKC", w) if ord(c) >= 0x2E80}
    table = dict(FOLD)
    for trad, simplified in traditional().items():
        to = next((s for s in simplified if s in chars), None)
        if to is not None and to != trad:
            table[ord(trad)] = to
    return table


_POOL = sorted(
    {c for forms in traditional().values() for c in forms} | set(traditional()) | set("软环境企业ＡＢ東城潤澤")
)
_WORDS = st.lists(st.text(st.sampled_from(_POOL) | st.characters(), max_size=6), max_size=5)


@given(_WORDS)
def test_the_fold_of_any_names_is_the_whole_tables(words):
    assert fold_table(words) == _whole_table_read(words)


def test_traditional_forms_fold_to_the_names_characters():
    table = fold_table(["东城润泽有限公司", "林海涛"])
    assert "東潤澤濤".translate(table) == "东润泽涛"
    assert "東".translate(fold_table(["张三"])) == "東"  # not a character of the names: left alone
