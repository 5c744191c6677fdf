"""Dataset warnings (提示) on a point's former liaison persons (前任联系人): a last day (最后负责日期)
outside the point's designation, a row naming the same person as the one after it, and no
current person after them.

Neither is an error: the file loads and every figure is what the records say. But a clerk who
typed the year wrong (2024-03-15 for 2025-03-15) or forgot to write the new person in the
监测点 sheet's 联系人（定人） column saw no word, and the report judged the month's contacts
against a person the record did not mean (clerk c46). The Chinese is in io/warning_words.py.

And a point's county that its id and its contacts' 联系单位 both contradict: P379902-002 typed
with 县区代码 379903 at the city's merge of two counties' workbooks became 379903's point, and
each contact 379902's office made with it that county's 非责任单位联系, both counties' figures
changed without a word at the cell (clerk c62 05).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from softenv_core.model.dataset import Dataset
from softenv_core.model.points import CITY_LIAISON

#: A point id that names its county, as the starter workbook numbers them: P379902-001.
_COUNTY_ID = re.compile(r"^P([0-9]{6})-")


def liaison_term_warnings(dataset: Dataset) -> list[str]:
    """Each former liaison person whose last day lies before the point's designation began (that
    person never looked after it) or on or after its end (the next person never did), with the
    point's effective interval (roster changes applied), and each one named again as the person
    after it (no change happened that day), and a point with former persons and no current one
    (the 联系人（定人） cell cleared and the new name never typed: its contacts after the change
    were judged against nobody, without a word)."""
    out = []
    # designated_points: the records in the dataset's order, each with its effective interval
    for i, pt in enumerate(dataset.designated_points):
        terms = pt.former_liaison_persons
        if not terms:
            continue
        start, end = pt.designated_from, pt.designated_until
        for k, term in enumerate(terms):
            where = f"$.points[{i}] ({pt.id}).former_liaison_persons[{k}]"
            if term.until < start:
                out.append(
                    f"{where}.until: {term.until.isoformat()} is before point {pt.id}'s designation began "
                    f"({start.isoformat()}): {term.person.strip()!r} never looked after it"
                )
            elif end is not None and term.until >= end:
                out.append(
                    f"{where}.until: {term.until.isoformat()} is not before point {pt.id}'s designation ended "
                    f"({end.isoformat()}): the person after {term.person.strip()!r} never looked after it"
                )
            after = terms[k + 1].person if k + 1 < len(terms) else pt.liaison_person
            if after is not None and after.strip() == term.person.strip():
                current = k + 1 == len(terms)
                out.append(
                    f"{where}.person: {term.person.strip()!r} is also the "
                    + ("current liaison person" if current else f"next former person (row {k + 2})")
                    + ": no change of person; "
                    + ("write the new person as the point's liaison person" if current else "check the rows")
                )
        if pt.liaison_person is None:  # (a blank name is refused when the point is made)
            out.append(
                f"$.points[{i}] ({pt.id}).liaison_person: blank, though former liaison persons are recorded: "
                f"nobody is named after {terms[-1].until.isoformat()}"
            )
    return out


def county_typed_warnings(dataset: Dataset) -> list[str]:
    """Each point whose id names another county than its 县区代码, when the county offices that
    contacted it are that other county's alone (none the point's own). A point moved to another
    county keeps its id but is contacted by its new county: not told."""
    named = {}
    for i, pt in enumerate(dataset.points):
        m = _COUNTY_ID.match(pt.id)
        if m is not None and m[1] != pt.county:
            named[pt.id] = (i, pt, m[1])
    if not named:  # the usual case: no contact need be read
        return []
    offices: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for c in dataset.contacts:
        if c.point in named and c.liaison != CITY_LIAISON:
            offices[c.point][c.liaison] += 1
    names = {c.code: c.name for c in dataset.counties}
    out = []
    for pid, (i, pt, code) in named.items():
        by = offices.get(pid)
        if by is None or set(by) != {code}:
            continue
        out.append(
            f"$.points[{i}] ({pid}).county: {pt.county} ({names.get(pt.county, '?')}), but the id names county "
            f"{code} ({names.get(code, '?')}), and each of its {by[code]} contact(s) by a county office was made "
            f"by {code}'s (liaison {code}): typed wrong? As written, the point is {pt.county}'s and those contacts "
            f"count as another office's for it, changing both counties' contact figures"
        )
    return out


__all__ = ["county_typed_warnings", "liaison_term_warnings"]
