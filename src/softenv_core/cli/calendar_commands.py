"""``softenv calendar new``: a year's official arrangement (国务院办公厅 节假日安排) written as the
calendar file ``--calendar`` reads, from the notice's days typed on the command line.

A clerk whose year end stops for want of the next year's arrangement (December's report falls
due in January) had only a JSON file written by hand after docs/calendar.md (clerk c63 05). The
file the command writes is read back by the same reader ``--calendar`` uses
(io/calendar_files.load_arrangements) before it is written; the days are checked here first, so
that a slip is told in Chinese, naming the option and the day, as the notice's reader thinks
of it (a day of another year, a weekday among the 补班 days, a day given as both).
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, timedelta

from softenv_core.cli.common import emit
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.errors import SoftenvError
from softenv_core.io.calendar_files import calendar_text
from softenv_core.render.escape import terminal
from softenv_core.workdays.arrangement import LATE_DECEMBER_FROM, YearArrangement, late_december

#: The longest run of days one ``--holiday A..B`` may give: the longest 放假 of a notice is
#: 9 days (春节 2024-02-10..02-18); a range of weeks is a typed month (2027-01-01..2027-10-03).
LONGEST_RANGE = 15

_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
#: A day or a range as the command takes it: 2027-01-01, 2027-01-01..2027-01-03 (or 至, ~).
_RANGE = re.compile(r"^\s*(\S+?)\s*(?:(?:\.\.|至|~|～)\s*(\S+)\s*)?$")


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    raise SoftenvError(
        f"{option} {text!r}: not a day; write YYYY-MM-DD (2027-01-01), a run of days as 2027-02-10..2027-02-16",
        zh=f"{option} 的 {text!r} 不是日期：请写 YYYY-MM-DD（如 2027-01-01），连续几天写 2027-02-10..2027-02-16",
    )


def days_of(values: list[str], option: str) -> set[date]:
    """The days ``--holiday`` or ``--workday`` gives: each value a day, a range ``A..B`` (both
    included), or several of them separated by commas; else SoftenvError in both languages."""
    out: set[date] = set()
    for value in values:
        for part in re.split(r"[,，、]", value):
            if not part.strip():
                continue
            m = _RANGE.match(part)
            if m is None:  # two ranges written together, 2027-01-01..2027-01-02..2027-01-03
                raise SoftenvError(
                    f"{option} {part!r}: write a day or a range A..B",
                    zh=f"{option} 的 {part!r} 写法不对：请写一天或一段（A..B）",
                )
            first = _day(m[1], option)
            last = first if m[2] is None else _day(m[2], option)
            if last < first:
                raise SoftenvError(
                    f"{option} {part.strip()!r}: {last} is before {first}; write the first day first",
                    zh=f"{option} 的 {part.strip()!r}：{last} 早于 {first}，请先写起始日",
                )
            if (last - first).days >= LONGEST_RANGE:
                raise SoftenvError(
                    f"{option} {part.strip()!r}: {(last - first).days + 1} days; a notice's run of days is at most "
                    f"{LONGEST_RANGE} (a typed month?)",
                    zh=f"{option} 的 {part.strip()!r} 共 {(last - first).days + 1} 天：通知中连续放假不会超过 "
                    f"{LONGEST_RANGE} 天，请核对月份",
                )
            out.update(first + timedelta(days=i) for i in range((last - first).days + 1))
    return out


def arrangement_of(year: int, holidays: set[date], workdays: set[date], source: str) -> YearArrangement:
    """The arrangement the options give, each slip refused in both languages, by the day."""
    if not source.strip():
        raise SoftenvError(
            "--source: give the notice's number (国办发明电〔2026〕X号)",
            zh="--source 不能为空：请写通知的文号（如 国办发明电〔2026〕X号）",
        )
    if not holidays:
        raise SoftenvError(
            "--holiday: give the days off of the notice (元旦 at least)",
            zh="请用 --holiday 写出通知中的放假日期（至少有元旦）",
        )
    for option, days in (("--holiday", holidays), ("--workday", workdays)):
        other = sorted(d for d in days if d.year != year and not (d.year == year - 1 and late_december(d)))
        if other:
            shown = "、".join(d.isoformat() for d in other)
            raise SoftenvError(
                f"{option}: {', '.join(d.isoformat() for d in other)} not in {year} (nor in the last days of "
                f"December {year - 1}, from the {LATE_DECEMBER_FROM}th, which its notice may move)",
                zh=f"{option} 的 {shown} 不在 {year} 年：{year} 年的通知只安排本年的日期"
                f"（以及 {year - 1} 年 12 月 {LATE_DECEMBER_FROM} 日以后可能调整的日子），请核对年份",
            )
    weekdays = sorted(d for d in workdays if d.weekday() < 5)
    if weekdays:
        shown = "、".join(f"{d.isoformat()}（{_WEEKDAYS_ZH[d.weekday()]}）" for d in weekdays)
        raise SoftenvError(
            f"--workday: {', '.join(d.isoformat() for d in weekdays)} a weekday; --workday lists the Saturdays "
            "and Sundays worked (补班) (were --holiday and --workday swapped?)",
            zh=f"--workday 的 {shown}是工作日：--workday 只写调休上班的星期六、星期日（补班），"
            "星期一至五本来就上班；请核对是否把放假和补班写反了",
        )
    both = sorted(holidays & workdays)
    if both:
        raise SoftenvError(
            f"{', '.join(d.isoformat() for d in both)} given as both --holiday and --workday",
            zh=f"{'、'.join(d.isoformat() for d in both)} 同时写在 --holiday 和 --workday 中：一天不能既放假又补班",
        )
    return YearArrangement(year, holidays=holidays, workdays=workdays, reference=source.strip())


def _runs(days: set[date]) -> str:
    """The days as runs a clerk compares with the notice: ``2027-01-01 至 2027-01-03、2027-02-07``."""
    out: list[str] = []
    ordered = sorted(days)
    start = prev = ordered[0] if ordered else None
    for d in [*ordered[1:], None]:
        if d is not None and prev is not None and d - prev == timedelta(days=1):
            prev = d
            continue
        if start is not None and prev is not None:
            out.append(start.isoformat() if start == prev else f"{start.isoformat()} 至 {prev.isoformat()}")
        start = prev = d
    return "、".join(out) or "无"


def cmd_calendar_new(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    """Write ``--out`` with the year's arrangement, and say the days on stderr to check."""
    holidays = days_of(args.holiday or [], "--holiday")
    workdays = days_of(args.workday or [], "--workday")
    arrangement = arrangement_of(args.year, holidays, workdays, args.source)
    emit(calendar_text([arrangement]), args)
    off = sum(d.weekday() < 5 for d in holidays)
    out = args.out if args.out != "-" else None  # printed: the clerk saves it herself
    if args.lang == "zh":
        sys.stderr.write(
            f"  {args.year} 年（{terminal(arrangement.reference)}）：放假 {_runs(holidays)}（其中工作日 {off} 天）；"
            f"补班 {_runs(workdays)}。请与通知逐日核对"
            + (f"；以后的命令加 --calendar {terminal(out)}" if out else "")
            + "\n"
        )
    else:
        sys.stderr.write(
            f"  {args.year} ({terminal(arrangement.reference)}): {len(holidays)} days off ({off} weekdays), "
            f"{len(workdays)} weekend days worked; check them against the notice"
            + (f", then give --calendar {terminal(out)}" if out else "")
            + "\n"
        )
    return 0


__all__ = ["LONGEST_RANGE", "arrangement_of", "cmd_calendar_new", "days_of"]
