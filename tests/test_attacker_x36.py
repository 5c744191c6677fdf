"""Short forms of enterprise names the screen left in the Word report (attacker x36).

Every reader outside the city office gets record texts through the one ``TextScreen``
(docs/privacy.md, *How the screen matches*): an enterprise's name as registered, without the
county's or city's name in front and without its legal form. Four registered forms kept their
short name in a report item of ``softenv report --format docx``:

- a name with the city's and the county's name in front (示范市东城区宏达建材有限公司 → 宏达建材):
  only one place was left out;
- a branch (宏图建材有限公司东城分公司, 东城永丰建材有限公司(东城分公司)): the clerk writes the
  company's name (东城永丰建材有限公司) or its short form (宏图建材), neither masked;
- a works (东城区福源食品厂 → 福源食品): 厂 was no legal form;
- a town after the county (东城区马集镇宏达建材厂 → 宏达建材);
- an English name (Acme Trading Co., Ltd. → ACME TRADING): Co., Ltd. was no legal form.
"""

from __future__ import annotations

import attrs
import pytest

from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.disclosure import MASK_ENTERPRISE
from softenv_core.analyses.redaction_keys import text_screen
from softenv_core.io.workbook_starter import starter_dataset

CASES = [
    ("示范市东城区宏达建材有限公司", "宏达建材反映办证慢"),
    ("宏图建材有限公司东城分公司", "宏图建材反映办证慢"),
    ("宏图建材有限公司东城分公司", "宏图建材有限公司反映办证慢"),
    ("东城永丰建材有限公司(东城分公司)", "东城永丰建材有限公司反映办证慢"),
    ("东城永丰建材有限公司（东城分公司）", "永丰建材反映办证慢"),
    ("东城区福源食品厂", "福源食品反映办证慢"),
    ("东城区马集镇宏达建材厂", "宏达建材反映办证慢"),
    ("Acme Trading Co., Ltd.", "ACME TRADING反映办证慢"),
    ("Acme Trading Limited", "Acme Trading反映办证慢"),
]


def _screen(name: str):
    ds = starter_dataset()
    counties = (attrs.evolve(ds.counties[0], name="东城区"), *ds.counties[1:])
    city = attrs.evolve(ds.city, name="示范市")
    point = ds.points[0]
    named = attrs.evolve(point, enterprise=attrs.evolve(point.enterprise, name=name))
    ds = attrs.evolve(ds, city=city, counties=counties, points=(named, *ds.points[1:]))
    return text_screen(ds, Audience.parse("public"))


@pytest.mark.parametrize(("name", "text"), CASES)
def test_a_short_form_of_the_registered_name_is_masked(name: str, text: str) -> None:
    out = _screen(name).screen(text).text
    assert out == MASK_ENTERPRISE + "反映办证慢", out


def test_ordinary_words_beside_a_branch_or_works_are_left() -> None:
    screen = _screen("宏图建材有限公司东城分公司")
    for text in ("建材市场反映办证慢", "东城分公司反映", "食品厂反映", "马集镇反映", "Trading Co., Ltd."):
        assert screen.screen(text).text == text
