"""The errors a county clerk meets first, said in Chinese with the way out (clerk findings 06
and 16): a mistake in the city's own parameter files is the core's, not the first plugin's to
load; a plugin that fails shows its inner problem a line each; a year without its official
arrangement names the options by their flags."""

from __future__ import annotations

import pytest

from softenv_core.cli.output import error_text
from softenv_core.engine import manager
from softenv_core.errors import CalendarDataMissing, InputError, PluginLoadError


def test_a_mistake_in_the_city_parameter_files_is_reported_as_the_core_s_before_any_plugin_loads(monkeypatch):
    def broken() -> None:
        raise InputError(
            ["$.parameters[6].values[1]: unknown field(s) reference"], "softenv_core/rules/city/parameters/duty.json"
        )

    loaded: list[str] = []
    monkeypatch.setattr(manager, "baseline_parameters", broken)
    monkeypatch.setattr(manager.metadata, "entry_points", lambda group: loaded.append(group) or [])
    with pytest.raises(InputError) as info:
        manager.SoftenvPluginManager().load_entry_points()
    assert not isinstance(info.value, PluginLoadError)
    assert info.value.source.endswith("duty.json")
    assert loaded == []  # refused before any plugin was looked for, let alone blamed


def _load_error() -> PluginLoadError:
    inner = InputError(["$.parameters[0].value: expected a number", "$.parameters[1].name: missing"], "duty.json")
    try:
        try:
            raise inner
        except InputError as exc:
            raise PluginLoadError("baihe", "softenv-county-baihe", "1.0.0", f"InputError: {exc}") from exc
    except PluginLoadError as err:
        return err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plugin_that_fails_to_load_shows_its_inner_problems_a_line_each(lang):
    text = error_text(_load_error(), lang)
    lines = text.splitlines()
    assert "\\n" not in text  # not one line with its newlines escaped
    assert "softenv-county-baihe 1.0.0" in lines[0]
    assert any(line.strip() == "$.parameters[0].value: expected a number" for line in lines)
    assert any(line.strip().startswith("$.parameters[1].name: missing") for line in lines)
    if lang == "zh":
        assert lines[0].startswith("插件 'baihe'") and "无法加载" in lines[0]
        assert "SOFTENV_PLUGINS=a,b" in text


def test_a_year_without_its_official_arrangement_names_the_options_by_their_flags_in_chinese():
    text = error_text(CalendarDataMissing(2027, (2004, 2026)), "zh")
    assert text.startswith("尚无 2027 年的国务院节假日安排")
    for flag in ("--as-of 20", "--provisional", "--calendar"):
        assert flag in text
    assert "WorkCalendar" not in text  # a Python name means nothing to a clerk
    assert "WorkCalendar" in error_text(CalendarDataMissing(2027, (2004, 2026)), "en")  # the library's own words


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("duplicate report ('379902', '2025-01') (first at 月报!A3)", "379902 2025-01 重复（首次出现在 月报!A3）"),
        (
            "91379902MA00000153 is also the credit code of 监测点!A3.enterprise.uscc (P379902-001), designated "
            "2025-01-01–…, overlapping this point's 2025-02-01–…: an enterprise is one point at a time",
            "91379902MA00000153 也是 监测点!A3（P379902-001）的统一社会信用代码，"
            "其确定期间 2025-01-01 至今 与本监测点的 2025-02-01 至今 重叠",
        ),
        (
            "accepted at 2025-03-13T09:00:00+08:00 is earlier than the event before it, "
            "received at 2025-03-13T10:00:30+08:00",
            "受理时间 2025-03-13 09:00 早于前一环节（收到，2025-03-13 10:00:30）",  # as typed (clerk c58 02)
        ),
    ],
)
def test_the_checks_a_clerk_meets_on_import_are_said_in_chinese(message, said):
    """Clerk finding 09: a duplicated credit code, steps out of order and a duplicated month were
    English or showed a Python tuple."""
    from softenv_core.io.workbook_messages import zh_message

    assert zh_message(message).startswith(said)


