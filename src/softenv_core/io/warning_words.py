"""Chinese wording of the dataset's warnings (not errors: the file loads, the clerk is told):
a size that the figures contradict, a point registered in another county, records dated outside
their point's designation, a change with no roster record, an amendment that drops items.
Spliced into io/workbook_messages.py's one table of translations (as io/roster_authority.py's)."""

from __future__ import annotations

import re
from collections.abc import Callable

from softenv_core.model.periods import span_zh
from softenv_core.model.sizes import zh_size_reason


def _item_point_zh(m: re.Match[str]) -> str:
    """A report's item naming a point it does not answer for (dataset_warnings): which, and the
    enterprise's record in the reporting county that month where there is one, said without
    assuming which way the enterprise moved (review: 迁入 was said of one that had moved out)."""
    if m[4]:
        head = f"{m[1]} 是市直监测点，县区月报只反映本县区监测点（市直监测点由市经贸委联系）"
    elif m[2]:
        head = f"{m[1]} 是县区 {m[2]} 的监测点，不是报送月报的县区 {m[3]} 的"
    else:
        head = f"监测点 {m[1]} 在 {m[5]} 不在册（在册期间 {span_zh(m[6], None if m[7] == 'now' else m[7])}）"
    said = f"{head}：该事项不计为本县区监测点当月反映的情况（不消除“可能漏报”提示）；"
    if m[9]:
        return said + f"该企业 {m[8]} 在本县区的监测点编号是 {m[9]}，请写 {m[9]}"
    if m[2]:
        # The report's own 县区代码 typed with the neighbour's code reads the same way: name it as
        # a cause to check beside the item's id (clerk c62).
        return said + (
            f"如该企业已迁入本县区，请写其在本县区的新编号；否则请核对监测点编号，"
            f"以及月报的县区代码（该月报是否应为县区 {m[2]} 的）"
        )
    return said + "如该企业已迁入本县区，请写其在本县区的新编号；否则请核对监测点编号和所报月份"


