"""The commands an office uses, as the parser knows them (cli/main.py builds it): their options,
each said in Chinese first, the English after it (cli/help_format.py says why)."""

from __future__ import annotations

import argparse
import re
from typing import Any

from softenv_core.cli.arguments import Parser, common_options, month_arg, named_arg, year_arg


def command(sub: argparse._SubParsersAction[Parser], name: str, said: str, **kw: Any) -> Parser:
    """A command whose one-line help (in ``softenv --help``) is also its own page's description."""
    # On its own page the English goes on a line of its own (the description is not wrapped).
    return sub.add_parser(name, help=said, description=_ENGLISH_LAST.sub(r"\n\1", said), **kw)


#: The English after a help's Chinese: the last bracket, ending the text.
_ENGLISH_LAST = re.compile(r" (\([^()]*\))$")


def add_data_commands(sub: argparse._SubParsersAction[Parser], common: Parser) -> None:
    """demo, init, import, export and validate: making and checking dataset files."""
    p = command(
        sub,
        "demo",
        "演示：生成示范市的演示数据，校验并考核全年 (build the demo city, validate it and assess its year)",
        parents=[common],
    )
    p.add_argument("--year", type=year_arg, default=2025, help="演示的年度，默认 2025 (the year, default 2025)")
    p.add_argument("--seed", type=int, default=20220301, help="随机种子：同一种子得到同样的数据 (the data's seed)")
    p.add_argument(
        "--out",
        metavar="DIR",
        help="把数据集、考核结果、各月报告和年终结果写到这个文件夹 "
        "(write dataset.json, assessment.json, summary.txt, reports/, yearend.* here)",
    )
    p.set_defaults(func="cmd_demo")

    p = command(
        sub,
        "init",
        "新建：起步工作簿 软环境监测点.xlsx 和 示例数据.json，每类记录一条示例 "
        "(a starter workbook and 示例数据.json, one example of every record)",
    )
    p.add_argument("dir", nargs="?", default=".", metavar="DIR", help="写到这个文件夹，默认当前文件夹 (the folder)")
    p.add_argument("--force", action="store_true", help="文件已存在时覆盖 (replace the files if they exist)")
    p.add_argument(
        "--empty",
        action="store_true",
        help="工作簿不含示例行，只有表头和下拉选项 (the workbook without example rows: headers and drop-downs only)",
    )
    p.set_defaults(func="cmd_init")

    p = command(
        sub,
        "import",
        "导入工作簿：把各县区填好的工作簿合成一个数据集文件 (office workbooks, one per county, into one dataset file)",
        parents=[common],
    )
    p.add_argument("books", nargs="+", metavar="BOOK.xlsx", help="填好的工作簿，可以多个 (the workbooks)")
    p.add_argument(
        "--into", metavar="FILE", help="把工作簿的记录加进这个已有的数据集 (add the records to this existing dataset)"
    )
    add_out(p, "要写的数据集文件，默认为 --into 的文件 (the dataset file to write, default: the --into file)")
    p.set_defaults(func="cmd_import")
    _add_export_and_validate(sub, common)


def _add_export_and_validate(sub: argparse._SubParsersAction[Parser], common: Parser) -> None:
    """export and validate: a dataset file as a workbook, and checked."""
    p = command(
        sub,
        "export",
        "导出工作簿：把数据集写成工作簿（市软建办的全部数据） "
        "(a dataset as the office workbook: the city office's whole data)",
        parents=[common],
    )
    p.add_argument("file", help="数据集文件 (the dataset file, .json)")
    add_out(p, "要写的工作簿 .xlsx (the workbook to write)", required=True)
    p.set_defaults(func="cmd_export")

    p = command(
        sub,
        "validate",
        "检查数据：检查数据集文件，每个问题写明位置 $.path (check a dataset file; every problem as $.path: message)",
        parents=[common],
    )
    p.add_argument("file", help="数据集文件 (the dataset file, .json)")
    p.set_defaults(func="cmd_validate")
    add_out(p)


