"""Review r52: today's changes (sla_answers, screening memo, docx/xlsx styles, x51, c50, a54)."""

from __future__ import annotations

import attrs

from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.redaction import _Redactor
from softenv_core.testing.builders import small_dataset


class _EqualToAll(str):
    """A plugin's text (a deadline parameter's value may be any str) that says it equals any text."""

    target = ""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return hash(self.target)


def test_a_screened_text_is_not_answered_for_another_text_equal_by_its_own_eq() -> None:
    # _Redactor.text remembers screened texts by the text: a str subclass equal to everything,
    # hashed as a record's text, made that text shown as the plugin's own.
    dataset = attrs.evolve(small_dataset(), complaints=())
    r = _Redactor(dataset, Audience.parse("public"), 3)
    target = "企业反映办事难"
    _EqualToAll.target = target
    r.text(_EqualToAll("插件的文字"))
    shown = r.text(target)
    assert type(shown) is str and str.__eq__(shown, target)  # not the plugin's text
