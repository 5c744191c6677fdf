"""Hostile input as an attacker would write it: record text must stay data in every medium,
and every bad argument, target or signal gives one clear line, never a traceback.

docs/reliability.md cites these tests row by row.
"""

from __future__ import annotations

import html
import json
import os
import re
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, InputError, Item, ItemCategory, Month, get_plugin_manager
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.cli.main import main
from softenv_core.cli.output import (
    MANIFEST,
    OutputError,
    Terminated,
    sigterm_as_interrupt,
    write_atomic,
    write_set,
)
from softenv_core.io.dataset_files import dataset_json, load_dataset, loads_dataset, without_record_ids
from softenv_core.render.assessment import csv_text, table
from softenv_core.render.escape import csv_cell, html_text, md_cell, md_inline, terminal
from softenv_core.render.monitoring_report import _md_table, render_markdown
from softenv_core.testing import small_dataset

markdown_it = pytest.importorskip("markdown_it")

JUNE = Month(2025, 6)
ATTACKS = [
    "正常\n## 伪造标题",
    "a\r| 伪造 | 行 |",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "\x1b[31m红色\x1b[0m \x1b]0;伪造标题\x07",
    "\u202egnp.exe",
    "| a | b |\n|---|---|\n| c | d |",
    "\\|\\",
    "[点这里](javascript:alert(1))",
    "  - 列表\n    1. 有序",
]
UNSAFE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def _md():
    return markdown_it.MarkdownIt("commonmark").enable("table")


def _table_shape(markdown: str) -> list[int]:
    """The number of cells in each row of each table, in order."""
    shape, cells = [], 0
    for tok in _md().parse(markdown):
        if tok.type == "tr_open":
            cells = 0
        elif tok.type in ("td_open", "th_open"):
            cells += 1
        elif tok.type == "tr_close":
            shape.append(cells)
    return shape


def _headings(markdown: str) -> list[str]:
    toks = _md().parse(markdown)
    return [toks[i + 1].content for i, t in enumerate(toks) if t.type == "heading_open"]


# --- the escape functions -------------------------------------------------------------------

text_any = st.text(
    alphabet=st.one_of(
        st.sampled_from("|\\\r\n\t#*_`[]()<>&!~-+=@ \x1b\x07\x85\u2028\u2029\u202e\u2066\u200b\ufeff"),
        st.characters(),
    ),
    max_size=40,
)


@given(st.lists(st.lists(text_any, min_size=3, max_size=3), max_size=5))
def test_a_rendered_markdown_table_keeps_its_rows_and_columns_whatever_the_text(rows):
    rendered = _md_table(["一", "二", "三"], rows)
    assert _table_shape(rendered) == [3] * (len(rows) + 1)
    assert _headings(rendered) == []


@given(text_any)
def test_markdown_inline_text_adds_no_block_and_no_html(text):
    tokens = _md().parse(f"# 标题\n\n{md_inline(text)}\n")
    kinds = {t.type for t in tokens}
    assert [t.type for t in tokens if t.type.endswith("_open")] in (
        ["heading_open", "paragraph_open"],
        ["heading_open"],  # an empty text: no paragraph
    )
    assert "html_block" not in kinds
    assert not any(c.type in ("html_inline", "link_open", "image") for t in tokens for c in t.children or ())


_url_parts = st.text(alphabet="abcXYZ019-./?=&", min_size=1, max_size=12)


@given(
    before=st.text(alphabet="请登录下载通知abc ,", max_size=6).map(lambda t: "登" + t),
    scheme=st.sampled_from(["http", "https", "HTTPS", "ftp", "weixin"]),
    host=_url_parts,
    www=st.sampled_from(["www", "WWW", "Www"]),
)
def test_bare_urls_in_markdown_text_are_no_links_and_read_the_same(before, scheme, host, www):
    # GFM's autolink extension and linkify make `scheme://…` and `www.…` live links (attacker
    # 03): escaped, the text renders the same under CommonMark and holds no bare mark.
    text = f"{before}{scheme}://{host} {www}.{host}"
    out = md_inline(text)
    assert re.search(r"(?i)[a-z0-9]://|(?<!\\)www\.", out) is None, out
    assert _md().renderInline(out) == html.escape(text, quote=False), out
    assert md_cell(text) == out


_label = st.from_regex(r"[a-z0-9][a-z0-9-]{0,6}", fullmatch=True)


