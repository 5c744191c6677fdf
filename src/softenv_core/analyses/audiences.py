"""Who an output is for (阅读范围), and what each audience may see of a complaint.

The city office (市软建办) sees everything; a county, a department, a point and the public
see what the design allows. Who complained (point, enterprise, credit code) is shown to the
city office, to the point itself, or to its own county or a handling department (never the
department complained about) when the complainant consented; the public sees aggregates.
"""

from __future__ import annotations

import re

from attrs import field, frozen

from softenv_core._validators import AUDIENCE_PATTERN, LabelledStrEnum
from softenv_core.errors import FieldInvalid
from softenv_core.model.complaints import Complaint
from softenv_core.model.dataset import Dataset
from softenv_core.model.points import MonitoringPoint, PointLevel, liaison_office_name

_AUDIENCE = re.compile(AUDIENCE_PATTERN)


class AudienceKind(LabelledStrEnum):
    """The kinds of reader an output is made for; the label is how a document names them (in a
    Chinese document's full-width brackets, GB/T 15834)."""

    CITY = ("city", "市软建办（全文）")
    COUNTY = ("county", "县区")
    DEPARTMENT = ("department", "部门")
    PUBLIC = ("public", "公开版（仅汇总数据）")
    POINT = ("point", "监测点")


def _kind(value: AudienceKind | str) -> AudienceKind:
    if isinstance(value, AudienceKind):
        return value
    found = AudienceKind._value2member_map_.get(value)
    if not isinstance(found, AudienceKind):
        kinds = ", ".join(k.value for k in AudienceKind)
        raise FieldInvalid("kind", f"expected one of {kinds} (an audience's kind), got {value!r:.40}")
    return found


@frozen
class Audience:
    """Who an output is for: ``city`` (市软建办), ``county:CODE``, ``department:ID``,
    ``point:ID`` (the point itself) or ``public``."""

    kind: AudienceKind = field(converter=_kind)
    key: str | None = None

    def __attrs_post_init__(self) -> None:
        # Held to what parse() reads: a key built directly was never checked, and every
        # analysis put it raw in its "no such department" error, escapes, bidi controls and line
        # breaks and all, into an integrator's logs (attacker x53 01).
        if (self.key is not None and (type(self.key) is not str or not self.key)) or not _AUDIENCE.fullmatch(str(self)):
            raise FieldInvalid(
                "audience",
                f"expected city, public, county:CODE, department:ID or point:ID, got kind {self.kind.value} "
                f"with key {self.key!r:.60}",
            )

    @classmethod
    def parse(cls, text: str) -> Audience:
        if not isinstance(text, str):
            raise FieldInvalid(
                "audience", f"expected an Audience or a string such as 'city', got {type(text).__name__}"
            )
        if not _AUDIENCE.fullmatch(text):
            # FieldInvalid, as for a non-text value: an integrator tells a bad argument by its
            # class and field, not by parsing the text (integrator i35).
            raise FieldInvalid(
                "audience", f"expected city, public, county:CODE, department:ID or point:ID, got {text!r:.60}"
            )
        kind, _, key = text.partition(":")
        return cls(kind, key or None)

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.key}" if self.key else self.kind.value

    @property
    def zh(self) -> str:
        """How a Chinese document names this audience, e.g. ``县区 379902`` (after 阅读范围：,
        where a second colon, 县区：379902, read as a label of its own)."""
        return f"{self.kind.zh} {self.key}" if self.key else self.kind.zh

    def owns_point(self, point: MonitoringPoint | None) -> bool:
        """Whether ``point`` is this reader's own: the point itself, or for a county one of its
        county-level points (:func:`point_county`); a department and the public own none. Every
        view that gives a county its points' scores, proposals, roster checks or 万人评议
        participation decides by this (attacker x54 01)."""
        if point is None:
            return False
        if self.kind is AudienceKind.POINT:
            return point.id == self.key
        return self.kind is AudienceKind.COUNTY and point_county(point) == self.key

    def sees_identity(self, complaint: Complaint, county: str | None = None, about: str | None = None) -> bool:
        """Whether this audience may see who made ``complaint``; ``county``: the county the
        complainant is the point of (:func:`point_county`: its county for a county-level point,
        None for a 市直 point, whose government is the city), which a county audience must be
        to be told (None: not told); ``about``: the county of the department complained about
        (None: a 市直 department or none), which a county audience must not be."""
        if self.kind is AudienceKind.CITY:
            return True
        if self.kind is AudienceKind.POINT:
            return complaint.point == self.key  # a point knows what it said itself
        if not complaint.consent_to_disclose or self.kind is AudienceKind.PUBLIC:
            return False
        if self.kind is AudienceKind.COUNTY:
            # Consent names a complainant to its own county only: a county also sees complaints
            # about its bureaus, and as their government it would tell the bureau complained
            # about who complained, which that bureau may never read (attacker x43 01). The same
            # holds for its own point complaining about its own bureau (x48): consent to be named
            # is not consent to be named to the government of the body complained about.
            return county == self.key and about != self.key
        # The body complained about never sees who complained, consent or not.
        return not (self.kind is AudienceKind.DEPARTMENT and complaint.department == self.key)

    def sees_complaint(self, dataset: Dataset, complaint: Complaint, unit: str | None) -> bool:
        """Whether this audience sees ``complaint`` (handled by ``unit``) at all."""
        kind = self.kind
        if kind is AudienceKind.CITY:
            return True
        if kind is AudienceKind.DEPARTMENT:
            return unit == self.key  # only complaints assigned to it
        if kind is AudienceKind.COUNTY:
            point = dataset.point_by_id.get(complaint.point)
            dept = dataset.department_by_id.get(complaint.department or "")
            # Its own points' (not a 市直 point's: point_county, x54 01) and those about its bureaus.
            return point_county(point) == self.key or (dept is not None and dept.county == self.key)
        if kind is AudienceKind.POINT:
            return complaint.point == self.key  # its own feedback
        return False  # the public sees aggregates only

    def sees_unit_rates(self, unit: str) -> bool:
        """Whether this audience sees a handling unit's 三率 (docs/privacy.md): the city office
        all, a department its own row, nobody else any. Their numerators and denominators are
        counts of complaints, often 1 or 2 for a unit in a month (finding 04)."""
        if self.kind is AudienceKind.CITY:
            return True
        return self.kind is AudienceKind.DEPARTMENT and unit == self.key

    def sees_item(self, county: str, department: str | None, point: str | None) -> bool:
        """Whether this audience sees a matter raised by ``point`` of ``county`` about ``department``."""
        kind = self.kind
        if kind is AudienceKind.CITY:
            return True
        if kind is AudienceKind.COUNTY:
            return county == self.key
        if kind is AudienceKind.DEPARTMENT:
            return department == self.key
        if kind is AudienceKind.POINT:
            return point == self.key
        return False


