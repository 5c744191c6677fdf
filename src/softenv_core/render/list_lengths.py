"""How many entries of a monitoring report's long lists the Markdown and Word reports show.

Page layout, not policy: the seed (二(三), 三(三)) asks for the matters to be reported, never how
many a page lists, and every entry stays in the result itself (its JSON and workbook) — each
report says how many more there are and where. So these are named constants of render/, read by
both renderers, and not dated parameters of the city, which a county or a year could change.
"""

from __future__ import annotations

#: 主要事项 (notable items) listed, in the Markdown and the Word report alike.
NOTABLE_ITEMS_SHOWN = 30
#: 未办结事项 (open matters) in the Markdown report's table, one short line each.
OPEN_MATTERS_SHOWN_MARKDOWN = 40
#: The same in the Word report (a GB/T 9704 document read on paper): its six columns share the
#: 156 mm type area, so a row wraps where the Markdown's does not, and it lists half as many
#: (docs/office.md says so).
OPEN_MATTERS_SHOWN_WORD = 20

__all__ = ["NOTABLE_ITEMS_SHOWN", "OPEN_MATTERS_SHOWN_MARKDOWN", "OPEN_MATTERS_SHOWN_WORD"]
