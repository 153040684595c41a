"""A progress bar on stderr for work that takes a while (downloading a dataset's photos)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .output import Output


@contextmanager
def progress_bar(out: Output, label: str, total: int) -> Iterator[Callable[[], None]]:
    """A bar of `total` steps on a terminal; the function it gives moves it one step (from
    any thread). Not on a terminal, it draws nothing: a log needs no bar."""
    if not out.err.is_terminal or total == 0:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=out.err) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