def test_an_office_file_that_cannot_be_written_is_named_as_asked_not_by_its_temporary_name(tmp_path, capsys):
    """Clerk finding 09: `cannot write /share/.x.docx.f8whhivp.tmp` named a file the clerk never asked for."""
    from softenv_core import dataset_json
    from softenv_core.cli.main import main
    from softenv_core.testing import small_dataset

    data = tmp_path / "d.json"
    data.write_text(dataset_json(small_dataset(2025)), encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "report.docx"  # its "folder" is a file: nothing can be written there
    assert main(["report", str(data), "--month", "2025-03", "--format", "docx", "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"不能写入 {target}:" in err and ".tmp" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["report", "x.json"], "缺少必需的参数 --month (the following arguments are required: --month)"),
        (["assess", "x.json", "--year", "2025", "--format", "pdf"], "参数 --format 的值 'pdf' 不在可选范围内（可选："),
        (["assess", "x.json", "--year", "abc"], "参数 --year: 应为整数，如 2025，而不是 'abc' (argument --year:"),
    ],
)
def test_a_usage_error_is_said_in_chinese_with_argparse_s_english_after_it(argv, said, capsys):
    from softenv_core.cli.main import main

    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert said in capsys.readouterr().err


@pytest.mark.parametrize(
    ("notice", "said"),
    [
        (
            "plugin 'baihe' serves county 379922, which the dataset does not have",
            "插件 'baihe' 所对应的县区 379922 不在本数据集中",
        ),
        (
            "county 379999 owes no month of 2025 (it does not exist while the baseline is in force): not assessed",
            "县区 379999 在 2025 年没有应报月份",
        ),
        (
            "open: no report known at as_of, but a report submitted by the instant named still counts as late "
            "(迟报, within compliance.late_grace_workdays), not missing: "
            "379902 2025-12 (until 2026-01-08T23:59:59+08:00); "
            "re-assess after it for the month's final status",
            "尚可补报：截至评估时点未收到月报，在所列时刻前补报仍按迟报计（不按未报）："
            "379902 2025-12（2026-01-08 23:59 前）",
        ),
    ],
)
def test_the_assessment_s_notices_are_said_in_chinese_in_the_clerk_s_summary(notice, said):
    from softenv_core.render.notices import zh_notice

    assert zh_notice(notice).startswith(said)


@pytest.mark.parametrize(
    ("out", "said"),
    [
        ("{blocker}/a.md", "路径中有一段不是文件夹，而是文件"),  # a text output whose folder is a file
        ("{tmp}", "这是一个文件夹；请给出文件名"),  # a folder given as the output file
    ],
)
def test_a_text_output_that_cannot_be_written_says_why_in_chinese(tmp_path, capsys, out, said):
    """Left over from the clerk's finding 09: a Markdown or JSON output refused by write_atomic
    said the system's English reason only ('cannot write …: Not a directory')."""
    from softenv_core import dataset_json
    from softenv_core.cli.main import main
    from softenv_core.testing import small_dataset

    data = tmp_path / "d.json"
    data.write_text(dataset_json(small_dataset(2025)), encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    target = out.format(blocker=blocker, tmp=tmp_path / "outdir")
    (tmp_path / "outdir").mkdir()
    assert main(["report", str(data), "--month", "2025-03", "--out", target]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"softenv: error: 不能写入 {target}:") and said in err, err
    assert "Traceback" not in err and ".tmp" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "{data}", "--out", "{blocker}/a.xlsx"],
        ["report", "{data}", "--month", "2025-03", "--format", "docx", "--out", "{blocker}/a.docx"],
        ["keys", "add", "--keys", "{blocker}/keys.json", "--audience", "city", "amr"],
    ],
)
def test_an_office_file_or_keys_file_under_a_file_says_why_in_chinese(tmp_path, capsys, argv):
    """A Word or Excel file, or the keys file, whose folder is a file: mkdir's FileExistsError
    said 'File exists' (x29), as if the file asked for were there already."""
    from softenv_core import dataset_json
    from softenv_core.cli.main import main
    from softenv_core.testing import small_dataset

    data = tmp_path / "d.json"
    data.write_text(dataset_json(small_dataset(2025)), encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    assert main([a.format(data=data, blocker=blocker) for a in argv]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"softenv: error: 不能写入 {blocker}/"), err
    assert "路径中有一段不是文件夹" in err[0] and "File exists" not in err[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_fault_reads_the_same_for_a_text_output_an_office_file_and_the_keys_file(tmp_path, capsys, lang):
    """A folder that is a file, met by a Markdown report, an Excel export, a Word report and the
    keys file: they said it in two wordings (不能写入 x:路径中有一段不是文件夹, 而是文件 and 无法写入 x:
    路径中有一段不是文件夹 (Not a directory)); one function tells every write failure now."""
    from softenv_core import dataset_json
    from softenv_core.cli.main import main
    from softenv_core.testing import small_dataset

    data = tmp_path / "d.json"
    data.write_text(dataset_json(small_dataset(2025)), encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    runs = {
        "a.md": ["report", str(data), "--month", "2025-03", "--lang", lang, "--out"],
        "a.xlsx": ["export", str(data), "--lang", lang, "--out"],
    }
    if lang == "zh":  # the Word report is Chinese only; keys has no --lang (an operator's command)
        runs["a.docx"] = ["report", str(data), "--month", "2025-03", "--format", "docx", "--out"]
        runs["keys.json"] = ["keys", "add", "--audience", "city", "amr", "--keys"]
    said = set()
    for name, argv in runs.items():
        assert main([*argv, str(blocker / name)]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1, err
        said.add(err[0].replace(name, "NAME"))
    expected = {
        "zh": f"softenv: error: 不能写入 {blocker}/NAME:路径中有一段不是文件夹，而是文件 (Not a directory)",
        "en": f"softenv: error: cannot write {blocker}/NAME: a part of its folder is a file (Not a directory)",
    }
    assert said == {expected[lang]}
