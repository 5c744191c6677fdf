"""A county (县区) named where its code is expected: ``--audience county:青山县`` and
``explain --county 青山县`` of the command, ``audience=county:青山县`` of the service.

A clerk knows her county by its name; the code is what the dataset keys it by. A name the
dataset gives one county is that county (clerk c41: ``county:青山县`` was refused though it named
one county); a name it gives none, or two (a county abolished and set up again under a new
code), is refused naming the nearest names or both codes, never guessed. The command and the
service share it (review c43: the service took codes only), each telling its own way of
writing the code (``flag``).
"""

from __future__ import annotations

import re
import unicodedata

from softenv_core._near import NEAR_SHOWN, nearest_keys
from softenv_core.errors import SoftenvError
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import County
from softenv_core.model.periods import span_zh

#: What a county code looks like: anything else after ``county:`` is read as a name.
_CODE = re.compile(r"[0-9]{6}")
#: What makes the text after ``county:`` a name: a character that is no digit and no space.
_NAMED = re.compile(r"[^0-9\s]")
#: An audience naming a county by its name, as the service's OpenAPI description admits it
#: beside the audiences Audience.parse reads (its ``.`` and ``\s`` are ECMAScript's too).
COUNTY_NAME_PATTERN = r"county:(?=.*[^0-9\s]).+"


def typed_code(text: str) -> str | None:
    """The county code ``text`` writes, as a clerk types it: full-width digits (an input method
    left in full-width mode: ``３７９９０２``) read as the digits they are, spaces around it
    dropped (attacker x42: both were refused as no county named so); None when it is no code."""
    code = unicodedata.normalize("NFKC", text).strip()
    return code if _CODE.fullmatch(code) else None


def audience_as_typed(text: str) -> str:
    """``county:CODE`` for an audience whose county code is typed as :func:`typed_code` reads it;
    any other audience as it is (the command's ``--audience``; the service keeps its schema's
    patterns)."""
    if m := _KIND.match(text):  # county：青山县 (the IME's colon), County: 379902 (clerk c50)
        text = f"{m[1].lower()}:{m[2]}"
    kind, colon, key = text.partition(":")
    code = typed_code(key) if kind == "county" and colon else None
    return f"county:{code}" if code is not None else text


#: An audience's kind as typed: any case, spaces around it, a full-width colon after it.
_KIND = re.compile(r"\s*(county|department|point)\s*[:：](.*)", re.IGNORECASE | re.DOTALL)


def audience_county_name(text: str) -> str | None:
    """The county name an audience written ``county:NAME`` gives (spaces around it removed);
    None for any other audience, a code among them: digits alone are a code, mistyped or not
    (``county:37990`` is refused as written, as ``county:`` with nothing), never a name."""
    kind, colon, key = text.partition(":")
    name = key.strip()
    return name if kind == "county" and colon and _NAMED.search(name) else None


def county_by_name(dataset: Dataset, name: str, flag: str) -> County:
    """The one county of ``dataset`` named ``name`` (spaces around it ignored); a
    :class:`SoftenvError` (with ``.zh``) naming the nearest names, or each county of that name
    with its code and years, when there is not exactly one. ``flag`` is how the refusal tells
    the clerk to write the code (``--audience county:``)."""
    typed = name.strip()
    named = [c for c in dataset.counties if c.name == typed]
    if len(named) == 1:
        return named[0]
    if named:
        each = "、".join(f"{c.code}（{_span(c, '今')}）" for c in named)
        raise SoftenvError(
            f"{typed!r} names {len(named)} counties of the dataset: "
            + ", ".join(f"{c.code} ({_span(c, 'now')})" for c in named)
            + f"; write the code, e.g. {flag}{named[0].code}",
            zh=f"数据集中有 {len(named)} 个县区名为 {typed!r}：{each}；请写代码，如 {flag}{named[0].code}",
        )
    near = nearest(dataset, typed)
    zh_near = "；最接近的：" + "、".join(f"{c.code}（{c.name}）" for c in near) if near else ""
    en_near = "; nearest: " + ", ".join(f"{c.code} ({c.name})" for c in near) if near else ""
    raise SoftenvError(
        f"no county named {typed!r} in the dataset{en_near}",
        zh=f"数据集中没有名为 {typed!r} 的县区{zh_near}",
    )


def county_named(dataset: Dataset, text: str, flag: str) -> str:
    """The code of the county ``text`` names by name (``explain --county 青山县``: clerk c41); a
    name no county or two bear is refused with every county's code after the nearest names or
    both codes, as ``--audience`` refuses it (c33)."""
    try:
        return county_by_name(dataset, text, flag).code
    except SoftenvError as exc:
        zh = (getattr(exc, "zh", None) or str(exc)) + county_codes_hint(dataset, text, flag, "zh")
        raise SoftenvError(str(exc) + county_codes_hint(dataset, text, flag, "en"), zh=zh) from None


def county_codes_hint(dataset: Dataset, text: str, flag: str, lang: str) -> str:
    """For a county code the dataset lacks (``explain --county 东山县``: c33): the code of the
    county the text names by name, and every county's code, as ``--audience`` says. Empty for a
    code the dataset has (a county owing no month of the year is told so, not hinted)."""
    if text in dataset.county_by_code or not dataset.counties:
        return ""
    zh = lang == "zh"
    same = [c for c in dataset.counties if c.name == text.strip()]
    named = same[0] if len(same) == 1 else None  # a name two counties share is neither's code
    said = ""
    if named is not None and zh:
        said = f"；{named.name} 的代码是 {named.code}，请写 {flag}{named.code}"
    elif named is not None:
        said = f"; {named.name} is {flag}{named.code}"
    codes = ("、" if zh else ", ").join(f"{c.code} {c.name}" for c in dataset.counties)
    return said + (f"（县区代码：{codes}）" if zh else f" (county codes: {codes})")


def nearest(dataset: Dataset, typed: str) -> list[County]:
    """The counties whose names hold ``typed`` or are held in it (青山 for 青山县), else the names
    difflib finds close (青三县), at most :data:`NEAR_SHOWN`."""
    if not typed:
        return []
    # Keyed by place: two counties may share a name (one abolished, set up again under a new code).
    counties = dataset.counties
    return [counties[i] for i in nearest_keys(typed, {i: c.name for i, c in enumerate(counties)}, 0.5)][:NEAR_SHOWN]


def _span(county: County, now: str) -> str:
    since = county.effective_from.isoformat() if county.effective_from else "…"
    if now == "今":
        return span_zh(since, county.effective_until)
    return f"{since} to {county.effective_until.isoformat() if county.effective_until else now}"
