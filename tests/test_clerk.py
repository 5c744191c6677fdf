"""Issue 17, the clerk's side: odd command-line input gives one clear line, never a traceback;
every printing command takes --out; validation problems name the record and speak Chinese."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softenv_core.cli.main import main
from softenv_core.errors import InputError
from softenv_core.io.dataset_files import loads_dataset, with_record_ids, without_record_ids
from softenv_core.io.workbook_messages import translated, zh_problem

from .weights import examples

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "small-dataset.json"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def usage_error(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    _, err = capsys.readouterr()
    assert exc.value.code == 2
    assert "Traceback" not in err
    return err.strip().splitlines()[-1]


# --- month, year and instant arguments: usage errors (exit 2) in one line ----------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("report", str(EXAMPLE), "--month", "1900-01"), "out of the supported range 1900-02 to 2999-11"),
        (("deadline", "--month", "2999-12"), "out of the supported range 1900-02 to 2999-11"),
        (("deadline", "--month", "0000-01"), "out of the supported range"),
        (("deadline", "--month", "2025-13"), "there is no month 13"),
        (("deadline", "--month", "2025-00"), "there is no month 0"),
        (("deadline", "--month", "2025-3"), "two digits: 2025-03"),
        (("deadline", "--month", "March"), "expected a month as YYYY-MM"),
        (("deadline", "--month", "٢٠٢٥-٠٣"), "expected a month as YYYY-MM"),  # Arabic-Indic digits match \d
        (("plugins", "--year", "3000"), "out of range"),
    ],
)
def test_odd_period_arguments_are_usage_errors(capsys, args, says):
    assert says in usage_error(capsys, *args)


@pytest.mark.parametrize(
    ("as_of", "says"),
    [
        ("2025-12-01", "no UTC offset: add one, e.g. 2025-12-01T00:00:00+08:00"),
        ("2025-12-01T10:00", "e.g. 2025-12-01T10:00+08:00"),
        ("yesterday", "is not an ISO 8601 date and time"),
        ("0001-01-01T00:00:00+08:00", "out of the supported years 1900-2999"),
        ("9999-12-31T23:59:59-12:00", "out of the supported years 1900-2999"),
    ],
)
def test_an_odd_as_of_is_one_clear_line(capsys, as_of, says):
    # exit 1 (an input the command cannot use), as before issue 17; one line, no traceback
    code, _out, err = run(capsys, "assess", str(EXAMPLE), "--year", "2025", "--as-of", as_of, "--lang", "en")
    assert code == 1 and "Traceback" not in err
    assert err.count("\n") == 1 and says in err


def test_the_edges_of_the_month_range_do_not_crash(capsys):
    code, _out, err = run(capsys, "deadline", "--month", "2999-11")
    assert "Traceback" not in err and code in (0, 1)
    code, _out, err = run(capsys, "report", str(EXAMPLE), "--month", "1900-02")
    assert "Traceback" not in err and code in (0, 1)


# --- odd input files --------------------------------------------------------------------------


def _problems(capsys, path, lang="en"):
    code, _out, err = run(capsys, "validate", str(path), "--lang", lang)
    assert code == 1 and "Traceback" not in err
    return err


def test_an_empty_file_says_it_is_empty(tmp_path, capsys):
    (tmp_path / "d.json").write_bytes(b"")
    assert "$: the file is empty" in _problems(capsys, tmp_path / "d.json")


def test_a_directory_as_file_is_one_line(tmp_path, capsys):
    err = _problems(capsys, tmp_path)
    assert "Is a directory" in err or "is a directory" in err


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),  # Notepad's "UTF-8 with BOM"
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),  # Windows line endings
        lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
    ],
)
def test_bom_and_crlf_files_load(tmp_path, capsys, encode):
    path = tmp_path / "d.json"
    path.write_bytes(encode(EXAMPLE.read_text(encoding="utf-8")))
    code, out, err = run(capsys, "validate", str(path), "--lang", "en")
    assert code == 0, err
    assert ": valid (" in out


def test_a_gbk_file_is_named_in_both_languages(tmp_path, capsys):
    path = tmp_path / "d.json"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    assert "looks like GBK" in _problems(capsys, path)
    assert "另存为" in _problems(capsys, path, "zh")


# --- --out on every printing command -----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("validate", str(EXAMPLE)),
        ("validate", str(EXAMPLE), "--format", "json"),
        ("deadline", "--month", "2025-03"),
        ("plugins",),
        ("plugins", "--format", "csv"),
        ("schema", "dataset"),
        ("explain", str(EXAMPLE), "--year", "2025", "--county", "379902"),
        ("assess", str(EXAMPLE), "--year", "2025", "--format", "csv", "--table", "counties"),
        ("report", str(EXAMPLE), "--month", "2025-03"),
        ("yearend", str(EXAMPLE), "--year", "2025", "--format", "json"),
    ],
)
def test_out_writes_the_printed_result_to_a_file(tmp_path, capsys, args):
    code, printed, _ = run(capsys, *args)
    assert code == 0
    target = tmp_path / "sub" / "result.txt"
    code, out, _ = run(capsys, *args, "--out", str(target))
    assert code == 0 and out == ""
    assert target.read_bytes().decode("utf-8") == printed  # bytes: CSV keeps its CRLF
    assert not list(target.parent.glob(".*.tmp"))


def test_validate_out_holds_the_problems(tmp_path, capsys):
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["points"][0]["enterprise"]["uscc"] = "123"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _out, err = run(capsys, "validate", str(bad), "--out", str(tmp_path / "problems.txt"), "--lang", "en")
    assert code == 1 and "1 problem(s)" in err
    assert ".enterprise.uscc:" in (tmp_path / "problems.txt").read_text(encoding="utf-8")


def test_out_refuses_a_directory_and_the_input_file(tmp_path, capsys):
    copy = tmp_path / "d.json"
    copy.write_bytes(EXAMPLE.read_bytes())
    code, _, err = run(capsys, "validate", str(copy), "--out", str(tmp_path))
    assert code == 1 and "这是一个文件夹；请给出文件名" in err
    code, _, err = run(capsys, "validate", str(copy), "--out", str(copy))
    assert code == 1 and "它就是输入文件" in err  # Chinese under the default --lang zh
    assert copy.read_bytes() == EXAMPLE.read_bytes()


def test_every_printing_command_has_out():
    from softenv_core.cli.main import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    printing = ("validate", "assess", "report", "yearend", "explain", "deadline", "plugins", "schema")
    for name in printing:
        assert "--out" in sub.choices[name]._option_string_actions, name


def test_a_missing_file_and_a_directory_in_chinese(tmp_path, capsys):
    assert "找不到文件" in _problems(capsys, tmp_path / "nope.json", "zh")
    assert "这是文件夹" in _problems(capsys, tmp_path, "zh")
    (tmp_path / "d.json").write_bytes(b"  \r\n")
    assert "$: 文件是空的" in _problems(capsys, tmp_path / "d.json", "zh")


# --- problems name their record, speak Chinese, and suggest the closest allowed value ----------


def _doc():
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _load_problems(doc):
    with pytest.raises(InputError) as info:
        loads_dataset(doc)
    return info.value.problems


def test_a_problem_names_its_record_by_id_after_the_position():
    doc = _doc()
    doc["points"][1]["enterprise"]["uscc"] = "123"
    doc["counties"][0]["kind"] = "市辖"
    problems = _load_problems(doc)
    pid, code = doc["points"][1]["id"], doc["counties"][0]["code"]
    assert any(p.startswith(f"$.points[1] ({pid}).enterprise.uscc: invalid") for p in problems), problems
    assert any(p.startswith(f"$.counties[0] ({code}).kind: ") for p in problems), problems


@pytest.mark.parametrize("bad_id", [5, None, "has space", "(x)", "-c", "x" * 65])
def test_an_id_that_is_itself_wrong_is_not_shown(bad_id):
    doc = _doc()
    doc["points"][0]["id"] = bad_id
    doc["points"][0]["enterprise"]["uscc"] = "123"
    problems = _load_problems(doc)
    assert any(p.startswith("$.points[0].enterprise.uscc: ") for p in problems), problems


def test_enum_errors_suggest_the_closest_value_in_both_languages():
    doc = _doc()
    doc["counties"][0]["kind"] = "市辖"  # a clerk types the label, short
    doc["points"][0]["enterprise"]["size"] = "Medum"
    doc["points"][1]["enterprise"]["size"] = "xyz"  # nothing close: no guess
    problems = _load_problems(doc)
    kind = next(p for p in problems if ".kind:" in p)
    assert kind.endswith("is not one of: district, county, county_city; did you mean 'district' (市辖区)?")
    assert zh_problem(kind).endswith(
        "不是允许的值（可选：district、county、county_city）；是否应为 'district'（市辖区）？"
    )
    size = next(p for p in problems if "'Medum'" in p)
    assert size.endswith("did you mean 'medium' (中型)?")
    assert "did you mean" not in next(p for p in problems if "'xyz'" in p)


_BROKEN = [
    ("points", 0, "enterprise", "uscc", "123"),
    ("points", 0, "enterprise", "uscc", "91110000600037341X"),
    ("points", 0, "enterprise", "size", "huge"),
    ("points", 0, "enterprise", "revenue_wan", -1),
    ("points", 0, "enterprise", "revenue_wan", "many"),
    ("points", 0, "enterprise", "industry", "ZZ"),
    ("points", 0, "county", None, "379999"),
    ("points", 0, "county", None, 379902),
    ("points", 0, "id", None, "has space"),
    ("points", 0, "level", None, 3),
    ("contacts", 0, "date", None, "2025-02-30"),
    ("contacts", 0, "date", None, "0001-01-01"),
    ("contacts", 0, "reached", None, "yes"),
    ("contacts", 0, "point", None, "nobody"),
    ("contacts", 0, "method", None, "email"),
    ("contacts", 0, "bogus", None, 1),
    ("reports", 0, "submitted_at", None, "2025-02-02T09:00:00"),
    ("reports", 0, "submitted_at", None, "2025-02-02T09:00:00+15:00"),
    ("reports", 0, "submitted_at", None, "soon"),
    ("reports", 0, "submitted_at", None, "2025-01-20T09:00:00+08:00"),
    ("reports", 0, "month", None, "2025-13"),
    ("reports", 0, "month", None, 202501),
    ("reports", 0, "nothing_to_report", None, False),
    ("counties", 0, "name", None, ""),
    ("counties", 0, "name", None, "县" * 300),
]


@pytest.mark.parametrize("where", _BROKEN, ids=lambda w: ".".join(str(x) for x in w if x is not None))
def test_every_loader_message_has_a_chinese_wording_and_keeps_its_path(where):
    doc = _doc()
    name, i, field, sub, value = where
    target = doc[name][i] if sub is None else doc[name][i][field]
    target[field if sub is None else sub] = value
    for problem in _load_problems(doc):
        path, _, message = problem.partition(": ")
        assert translated(message), f"no Chinese wording for: {problem}"
        zh = zh_problem(problem)
        assert zh.partition(": ")[0] == path  # the machine-readable part is the same
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.partition(": ")[2]), zh


def test_document_level_messages_have_chinese_wordings():
    for text in (b"", b"[]", b"{", b'{"a": 1, "a": 2}', b'{"x": NaN}', b"\xff{}", b'{"schema": "x", "version": 9}'):
        with pytest.raises(InputError) as info:
            loads_dataset(text)
        for problem in info.value.problems:
            assert translated(problem.partition(": ")[2]), problem


def test_validate_in_chinese_prints_chinese_messages_with_ids(tmp_path, capsys):
    doc = _doc()
    doc["points"][0]["enterprise"]["uscc"] = "123"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _out, err = run(capsys, "validate", str(bad), "--lang", "zh")
    assert code == 1
    assert f"$.points[0] ({doc['points'][0]['id']}).enterprise.uscc: 长度错误：应为 18 位，现为 3 位" in err
    assert "1 个问题" in err
    code, _out, err = run(capsys, "assess", str(bad), "--year", "2025", "--lang", "zh")
    assert code == 1 and "输入中有 1 个问题" in err and "长度错误" in err


_IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}", fullmatch=True)


@settings(max_examples=examples(60), deadline=None)
@given(record_id=_IDS, rest=st.sampled_from([".enterprise.uscc", ".items[2].point", ""]), message=st.text(max_size=30))
def test_record_ids_never_change_where_the_path_ends(record_id, rest, message):
    problem = f"$.points[0]{rest}: {message}"
    shown = with_record_ids([problem], {"points": [{"id": record_id}]})[0]
    assert shown == f"$.points[0] ({record_id}){rest}: {message}"
    assert shown.partition(": ")[0] == f"$.points[0] ({record_id}){rest}"  # a program's split still works
    assert without_record_ids(shown) == problem
    assert zh_problem(shown).partition(": ")[0] == shown.partition(": ")[0]


def test_file_results_refuse_a_directory_and_the_input_before_any_work(tmp_path, capsys):
    pytest.importorskip("openpyxl")
    copy = tmp_path / "d.json"
    copy.write_bytes(EXAMPLE.read_bytes())
    for args in (
        ("export", str(copy), "--out", str(tmp_path)),
        ("report", str(copy), "--month", "2025-03", "--format", "docx", "--out", str(tmp_path)),
        ("assess", str(copy), "--year", "2025", "--format", "xlsx", "--out", str(copy)),
    ):
        code, _out, err = run(capsys, *args)
        assert code == 1 and "Traceback" not in err and ".tmp" not in err, err
        assert "这是一个文件夹；请给出文件名" in err or "它就是输入文件" in err
    assert copy.read_bytes() == EXAMPLE.read_bytes()
