"""Enterprises (企业): credit code, size, ownership and sector."""

from __future__ import annotations

import re
from typing import Any

import attrs
from attrs import field, frozen

from softenv_core._validators import (
    NONE_MARKS,
    FieldInvalid,
    LabelledEnum,
    count_of,
    member_of,
    name_tuple_errors,
    non_negative,
    non_negative_count,
    number_of,
    text,
    to_tuple,
)
from softenv_core.model.sizes import Size, SizeClassification, classify_size


class Ownership(LabelledEnum):
    """Ownership (企业性质 / 控股情况), mapped from 国统字〔2005〕79号 categories."""

    STATE = ("state", "国有")
    COLLECTIVE = ("collective", "集体")
    PRIVATE = ("private", "民营")
    HMT = ("hmt", "港澳台")
    FOREIGN = ("foreign", "外资")
    OTHER = ("other", "其他")


class Sector(LabelledEnum):
    """The seed's three sectors (行业): 工业, 商业, 服务业."""

    INDUSTRY = ("industry", "工业")
    COMMERCE = ("commerce", "商业")
    SERVICES = ("services", "服务业")


_INDUSTRY = re.compile(r"[A-T]([0-9]{2,4})?")  # matched whole: "$" let a newline through
#: A credit code as stdnum's compaction leaves it: eight digits, then ten characters of its
#: alphabet (no I, O, S, V, Z); anything else goes through stdnum's own checks and messages.
_CANONICAL = re.compile(r"[0-9]{8}[0-9A-HJ-NPQRTUWXY]{10}")

#: The check character's alphabet and weights of GB 32100-2015, as python-stdnum's
#: ``stdnum.cn.uscc.calc_check_digit`` has them (tests/test_uscc_check.py compares the two).
#: Computed here for the usual, canonical code so that loading a dataset does not import
#: stdnum: its package imports ssl, pydoc and traceback (for its online look-ups), about 3 %
#: of the instructions of ``softenv assess`` on the city file (issue 21). stdnum is imported
#: only for a code that is not canonical or whose check character is wrong.
_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def sector_of(industry: str) -> Sector | None:
    """The seed sector that a GB/T 4754 code derives from (工业 = B, C, D; 商业 = F)."""
    section = industry[:1]
    if section in "BCD":
        return Sector.INDUSTRY
    if section == "F":
        return Sector.COMMERCE
    if section in "GHIJKLMNOPQRST":
        return Sector.SERVICES
    return None  # A (primary) and E (construction) are none of the three


def _check_character(body: str) -> str:
    """The check character of a canonical code (its first 17 characters; :data:`_CANONICAL`)."""
    total = sum(_ALPHABET.index(c) * w for c, w in zip(body, _WEIGHTS, strict=False))
    return _ALPHABET[(31 - total) % 31]