@given(
    before=st.text(alphabet="请登录下载通知 ,", max_size=4),
    labels=st.lists(_label, min_size=1, max_size=3),
    tld=st.sampled_from(["cn", "com", "COM", "org", "info", "рф", "xn--fiqs8s"]),
    path=st.sampled_from(["", "/login", "/a?b=1"]),
)
def test_bare_domains_in_markdown_text_are_no_links_and_read_the_same(before, labels, tld, path):
    # markdown-it's linkify (linkify-it's fuzzy links, its default; VS Code's preview, OA wikis
    # built on markdown-it) makes a bare domain a live link: `请登录 evil.cn/login` in a report
    # item was a phishing link in the department's report (attacker x31 02). Escaped, no
    # linkifying renderer finds a link, and the text renders the same under CommonMark.
    text = f"{before}{'.'.join(labels)}.{tld}{path} 更新"
    linkify = markdown_it.MarkdownIt("commonmark", {"linkify": True}).enable("linkify")
    # md_inline also escapes what would start a block (`0.` of `0.0.cn`), which a cell needs not
    for out in (md_inline(text), md_cell(text)):
        tokens = [c.type for t in linkify.parse(out) for c in t.children or ()]
        assert "link_open" not in tokens, out
        # md_inline drops leading spaces; a cell's are the table's padding
        assert _md().renderInline(out).strip() == html.escape(text.strip(), quote=False), out


@given(
    user=_url_parts.filter(lambda t: t[0].isalnum()),
    host=st.from_regex(r"[a-z0-9]{1,8}\.(cn|com|gov\.cn)", fullmatch=True),
    scheme=st.sampled_from(["", "mailto:", "xmpp:"]),
)
def test_e_mail_addresses_in_markdown_text_are_no_links_and_read_the_same(user, host, scheme):
    # GFM links a bare e-mail address, and mailto:/xmpp: ones (review t3/02): no bare @ is
    # left, and the text renders the same under CommonMark.
    text = f"联系 {scheme}{user}@{host} 反映"
    out = md_inline(text)
    assert re.search(r"(?<!\\)@", out) is None, out
    assert _md().renderInline(out) == html.escape(text, quote=False), out


@given(text_any)
def test_no_control_or_bidi_character_survives_the_terminal_escape(text):
    shown = terminal(text)
    assert not any(unicodedata.category(ch) in UNSAFE_CATEGORIES for ch in shown)


def test_terminal_escape_shows_what_it_removed():
    assert terminal("\x1b[31m") == "\\x1b[31m"
    assert terminal("a\u202eb") == "a<U+202E>b"
    assert terminal("行\n") == "行\\n"
    assert terminal("中文 ok") == "中文 ok"


@pytest.mark.parametrize("text", ATTACKS)
def test_html_escape_leaves_no_tag_and_no_handler(text):
    shown = html_text(text)
    assert "<" not in shown and ">" not in shown and '"' not in shown
    assert "\x1b" not in shown and "\u202e" not in shown


@pytest.mark.parametrize(
    "cell",
    ["=1+1", " =1+1", "\t=cmd", "\u200b=cmd", " \u200b -2", "\ufeff@SUM(A1)", "\u3000+1", "＝1"],
)
def test_csv_formulas_are_neutralised_also_after_spaces_and_zero_width_characters(cell):
    assert csv_cell(cell).startswith("'")
    assert csv_text(["x"], [[cell]]).splitlines()[1].lstrip('"').startswith("'")


@given(text_any)
def test_csv_cells_never_start_a_formula(text):
    cell = csv_cell(text)
    significant = "".join(ch for ch in cell if not ch.isspace() and unicodedata.category(ch) != "Cf")
    assert cell.startswith("'") or not significant.startswith(("=", "+", "-", "@"))


def test_md_cell_escapes_pipes_and_backslashes_and_flattens_line_breaks():
    assert md_cell("a|b\\c\r\nd") == "a\\|b\\\\c d"
    assert md_inline("## 标题") == "\\## 标题"


# --- where record text reaches an output ----------------------------------------------------


def _hostile_june(text: str):
    ds = small_dataset(2025)
    contacts = tuple(
        attrs.evolve(c, items=(Item(ItemCategory.FEES, text, "city-amr"),)) if c.date.month == 6 else c
        for c in ds.contacts
    )
    departments = tuple(attrs.evolve(d, name=f"市场{text}监管局") if d.id == "city-amr" else d for d in ds.departments)
    counties = tuple(attrs.evolve(c, name=f"县{text}") for c in ds.counties)
    return attrs.evolve(ds, contacts=contacts, departments=departments, counties=counties)


@pytest.fixture(scope="module")
def benign_report():
    pm = get_plugin_manager(autoload=False)
    return render_markdown(monitoring_report(_hostile_june("正常"), JUNE, pm, audience=CITY_OFFICE))


