"""A contact not reached (是否联系上 = 否) cannot carry items (t11 03): a point not reached told the
office nothing, yet its items earned the point a feedback month (反映情况) while the same contact
counted it as not reached. Refused where the record is made and where a file is loaded, naming
``$.contacts[i].items``, in Chinese for the workbook; the repository's builders never make one."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from softenv_core.cli.output import problem_text
from softenv_core.errors import FieldInvalid, InputError
from softenv_core.io.dataset_files import dump_dataset, loads_dataset
from softenv_core.io.workbook_starter import starter_dataset
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory
from softenv_core.testing import small_dataset
from softenv_core.testing.builders import monthly_contacts
from softenv_core.testing.conformance_variants import thinned

ITEM = Item(ItemCategory.DIFFICULTY, "开业审批材料多次退回")


def test_an_unreached_contact_with_items_is_refused_naming_its_items():
    with pytest.raises(FieldInvalid) as caught:
        Contact("C-1", "P-1", date(2025, 9, 22), ContactMethod.VISIT, "379902", False, (ITEM,))
    assert caught.value.name == "items"
    Contact("C-1", "P-1", date(2025, 9, 22), ContactMethod.VISIT, "379902", False)  # unreached, nothing raised
    Contact("C-1", "P-1", date(2025, 9, 22), ContactMethod.VISIT, "379902", True, (ITEM,))


def test_the_loader_names_the_contact_and_says_it_in_chinese():
    ds = starter_dataset()
    doc = dump_dataset(ds)
    k = next(i for i, c in enumerate(doc["contacts"]) if c["items"])
    doc["contacts"][k]["reached"] = False
    with pytest.raises(InputError) as caught:
        loads_dataset(doc)
    (problem,) = [p for p in caught.value.problems if "not reached" in p]
    assert problem.startswith(f"$.contacts[{k}]") and ".items: a contact not reached (reached: false)" in problem
    assert "未联系上的联系不能有联系事项" in problem_text(problem, "zh")


def test_the_builders_never_make_one():
    ds = small_dataset()
    point = ds.points[0]
    assert all(not c.items for c in monthly_contacts(point, 2025, reached=False, with_items=True))
    turned = thinned(attrs.evolve(ds, contacts=tuple(monthly_contacts(point, 2025, with_items=True))))
    assert all(c.reached or not c.items for c in turned.contacts)