def _add_as_of(p: argparse.ArgumentParser) -> None:
    """``--as-of`` of assess and explain (parsed by cli.common.as_of_arg when the command runs)."""
    p.add_argument(
        "--as-of",
        help="按哪个时刻考核，如 2026-01-06T00:00:00+08:00，默认为最后一个截止时间之后 "
        "(the instant assessed, ISO 8601 with offset; default: after the last deadline)",
    )


#: The dataset file every result command reads.
_FILE = "数据集文件 (the dataset file, .json)"
_YEAR = "年度，如 2025 (the year)"
_MONTH = "月份，如 2025-03 或 2025年3月 (the month)"


def add_result_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    """assess, report and yearend: the results, each with its own --format choices."""
    p = command(
        sub,
        "assess",
        "年度考核：考核一年的县区和监测点 (assess a year: counties and points)",
        parents=[common_options()],
    )
    p.add_argument("file", help=_FILE)
    p.add_argument("--year", type=year_arg, required=True, help=_YEAR)
    _add_as_of(p)
    add_audience(p)
    p.set_defaults(func="cmd_assess")
    p._option_string_actions["--format"].choices = ("text", "json", "csv", "xlsx")
    p.add_argument(
        "--table",
        choices=("points", "counties"),
        default="points",
        help="--format csv 输出哪张表：监测点 points 或县区 counties (the table of --format csv)",
    )
    add_out(p)

    p = command(
        sub,
        "report",
        "月度监测报告：写成 Markdown、JSON 或 Word (docx) (the monthly monitoring report as Markdown, JSON or Word)",
        parents=[common_options()],
    )
    p.add_argument("file", help=_FILE)
    p.add_argument("--month", type=month_arg, required=True, metavar="YYYY-MM", help=_MONTH)
    p.add_argument(
        "--as-of",
        help="报告以哪个时刻为准（月中报告：只计到那时已知的记录），如 2025-03-20T17:00:00+08:00；"
        "默认为该月最后一个截止时间之后 (the instant the report speaks for, ISO 8601 with offset; "
        "default: after the month's last deadline)",
    )
    add_audience(p)
    p.set_defaults(func="cmd_report")
    p._option_string_actions["--format"].choices = ("text", "json", "docx")
    add_out(p)

    p = command(
        sub,
        "yearend",
        "年终工作：万人评议结果、名册缺口、调整、备案、表彰、专项调研 "
        "(the 万人评议 results, roster gaps, adjustment, filings, commendation, topics)",
        parents=[common_options()],
    )
    p.add_argument("file", help=_FILE)
    p.add_argument("--year", type=year_arg, required=True, help=_YEAR)
    p.add_argument(
        "--as-of",
        help="年终结果以哪个时刻为准，晚于它的记录不读；默认为最后一个截止时间之后 "
        "(the instant the year end speaks for, ISO 8601 with offset; records dated later are not read)",
    )
    add_audience(p)
    p.set_defaults(func="cmd_yearend")
    p._option_string_actions["--format"].choices = ("text", "json", "docx", "xlsx")
    add_out(p)


