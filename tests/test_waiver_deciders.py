"""A waiver (豁免) counts when the city decided it, under whatever name the dataset gives the
city's offices (audit t3 finding 06): ``city.office`` and ``city.liaison_office`` as written,
the generic 市经贸委/市软建办, and those with the city's name for the leading 市. Any other
decider is ignored with a notice naming the waiver and the names the city decides under.
"""

from datetime import date

import attrs
import pytest

from softenv_core import CITY_OFFICE, Month, Waiver, assess, get_plugin_manager
from softenv_core.render.notices import zh_notice
from softenv_core.testing import small_dataset

JIA = "379902"
_BASE = small_dataset(2025)
_CITY = attrs.evolve(_BASE.city, name="临江市", office="临江市软环境建设办公室", liaison_office="临江市经济贸易委员会")
# March's report missing: 甲区 is barred from 先进 unless a city waiver covers the month.
_MISSING = attrs.evolve(
    _BASE, city=_CITY, reports=tuple(r for r in _BASE.reports if not (r.county == JIA and r.month == Month(2025, 3)))
)


def _assessed(decided_by):
    waiver = Waiver("W1", JIA, Month(2025, 3), "不可抗力", date(2025, 4, 10), decided_by=decided_by)
    ds = attrs.evolve(_MISSING, waivers=(waiver,))
    return assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)


_CITY_NAMES = ["临江市经济贸易委员会", "临江市软环境建设办公室", "市经贸委", "市软建办", "临江市经贸委", "临江市软建办"]


@pytest.mark.parametrize("decided_by", _CITY_NAMES)
def test_a_waiver_decided_by_the_city_under_its_own_office_names_counts(decided_by):
    a = _assessed(decided_by)
    county = a.county(JIA)
    assert county.months[2].waiver == "W1" and county.topten_eligible
    assert not [n for n in a.notices if "W1" in n]


def test_a_waiver_decided_by_anyone_else_is_ignored_with_a_notice_naming_the_city_offices():
    a = _assessed("甲区经贸委")
    assert a.county(JIA).months[2].waiver is None and not a.county(JIA).topten_eligible
    (notice,) = [n for n in a.notices if "W1" in n]
    assert notice.startswith("waiver W1 (379902 2025-03) was decided by 甲区经贸委, not the city (its offices: ")
    assert "临江市经济贸易委员会" in notice and "临江市软环境建设办公室" in notice and "市经贸委" in notice
    zh = zh_notice(notice)
    assert zh.startswith("豁免 W1（379902 2025-03）由 甲区经贸委 决定，不是市级单位（临江市软环境建设办公室")
    assert zh.endswith("决定：不予采用")