def credit_code(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """统一社会信用代码 (GB 32100-2015), checked by python-stdnum, check character included.

    python-stdnum requires the first eight characters to be digits, so N/A/Y-prefixed codes
    (e.g. 农村集体经济组织) are rejected; enterprises (91/92/93) are unaffected.
    """
    if not isinstance(value, str):
        raise FieldInvalid(attr.name, "expected a string")
    # The usual code is written canonically: stdnum's check character alone decides it, without
    # its compaction (twice per code: a fifth of a second for a province's 30,000 points).
    if _CANONICAL.fullmatch(value) is not None and _check_character(value) == value[-1]:
        return
    from stdnum.cn import uscc as _uscc  # only for a code in error or not canonical: see _ALPHABET
    from stdnum.exceptions import InvalidFormat as _InvalidFormat
    from stdnum.exceptions import ValidationError as _StdnumError

    try:
        canonical = _uscc.validate(value)
    except _StdnumError as exc:
        raise FieldInvalid(attr.name, f"invalid 统一社会信用代码 {value!r}: {exc}") from None
    except ValueError:
        # python-stdnum's own slip: a character outside its alphabet past its format check (a
        # line break after the first seven digits) fails a look-up in its check-digit sum with a
        # bare ValueError ("substring not found"), which the loader showed as the whole message.
        raise FieldInvalid(attr.name, f"invalid 统一社会信用代码 {value!r}: {_InvalidFormat()}") from None
    # stdnum also accepts lower case, spaces and hyphens (it compacts first), but the code is
    # compared, joined on and published as written, and the dataset schema's pattern admits
    # only the 18 upper-case characters: refused, so that what loads validates against it.
    if canonical != value:
        raise FieldInvalid(
            attr.name,
            f"invalid 统一社会信用代码 {value!r}: invalid format: write the 18 characters in upper case, "
            f"without spaces or hyphens ({canonical!r})",
        )


def _industry(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not _INDUSTRY.fullmatch(value)):
        raise FieldInvalid(attr.name, f"expected a GB/T 4754 code such as C or C13, got {value!r}")


def _former_names(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """each a non-blank name of at most 200 characters, as name is"""
    # Each checked as ``name`` is: a former name is screened as the current one is, so a blank
    # one would mask nothing and a long one is no name.
    check = text(200)
    if not isinstance(value, list | tuple):
        raise FieldInvalid(attr.name, f"expected a list of names, got {type(value).__name__} {value!r:.40}")
    for i, name in enumerate(value):
        try:
            check(_inst, attr, name)
        except FieldInvalid as exc:
            raise FieldInvalid(f"{attr.name}[{i}]", exc.message) from None
        # A mark of "none" (无) or a single character is no name, and the screen would mask it in
        # every text shown outside the city office (窗口答复某企业法办理: reviewer r58 03).
        if name.strip().casefold() in _NOT_NAMES or len(name.strip()) < 2:
            raise FieldInvalid(f"{attr.name}[{i}]", f"{name!r} is no name: leave former_names empty when there is none")


#: What a clerk writes for "none" where a name would be (the workbook's marks, and the English
#: words a database or a form gives): never a former name.
_NOT_NAMES = frozenset({m.casefold() for m in NONE_MARKS} | {"none", "null", "nil"})


@frozen(field_transformer=name_tuple_errors)
class Enterprise:
    """An enterprise (企业) that may serve as a monitoring point.

    ``size`` is the declared size; the optional figures let :meth:`size_check` classify it by
    the 2017 method and report a contradiction (never silently replacing the declared size).
    ``former_names`` are the names it had before a rename (曾用名, 更名): texts written before the
    rename name it so, and the privacy screen masks them as it masks ``name`` (auditor a62 01).
    """

    name: str = field(validator=text(200))
    uscc: str = field(validator=credit_code)
    size: Size = field(validator=member_of(Size))
    ownership: Ownership = field(validator=member_of(Ownership))
    sector: Sector = field(validator=member_of(Sector))
    industry: str | None = field(default=None, validator=_industry)
    # A Decimal (a database's Numeric column) is taken as the JSON loader reads the same number.
    employees: int | None = field(default=None, converter=count_of, validator=non_negative_count)
    revenue_wan: float | None = field(default=None, converter=number_of, validator=non_negative)
    assets_wan: float | None = field(default=None, converter=number_of, validator=non_negative)
    former_names: tuple[str, ...] = field(default=(), converter=to_tuple, validator=_former_names)

    @property
    def registration_region(self) -> str:
        """Characters 3-8 of the credit code: the registering authority's GB/T 2260 code."""
        return self.uscc[2:8]

    def size_check(self) -> SizeClassification:
        """The size that the figures give under the 2017 method."""
        return classify_size(self.industry, self.employees, self.revenue_wan, self.assets_wan)


_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def organisation_code(body: str) -> str:
    """A GB 11714 organisation code: eight characters and their check character."""
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def synthetic_uscc(region: str, serial: int, category: str = "91") -> str:
    """A well-formed credit code for test and demo data: ``category`` + region + organisation code.

    Both check characters are computed, so python-stdnum accepts it; it names no real enterprise.
    """
    body = category + region + organisation_code(f"MA{serial:06d}")
    from stdnum.cn import uscc as _uscc  # demo and test data only: not on a load's path

    return body + str(_uscc.calc_check_digit(body))


__all__ = [
    "Enterprise",
    "Ownership",
    "Sector",
    "credit_code",
    "organisation_code",
    "sector_of",
    "synthetic_uscc",
]