def add_office_commands(sub: argparse._SubParsersAction[Parser], common: Parser) -> None:
    """explain and deadline: the office's questions about one score or one report; calendar new:
    the next year's holiday arrangement as the file --calendar reads."""
    _add_calendar_command(sub)
    p = command(
        sub,
        "explain",
        "得分说明：一个得分或结论背后的每一项和每个条件 (every item and condition behind a score or decision)",
        parents=[common],
    )
    p.add_argument("file", help=_FILE)
    p.add_argument("--year", type=year_arg, required=True, help=_YEAR)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--point", metavar="ID", type=named_arg("point id", "监测点编号"), help="监测点编号 (a point's id)"
    )
    who.add_argument(
        "--county", metavar="CODE", type=named_arg("county code", "县区代码"), help="县区代码 (a county's code)"
    )
    _add_as_of(p)  # assess's: a figure of `assess --as-of` is explained at the same instant
    add_audience(p)
    p.set_defaults(func="cmd_explain")
    add_out(p)

    p = command(
        sub,
        "deadline",
        "月报截止：某月月报的截止时间及依据 (the due moment of a monthly report, and why)",
        parents=[common],
    )
    p.add_argument("--month", type=month_arg, required=True, metavar="YYYY-MM", help=_MONTH)
    p.add_argument(
        "--county", metavar="CODE", help="县区代码：按该县区插件的截止规则 (a county code: its plugin's deadline)"
    )
    p.add_argument("--dataset", metavar="FILE", help="从这个数据集取县区 (take the county from this dataset)")
    p.set_defaults(func="cmd_deadline")
    add_out(p)


def add_audience(p: argparse.ArgumentParser) -> None:
    # The CLI's users are the city office: its complete view is the default (docs/privacy.md).
    p.add_argument(
        "--audience",
        default="city",
        metavar="WHO",
        help="阅读范围：city（市软建办全文，默认）、county:县区代码或县区名称（如 county:青山县）、"
        "department:部门编号、point:监测点编号 或 public；决定各种格式中显示的内容 "
        "(who the output is for: city, the default, names complainants; county:CODE or county:NAME, "
        "department:ID, point:ID or public)",
    )


def _add_calendar_command(sub: argparse._SubParsersAction[Parser]) -> None:
    """``softenv calendar new``: the notice's days typed, the calendar file written (clerk c63 05)."""
    p = command(
        sub,
        "calendar",
        "节假日安排文件：把国务院办公厅的放假通知写成 --calendar 读的文件 (write a year's official arrangement)",
    )
    cal = p.add_subparsers(dest="calendar_command", required=True, parser_class=Parser, title="命令 (commands)")
    k = command(
        cal,
        "new",
        "按通知写一年的节假日安排文件 (write the calendar file of one year's notice; docs/calendar.md)",
    )
    k.add_argument("--year", type=year_arg, required=True, help="安排的年份，如 2027 (the arrangement's year)")
    k.add_argument(
        "--holiday",
        action="append",
        metavar="DAYS",
        help="放假日期：一天 2027-01-01 或一段 2027-02-10..2027-02-16，可写多次 "
        "(days off: a day or a range A..B, repeatable)",
    )
    k.add_argument(
        "--workday",
        action="append",
        metavar="DAYS",
        help="调休上班的星期六、星期日（补班），可写多次 (weekend days worked, repeatable)",
    )
    k.add_argument(
        "--source", required=True, metavar="文号", help="通知的文号，如 国办发明电〔2026〕X号 (the notice's number)"
    )
    k.add_argument("--lang", choices=("zh", "en"), default="zh", help="提示的语言，默认中文 zh (language of messages)")
    k.set_defaults(func="cmd_calendar_new")
    add_out(k, "写到这个文件，如 2027.json (the calendar file to write)", required=True)


def add_out(
    p: argparse.ArgumentParser, text: str = "写到这个文件 (write the output to FILE, atomically)", **kw: bool
) -> None:
    """``--out FILE`` and its ``--force``: every command that writes a file keeps an existing one
    unless told to replace it (cli/out_file.py; clerk c51 04), as import and export did."""
    # Another change may give every command --out: add it only where it is not there yet.
    if "--out" not in p._option_string_actions:
        p.add_argument("--out", metavar="FILE", help=text, **kw)  # type: ignore[arg-type]
    if "--force" not in p._option_string_actions:
        p.add_argument(
            "--force", action="store_true", help="--out 的文件已存在时覆盖 (replace the --out file if it exists)"
        )
    p.set_defaults(out_is_file=True)


__all__ = ["add_audience", "add_data_commands", "add_office_commands", "add_out", "add_result_commands", "command"]
