"""The city and its counties (县区), identified by GB/T 2260 administrative division codes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs
from attrs import field, frozen

from softenv_core._validators import FieldInvalid, LabelledEnum, identifier, member_of, optional_text, text

# Whole and ASCII: "$" let "379902\n" through (a county code with a newline, shown in every table).
_CODE = re.compile(r"[0-9]{6}")


def is_division_code(value: object) -> bool:
    """Whether ``value`` is a GB/T 2260 code as text: six ASCII digits, nothing else. The one test
    of a code, for records, a plugin's county and the scaffold's ``--county``."""
    return isinstance(value, str) and _CODE.fullmatch(value) is not None


def division_code(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """A six-digit GB/T 2260 code."""
    if not is_division_code(value):
        raise FieldInvalid(attr.name, f"expected a six-digit GB/T 2260 code, got {value!r}")


#: What the deadline questions (``softenv deadline``, ``GET /v1/deadlines/{county}/…``) take for
#: "no county": the city's baseline. No division has it.
CITY_BASELINE = "000000"

#: GB/T 2260's provinces (省级): the first two digits of every division code.
PROVINCES = frozenset(
    {
        *("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42"),
        *("43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"),
    }
)


def county_code_problem(code: str, served: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """Why ``code`` names no county one can ask about without a dataset, in English and in
    Chinese (the clerk's words, for a platform showing Chinese: integrator i37), or None.

    Without the city's records, the question "is this a county of ours?" has only partial
    answers: a six-digit code of a real province that is not a city's or province's own
    (``…00``), and, where county plugins are installed (``served``: their counties), in the
    same province as one of them. A typo such as 999999 or another province's code then
    meets "unknown county", not the city's deadline as if it were one of the city's.
    """
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return (
            f"expected a six-digit GB/T 2260 code, got {code!r}",
            f"应为六位数字的县区代码（GB/T 2260），现为 {code!r}",
        )
    if code[:2] not in PROVINCES or code.endswith("00"):
        return (
            f"unknown county {code}: not a county-level GB/T 2260 code",
            f"未知的县区 {code}：不是县级的 GB/T 2260 代码",
        )
    if served and all(code[:2] != other[:2] for other in served):
        plugins = ", ".join(sorted(served))
        return (
            f"unknown county {code}: not in the province of the installed county plugins ({plugins})",
            f"未知的县区 {code}：不在已安装的县区插件（{plugins}）所在的省份",
        )
    return None


def plugin_county_code(name: str, value: object) -> None:
    """A plugin's county (PluginInfo.county): None (the city baseline) or a county-level code as
    text. ``379902`` written as a number would lose a leading zero elsewhere and never equal a
    record's code, so it is refused with the fix. The city's own code (379900) or a province's
    (370000) was taken, then every analysis said the dataset lacked "county 379900" and
    `plugins --check` stopped on a dataset it built for it (plugin author p50 01): the
    county-level test `softenv deadline --county` applies."""
    if value is None:
        return
    if isinstance(value, int):
        raise FieldInvalid(name, f'{value!r} is not a GB/T 2260 code: give it as text, "{value}"')
    # Exactly a str: a subclass may compare equal to every code, and the engine picks a county's
    # plugins by ``meta.county == county``, so a 379902 plugin was called for 379921 (x74 06).
    if isinstance(value, str) and type(value) is not str:
        raise FieldInvalid(name, f"expected a GB/T 2260 code as text (exactly a str), got {type(value).__name__}")
    if not isinstance(value, str) or not is_division_code(value):
        raise FieldInvalid(name, f"{value!r} is not a GB/T 2260 code (six digits, as text)")
    problem = county_code_problem(value)
    if problem is not None:
        raise FieldInvalid(name, f"{problem[0]}: a county plugin serves one county (县级), not a city or province")


class CountyKind(LabelledEnum):
    """Kind of a county-level division (县级行政区)."""

    DISTRICT = ("district", "市辖区")
    COUNTY = ("county", "县")
    CITY = ("county_city", "县级市")


#: The city office's name (软建办) and its liaison office's (经贸委) as the seed calls them: a
#: city's own names, when its dataset gives them, stand in every text the library writes.
DEFAULT_OFFICE = "市软建办"
DEFAULT_LIAISON_OFFICE = "市经贸委"
#: The seed's names of the city's two offices, the generic names under which the city decides a
#: waiver: the baseline value of ``topten.waiver_deciders`` (tests/test_a76.py checks they agree).
SEED_OFFICE_NAMES = (DEFAULT_LIAISON_OFFICE, DEFAULT_OFFICE)


@frozen
class City:
    """The city (市) whose programme this is; its code ends in ``00``.

    A province running the programme province-wide uses its ``PP0000`` code; its counties are
    then any county-level codes of the province.
    """

    code: str = field(validator=division_code)
    name: str = field(validator=text(100))
    office: str = field(default=DEFAULT_OFFICE, validator=text(100))
    liaison_office: str = field(default=DEFAULT_LIAISON_OFFICE, validator=text(100))

    @code.validator
    def _city_level(self, attr: attrs.Attribute[Any], value: str) -> None:
        if not value.endswith("00"):
            raise FieldInvalid(attr.name, f"a city code has the form PPCC00 (or PP0000 for a province), got {value!r}")

    @property
    def prefix(self) -> str:
        """The code prefix of its counties: PPCC for a city; PP for a province-wide programme."""
        return self.code[:2] if self.code.endswith("0000") else self.code[:4]


def city_office_names(city: City, generic: Iterable[str] = SEED_OFFICE_NAMES) -> tuple[str, ...]:
    """The names the city's offices act under: theirs as the dataset names them (``city.office``
    软建办, ``city.liaison_office`` 经贸委), the ``generic`` names (市经贸委, 市软建办) and those with
    the city's own name for the leading 市 (临江市经贸委). The one list of them: the 十佳 baseline
    reads a waiver decided under one as the city's (rules/city/topten.city_deciders, ``generic``
    being ``topten.waiver_deciders``), and the loader refuses a county's liaison office of one of
    these names (io/county_checks.py), whose own waivers would pass as the city's (auditor a76 02)."""
    generic = tuple(generic)
    named = tuple(city.name + g.removeprefix("市") for g in generic if g.startswith("市"))
    return tuple(dict.fromkeys((city.office, city.liaison_office, *generic, *named)))


