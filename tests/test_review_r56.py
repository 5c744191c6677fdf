"""Reviewer r56's findings (review of a84274b3..f9aa57c5).

01 A complaint's ``R-`` reference still changed with who complained when the complaint's own
   ``text`` named the complainant (complainants write 我公司XX有限公司反映…): the key hashed the
   text as written, while every reader outside the city office reads it screened (某企业). The
   key now takes the text as that screen gives it (analyses/redaction_keys.py, salt v4;
   docs/privacy.md "joining outputs").
02 The year end's 全年反映事项（不含经营状况） counted a 经营状况 item someone followed up (a
   followed-up item is a matter whatever its category). The label now leaves out a category only
   when no counted matter has it (render/yearend_parts.matters_label).
03 Every complaint reference changes when the key's derivation changes (an upgrade): said in
   docs/privacy.md (docs only; the references of 01 are checked below to change with the salt).
04 model/reports.matter_text kept the invisible format characters a Word or WeChat copy brings
   (U+200B, U+FEFF, U+00AD): a report item copying a contact's matter with one counted twice.
   The key now drops Unicode category Cf, as the privacy screen does.
"""

from __future__ import annotations

import attrs
import pytest

from softenv_core import Audience, Month, get_plugin_manager, monitoring_report, render_markdown
from softenv_core.analyses.redaction_keys import dataset_secret
from softenv_core.model.dataset import Dataset
from softenv_core.model.reports import matter_text
from tests.test_attack_x55 import WITHDRAWN_ID, _world

PM = get_plugin_manager(autoload=False)

# --- 01. the complaint's text names its complainant -------------------------------------------


def _naming(point: str, who: str = "name") -> Dataset:
    """x55's world (the withdrawn complaint made by ``point``), its text naming that point as
    complainants write it: by its enterprise's ``name``, its credit code (``uscc``) or its ``id``."""
    base = _world(point)
    ent = base.point_by_id[point].enterprise
    named = {"name": ent.name, "uscc": ent.uscc, "id": point}[who]
    qs = tuple(attrs.evolve(q, text=f"{named}反映：{q.text}") if q.id == WITHDRAWN_ID else q for q in base.complaints)
    return attrs.evolve(base, complaints=qs)


@pytest.mark.parametrize("reader", ["department:city-amr", "county:379921", "county:379922", "public"])
def test_01_a_text_naming_its_complainant_reads_the_same_whoever_it_was(reader: str) -> None:
    a, b = _naming("P379922-017"), _naming("P379921-006")
    texts = {q.text for ds in (a, b) for q in ds.complaints if q.id == WITHDRAWN_ID}
    assert len(texts) == 2  # the two worlds' texts differ as written
    for month in (Month(2025, 7), Month(2025, 8)):
        ra = monitoring_report(a, month, PM, audience=Audience.parse(reader))
        rb = monitoring_report(b, month, PM, audience=Audience.parse(reader))
        assert render_markdown(ra) == render_markdown(rb)
        assert ra.to_json() == rb.to_json()


@pytest.mark.parametrize("who", ["name", "uscc", "id"])
def test_01_the_key_takes_the_text_as_screened_not_as_written(who: str) -> None:
    assert dataset_secret(_naming("P379922-017", who)) == dataset_secret(_naming("P379921-006", who))


def test_01_what_a_reader_is_shown_of_the_text_still_keys_it() -> None:
    moved = _naming("P379922-017")
    other = attrs.evolve(
        moved,
        complaints=tuple(attrs.evolve(q, text=q.text + "。") if q.id == WITHDRAWN_ID else q for q in moved.complaints),
    )
    assert dataset_secret(other) != dataset_secret(moved)


# --- 04. invisible format characters in a copied matter ----------------------------------------


@pytest.mark.parametrize("mark", ["\u200b", "\ufeff", "\u00ad", "\u200d"])
def test_04_format_characters_are_not_part_of_the_key(mark: str) -> None:
    assert matter_text("办事拖延" + mark) == matter_text("办事拖延")
    assert matter_text(mark + "办事" + mark + "拖延 ") == "办事拖延"
    assert matter_text("办事拖延\u3000") == "办事拖延"  # as before: NFKC, outer whitespace
    assert matter_text("办事拖延，") != matter_text("办事拖延")  # a visible difference stays one


@pytest.mark.parametrize("mark", ["\u200b", "\ufeff", "\u00ad"])
def test_04_a_report_item_copied_with_a_zero_width_character_counts_once(mark: str) -> None:
    from softenv_core import baseline_parameters, city_plugin_manager
    from softenv_core.analyses.month_figures import month_figures
    from softenv_core.model.reports import Item
    from softenv_core.testing import small_dataset

    ds = small_dataset(2025)
    contact = next(c for c in ds.contacts if c.items and c.date.month == 3)
    item = contact.items[0]
    report = next(r for r in ds.reports if r.month == Month(2025, 3) and r.county == _county(ds, contact.point))
    copied = Item(item.category, item.text + mark, item.department, contact.point)
    ds = attrs.evolve(
        ds,
        reports=tuple(
            attrs.evolve(r, items=(copied,), nothing_to_report=False) if r is report else r for r in ds.reports
        ),
    )
    plain = attrs.evolve(
        ds,
        reports=tuple(
            attrs.evolve(r, items=(attrs.evolve(copied, text=item.text),)) if r.id == report.id else r
            for r in ds.reports
        ),
    )
    params = baseline_parameters()
    pm = city_plugin_manager()
    with_mark = month_figures(ds, Month(2025, 3), pm, params).items_by_category
    without = month_figures(plain, Month(2025, 3), pm, params).items_by_category
    assert with_mark == without


def _county(ds: Dataset, point: str) -> str:
    return ds.point_by_id[point].county


# --- 03. references change with the key's version -----------------------------------------------


def test_03_the_docs_name_the_keys_version_and_say_references_change_with_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """privacy.md and README's Upgrading name the key's current version, so a change of the key
    that forgets to say references do not carry over fails here."""
    from pathlib import Path

    from softenv_core.analyses import redaction_keys

    root = Path(__file__).resolve().parent.parent
    version = redaction_keys._SALT.decode()
    privacy = " ".join((root / "docs" / "privacy.md").read_text(encoding="utf-8").split())
    readme = " ".join((root / "README.md").read_text(encoding="utf-8").split())
    assert f"`{version}`" in privacy and "references issued before it do not match those issued after" in privacy
    assert f"`{version}`" in readme and "does not match" in readme
    # and the references follow the version named
    ds = _naming("P379922-017")
    secret = dataset_secret(ds)
    monkeypatch.setattr(redaction_keys, "_SALT", b"softenv.redaction.v3")
    assert redaction_keys._secret(ds) != secret
