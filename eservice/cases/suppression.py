"""Hiding small counts in a table so that nobody can be singled out, and so that no hidden count can be worked out.

A table is counts in rows and columns; its totals are added as a last column and a last row (the grand total in
the corner), and the totals are cells like the others: a row of 3 people is as small as a cell of 3.

1. Primary suppression: every cell of 1-4 is hidden and shown as "<5". A 0 is shown as 0: it names nobody, and
   hiding it would hide most of a small unit's table for nothing.
2. Secondary suppression: in a row or column where exactly one cell is hidden, the sum would give it away, so the
   smallest other cell of that line is hidden too (shown as "..", as it is not under 5), preferring a cell whose
   crossing line already hides one, which closes the gap instead of opening a new one. Repeated until stable.
   This is greedy: it hides few cells, not always the fewest possible.
3. Because "<5" tells a reader that the count is 1-4 and ".." that it is 5 or more, lines of hidden cells can still
   pin a value (two hidden cells "<5" in a row whose hidden part sums to 8 are both 4). So every hidden cell is
   then checked the way a reader with the rules in hand would: can it take another value with every row and
   column still adding up and every cell within what its marker says? If not, one more cell is hidden, the
   smallest that frees it, and both steps run again.

The check in step 3 is exact for tables with totals: the differences between two tables that fit what is shown are
sums of cycles of hidden cells (alternately +1 and -1 along rows and columns), so a hidden cell can take another
value exactly when a cycle through it can move one step within every cell's bounds.

Pure functions on lists of integers: no database, no Flask.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

THRESHOLD = 5
SMALL = "<5"
HIDDEN = ".."

Cell = tuple[int, int]


def with_totals(counts: Sequence[Sequence[int]]) -> list[list[int]]:
    """The table with a total column and a total row (the grand total in the last cell)."""
    rows = [[*row, sum(row)] for row in counts]
    width = len(rows[0]) if rows else 1
    return [*rows, [sum(row[j] for row in rows) for j in range(width)]]


@dataclass(frozen=True)
class SuppressedTable:
    values: tuple[tuple[int, ...], ...]  # with totals: the last column and the last row
    primary: frozenset[Cell]
    secondary: frozenset[Cell]

    @property
    def hidden(self) -> frozenset[Cell]:
        return self.primary | self.secondary

    def shown(self, row: int, column: int) -> str:
        if (row, column) in self.primary:
            return SMALL
        if (row, column) in self.secondary:
            return HIDDEN
        return str(self.values[row][column])

    def shown_rows(self) -> list[list[str]]:
        return [[self.shown(i, j) for j in range(len(row))] for i, row in enumerate(self.values)]


def _lines(values: Sequence[Sequence[int]]) -> Iterator[list[Cell]]:
    rows, columns = len(values), len(values[0])
    for i in range(rows):
        yield [(i, j) for j in range(columns)]
    for j in range(columns):
        yield [(i, j) for i in range(rows)]


def _bounds(values: Sequence[Sequence[int]], cell: Cell, primary: set[Cell] | frozenset[Cell]) -> tuple[int, int]:
    """What a reader knows of a hidden cell: 1-4 for "<5", at least 5 (and at most everything) for ".."."""
    if cell in primary:
        return 1, THRESHOLD - 1
    return THRESHOLD, max(THRESHOLD, values[-1][-1])


def _frees(values: Sequence[Sequence[int]], hidden: set[Cell], primary: set[Cell], cell: Cell) -> bool:
    """Whether the hidden cell can take another value, given every shown cell, every line's sum and the bounds.

    Rows and columns are nodes and hidden cells edges; a cell's value may go up by one when moving from its row to
    its column and down by one the other way (turned round for a total, which is on the other side of its sums).
    """
    last_row, last_column = len(values) - 1, len(values[0]) - 1

    def arcs(edge: Cell) -> list[tuple[tuple[str, int], tuple[str, int]]]:
        i, j = edge
        low, high = _bounds(values, edge, primary)
        value = values[i][j]
        flipped = (i == last_row) != (j == last_column)
        can_rise, can_fall = value < high, value > low
        forward, backward = (can_fall, can_rise) if flipped else (can_rise, can_fall)
        found = []
        if forward:
            found.append((("r", i), ("c", j)))
        if backward:
            found.append((("c", j), ("r", i)))
        return found

    graph: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for edge in hidden:
        if edge != cell:
            for start, end in arcs(edge):
                graph.setdefault(start, []).append(end)

    def reaches(start: tuple[str, int], goal: tuple[str, int]) -> bool:
        seen, queue = {start}, deque([start])
        while queue:
            node = queue.popleft()
            if node == goal:
                return True
            for following in graph.get(node, ()):
                if following not in seen:
                    seen.add(following)
                    queue.append(following)
        return False

    # A cycle through the cell: its own arc one way, and a way back through the other hidden cells.
    return any(reaches(end, start) for start, end in arcs(cell))


def pinned(values: Sequence[Sequence[int]], primary: set[Cell], secondary: set[Cell]) -> list[Cell]:
    """The hidden cells a reader could work out exactly from what is shown (none, once suppress() is done)."""
    hidden = primary | secondary
    return [cell for cell in sorted(hidden) if not _frees(values, hidden, primary, cell)]


def _candidates(values: Sequence[Sequence[int]], cells: Sequence[Cell], hidden: set[Cell]) -> list[Cell]:
    """Shown cells that may be hidden, smallest first; an inner cell before a total of the same size."""
    last_row, last_column = len(values) - 1, len(values[0]) - 1
    shown = [cell for cell in cells if cell not in hidden and values[cell[0]][cell[1]] >= THRESHOLD]
    return sorted(shown, key=lambda c: (values[c[0]][c[1]], c[0] == last_row or c[1] == last_column, c))


def _alone(hidden: set[Cell], cell: Cell, crossing_is_column: bool) -> bool:
    """Whether the line crossing at `cell` hides nothing yet."""
    index = 1 if crossing_is_column else 0
    return not any(other[index] == cell[index] for other in hidden)


def _line_rule(values: Sequence[Sequence[int]], hidden: set[Cell]) -> Cell | None:
    """The cell to hide next in the first line with exactly one hidden cell: the smallest of those whose crossing
    line already hides a cell (so that hiding it leaves no new line with a single hidden cell), else the smallest."""
    for line in _lines(values):
        if sum(cell in hidden for cell in line) == 1:
            is_row = line[0][0] == line[-1][0]
            candidates = _candidates(values, line, hidden)
            if candidates:
                return min(candidates, key=lambda cell: (_alone(hidden, cell, is_row), candidates.index(cell)))
    return None


def _pinned_rule(values: Sequence[Sequence[int]], hidden: set[Cell], primary: set[Cell]) -> Cell | None:
    stuck = next((cell for cell in sorted(hidden) if not _frees(values, hidden, primary, cell)), None)
    if stuck is None:
        return None
    i, j = stuck
    near = [c for line in _lines(values) if stuck in line for c in line]
    everywhere = [(r, c) for r in range(len(values)) for c in range(len(values[0]))]
    ordered = _candidates(values, near, hidden) + [
        c for c in _candidates(values, everywhere, hidden) if c[0] != i and c[1] != j
    ]
    for candidate in ordered:
        if _frees(values, hidden | {candidate}, primary, stuck):
            return candidate
    return ordered[0] if ordered else None


def suppress(counts: Sequence[Sequence[int]]) -> SuppressedTable:
    values = with_totals(counts)
    primary = {(i, j) for i, row in enumerate(values) for j, value in enumerate(row) if 0 < value < THRESHOLD}
    hidden = set(primary)
    while (added := _line_rule(values, hidden) or _pinned_rule(values, hidden, primary)) is not None:
        hidden.add(added)
    return SuppressedTable(tuple(tuple(row) for row in values), frozenset(primary), frozenset(hidden - primary))
