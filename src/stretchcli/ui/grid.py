"""Listings as rows of text: a rich table on a terminal, plain aligned columns anywhere else.

rich's table code is only imported for a terminal: piped listings and exports skip it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from stretchcli.core.text import needs_escaping, visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


class Grid(NamedTuple):
    """A listing as rows of text: a rich table on a terminal, plain columns elsewhere."""

    headers: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    right_aligned: frozenset[int] = frozenset()
    title: str | None = None
    footer: tuple[str, ...] | None = None
    # Columns never wrapped or cut: ids, and short fixed words such as positions.
    keep_whole: frozenset[int] = frozenset({0})
    # On a terminal too narrow for every column, these go first, in this order.
    drop_first: tuple[int, ...] = ()


def print_grid(console: Console, grid: Grid) -> None:
    """A rich table on a terminal (columns dropped to fit), else plain aligned columns."""
    grid = _visible(grid)
    if console.is_terminal:
        console.print(_rich_table(_fit(grid, console.width), console.width))
        return
    # Plain columns, one row per line: easy to grep, cut and awk, and fast.
    lines = [grid.headers, *grid.rows, *([grid.footer] if grid.footer else [])]
    widths = [max(len(line[i]) for line in lines) for i in range(len(grid.headers))]

    def plain(cells: tuple[str, ...]) -> str:
        padded = (
            cell.rjust(width) if i in grid.right_aligned else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )
        return "  ".join(padded).rstrip()

    text = [grid.title, ""] if grid.title else []
    text += [plain(line) for line in lines]
    console.file.write("\n".join(text) + "\n")
    console.file.flush()


def _visible(grid: Grid) -> Grid:
    """Every cell, title and footer as core/text.py shows text: no escape sequences."""
    every = [*grid.headers, *(cell for row in grid.rows for cell in row), *(grid.footer or ())]
    if not needs_escaping(" ".join([grid.title or "", *every])):
        return grid  # the usual case, checked in one scan
    return grid._replace(
        headers=tuple(map(visible, grid.headers)),
        rows=[tuple(map(visible, row)) for row in grid.rows],
        title=visible(grid.title) if grid.title else grid.title,
        footer=tuple(map(visible, grid.footer)) if grid.footer else grid.footer,
    )


def _narrowest(grid: Grid, column: int) -> int:
    """The fewest characters a column can take: whole cells, or its longest word."""
    cells = [grid.headers[column], *(row[column] for row in grid.rows)]
    if column in grid.keep_whole:
        return max(len(cell) for cell in cells)
    return max((len(word) for cell in cells for word in cell.split()), default=0)


def _fit(grid: Grid, width: int) -> Grid:
    """Leave out the least needed columns until the rest fit in `width`."""
    keep = list(range(len(grid.headers)))
    gap = 2  # the table's padding between two columns
    for column in grid.drop_first:
        if sum(_narrowest(grid, i) for i in keep) + gap * (len(keep) - 1) <= width:
            break
        keep.remove(column)
    if len(keep) == len(grid.headers):
        return grid

    def pick(cells: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(cells[i] for i in keep)

    def renumber(columns: frozenset[int]) -> frozenset[int]:
        return frozenset(keep.index(i) for i in columns if i in keep)

    return grid._replace(
        headers=pick(grid.headers),
        rows=[pick(row) for row in grid.rows],
        footer=pick(grid.footer) if grid.footer else None,
        right_aligned=renumber(grid.right_aligned),
        keep_whole=renumber(grid.keep_whole),
        drop_first=(),
    )


def _widths(grid: Grid, width: int) -> list[int] | None:
    """Each column's width within `width`: its longest word at least, and the room left
    shared out by how much more each would take on one line. None: the table fits on one
    line per row, or not even the longest words fit, and rich decides.

    Rich shares out room by its own measure and can leave a column narrower than a word,
    folding "hip-replacement" in two, where _fit has made room for every word.
    """
    gap = 2
    columns = range(len(grid.headers))
    cells = [[grid.headers[i], *(row[i] for row in grid.rows)] for i in columns]
    least = [_narrowest(grid, i) for i in columns]
    most = [max(len(cell) for cell in column) for column in cells]
    room = width - gap * (len(least) - 1)
    if sum(most) <= room or sum(least) > room:
        return None
    wanted = [high - low for low, high in zip(least, most, strict=True)]
    spare = room - sum(least)
    return [low + spare * want // sum(wanted) for low, want in zip(least, wanted, strict=True)]


def _rich_table(grid: Grid, width: int) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    # Collapsed padding: two spaces between columns, as _fit counts them.
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True)
    widths = _widths(grid, width)
    for i, header in enumerate(grid.headers):
        whole = i in grid.keep_whole
        table.add_column(
            header,
            justify="right" if i in grid.right_aligned else "left",
            no_wrap=whole,
            width=widths[i] if widths else None,
            min_width=_narrowest(grid, i) if whole else None,
            # Past what _fit could save (a very narrow terminal), fold rather than cut.
            overflow="fold",
        )
    for row in grid.rows:
        # Text, not str: user text such as "[left]" must not be read as rich markup.
        table.add_row(*(Text(cell) for cell in row))
    if grid.footer:
        table.add_section()
        table.add_row(*(Text(cell) for cell in grid.footer))
    if grid.title:
        return Group(Text(grid.title, style="bold"), table)
    return table
