"""Issue 17, the clerk's side: odd command-line input gives one clear line, never a traceback;
every printing command takes --out; validation problems name the record and speak Chinese."""

import json
from pathlib import Path

import pytest

from softenv_core.cli.main import main

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
        (("assess", str(EXAMPLE), "--year", "2025", "--as-of", "2025-12-01"), "2025-12-01T00:00:00+08:00"),
        (("assess", str(EXAMPLE), "--year", "2025", "--as-of", "yesterday"), "expected an ISO 8601 time"),
        (("assess", str(EXAMPLE), "--year", "2025", "--as-of", "0001-01-01T00:00:00+08:00"), "1900-2999"),
    ],
)
def test_odd_period_arguments_are_usage_errors(capsys, args, says):
    assert says in usage_error(capsys, *args)


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
    code, out, err = run(capsys, "validate", str(path))
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
    assert code == 1 and "it is a directory" in err
    code, _, err = run(capsys, "validate", str(copy), "--out", str(copy))
    assert code == 1 and "it is the input file" in err
    assert copy.read_bytes() == EXAMPLE.read_bytes()


def test_every_printing_command_has_out():
    from softenv_core.cli.main import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    printing = ("validate", "assess", "report", "yearend", "explain", "deadline", "plugins", "schema")
    for name in printing:
        assert "--out" in sub.choices[name]._option_string_actions, name
