"""Section 七 of the monitoring report (核对提示, 可能漏报) as Markdown, and the summary's count of
its flags as the Markdown and the Word report say it, split from render.monitoring_sections.

A county is not given a flag for a complaint its point made without consent, and that flag is
not counted: a count of them told which of its points complained (docs/privacy.md, *Where the
audience applies*). Its count is said beside the fixed sentence every county view carries
(analyses.redaction_report.UNCOUNTED_FLAGS), so that "0条" is not read as "your zero report
checked out" (auditor a70 01). A reader never given section 七 (the public, a department, a
point: analyses.report_inputs.ReportInputs.owns) is told no count of it: "0条" was false for
them in a month the city office had flags (auditor a70 02).
"""

from __future__ import annotations

from softenv_core.analyses.monitoring_report import MonitoringReport
from softenv_core.analyses.redaction_report import UNCOUNTED_FLAGS
from softenv_core.analyses.report_reconciliation import reason_en
from softenv_core.render.escape import md_inline
from softenv_core.render.report_format import _Doc

#: UNCOUNTED_FLAGS in the English report.
UNCOUNTED_FLAGS_EN = (
    "a flag for a complaint is listed only where the complainant consented to disclosure; one not listed is not counted"
)


def flags_clause(r: MonitoringReport, zh: bool, *, word: bool = False) -> str:
    """The summary's clause counting section 七's flags, its separator first: the Markdown's
    ``；可能漏报提示：1条`` (``; possible omissions: 1``), the Word report's ``，可能漏报提示1条``; a
    county's with the fixed sentence after it in brackets; "" for a reader never given section 七."""
    n = len(r.reconciliation)
    kind = r.audience.partition(":")[0]
    if kind not in ("city", "county"):
        return ""
    county = kind == "county"
    if not zh:
        return f"; possible omissions: {n}" + (f" ({UNCOUNTED_FLAGS_EN})" if county else "")
    said = f"，可能漏报提示{n}条" if word else f"；可能漏报提示：{n}条"
    return said + (f"（{UNCOUNTED_FLAGS}）" if county else "")


def reconciliation_section(d: _Doc) -> list[str]:
    """Section 七: possible omissions from the county reports."""
    r, zh = d.report, d.zh
    names = d.names
    out: list[str] = []
    if r.reconciliation:
        out += ["", "## 七、核对提示（可能漏报）" if zh else "## 7. Reconciliation (possible omissions)", ""]
        # A province's month has thousands of flags with a few reasons and counties between
        # them: each of those texts is escaped once (the same text escapes the same way).
        reasons: dict[str, str] = {}
        colon = "：" if zh else ": "
        for f in r.reconciliation:
            said = f.contact or f.complaint
            # A county's flag for a complaint has no reference (withheld): the point follows the
            # colon directly, not after a space left for it (auditor a79 01: ``乙区： (P5)``).
            who = f"{' ' if said else ''}({md_inline(f.point)})" if f.point else ""
            county = f"{f.county} {names.get(f.county, '')}".rstrip()
            line = f"{county}{colon}{said}"
            reason = reasons.get(f.reason)
            if reason is None:
                reason = reasons[f.reason] = md_inline(f.reason if zh else reason_en(f.reason))
            out.append(f"- {md_inline(line)}{who} — {reason}")
    return out


__all__ = ["UNCOUNTED_FLAGS_EN", "flags_clause", "reconciliation_section"]