@pytest.mark.parametrize("text", ATTACKS)
def test_record_text_cannot_add_headings_rows_or_html_to_the_monitoring_report(text, benign_report):
    pm = get_plugin_manager(autoload=False)
    md = render_markdown(monitoring_report(_hostile_june(text), JUNE, pm, audience=CITY_OFFICE))
    assert _headings(md) == _headings(benign_report)
    assert _table_shape(md) == _table_shape(benign_report)
    tokens = _md().parse(md)
    assert not any(t.type == "html_block" for t in tokens)
    assert not any(c.type in ("html_inline", "link_open") for t in tokens for c in t.children or ())
    assert "\x1b" not in md and "\u202e" not in md


def _terminal_outputs(text: str) -> list[str]:
    from softenv_core import assess
    from softenv_core.render.assessment import explain_county, explain_point, summary

    a = assess(_hostile_june(text), 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    return [summary(a), explain_county(a.counties[0]), explain_point(a.points[0])]


@pytest.mark.parametrize("text", ATTACKS)
def test_record_text_reaches_the_terminal_inert(text):
    benign = _terminal_outputs("正常")
    for out, expected in zip(_terminal_outputs(text), benign, strict=True):
        assert not any(unicodedata.category(ch) in UNSAFE_CATEGORIES and ch != "\n" for ch in out)
        assert out.count("\n") == expected.count("\n")  # no line added by a name


def test_a_plain_text_table_keeps_its_lines_whatever_the_text():
    text = table(["a", "b"], [["x\ny", "\x1b[2J"], ["\u202e", "z\r"]])
    assert text.count("\n") == 3 and "\x1b" not in text and "\u202e" not in text


def test_validate_echoes_unknown_keys_and_values_inert(tmp_path, capsys):
    doc = json.loads(dataset_json(small_dataset()))
    doc["points"][0]["\x1b]0;pwned\x07\u202ekey"] = 1
    doc["points"][1]["id"] = "\x1b[2J\nfake: line"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    for args in (["validate", str(path)], ["assess", str(path), "--year", "2025"]):
        code = main(args)
        _out, err = capsys.readouterr()
        assert code == 1
        assert "\x1b" not in err and "\u202e" not in err
        assert "\\x1b" in err and "\\u202e" in err  # the key quoted with an escaping repr, as ids are
        assert all(line.startswith(("softenv: error:", "  ")) for line in err.splitlines())


def test_validate_json_names_unknown_keys_inert(tmp_path, capsys):
    # The problems are messages for people (the platform shows them next to the field): an
    # unknown key is quoted with an escaping repr in JSON too, as a bad audience is (attacker 04).
    doc = json.loads(dataset_json(small_dataset()))
    doc["<img src=x onerror=alert(1)>\u202e"] = 1
    doc["points"][0]["x\u202ey\x1b[31m"] = 1
    doc["points"][1]["colour"] = "red"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", str(path), "--format", "json"]) == 1
    shown = capsys.readouterr().out
    problems = [p for p in json.loads(shown)["problems"] if "unknown field" in str(p)]
    text = json.dumps(problems, ensure_ascii=False)
    assert len(problems) == 3
    assert not any(unicodedata.category(ch) in UNSAFE_CATEGORIES for ch in text), text
    assert "\\\\u202e" in text and "\\\\x1b[31m" in text
    assert "$.points[1] (" in text and "unknown field(s) colour" in text  # a plain key as written


class _EvilTitle:
    @staticmethod
    def _info():
        from softenv_core import PluginInfo

        return PluginInfo(county="379902", title="\x1b]0;伪造\x07\u202e标题", reference="\x1b[2J")


def test_plugin_titles_reach_the_terminal_inert(capsys):
    from softenv_core import assess, hookimpl
    from softenv_core.render.assessment import summary

    class Evil:
        @hookimpl
        def softenv_plugin_info(self):
            return _EvilTitle._info()

    pm = get_plugin_manager(autoload=False, plugins=[("evil\x1b[1m", Evil())])
    out = summary(assess(small_dataset(), 2025, pm, audience=CITY_OFFICE))
    assert "\x1b" not in out and "\u202e" not in out and "<U+202E>标题" in out


# --- tracebacks where a clear error belongs ---------------------------------------------------


def test_a_4000_digit_revenue_is_an_input_error_not_an_overflow():
    doc = json.loads(dataset_json(small_dataset()))
    doc["points"][0]["enterprise"]["revenue_wan"] = 10**4000
    with pytest.raises(InputError) as info:
        loads_dataset(doc)  # through the Python API: no json in between
    assert any("revenue_wan" in p and "too large" in p for p in info.value.problems)


def test_a_4000_digit_revenue_in_a_file_exits_1_without_traceback(tmp_path):
    doc = json.loads(dataset_json(small_dataset()))
    doc["points"][0]["enterprise"]["revenue_wan"] = 10**4000
    path = tmp_path / "big.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code = main(["validate", str(path)])
    assert code == 1


@pytest.mark.parametrize("command", ["assess", "yearend", "explain"])
@pytest.mark.parametrize("year", ["3000", "1899", "-5", "20x5"])
def test_a_year_out_of_range_is_a_usage_error(command, year, capsys):
    extra = ["--county", "379902"] if command == "explain" else []
    with pytest.raises(SystemExit) as info:
        main([command, "x.json", "--year", year, *extra])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "--year" in err and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith(f"softenv {command}: error: 参数 --year: ")  # Chinese first (c50 16)


def test_out_onto_an_existing_file_replaces_it_atomically_with_the_umask_mode(tmp_path):
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")
    old_mask = os.umask(0o022)
    try:
        write_atomic(target, "new")
    finally:
        os.umask(old_mask)
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_out_refuses_a_directory_where_a_file_belongs(tmp_path):
    (tmp_path / "a.json").mkdir()
    with pytest.raises(OutputError, match="directory"):
        write_atomic(tmp_path / "a.json", "x")


def test_out_refuses_a_file_where_a_set_belongs(tmp_path, capsys):
    target = tmp_path / "out"
    target.write_text("mine", encoding="utf-8")
    code = main(["demo", "--out", str(target)])
    err = capsys.readouterr().err
    assert code == 1 and "一组输出需要一个文件夹" in err and len(err.strip().splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "mine"


def test_out_under_a_file_is_one_clear_line_not_a_traceback(tmp_path, capsys):
    # An unwritable place without chmod (tests may run as root): a path under a file (ENOTDIR).
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match=r"Not a directory|File exists"):
        write_atomic(blocker / "sub" / "a.json", "x")
    with pytest.raises(OutputError):
        write_set(blocker / "set", {"a.txt": "x"})
    assert main(["demo", "--out", str(blocker / "set")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("softenv: error: 不能写入 ") and len(err.strip().splitlines()) == 1
    assert "路径中有一段不是文件夹" in err  # not the system's "File exists"


def test_a_set_is_published_whole_and_replaces_only_a_previous_set(tmp_path):
    out = tmp_path / "out"
    write_set(out, {"a.txt": "1", "sub/b.txt": "1"})
    write_set(out, {"a.txt": "2"})
    assert sorted(p.name for p in out.rglob("*")) == sorted([MANIFEST, "a.txt"])
    assert (out / "a.txt").read_text(encoding="utf-8") == "2"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging, no lock, no old set left
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_text("do not delete", encoding="utf-8")
    with pytest.raises(OutputError, match="did not write"):
        write_set(mine, {"a.txt": "x"})
    assert (mine / "thesis.docx").exists()


def test_a_second_run_into_the_same_folder_refuses_while_the_first_holds_the_lock(tmp_path):
    out = tmp_path / "out"
    lock = tmp_path / ".out.softenv.lock"
    lock.write_text(str(os.getpid()), encoding="utf-8")  # a live run holds it
    with pytest.raises(OutputError, match="another softenv run"):
        write_set(out, {"a.txt": "x"})
    assert not out.exists()
    lock.write_text("999999999", encoding="utf-8")  # a run killed with SIGKILL left it
    write_set(out, {"a.txt": "x"})
    assert not lock.exists() and (out / "a.txt").exists()


def test_sigterm_cleans_up_like_sigint_and_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")
    real_fsync = os.fsync

    def terminate(fd):
        real_fsync(fd)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(os, "fsync", terminate)
    with pytest.raises(Terminated), sigterm_as_interrupt():
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_sigterm_while_a_set_is_written_keeps_the_old_set_and_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_set(out, {"a.txt": "old", "b.txt": "old"})
    calls = []
    real_fsync = os.fsync

    def terminate_on_second(fd):
        real_fsync(fd)
        calls.append(fd)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(os, "fsync", terminate_on_second)
    with pytest.raises(Terminated), sigterm_as_interrupt():
        write_set(out, {"a.txt": "new", "b.txt": "new"})
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.name != MANIFEST} == {
        "a.txt": "old",
        "b.txt": "old",
    }
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
@pytest.mark.parametrize("signum", [signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)])
def test_sigterm_exits_143_with_one_line_and_no_traceback(tmp_path, signum):
    env = {**os.environ, "SOFTENV_DISABLE_PLUGIN_AUTOLOAD": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_RUN, str(tmp_path / "out")],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    proc.send_signal(signum)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, err  # 143 for SIGTERM, 129 for SIGHUP
    assert err.strip() == "softenv: terminated"
    assert not list(tmp_path.glob(".*"))


# A run that waits inside the command so that the signal lands mid-write, deterministically.
_SLOW_RUN = """
import sys, time
from softenv_core.cli import commands, main as cli

def slow(args, pm):
    from pathlib import Path
    from softenv_core.cli.output import write_set
    class Files(dict):
        def items(self):
            yield "a.txt", "x"
            print("ready", file=sys.__stdout__, flush=True)  # stdout is stderr in a command
            time.sleep(30)
            yield "b.txt", "y"
    write_set(Path(sys.argv[1]), Files())
    return 0

commands.cmd_plugins = slow
sys.exit(cli.main(["plugins"]))
"""


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_stdout_on_a_full_disk_is_exit_1_and_one_line():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    env = {**os.environ, "SOFTENV_DISABLE_PLUGIN_AUTOLOAD": "1"}
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "softenv_core.cli.main", "plugins"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == ["softenv: error: 不能写入 标准输出:磁盘已满 (No space left on device)"]


# --- strict parsing: one fault, one problem ---------------------------------------------------


def _doc():
    return json.loads(dataset_json(small_dataset()))


def _problems(mutate) -> tuple[str, ...]:
    doc = _doc()
    mutate(doc)
    with pytest.raises(InputError) as info:
        loads_dataset(doc)
    return info.value.problems


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("contacts", 0, "date"), "2025-W06-1"),  # ISO week date: Python's fromisoformat takes it
        (("contacts", 0, "date"), "2025-037"),  # ordinal date
        (("contacts", 0, "date"), "20250206"),
        (("reports", 0, "submitted_at"), "2025-W06-1T10:00:00+08:00"),
        (("reports", 0, "submitted_at"), "2025-037T10:00:00+08:00"),
        (("reports", 0, "submitted_at"), "2025-02-06T10:00:00+08:00:30"),  # an offset with seconds
        (("reports", 0, "submitted_at"), "2025-02-06T10:00:00+14:01"),
        (("reports", 0, "submitted_at"), "2025-02-06T10:00:00-14:30"),
    ],
)
def test_week_and_ordinal_dates_and_odd_offsets_are_rejected(where, value):
    name, i, field = where

    def mutate(doc):
        doc[name][i][field] = value

    (problem,) = _problems(mutate)
    assert without_record_ids(problem).startswith(f"$.{name}[{i}].{field}:")  # the id follows [i]


