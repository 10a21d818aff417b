"""The statistics chart as shapes for an SVG drawn on the server: no script, and the table is its text alternative.

Grouped horizontal bars: a group per need group, a bar per column of the breakdown, each bar labelled with its
column and count, so that nothing is told by colour alone. A hidden cell gets no bar, only its marker.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..cases.suppression import SuppressedTable

LABEL_WIDTH = 220
BAR_WIDTH = 360
WIDTH = LABEL_WIDTH + BAR_WIDTH + 60
BAR = 14
STEP = 18
HEADING = 24


@dataclass(frozen=True)
class Bar:
    y: int
    label: str
    width: int  # 0 for a hidden cell
    text: str  # the count, or the marker of a hidden cell


@dataclass(frozen=True)
class Group:
    y: int
    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    height: int
    groups: tuple[Group, ...]
    label_width: int = LABEL_WIDTH
    width: int = WIDTH
    bar_height: int = BAR


def chart(table: SuppressedTable, row_labels: list[str], column_labels: list[str]) -> Chart:
    """Bars for the inner cells (not the totals), scaled to the largest count shown."""
    inner = [row[:-1] for row in table.values[:-1]]
    shown = [value for i, row in enumerate(inner) for j, value in enumerate(row) if (i, j) not in table.hidden]
    largest = max(shown, default=0) or 1
    groups, y = [], 0
    for i, label in enumerate(row_labels):
        heading_y = y + HEADING - 8
        y += HEADING
        bars = []
        for j, column in enumerate(column_labels):
            hidden = (i, j) in table.hidden
            width = 0 if hidden else round(BAR_WIDTH * inner[i][j] / largest)
            bars.append(Bar(y, column, width, table.shown(i, j)))
            y += STEP
        groups.append(Group(heading_y, label, tuple(bars)))
        y += 6
    return Chart(y + 4, tuple(groups))
