"""The complaint limits behind a county's due days in `softenv explain --county` (投诉办理时限依据).

A complaint's due day comes from the limits of the county of the department complained about:
the county plugin's own (``softenv_complaint_sla``), else the city's. Their ``reference`` and
``params`` reached no output, so a clerk reading a due day could not tell whose limit set it
(plugin author p42; DESIGN principle 2). The county's explanation lists them once, as it lists
the rules behind its deadlines (render.deadline_basis): read three times (a kind each) for the
explanation, never carried on each of the year's complaint statuses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from softenv_core.engine.ruletypes import ComplaintSla
from softenv_core.model.complaints import ComplaintKind
from softenv_core.render.escape import terminal
from softenv_core.render.parameter_lines import parameter_lines

_HEAD = {
    "zh": "投诉办理时限依据（{on} 有效，适用于投诉本县区所属部门的事项）：",
    "en": "Complaint limits set by (in force {on}, for complaints about the county's departments):",
}
_STEPS = {
    "zh": "{kind}：受理{accept}、签收{sign}、办结{resolve}、延期至多{ext}、回访{follow}个工作日",
    "en": "{kind}: accept {accept}, sign {sign}, resolve {resolve}, extension up to {ext}, "
    "follow-up {follow} working days",
}


def limits_basis(limits: Sequence[tuple[ComplaintKind, ComplaintSla, str, str]], on: date, lang: str) -> list[str]:
    """One block per answer (plugin, version, reference, parameters) with the kinds it set, each
    kind's limits on its line, then the answer's parameters; nothing when no limits are in force."""
    if not limits:
        return []
    groups: list[tuple[tuple[object, ...], str, ComplaintSla, list[str]]] = []
    for kind, sla, plugin, version in limits:
        key = (plugin, version, sla.reference, sla.reference_zh, tuple(sla.params))
        found = next((g for g in groups if g[0] == key), None)  # params may hold a mapping: no hash
        if found is None:
            found = (key, f"{plugin} {version}", sla, [])
            groups.append(found)
        found[3].append(_steps(kind, sla, lang))
    out = ["", _HEAD[lang].format(on=on.isoformat())]
    for _, by, sla, lines in groups:
        # In Chinese for a Chinese reader, as every other reference of the text (clerk c51 08).
        said = (sla.reference_zh or sla.reference) if lang == "zh" else sla.reference
        out.append(terminal(f"  [{by}] — {said}"))
        out += [terminal(f"    {line}") for line in lines]
        out += parameter_lines(sla.params, "      ", lang)
    return out


_EARLIER = {
    "zh": "此前的投诉办理时限（{first} 至 {last} 有效）：",
    "en": "Earlier complaint limits (in force {first} to {last}):",
}


def earlier_limits_basis(
    spans: Sequence[tuple[date, date, Sequence[tuple[ComplaintKind, ComplaintSla, str, str]]]], lang: str
) -> list[str]:
    """The limits in force earlier in the year (analyses.complaint_limits.earlier_limits), one
    block per span under its first and last day, each as :func:`limits_basis` writes its own."""
    out: list[str] = []
    for first, last, limits in spans:
        block = limits_basis(limits, last, lang)
        if block:
            out += ["", _EARLIER[lang].format(first=first.isoformat(), last=last.isoformat()), *block[2:]]
    return out


def _steps(kind: ComplaintKind, sla: ComplaintSla, lang: str) -> str:
    resolve = sla.resolve.get(kind.value)
    return _STEPS[lang].format(
        kind=kind.zh if lang == "zh" else kind.value,
        accept=sla.accept,
        sign=sla.sign,
        resolve="—" if resolve is None else resolve,
        ext=sla.max_extension,
        follow=sla.follow_up,
    )


__all__ = ["earlier_limits_basis", "limits_basis"]