def test_offsets_up_to_fourteen_hours_in_whole_minutes_are_accepted():
    doc = _doc()
    doc["reports"][0]["submitted_at"] = "2025-02-06T16:00:00+14:00"
    doc["reports"][1]["submitted_at"] = "2025-03-05T10:00:00Z"
    loads_dataset(doc)


@pytest.mark.parametrize("version", [True, 1.0, "1", None])
def test_a_version_that_only_compares_equal_to_1_is_rejected(version):
    def mutate(doc):
        doc["version"] = version

    (problem,) = _problems(mutate)
    assert problem.startswith("$.version: expected 1")


def test_a_malformed_point_id_gives_one_problem():
    def mutate(doc):
        doc["points"][0]["id"] = "P 379902 1"  # a space: what a typist does

    assert _problems(mutate) == ("$.points[0].id: invalid id 'P 379902 1': use 1-64 of A-Z a-z 0-9 _ . : -",)


def test_an_integer_county_code_gives_one_problem():
    def mutate(doc):
        doc["counties"][0]["code"] = int(doc["counties"][0]["code"])

    assert _problems(mutate) == ("$.counties[0].code: expected a string, got int 379902",)


def test_a_gbk_file_is_recognised_and_the_error_says_save_as_utf8(tmp_path, capsys):
    path = tmp_path / "记事本.json"
    path.write_bytes(dataset_json(small_dataset()).encode("gbk"))
    with pytest.raises(InputError, match="GBK") as info:
        load_dataset(path)
    assert "另存为 UTF-8" in info.value.problems[0]
    for lang, expected in (("zh", "看来是 GBK"), ("en", "save it as UTF-8 (另存为 UTF-8)")):
        for command in (["validate", str(path)], ["assess", str(path), "--year", "2025"]):
            assert main([*command, "--lang", lang]) == 1
            assert expected in capsys.readouterr().err
