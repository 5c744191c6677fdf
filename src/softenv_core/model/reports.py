"""Monthly contacts (联系) with points, the matters they raise, and county monthly reports (月报)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from attrs import field, frozen

from softenv_core._validators import (
    FieldInvalid,
    LabelledEnum,
    aware,
    identifier,
    member_of,
    name_tuple_errors,
    optional_text,
    text,
    to_tuple,
)
from softenv_core.model.divisions import division_code
from softenv_core.model.periods import Month, beijing_date


class ContactMethod(LabelledEnum):
    """How a liaison office contacted a point (三(二))."""

    PHONE = ("phone", "电话")
    VISIT = ("visit", "上门")
    SYMPOSIUM = ("symposium", "座谈")
    #: WeChat, QQ, a video call: the seed names no method (定期定人进行联系), and offices reach
    #: points this way too (clerk c34: the workbook had no choice for it).
    ONLINE = ("online", "网络（微信等）")
    OTHER = ("other", "其他")


class ItemCategory(LabelledEnum):
    """Category of a matter raised (反映事项类别)."""

    OPERATIONS = ("operations", "经营状况")
    DIFFICULTY = ("difficulty", "困难问题")
    POLICY = ("policy", "政策诉求")
    SERVICE = ("service", "部门服务")
    ENFORCEMENT = ("enforcement", "执法")
    FEES = ("fees", "收费")
    OTHER = ("other", "其他")


#: Each category's place among ItemCategory's members, by value (category_place).
_PLACES = {c.value: n for n, c in enumerate(ItemCategory)}


def category_place(value: str) -> tuple[int, str]:
    """Where category ``value`` comes in a table or a tie of the trend sentences: ItemCategory's
    order (the workbook's drop-down), a value it does not know last, by its text."""
    return (_PLACES.get(value, len(_PLACES)), value)


@frozen
class Item:
    """A matter raised (反映事项) in a contact or a county report."""

    category: ItemCategory = field(validator=member_of(ItemCategory))
    text: str = field(validator=text(5000))
    department: str | None = None
    point: str | None = None  # the point that raised it, where a report says so


def matter_text(text: str) -> str:
    """The key a report item's text is compared by with a contact's (the same point, category and
    text count once, docs/office.md §2): NFKC (a half-width ``,`` is a full-width ``，``, ``３`` is
    ``3``, U+3000 a space), without the invisible format characters (Unicode category Cf: a
    zero-width space, a BOM, a soft hyphen), outer whitespace stripped. Only the key: the text
    stays as written. A copy out of Word or WeChat brings a trailing space or a zero-width
    character the clerk cannot see (clerk c52 02, reviewer r56 04); the privacy screen drops Cf
    the same way (text_fold.normalised)."""
    if not text.isprintable():  # no Cf character is printable: the usual text skips the loop
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return unicodedata.normalize("NFKC", text).strip()


#: What a report item and a contact's item are compared by: (point, category, department, text key).
ItemMatchKey = tuple[str, str, str | None, str]


def matter_key(point: str, category: str, department: str | None, text: str) -> ItemMatchKey:
    """The one key a report item repeating a contact's is matched by (section 四, the month's
    figures, the open matters): the same point, category, department and text (by matter_text).
    The department is part of it: a matter about two departments is written one item per
    department (docs/monitoring.md), and a report repeating one line carries only that line
    (auditor a67 01: the other department's line was taken as carried and dropped)."""
    return (point, category, department, matter_text(text))


class ReportedItems:
    """The report items of a month that name their point, by matter_key: a contact's item is in
    it when a report repeats it. Only a contact whose point a report item names has its text's
    key made (a province's month: 60,000 contacts, a few report items)."""

    __slots__ = ("_keys", "_points")

    def __init__(self) -> None:
        self._points: set[str] = set()
        self._keys: set[ItemMatchKey] = set()

    def add(self, point: str | None, category: str, department: str | None, text: str) -> None:
        if point is not None:  # a report item naming no point repeats no contact's
            self._points.add(point)
            self._keys.add(matter_key(point, category, department, text))

    def holds(self, point: str, category: str, department: str | None, text: str) -> bool:
        return point in self._points and matter_key(point, category, department, text) in self._keys


@frozen(field_transformer=name_tuple_errors)
class Contact:
    """A liaison office's contact (联系) with a point on a day; ``made_by`` names who made it."""

    id: str = field(validator=identifier)
    point: str = field(validator=identifier)
    date: date
    method: ContactMethod = field(validator=member_of(ContactMethod))
    liaison: str  # "city" or the county code of the office that made the contact
    reached: bool = True
    items: tuple[Item, ...] = field(default=(), converter=to_tuple)
    note: str | None = field(default=None, validator=optional_text())
    # Who made the contact (联系人): compared with the point's liaison person (定人, 三(二)).
    made_by: str | None = field(default=None, validator=optional_text(50))

    def __attrs_post_init__(self) -> None:
        # A point not reached told the office nothing: items on such a contact would earn the
        # point a feedback month (反映情况) while the same contact counts it as not reached
        # (t11 03). Refused, naming the items (DESIGN principle 3: never silently wrong).
        if self.items and not self.reached and not isinstance(self.reached, bool | int):
            # None (a database's NULL) was refused as "not reached (reached: false)": it is neither.
            got = f"{type(self.reached).__name__} {self.reached!r:.40}"
            raise FieldInvalid("reached", f"expected true or false, got {got}")
        if self.items and not self.reached:
            raise FieldInvalid(
                "items",
                "a contact not reached (reached: false) has no items: a point not reached raised nothing; "
                "if it was reached, set reached to true; else record the items on the contact that reached it "
                "(or delete them)",
            )


def contacts_known_through(as_of: datetime) -> date:
    """The last day whose contacts (联系) are known at ``as_of``: its Beijing day.

    A contact carries its day only, not the moment it was made or entered, so every contact of
    as_of's day counts as known then, and none of a later day. The one rule for the assessment
    (``PointYear.contacts``, analyses/point_records.year_records) and the monthly report."""
    return beijing_date(as_of)


def month_contacts_cut(month: Month, as_of: datetime | None) -> date | None:
    """The last day of ``month`` whose contacts are known at ``as_of`` when some of the month's
    are not yet (``as_of`` inside the month or before it; a day before the month: none known);
    None when all are (no ``as_of``, or one on or after the month's last day)."""
    if as_of is None:
        return None
    through = contacts_known_through(as_of)
    return None if through >= month.last_day else through


def known_contacts(contacts: tuple[Contact, ...], month: Month, as_of: datetime | None) -> tuple[Contact, ...]:
    """Those of ``month``'s ``contacts`` known at ``as_of``: all of them (the tuple itself)
    unless the instant falls before the month's last day (:func:`month_contacts_cut`)."""
    cut = month_contacts_cut(month, as_of)
    return contacts if cut is None else tuple(c for c in contacts if c.date <= cut)


@frozen(field_transformer=name_tuple_errors)
class Amendment:
    """A later version (更正) of a monthly report; kept, never used for timeliness."""

    submitted_at: datetime = field(validator=aware)
    submitted_by: str = field(validator=text(100))
    items: tuple[Item, ...] = field(default=(), converter=to_tuple)
    nothing_to_report: bool = False
    note: str | None = field(default=None, validator=optional_text())

    def __attrs_post_init__(self) -> None:
        _items_xor_zero(self.items, self.nothing_to_report)


#: The refusal of a report (or an amendment) listing no items and no 零报告, which the workbook
#: reader recognises to tell a report whose items it could not read (io.workbook_refused).
NO_ITEMS = "a report must list items or state nothing_to_report: true (零报告); an empty report is invalid"


def _items_xor_zero(items: tuple[Item, ...], nothing_to_report: bool) -> None:
    # FieldInvalid naming nothing_to_report (the statement that contradicts, or is missing):
    # the library's own error, with the field a loader or a caller can point at.
    if items and nothing_to_report:
        raise FieldInvalid("nothing_to_report", "a report cannot both list items and state nothing_to_report")
    if not items and not nothing_to_report:
        raise FieldInvalid("nothing_to_report", NO_ITEMS)


@frozen(field_transformer=name_tuple_errors)
class MonthlyReport:
    """A county's report (月报) to the city on the previous month; a zero report (零报告)
    states explicitly that there is nothing to report."""

    id: str = field(validator=identifier)
    county: str = field(validator=division_code)
    month: Month
    submitted_at: datetime = field(validator=aware)
    submitted_by: str = field(validator=text(100))
    items: tuple[Item, ...] = field(default=(), converter=to_tuple)
    nothing_to_report: bool = False
    amendments: tuple[Amendment, ...] = field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        _items_xor_zero(self.items, self.nothing_to_report)

    def version_at(self, instant: datetime | None = None) -> MonthlyReport | Amendment:
        """What the report says at ``instant``: its latest amendment submitted by then (by any
        time when None), else the report itself; both carry ``items`` and ``nothing_to_report``.
        DESIGN "Zero report": the latest amendment's content counts for what was reported, the
        first submission for timeliness. Amendments are checked to be in submission order, so
        the last known is the latest, also between two of the same instant."""
        if instant is None:
            return self.amendments[-1] if self.amendments else self
        known = [a for a in self.amendments if a.submitted_at <= instant]
        return known[-1] if known else self

    @property
    def latest_items(self) -> tuple[Item, ...]:
        """What the report says now: its latest amendment's items, else its own."""
        return self.version_at().items


__all__ = [
    "NO_ITEMS",
    "Amendment",
    "Contact",
    "ContactMethod",
    "Item",
    "ItemCategory",
    "MonthlyReport",
    "category_place",
    "contacts_known_through",
    "known_contacts",
    "month_contacts_cut",
]
