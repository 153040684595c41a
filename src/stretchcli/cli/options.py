"""The options several commands share, declared once for typer.

typer needs every command to list its own parameters, so `plan` and `session`
each name the timeline options; their types and help live here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from stretchcli.core.durations import parse_count, parse_duration, parse_length
from stretchcli.core.model import Level, Position, Side, Span

from .completion import complete_muscle, complete_target


def _option_parser(parse: Callable[[str], Span]) -> Callable[[str], Span]:
    """`parse`, with its ValueError turned into a usage error that names the option."""

    def parser(text: str) -> Span:
        try:
            return parse(text)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None

    return parser


def finite(value: float | None) -> float | None:
    """A float option's check: NaN passes every range test, so refuse it (and infinities)."""
    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number")
    return value


_hold_value = _option_parser(lambda text: parse_duration(text, minimum=1))
_duration_value = _option_parser(parse_duration)
_count_value = _option_parser(parse_count)


def _seconds_option(help_text: str) -> Any:
    return typer.Option(parser=_duration_value, metavar="SECONDS", help=help_text)


def _count_option(help_text: str) -> Any:
    return typer.Option(parser=_count_value, metavar="N", help=help_text)


LibraryFiles = Annotated[
    list[Path] | None,
    typer.Option(
        "--library",
        "-L",
        help="Also load this routine file (repeatable).",
        metavar="FILE",
        show_default=False,
    ),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
SkipCautioned = Annotated[
    bool,
    typer.Option(
        "--skip-cautioned",
        help="Leave out exercises with a caution for your conditions (config.yaml).",
    ),
]
LevelOption = Annotated[
    Level | None,
    typer.Option(help="Which end of each range: beginner = low, advanced = high."),
]

# The timeline options, shared by every command that runs or shows a routine.
Target = Annotated[
    str,
    typer.Argument(
        metavar="TARGET",
        help="A routine id, an exercise id, or a routine file (.yaml).",
        autocompletion=complete_target,
    ),
]
# plan and session: a TARGET, or --for to build a session instead.
OptionalTarget = Annotated[
    str | None,
    typer.Argument(
        metavar="[TARGET]",
        help="A routine id, an exercise id, or a routine file (.yaml); or use --for.",
        autocompletion=complete_target,
        show_default=False,
    ),
]
RoutineInFile = Annotated[
    str | None,
    typer.Option(help="Which routine, when the TARGET file holds several.", metavar="ID"),
]
HoldOption = Annotated[
    Span | None,
    typer.Option(parser=_hold_value, metavar="SECONDS", help='Every hold lasts this: 45, "1m".'),
]


def factor_option(maximum: float, help_text: str) -> Any:
    """A multiplying factor from 0.1 to `maximum`: never NaN or infinite."""
    return typer.Option(min=0.1, max=maximum, callback=finite, metavar="FACTOR", help=help_text)


ScaleOption = Annotated[float | None, factor_option(10.0, "Multiply every hold: 0.5 = half.")]
RepsOption = Annotated[Span | None, _count_option("Reps per side.")]
SetsOption = Annotated[Span | None, _count_option("Sets per exercise.")]
RoundsOption = Annotated[Span | None, _count_option("Repeat the whole routine.")]
PrepOption = Annotated[Span | None, _seconds_option("Get-ready time.")]
SwitchOption = Annotated[Span | None, _seconds_option("Time to change sides.")]
RestOption = Annotated[Span | None, _seconds_option("Rest between exercises.")]
FirstSideOption = Annotated[Side | None, typer.Option(help="Side to start on.")]
NoPictures = Annotated[
    bool,
    typer.Option(
        "--no-pictures",
        help="Draw no photos of the poses (none are drawn off a terminal or with NO_COLOR).",
    ),
]


# -- a session built to fit (`--for`) -------------------------------------------------

# The longest session --for builds: a long yoga class. More is a typo (--for 600, minutes
# meant as seconds, would be 10 minutes and is fine; --for 600m is not).
LONGEST_FOR = 3 * 3600


def _for_seconds(text: str) -> int:
    """--for: one length ("10m", "90s", "1h30m") from a minute to three hours."""
    try:
        return parse_length(text, minimum=60, maximum=LONGEST_FOR)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


ForOption = Annotated[
    int | None,
    typer.Option(
        "--for",
        parser=_for_seconds,
        metavar="DURATION",
        help='Build a session this long instead of a TARGET: "10m", "1m30s", "1h".',
    ),
]
FocusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--focus",
        metavar="MUSCLE",
        help="With --for: work this muscle or group (repeatable); default the lower body.",
        autocompletion=complete_muscle,
    ),
]
PositionsOption = Annotated[
    list[Position] | None,
    typer.Option("--position", help="With --for: only exercises starting so (repeatable)."),
]
DeskOption = Annotated[
    bool,
    typer.Option("--desk", help="With --for: only chair or standing moves, for work clothes."),
]
EquipmentOption = Annotated[
    list[str] | None,
    typer.Option(
        "--equipment",
        metavar="WHAT",
        help='With --for: equipment you have, e.g. "foam roller" (repeatable); a floor, '
        "a chair and a wall are assumed.",
    ),
]
SeedOption = Annotated[
    int | None,
    typer.Option(
        min=0,
        max=2**31,
        metavar="N",
        help="With --for: the same N and choices build the same session (default: the day).",
    ),
]
