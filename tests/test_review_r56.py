"""Reviewer r56's findings (review of a84274b3..f9aa57c5).

01 A complaint's ``R-`` reference still changed with who complained when the complaint's own
   ``text`` named the complainant (complainants write 我公司XX有限公司反映…): the key hashed the
   text as written, while every reader outside the city office reads it screened (某企业). The
   key now leaves the text out altogether (analyses/redaction_keys.py, salt v4; docs/privacy.md
   "joining outputs"): keyed as screened it still changed with a nickname the screen does not know.
02 The year end's 全年反映事项（不含经营状况） counted a 经营状况 item someone followed up (a
   followed-up item is a matter whatever its category). The analysis now decides how each
   category is left out (analyses/matter_days.categories_left_out, FollowUpYear.left_out) and the
   label says it (render/yearend_parts.matters_label): 不含经营状况 only when none was followed up,
   经营状况只计跟踪办理的 when some were (reviewer r57 03), …部分月份… when left out in some months.
03 Every complaint reference changes when the key's derivation changes (an upgrade): said in
   docs/privacy.md (docs only; the references of 01 are checked below to change with the salt).
04 model/reports.matter_text kept the invisible format characters a Word or WeChat copy brings
   (U+200B, U+FEFF, U+00AD): a report item copying a contact's matter with one counted twice.
   The key now drops Unicode category Cf, as the privacy screen does.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core import Audience, Month, get_plugin_manager, monitoring_report, render_markdown
from softenv_core.analyses.redaction_keys import dataset_secret
from softenv_core.engine.parameters import ParameterSet
from softenv_core.model.complaints import Complaint
from softenv_core.model.dataset import Dataset
from softenv_core.model.reports import matter_text
from tests.test_attack_x55 import WITHDRAWN_ID, _world

PM = get_plugin_manager(autoload=False)

# --- 01. the complaint's text names its complainant -------------------------------------------


def _naming(point: str, who: str = "name") -> Dataset:
    """x55's world (the withdrawn complaint made by ``point``), its text naming that point as
    complainants write it: by its enterprise's ``name``, its credit code (``uscc``), its ``id`` or
    a ``nickname`` the screen does not know."""
    base = _world(point)
    ent = base.point_by_id[point].enterprise
    nickname = {"P379922-017": "老王厂", "P379921-006": "小李铺"}.get(point, "某某")  # no screen knows these
    named = {"name": ent.name, "uscc": ent.uscc, "id": point, "nickname": nickname}[who]
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


@pytest.mark.parametrize("who", ["name", "uscc", "id", "nickname"])
def test_01_the_key_leaves_the_text_out(who: str) -> None:
    """Named by what the screen knows (a name, a credit code, a point id) or not (a nickname):
    the key is the same whoever complained."""
    assert dataset_secret(_naming("P379922-017", who)) == dataset_secret(_naming("P379921-006", who))


def test_01_the_rest_of_the_record_still_keys_it() -> None:
    moved = _naming("P379922-017")
    text = attrs.evolve(
        moved,
        complaints=tuple(attrs.evolve(q, text=q.text + "。") if q.id == WITHDRAWN_ID else q for q in moved.complaints),
    )
    assert dataset_secret(text) == dataset_secret(moved)  # the text alone: the same key

    def a_second_later(q: Complaint) -> Complaint:
        second = attrs.evolve(q.events[1], at=q.events[1].at + timedelta(seconds=1))
        return attrs.evolve(q, events=(q.events[0], second, *q.events[2:]))

    later = attrs.evolve(
        moved, complaints=tuple(a_second_later(q) if q.id == WITHDRAWN_ID else q for q in moved.complaints)
    )
    assert dataset_secret(later) != dataset_secret(moved)  # a step a second later: another key


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


# --- 02. the label of 全年反映事项 and a followed-up 经营状况 item ------------------------------------


def _operations(followed: bool, params: ParameterSet | None = None) -> se.YearEnd:
    """The small dataset's year end with a May contact raising an 经营状况 item, followed up
    (提供信息) or not."""
    from softenv_core.model.followups import FollowUp, FollowUpKind, MatterSource
    from softenv_core.model.reports import Item, ItemCategory
    from softenv_core.testing import small_dataset

    ds = small_dataset(2025)
    c0 = next(c for c in ds.contacts if c.date == date(2025, 5, 10))
    op = attrs.evolve(c0, id="C-OPS-1", items=(Item(ItemCategory.OPERATIONS, "订单下降三成"),))
    fu = FollowUp(
        "F-OPS-1", MatterSource.CONTACT, "C-OPS-1", 0, FollowUpKind.INFORMATION, date(2025, 5, 20), "县经贸委"
    )
    ds = attrs.evolve(ds, contacts=(*ds.contacts, op), followups=(*ds.followups, fu) if followed else ds.followups)
    return se.year_end(ds, 2025, PM, audience=se.CITY_OFFICE, params=params)


def test_02_a_followed_up_operations_item_is_counted_and_the_label_says_how(tmp_path: Path) -> None:
    """A followed-up 经营状况 item is a matter (r56 02): the label no longer says 不含经营状况
    beside a figure counting it, but says every other 经营状况 item is still left out (r57 03:
    with one followed up, the label said nothing and read as if every category were counted)."""
    from softenv_core.render.xlsx_results import write_results_xlsx

    docx = pytest.importorskip("docx")
    openpyxl = pytest.importorskip("openpyxl")
    unfollowed, followed = _operations(False), _operations(True)
    assert unfollowed.followups is not None and followed.followups is not None
    assert followed.followups.matters == unfollowed.followups.matters + 1  # the 经营状况 item is counted
    assert followed.followups.by_category["operations"] == 1
    assert unfollowed.followups.left_out == {"operations": "all"}
    assert followed.followups.left_out == {"operations": "unless_followed_up"}
    assert "全年反映事项（不含经营状况）" in se.render_yearend(unfollowed)
    assert "matters raised (not counting operations)" in se.render_yearend(unfollowed, "en")
    said = f"全年反映事项（经营状况只计跟踪办理的）{followed.followups.matters}项"
    md, en = se.render_yearend(followed), se.render_yearend(followed, "en")
    assert "不含经营状况" not in md and said in md
    assert f"{followed.followups.matters} matters raised (operations only where followed up)," in en
    se.write_yearend_docx(followed, tmp_path / "y.docx")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "y.docx")).paragraphs]
    assert any(p.startswith(said) for p in paragraphs), paragraphs
    write_results_xlsx(se.assess(_small(), 2025, PM, audience=se.CITY_OFFICE), followed, tmp_path / "y.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "y.xlsx")["事项跟踪"]
    labels = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "全年反映事项（经营状况只计跟踪办理的）" in labels


def test_02_a_category_counted_in_some_months_is_said_so() -> None:
    """The parameter counted 经营状况 until June and not after: the label read the last day's value
    alone and said 不含经营状况 of a year whose first half counted it (r56 02). Each value in force
    in the year is recorded, and such a category is said to be counted only where followed up in
    some months (r57 03), whichever half counted it."""
    from softenv_core import baseline_parameters
    from softenv_core.analyses.matter_days import categories_left_out
    from softenv_core.engine.parameters import DatedValue
    from softenv_core.render.yearend_parts import matters_label

    base = baseline_parameters()
    name = "followup.matter_categories"
    old = next(p for p in base.parameters if p.name == name)
    every = [c.value for c in se.ItemCategory]
    fewer = list(old.values[-1].value)
    changed = attrs.evolve(old, values=(DatedValue(date(2022, 3, 1), every), DatedValue(date(2025, 7, 1), fewer)))
    y = _operations(False, base.merged([changed]))
    assert y.followups is not None
    assert [pv.effective_from for pv in y.followups.params] == [date(2022, 3, 1), date(2025, 7, 1)]
    assert y.followups.by_category["operations"] >= 1  # the small city's 生产经营平稳 of the first half
    assert y.followups.left_out == {"operations": "some_months"}
    assert "全年反映事项（经营状况部分月份只计跟踪办理的）" in se.render_yearend(y)
    assert "matters raised (operations only where followed up in some months)" in se.render_yearend(y, "en")
    late = attrs.evolve(changed, values=(DatedValue(date(2022, 3, 1), fewer), DatedValue(date(2025, 7, 1), every)))
    y = _operations(False, base.merged([late]))
    assert y.followups is not None and y.followups.left_out == {"operations": "some_months"}
    counted = {**y.followups.by_category, "operations": 0}
    assert categories_left_out(y.followups.params[:1], counted) == {"operations": "all"}  # had it counted never
    assert (
        matters_label(attrs.evolve(y.followups, left_out={"operations": "all"}), True) == "全年反映事项（不含经营状况）"
    )
    both = {"operations": "all", "fees": "unless_followed_up", "other": "some_months"}
    assert matters_label(attrs.evolve(y.followups, left_out=both), True) == (
        "全年反映事项（不含经营状况；收费只计跟踪办理的；其他部分月份只计跟踪办理的）"
    )
    # excluded all year and nothing followed up: said, as before
    assert "全年反映事项（不含经营状况）" in se.render_yearend(_operations(False))


def _small() -> se.Dataset:
    from softenv_core.testing import small_dataset

    return small_dataset(2025)


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