ZH_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"^declared (\S+) but the figures give (\S+) \((.*)\)$"),
        lambda m: f"填报为{m[1]}，按指标应为{m[2]}（{zh_size_reason(m[3])}）",
    ),
    (
        re.compile(r"^registered in (\S+), designated in (\S+) \(moved\?\)$"),
        lambda m: f"登记地 {m[1]}，确定于 {m[2]}（是否已迁址？）",
    ),
    (  # a point's county its id and its contacts contradict (io/liaison_warnings.py, clerk c62 05)
        re.compile(
            r"^(\S+) \((.*)\), but the id names county (\S+) \((.*)\), and each of its (\d+) contact\(s\) by a "
            r"county office was made by \S+'s \(liaison \S+\): typed wrong\?"
        ),
        lambda m: (
            f"县区代码是 {m[1]}（{m[2]}），但监测点编号是 {m[3]}（{m[4]}）的，它的 {m[5]} 条县区联系记录的联系单位"
            f"也都是 {m[3]}：是否写错了县区代码？按现在的写法，它算作{m[2]}的监测点，这些联系算作非责任单位联系，"
            f"两个县区的联系情况都随之改变；应为 {m[3]} 的请改正这一格"
        ),
    ),
    (
        re.compile(
            r"^'(.*)' has the credit code (\S+) of (\S+) \((\S+)\), '(.*)': one credit code is one enterprise, "
            r"so the two are read as one"
        ),
        lambda m: (
            f"企业名称“{m[1]}”与 {m[3]}（{m[4]}，“{m[5]}”）的统一社会信用代码 {m[2]} 相同：一个代码即一家企业，"
            "两条记录按同一企业计（任一记录的万人评议评价对两者都计入）；如是另一家企业，请改正其统一社会信用代码"
        ),
    ),
    (
        re.compile(
            r"^(\S+) differs from the credit code (\S+) of (\S+) \((\S+)\) under the same enterprise name '(.*)': "
            r"two credit codes are two enterprises"
        ),
        lambda m: (
            f"统一社会信用代码 {m[1]} 与 {m[3]}（{m[4]}）的 {m[2]} 不同，而企业名称同为“{m[5]}”：两个代码即两家企业，"
            "两条记录分别计（一条记录的万人评议评价不计入另一条）；如是改正了代码，请在两条记录上都写改正后的代码"
        ),
    ),
    (
        re.compile(r"^declared (\S+) but industry (\S+) gives (\S+)$"),
        lambda m: f"填报为{m[1]}，行业代码 {m[2]} 对应{m[3]}",
    ),
    (
        re.compile(r"^(\S+) is outside point (\S+)'s designation \((\S+) to (\S+)\): not counted$"),
        lambda m: (
            f"联系日期 {m[1]} 不在监测点 {m[2]} 的确定期间"
            f"（{span_zh(m[3], None if m[4] == 'now' else m[4])}）内，不计入"
        ),
    ),
    (
        re.compile(r"^(\S+) falls in (\d+), a year the reports cover, but no roster change \(名册调整\) adds (\S+):"),
        lambda m: (
            f"确定日期 {m[1]} 在 {m[2]} 年内，但没有监测点 {m[3]} 的名册调整（增设）记录。"
            "确定日期是该企业被确定为监测点的日期（见确定文件），不是开始记录的日期："
            f"早已是监测点的，请写当初确定的日期；确是 {m[2]} 年增设的，请在名册调整中补录这次增设"
            f"（调整：增设，生效日期 {m[1]}），并在备案中登记，否则无法核对其备案和调整期"
        ),
    ),
    (
        re.compile(
            r"^(\S+) ends the designation \(removed effective (\S+), in (\d+)\), but no roster change \(名册调整\) "
            r"removes (\S+):"
        ),
        lambda m: (
            f"截止日期 {m[1]}，{m[2]} 起撤销（在 {m[3]} 年内），但没有监测点 {m[4]} 的名册调整（撤销）记录："
            "这是未记录的名册调整，无法核对其备案和调整期；请补录名册调整"
        ),
    ),
    (
        re.compile(r"^(\S+) is before point (\S+)'s designation began \((\S+)\): '(.*)' never looked after it$"),
        lambda m: (
            f"最后负责日期 {m[1]} 早于监测点 {m[2]} 的确定日期 {m[3]}：前任联系人 {m[4]} 没有负责过该监测点；"
            "请核对年份，最后负责日期写该前任负责的最后一天（多填的行请删除）"
        ),
    ),
    (
        re.compile(r"^(\S+) is not before point (\S+)'s designation ended \((\S+)\): the person after '(.*)' never"),
        lambda m: (
            f"最后负责日期 {m[1]} 不早于监测点 {m[2]} 的截止日期 {m[3]}：{m[4]} 之后的联系人没有负责过该监测点；"
            "请核对最后负责日期（写该前任负责的最后一天）和监测点的截止日期"
        ),
    ),
    (
        re.compile(r"^'(.*)' is also the current liaison person: no change of person;"),
        lambda m: (
            f"前任联系人 {m[1]} 与监测点表的“联系人（定人）”相同，联系人没有更换；"
            "请在监测点表的“联系人（定人）”列写新的联系人"
        ),
    ),
    (
        re.compile(r"^blank, though former liaison persons are recorded: nobody is named after (\S+)$"),
        lambda m: (
            f"联系人（定人）为空，但填写了前任联系人：{m[1]} 之后没有联系人，其后的联系无从判断是否定人联系；"
            "请填写现任联系人"
        ),
    ),
    (
        re.compile(r"^'(.*)' is also the next former person \(row (\d+)\): no change of person;"),
        lambda m: f"前任联系人 {m[1]} 与其后第 {m[2]} 位前任相同，联系人没有更换；请核对这几行",
    ),
    (
        re.compile(r"^(\d+) more contact\(s\) dated outside their point's designation: not counted$"),
        lambda m: f"另有 {m[1]} 条联系记录的日期不在其监测点的确定期间内，不计入",
    ),
    (
        re.compile(
            r"^received (\S+), outside point (\S+)'s designation \((\S+) to (\S+)\): "
            r"raises no matter and counts for no point's duty$"
        ),
        lambda m: (
            f"收到日期 {m[1]} 不在监测点 {m[2]} 的确定期间（{span_zh(m[3], None if m[4] == 'now' else m[4])}）内，"
            "照常办理，但不计为反映事项，也不计入监测点履职"
        ),
    ),
    (
        re.compile(r"^(\d+) more complaint\(s\) received outside their point's designation$"),
        lambda m: f"另有 {m[1]} 件直接反馈的收到日期不在其监测点的确定期间内",
    ),
    (
        re.compile(
            r"^(\S+) is (?:a point of county (\S+), not of the reporting county (\S+)|(a city-level point)"
            r" \(市直\), not one of the reporting county's|not designated in (\S+) \((\S+) to (\S+)\))"
            r": it clears no flag of that point's record"
            r"(?: \(the enterprise's record of \S+ in (\S+) is (\S+)\))?$"
        ),
        _item_point_zh,
    ),
    (
        re.compile(
            r"^(\S+) is a point of county (\S+), not of the nominating county (\S+): the year end rejects it and "
            r"counts it among \S+'s nominations(?: \(the enterprise's record of \S+ in (\S+) is (\S+)\))?$"
        ),
        lambda m: (
            f"{m[1]} 是县区 {m[2]} 的监测点，不是推荐县区 {m[3]} 的："
            f"年终不予推荐（不属于{m[3]}），但计入 {m[3]} 的推荐数（受名额限制）；"
            + (
                f"该企业 {m[4]} 年在本县区的监测点编号是 {m[5]}，请写 {m[5]}"
                if m[5]
                else "如该企业已迁入本县区，请写其在本县区的新编号；否则请核对监测点编号"
            )
        ),
    ),
    (  # clerk c64 01: a waiver decided by neither the city nor its county (rules/city/compliance.py)
        re.compile(
            r"^“(.*)” is neither a name of the city's offices \((.*)\) nor county (\S+)'s own office \((.*)\): "
            r"only the city's waiver excuses a month, so the assessment ignores this one; if the city decided it, "
            r"write the city office's name \((.*)\)$"
        ),
        lambda m: (
            f"决定单位“{m[1]}”既不是市里的单位名称（{m[2]}），也不是县区 {m[3]} 自己的单位（{m[4]}）："
            f"只有市里决定的豁免才免除该月，评估不采用这条豁免，该月按实际报送情况计；"
            f"如是市里决定的，请写市里的单位名称（{m[5]}）"
        ),
    ),
    (  # auditor a66 01: a report filed after its county ended
        re.compile(
            r"^submitted (\S+), after county (\S+) ended \((\S+)\): read as the county's report under its own code; "
            r'who files .*\(docs/rules\.md, "(.*)"\)$'
        ),
        lambda m: (
            f"报送日期 {m[1]} 在县区 {m[2]} 撤销（存续至 {m[3]}）之后：现按该县区以原代码报送的月报计；"
            f"撤销县区最后一个月的月报由谁报送（撤销的县区、承接的县区，或不再应报），有待市里决定"
            f"（见 rules.md“{m[4]}”）"
        ),
    ),
    (
        re.compile(r"^(\d+) more item\(s\) naming a point of another county or outside its designation$"),
        lambda m: f"另有 {m[1]} 项月报事项所写的监测点属于其他县区或当月不在册",
    ),
    (
        re.compile(
            r"^amendment (\d+) of report (\S+) leaves out (\d+) of the (\d+) item\(s\) of "
            r"(the original report|amendment (\d+)):"
        ),
        lambda m: (
            f"月报 {m[2]} 的修改 {m[1]} 不再包含{'原报' if m[6] is None else f'修改 {m[6]} '}的"
            + (f"全部 {m[4]} 项事项，" if m[3] == m[4] else f" {m[4]} 项事项中的 {m[3]} 项，")
            + "这些事项视为删除（月报修改是修改后的完整月报）；如只是补报一项，请把原有事项一并填入修改"
        ),
    ),
)

__all__ = ["ZH_RULES"]
