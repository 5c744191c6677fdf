"""An enterprise's organization code (组织机构代码) is screened as its credit code is (x21 01).

GB 32100-2015 builds the 18-character credit code around the enterprise's older 9-character
organization code (characters 9-17), which clerks and forms still quote, written plain
(``MA0000015``) or in its legacy form with a dash before the check character
(``MA000001-5``). It names the enterprise as surely as the credit code, and is as public: a
department reading ``组织机构代码MA000001-5反映…`` in an item knew who spoke.
"""

from __future__ import annotations

import pytest

from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.disclosure import MASK_ENTERPRISE
from softenv_core.analyses.redaction import text_screen
from softenv_core.testing import small_dataset


@pytest.mark.parametrize("reader", ["department:city-amr", "public", "county:379902"])
def test_an_organization_code_in_a_text_is_masked_outside_the_city_office(reader: str) -> None:
    ds = small_dataset(2025)
    screen = text_screen(ds, Audience.parse(reader))
    for point in ds.points:
        code = point.enterprise.uscc[8:17]
        for written in (code, f"{code[:8]}-{code[8]}", f"{code[:4]} {code[4:8]}—{code[8]}", code.lower()):
            text = f"组织机构代码:{written}, 反映执法检查过多"
            out = screen.screen(text)
            assert code not in out.text.upper().replace("-", "").replace(" ", "").replace("—", ""), (written, out.text)
            assert out.text == f"组织机构代码:{MASK_ENTERPRISE}, 反映执法检查过多", (written, out.text)


def test_a_credit_code_cut_short_leaves_no_organization_code() -> None:
    ds = small_dataset(2025)
    screen = text_screen(ds, Audience.parse("public"))
    uscc = ds.points[0].enterprise.uscc
    assert uscc[8:17] not in screen.screen(f"信用代码{uscc[:17]}").text
