"""Fuzzing the loader and the CLI: whatever the input, only InputError (or another
SoftenvError) comes out of the library, and the CLI exits 1 with its messages, no traceback.

Example counts come from the test's weight (tests/weights.py: many cheap examples for the
loader, the profile's count for the CLI); docs/reliability.md lists what each kind of bad
input gives.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, SoftenvError, assess, get_plugin_manager, loads_dataset
from softenv_core.cli.main import main

from .weights import FUZZ, examples

# The example dataset has a record of every kind (complaint, rounds, ratings, waiver, nomination).
BASE = json.loads((Path(__file__).resolve().parent.parent / "examples" / "small-dataset.json").read_text("utf-8"))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)

nasty_strings = st.sampled_from(
    [
        "",
        " ",
        "x" * 200_000,
        "𠀀𝄞😀" * 50,
        "\x00",
        "\ud800",
        "2025-02-30",
        "0000-01-01",
        "9999-12-31",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-12:00",
        "2025-13",
        "2025-H3",
        "NaN",
        "-1",
        "1e999",
        "=cmd|' /C calc'!A0",
        "P-379902-1",
        "379999",
        "91110000600037341L",
        # hostile text (docs/reliability.md, "Hostile text"): must stay data in every output
        "正常\n## 伪造标题",
        "a\r| 伪造 | 行 |",
        "<script>alert(1)</script>",
        "\x1b]0;伪造标题\x07\x1b[31m",
        "\u202egnp.exe",
        "2020-W01-1",
        "2020-001",
        "2025-02-06T10:00:00+14:01",
    ]
)


def _deep(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


nasty = (
    nasty_strings
    | json_values
    | st.just(float("nan"))
    | st.integers(-(10**30), 10**30)
    | st.sampled_from([_deep(50), _deep(5000)])
)


def _paths(doc, prefix=()):
    """Every path into a document, to pick one to mutate."""
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc[:3]):
            yield from _paths(v, (*prefix, i))


PATHS = [p for p in _paths(BASE) if p]


def _mutate(doc, path, action, value):
    target = doc
    for step in path[:-1]:
        target = target[step]
    last = path[-1]
    if action == "delete":
        if isinstance(target, dict):
            target.pop(last, None)
        else:
            target.pop(last)
    elif action == "duplicate" and isinstance(target, list):
        target.append(copy.deepcopy(target[last]))
    else:
        target[last] = value
    return doc


def _load_expecting_only_our_errors(data):
    try:
        dataset = loads_dataset(data)
    except SoftenvError as exc:
        assert str(exc)  # noqa: PT017 (the message itself is what is checked)
        return exc
    # What loads must also assess without any other exception.
    try:
        assess(dataset, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    except SoftenvError as exc:
        assert str(exc)  # noqa: PT017 (the message itself is what is checked)
    return None


@FUZZ
@given(json_values)
def test_random_json_gives_only_input_errors(value):
    _load_expecting_only_our_errors(json.dumps(value, allow_nan=True))


@FUZZ
@given(st.sampled_from(PATHS), st.sampled_from(["set", "set", "delete", "duplicate"]), nasty)
def test_mutated_datasets_give_only_input_errors_with_paths(path, action, value):
    doc = _mutate(copy.deepcopy(BASE), path, action, value)
    try:
        text = json.dumps(doc, allow_nan=True, ensure_ascii=False)
    except (ValueError, RecursionError):
        return  # not representable as JSON text; the mapping route below still runs
    exc = _load_expecting_only_our_errors(text.encode("utf-8", "surrogatepass"))
    if exc is not None and hasattr(exc, "problems"):
        assert all(p.startswith("$") for p in exc.problems)
    _load_expecting_only_our_errors(doc)


@pytest.mark.parametrize(
    "text",
    [
        '{"schema": "softenv.dataset", "schema": "softenv.dataset"}',
        '{"x": NaN}',
        '{"x": Infinity}',
        "[" * 100_000 + "]" * 100_000,
        '{"a": "\\ud800"}',
        b"\xff\xfe\x00",
        "",
    ],
    ids=["duplicate-keys", "nan", "infinity", "deep-nesting", "lone-surrogate", "not-utf8", "empty"],
)
def test_malformed_documents(text):
    assert isinstance(_load_expecting_only_our_errors(text), SoftenvError)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(PATHS), nasty)
def test_cli_validate_exits_1_with_messages_and_no_traceback(tmp_path_factory, path, value):
    doc = _mutate(copy.deepcopy(BASE), path, "set", value)
    file = tmp_path_factory.mktemp("fuzz") / "data.json"
    try:
        file.write_text(json.dumps(doc, allow_nan=True, ensure_ascii=False), encoding="utf-8", errors="surrogatepass")
    except (ValueError, RecursionError):
        return
    import contextlib
    import io

    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(["validate", str(file)])
    assert code in (0, 1)
    assert "Traceback" not in err.getvalue() + out.getvalue()
    if code == 1:
        assert err.getvalue().startswith("softenv: error:")


def test_nan_never_reaches_a_number_field():
    doc = copy.deepcopy(BASE)
    doc["points"][0]["enterprise"]["revenue_wan"] = float("nan")
    exc = _load_expecting_only_our_errors(doc)
    assert exc is not None and "finite" in str(exc)
    assert math.isnan(float("nan"))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("complaints", 0, "events", 0, "at"), "0001-01-01T00:00:00+14:00"),
        (("complaints", 0, "events", 6, "at"), "9999-12-31T23:59:59-12:00"),
        (("contacts", 0, "date"), "0001-01-01"),
        (("points", 0, "designated_from"), "0001-01-01"),
        (("reports", 0, "submitted_at"), "9999-12-31T23:59:59-12:00"),
    ],
)
def test_dates_out_of_range_are_input_errors(path, value):
    doc = _mutate(copy.deepcopy(BASE), path, "set", value)
    exc = _load_expecting_only_our_errors(doc)
    assert exc is not None and "out of range" in str(exc)


@settings(max_examples=examples(25), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=30), st.text(max_size=30))
def test_any_text_in_names_and_items_leaves_every_output_whole(item_text, name):
    """Whatever the text, the monitoring report keeps its headings and table shapes, and the
    terminal summary its lines, with no control or bidi character in either."""
    import unicodedata

    import attrs
    from markdown_it import MarkdownIt

    from softenv_core import Item, ItemCategory, Month
    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.render.assessment import summary
    from softenv_core.render.monitoring_report import render_markdown
    from softenv_core.testing import small_dataset

    def outputs(text: str, county_name: str) -> tuple[str, str]:
        ds = small_dataset(2025)
        ds = attrs.evolve(
            ds,
            contacts=tuple(
                attrs.evolve(c, items=(Item(ItemCategory.FEES, text or "x", "city-amr"),)) for c in ds.contacts
            ),
            counties=tuple(attrs.evolve(c, name=county_name or "x") for c in ds.counties),
        )
        pm = get_plugin_manager(autoload=False)
        return render_markdown(monitoring_report(ds, Month(2025, 6), pm, audience=CITY_OFFICE)), summary(
            assess(ds, 2025, pm, audience=CITY_OFFICE)
        )

    from softenv_core._validators import invisible

    if invisible(item_text) or invisible(name):
        return  # blank text (whitespace, controls and format characters only) is refused by the model (x30)
    md = MarkdownIt("commonmark").enable("table")

    def shape(text: str) -> list[str]:
        return [t.type for t in md.parse(text) if t.type in ("heading_open", "tr_open", "td_open", "th_open")]

    plain_md, plain_summary = outputs("正常", "县")
    hostile_md, hostile_summary = outputs(item_text, name)
    assert shape(hostile_md) == shape(plain_md)
    assert hostile_summary.count("\n") == plain_summary.count("\n")
    for out in (hostile_md, hostile_summary):
        assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != "\n" for ch in out)