def point_county(point: MonitoringPoint | None) -> str | None:
    """The county whose point ``point`` is: its county for a county-level point (县区监测点: the
    county nominates it, contacts it, files its roster changes); None for a 市直 point, which
    the city designates, 市经贸委 contacts and the city commends itself, never the county it
    is located in (docs/yearend.md: 市直监测点不计入县区名额，也不由县区推荐). A county was shown
    the 市直 points located in it as its own: their scores with the direct-feedback items, their
    removal proposals, participation and consented complaints (attacker x54 01). A point
    re-designated at another level is another record, so the record's level is the level."""
    if point is None or point.level is not PointLevel.COUNTY:
        return None
    return point.county


def complained_county(dataset: Dataset, complaint: Complaint) -> str | None:
    """The county whose department ``complaint`` is about (None: a 市直 department, or none named):
    the county audience never told who complained about its own bureau (:meth:`Audience.sees_identity`)."""
    dept = dataset.department_by_id.get(complaint.department or "")
    return dept.county if dept is not None else None


CITY = Audience(AudienceKind.CITY)
#: The city office (市软建办): the complete view, naming complainants (docs/privacy.md).
CITY_OFFICE = CITY


def reader_office(dataset: Dataset, aud: Audience) -> str | None:
    """A county reader's liaison office by the name the dataset records (County.liaison_office,
    the 县区 sheet's 经贸委名称), which the Word documents' 发至 names; None for any other reader.
    The header built 发至：柳河县经贸委 from the county's name for an office named 柳河县经信局
    (clerk c55 01)."""
    if aud.kind is not AudienceKind.COUNTY or aud.key is None:
        return None
    # A county audience's key is six digits (never "city"); a county the dataset does not know
    # is named by nobody: None.
    return liaison_office_name(aud.key, dataset.city, dataset.county_by_code)


__all__ = ["CITY", "CITY_OFFICE", "Audience", "AudienceKind", "point_county", "reader_office"]