@frozen
class County:
    """A county, district or county-level city (县区) of the city, with its liaison office."""

    code: str = field(validator=division_code)
    name: str = field(validator=text(100))
    # Refused when made, as every other enum field of the records is (i36: County(kind="district")
    # was accepted, and refused only by validate()).
    kind: CountyKind = field(validator=member_of(CountyKind))
    liaison_office: str = field(validator=text(100))
    effective_from: date | None = None
    effective_until: date | None = field(default=None)

    @effective_until.validator
    def _after_from(self, attr: attrs.Attribute[Any], value: date | None) -> None:
        # An inverted interval dropped the county from every year without an error (platform
        # round 3, finding 05), where a point's is refused the same way.
        if value is not None and self.effective_from is not None and value < self.effective_from:
            raise FieldInvalid(attr.name, f"{value} is before effective_from {self.effective_from}")

    def active_on(self, day: date) -> bool:
        if self.effective_from and day < self.effective_from:
            return False
        return not (self.effective_until and day > self.effective_until)


@frozen
class Department:
    """A government department (部门) that points appraise and complain about.

    ``county`` is None for a city department (市直部门).
    """

    id: str = field(validator=identifier)
    name: str = field(validator=text(100))
    county: str | None = field(default=None, validator=attrs.validators.optional(division_code))
    note: str | None = field(default=None, validator=optional_text())


__all__ = [
    "CITY_BASELINE",
    "DEFAULT_LIAISON_OFFICE",
    "DEFAULT_OFFICE",
    "PROVINCES",
    "SEED_OFFICE_NAMES",
    "City",
    "County",
    "CountyKind",
    "Department",
    "city_office_names",
    "county_code_problem",
    "plugin_county_code",
]
