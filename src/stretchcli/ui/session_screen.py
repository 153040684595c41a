"""The session screen: `render(session, now, ...)` for a rich Live, and plain lines off a terminal.

Shell module: it may use rich, but every function here only turns the state it is
given into a renderable or a string. Nothing prints, reads a clock or touches the
terminal, so the screen for any moment of a session can be tested with a fake clock.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from rich import box
from rich.align import Align
from rich.cells import cell_len, set_cell_size
from rich.console import (
    Console,
    ConsoleOptions,
    Group,
    OverflowMethod,
    RenderableType,
    RenderResult,
)
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from stretchcli.core.coaching import NERVE_LINE, SAFETY_LINE
from stretchcli.core.durations import format_clock, format_seconds
from stretchcli.core.engine import COUNTDOWN_FROM, TIME_STEP, Session, Summary, left_out_blocks
from stretchcli.core.model import Exercise, Outcome, Plan, Rating, Side, Step, StepKind
from stretchcli.core.sides import side_line_at

from .big_digits import FONT_ROWS, big_digits, countdown_text

if TYPE_CHECKING:
    from .pictures import HalfBlocks
    from .poses import SessionPictures

DEFAULT_HEIGHT = 24  # rows render fits in when the caller does not say
COMPACT_BELOW = 60  # columns under which the side banner is one line, not three
PAUSED_LINE = "PAUSED — space to resume"
KEYS = (
    ("space", "pause"),
    ("n", "next"),
    ("b", "back"),
    ("s", "skip"),
    ("+/-", f"{TIME_STEP}s"),
    ("q", "quit"),
    ("?", "help"),
)
# The check-in's answers, one key each (core/engine.RATINGS).
CHECKIN_KEYS = (("1", "easy"), ("2", "about right"), ("3", "too much"), ("p", "pain"))
CHECKIN_HINT = "No answer is fine: it moves on by itself."
HELP = (
    ("space", "pause / resume"),
    ("n or →", "next step"),
    ("b or ←", "back a step"),
    ("s", "skip this exercise"),
    ("+ / -", f"add or remove {TIME_STEP} s"),
    ("1-3, p", "after an exercise: how it felt; p (pain) also ends it"),
    ("q", "quit with a summary"),
    ("Ctrl-C", "stop at once"),
)

_SIDE_STYLE = {Side.RIGHT: "bold reverse cyan", Side.LEFT: "bold reverse magenta"}
_RESTS = (StepKind.REST, StepKind.SET_REST, StepKind.REP_REST)
_PANEL_EDGES = 4  # a panel's border and padding take two columns on each side
# A photo at prep and switch: only where the steps keep 40 columns beside it, and the
# photo gets at least 6 rows (a third of the screen's, at most 14).
PICTURE_FROM_WIDTH = 72
PICTURE_ROWS = (6, 14)
PICTURE_GAP = 2


class _Section(NamedTuple):
    """A piece of the screen, with smaller forms to fall back on when rows run out."""

    variants: tuple[RenderableType, ...]  # the fullest first
    rank: int = 0  # 0: always shown as it is; the highest rank gives way first
    zone: str = "main"  # "top", "main" (inside the panel) or "bottom"
    optional: bool = True  # may go altogether once its last variant is too big
    heights: tuple[int, ...] = ()  # rows of each variant when known; else measured
    # How many of the first variants are luxuries (a countdown bigger than its usual
    # size): they give way before anything else on the screen does.
    luxuries: int = 0


# -- the block-digit countdown -------------------------------------------------------


# The countdown may take this share of the screen's rows (read from across a room).
COUNTDOWN_SHARE = 1 / 3


def _countdown(
    seconds: int, width: int, style: str, height: int
) -> tuple[tuple[RenderableType, ...], tuple[int, ...]]:
    """The block font in every size that fits `width` and a third of `height`, biggest
    first, then plain text for when rows run out; with the rows of each."""
    text = countdown_text(seconds)
    tallest = max(1, int(height * COUNTDOWN_SHARE) // FONT_ROWS)
    sizes = [(2 * tall, tall) for tall in range(tallest, 0, -1)] + [(1, 1)]
    variants: list[RenderableType] = []
    heights: list[int] = []
    for scale, tall in sizes:
        rows = big_digits(text, scale, tall)
        if cell_len(rows[0]) <= width:
            # Left-justified inside Align: every row keeps the same offset, so no glyph shears.
            digits = Text("\n".join(rows), style=style, no_wrap=True, overflow="crop")
            variants.append(Align.center(digits))
            heights.append(len(rows))
    variants.append(Text(text, style=style, justify="center", overflow="ellipsis"))
    heights.append(1)
    return tuple(variants), tuple(heights)


def seconds_left(seconds: float) -> int:
    """The whole seconds a countdown shows for `seconds` to go (the caller's redraw key too)."""
    # Up, as countdowns count; less a hair, so float noise just past a tick shows the new second.
    return max(math.ceil(seconds - 1e-6), 0)


def _countdown_section(seconds: int, width: int, style: str, height: int) -> _Section:
    variants, heights = _countdown(seconds, width, style, height)
    usual = sum(rows > FONT_ROWS for rows in heights)  # the sizes above the usual one
    return _Section(variants, rank=1, heights=heights, luxuries=usual)


# -- the screen ---------------------------------------------------------------------


def render(
    session: Session,
    now: float,
    exercises: Mapping[str, Exercise],
    width: int,
    height: int = DEFAULT_HEIGHT,
    pictures: SessionPictures | None = None,
) -> RenderableType:
    """The whole session screen at `now`, fitted to `width` columns and `height` rows;
    with `pictures`, the exercise's photo at its prep and at a switch of sides."""
    width = max(width, 1)
    inner = max(width - _PANEL_EDGES, 1)
    picture = _picture(session, now, pictures, inner, height)
    sections = [
        *_header(session, now, width),
        *_main(session, now, exercises, inner, height, picture),
        *_footer(session, width),
    ]
    zones: dict[str, list[list[Segment]]] = {"top": [], "main": [], "bottom": []}
    for section, part in zip(sections, _fit(sections, width, inner, height), strict=True):
        if part is not None:
            room = inner if section.zone == "main" else width
            zones[section.zone] += _lines(part, room)
    border = Style.parse("yellow" if session.paused else "blue")
    return _Screen(zones["top"], zones["main"], zones["bottom"], width, border)


class _Screen:
    """The laid-out screen: the lines above the panel, the panel's (framed here, not by
    rich's Panel, which would lay every line out again each second) and those below."""

    def __init__(
        self,
        top: list[list[Segment]],
        main: list[list[Segment]],
        bottom: list[list[Segment]],
        width: int,
        border: Style,
    ) -> None:
        self.top, self.main, self.bottom = top, main, bottom
        self.width = width
        self.border = border

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        edges = box.ROUNDED.substitute(options)  # ASCII where the terminal has no box lines
        inner = max(self.width - _PANEL_EDGES, 1)
        across = max(self.width - 2, 0)
        left = Segment(edges.mid_left + " ", self.border)
        right = Segment(" " + edges.mid_right, self.border)
        top = edges.top_left + edges.top * across + edges.top_right
        bottom = edges.bottom_left + edges.bottom * across + edges.bottom_right
        framed = [
            [Segment(top, self.border)],
            *([left, *Segment.adjust_line_length(line, inner), right] for line in self.main),
            [Segment(bottom, self.border)],
        ]
        for line in (*self.top, *framed, *self.bottom):
            yield from line
            yield Segment.line()


def _lines(part: RenderableType, width: int) -> list[list[Segment]]:
    """`part` laid out at `width`: a text once for all the frames that show it."""
    if isinstance(part, Text):
        return _laid_out(part, width).lines
    console = _measurer(width)
    return console.render_lines(part, console.options, pad=False, new_lines=False)


def _fit(
    sections: Sequence[_Section], width: int, inner: int, height: int
) -> list[RenderableType | None]:
    """Shrink or drop the least needed sections until the screen fits `height` rows."""
    heights = [
        section.heights
        or [
            _rows(variant, inner if section.zone == "main" else width)
            for variant in section.variants
        ]
        for section in sections
    ]
    chosen = [0] * len(sections)

    def total() -> int:
        shown = (rows[pick] for rows, pick in zip(heights, chosen, strict=True) if pick < len(rows))
        return 2 + sum(shown)  # 2: the panel's top and bottom border

    while total() > height:
        movable = [
            i
            for i, section in enumerate(sections)
            if section.rank and chosen[i] < len(section.variants) - (0 if section.optional else 1)
        ]
        if not movable:
            break  # only essentials left: a taller screen than asked beats losing them
        # A luxury first; then, among equals, the lower on the screen gives way first.
        victim = max(
            movable,
            key=lambda i: (chosen[i] < sections[i].luxuries, sections[i].rank, i),
        )
        chosen[victim] += 1
    return [
        section.variants[pick] if pick < len(section.variants) else None
        for section, pick in zip(sections, chosen, strict=True)
    ]


class _LaidOut:
    """A text already laid out into lines: drawn again without wrapping it again."""

    def __init__(self, lines: list[list[Segment]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines:
            yield from line
            yield Segment.line()


def _laid_out(text: Text, width: int) -> _LaidOut:
    """`text` laid out at `width`, once: most of a session's screen is the same text from
    one second to the next, and laying it out is most of the cost of a frame."""
    spans = tuple((span.start, span.end, str(span.style)) for span in text.spans)
    key = (text.plain, spans, str(text.style), text.justify, text.overflow, text.no_wrap, width)
    laid_out = _LAID_OUT.get(key)
    if laid_out is None:
        if len(_LAID_OUT) >= _LAID_OUT_KEPT:
            _LAID_OUT.clear()  # the texts of earlier steps: not needed again soon
        console = _measurer(width)
        lines = console.render_lines(text, console.options, pad=False, new_lines=False)
        laid_out = _LAID_OUT[key] = _LaidOut(lines)
    return laid_out


_LAID_OUT: dict[tuple[object, ...], _LaidOut] = {}
_LAID_OUT_KEPT = 256


@lru_cache(maxsize=8)
def _measurer(width: int) -> Console:
    # A private console on a string buffer: it lays out, it never reaches the terminal.
    return Console(
        file=io.StringIO(),
        width=width,
        color_system=None,
        force_terminal=False,
        legacy_windows=False,
    )


def _rows(renderable: RenderableType, width: int) -> int:
    """How many rows `renderable` takes at `width`."""
    if isinstance(renderable, Text):
        # Laying out is most of a render's cost, and text repeats from tick to tick.
        return _text_rows(renderable.plain, width, bool(renderable.no_wrap), renderable.overflow)
    console = _measurer(width)
    return len(console.render_lines(renderable, console.options, pad=False))


@lru_cache(maxsize=1024)
def _text_rows(plain: str, width: int, no_wrap: bool, overflow: OverflowMethod | None) -> int:
    return _rows(Group(Text(plain, no_wrap=no_wrap, overflow=overflow)), width)


@lru_cache(maxsize=32)
def _help_rows(width: int) -> int:
    return _rows(_help_panel(), width)


def _header(session: Session, now: float, width: int) -> list[_Section]:
    plan = session.plan
    title = _spread(Text(plan.name, style="bold"), Text(exercise_position(session)), width)
    # An ended session may have no step at all (an empty plan): ask it nothing about one.
    left = 0.0 if session.ended else session.left_in_session(now)
    total = plan.total_seconds
    done = (total - left) / total if total > 0 else 1.0
    progress = _progress(
        format_clock(int(session.elapsed(now))),
        f"{format_clock(seconds_left(left))} left",
        done,
        width,
    )
    return [_Section((title,), rank=5, zone="top"), _Section((progress,), rank=8, zone="top")]


def _footer(session: Session, width: int) -> list[_Section]:
    sections = []
    if session.help_shown:
        help_panel = _help_panel()
        sections.append(
            _Section((help_panel,), rank=3, zone="bottom", heights=(_help_rows(width),))
        )
    sections.append(_Section((_keys(session.paused, width),), zone="bottom"))
    return sections


def _picture(
    session: Session, now: float, pictures: SessionPictures | None, width: int, height: int
) -> HalfBlocks | None:
    """The photo for this moment: at a prep or a switch, for the side about to be held
    (the left mirrored); for a dynamic move, the start and end photos in turn."""
    if not pictures or session.ended or width < PICTURE_FROM_WIDTH:
        return None
    step = session.step
    if step.exercise is None or step.kind not in (StepKind.PREP, StepKind.SWITCH):
        return None
    rows = min(height // 3, PICTURE_ROWS[1])
    if rows < PICTURE_ROWS[0]:
        return None
    side = step.side
    if step.kind is StepKind.PREP:
        first = session.plan.first_hold_of_block(session.step_index)
        side = first.side if first is not None else None
    index = pictures.which(step.exercise, session.in_step(now))
    return pictures.picture(step.exercise, index, side is Side.LEFT, width // 3, rows)


def _main(
    session: Session,
    now: float,
    exercises: Mapping[str, Exercise],
    width: int,
    height: int,
    picture: HalfBlocks | None = None,
) -> list[_Section]:
    if session.ended:
        word = "SESSION STOPPED" if session.quit else "SESSION COMPLETE"
        return [
            _Section((Text(session.plan.name, style="bold", justify="center"),)),
            _Section((_banner(word, "bold reverse green", width),)),
        ]
    step = session.step
    # One line at most, however long the name: the countdown below must keep its rows.
    title = Text(_title(step), style="bold", justify="center", no_wrap=True, overflow="ellipsis")
    sections = [_Section((title,))]
    sections += _kind_lines(session, width)
    if session.paused:
        sections.append(_Section((_banner(PAUSED_LINE, "bold reverse yellow", width),)))
    seconds = seconds_left(session.remaining(now))
    room = height - (picture.height if picture is not None else 0)
    sections += [
        _Section((Text(""),), rank=9),
        # A third of the rows the photo leaves: a taller screen shows the photo first.
        _countdown_section(seconds, width, _countdown_style(session, seconds), room),
        _Section((Text(""),), rank=9),
    ]
    length = step.seconds + session.extension
    into = session.in_step(now)
    bar = _bar(into / length if length > 0 else 1.0, width)
    sections.append(_Section((bar,), rank=8, heights=(1,)))
    sections += _below(session, into, exercises, width, picture)
    return sections


def _title(step: Step) -> str:
    if step.kind is StepKind.REST:
        return "Rest"
    if step.kind is StepKind.TIMER:
        return step.label
    return step.exercise_name or step.label


def _kind_lines(session: Session, width: int) -> list[_Section]:
    """What sits above the countdown: the side, what to do now, and the counts."""
    step = session.step
    tall = width + _PANEL_EDGES >= COMPACT_BELOW
    counts = _Section((Text(_counts(step), justify="center"),), rank=6)
    if step.kind is StepKind.HOLD:
        if step.side is None:
            return [counts] if _counts(step) else []
        return [_side_banner(step.side, width, tall), counts]
    if step.kind is StepKind.SWITCH:
        style = _SIDE_STYLE[step.side] if step.side else "bold reverse"
        banner = _Section(_banner_variants(step.label, style, width, tall), rank=2, optional=False)
        return [banner, counts]
    if step.kind is StepKind.PREP:
        first = session.plan.first_hold_of_block(session.step_index)
        sections = [_Section((_banner("GET READY", "bold reverse", width),))]
        if first is not None and first.side is not None:
            start = Text(f"Start with the {first.side.value} side", justify="center")
            sections.append(_Section((start,), rank=6))
        return sections
    if step.kind in _RESTS:
        sections = [_Section((_banner("REST", "bold reverse green", width),))]
        if step.kind is not StepKind.REST:
            sections.append(_Section((Text(step.label, justify="center"),), rank=6))
        sections.append(_Section((_next_line(session),), rank=4))
        return sections
    if step.kind is StepKind.CHECKIN:
        words = "HOW WAS IT?"
        return [_Section(_banner_variants(words, "bold reverse blue", width, tall), rank=2)]
    return [counts] if _counts(step) else []


def _below(
    session: Session,
    into: float,
    exercises: Mapping[str, Exercise],
    width: int,
    picture: HalfBlocks | None = None,
) -> list[_Section]:
    """What sits under the countdown: the cue or note, or how to get into position."""
    step = session.step
    if step.kind is StepKind.TIMER:
        return [_Section((_next_line(session),), rank=7)]
    if step.kind is StepKind.CHECKIN:
        answers = _key_list(CHECKIN_KEYS, width, boxed=True)
        answers.justify = "center"  # each line on its own, when the keys take two
        hint = Text(CHECKIN_HINT, style="dim", justify="center")
        return [_Section((answers,), optional=False), _Section((hint,), rank=7)]
    if step.kind is StepKind.PREP:
        return _prep_lines(session, exercises, width, picture)
    if step.kind in (StepKind.SWITCH, StepKind.SET_REST):
        line = side_line_at(session.plan, session.step_index, exercises)
        sections = [_Section(_shortened(line, "bold", width), rank=5)] if line else []
        if picture is not None:  # the first thing to go when rows run out
            shown = Align.center(picture)
            sections.append(_Section((shown,), rank=9, heights=(picture.height,), luxuries=1))
        return sections
    cue = current_cue(step, into) if step.kind is StepKind.HOLD else None
    if cue is not None:
        return [_Section(_shortened(cue, "italic", width), rank=5)]
    if step.note:
        return [_Section(_shortened(step.note, "italic dim", width), rank=7)]
    return []


_MOST_LINES = 3  # of a cue or note under the countdown; a longer one is cut


def _shortened(text: str, style: str, width: int) -> tuple[RenderableType, ...]:
    """`text` on at most three lines, or (when rows run out) one, cut with an ellipsis:
    a long cue must not push the progress bars off the screen."""
    most = _MOST_LINES * width
    cut = text if cell_len(text) <= most else text[: most - 1].rstrip() + "…"
    whole = Text(cut, style=style, justify="center")
    return whole, Text(text, style=style, justify="center", no_wrap=True, overflow="ellipsis")


def _prep_lines(
    session: Session,
    exercises: Mapping[str, Exercise],
    width: int,
    picture: HalfBlocks | None = None,
) -> list[_Section]:
    step = session.step
    sections = []
    if _before_first_hold(session.plan, session.step_index):
        sections.append(_Section((Text(SAFETY_LINE, style="bold yellow"),), rank=6))
        # Gives way first on a small screen (plain mode and the README always say it).
        sections.append(_Section((Text(NERVE_LINE, style="yellow"),), rank=9))
    exercise = exercises.get(step.exercise) if step.exercise else None
    side = side_line_at(session.plan, session.step_index, exercises)
    if side is not None:  # the steps say "right": this says what that means, for either side
        sections.append(_Section(_shortened(side, "bold", width), rank=3))
    for caution in exercise.cautions if exercise is not None else ():
        # Only the person's own conditions reach a session (commands/session.py).
        text = f"Caution ({caution.condition.value}): {caution.advice}"
        sections.append(_Section(_shortened(text, "bold red", width), rank=2))
    if exercise is not None:
        sections.append(_how_to_start(exercise, width, picture))
    if step.note:
        # Gives way before the progress bars: the holds show the note again.
        sections.append(_Section((Text(step.note, style="italic dim"),), rank=9))
    return sections


def _how_to_start(exercise: Exercise, width: int, picture: HalfBlocks | None = None) -> _Section:
    """The numbered steps, with the photo beside them when there is one; where that does
    not fit, the steps alone, then the one-line set-up (luxuries that give way before
    the progress bars do)."""
    steps, rows = _numbered_steps(exercise.steps, width)
    setup = exercise.setup or exercise.steps[0]
    short = Text(setup, justify="center")
    variants: tuple[RenderableType, ...] = (steps, short)
    heights: tuple[int, ...] = (rows, _text_rows(setup, width, False, None))
    if picture is not None:
        beside, beside_rows = _numbered_steps(exercise.steps, width - picture.width - PICTURE_GAP)
        both = Table.grid(padding=(0, PICTURE_GAP))
        both.add_column(width=picture.width, no_wrap=True)
        both.add_column()
        both.add_row(picture, beside)
        variants = (both, *variants)
        heights = (max(picture.height, beside_rows), *heights)
    return _Section(variants, rank=7, heights=heights, luxuries=len(variants) - 1)


def _numbered_steps(how: Sequence[str], width: int) -> tuple[Table, int]:
    """The steps as a numbered list `width` columns wide, and the rows it takes."""
    number_width = len(f"{len(how)}.")
    steps = Table.grid(padding=(0, 1))
    steps.add_column(justify="right", no_wrap=True, min_width=number_width)
    steps.add_column()
    rows = 0
    for number, text in enumerate(how, start=1):
        steps.add_row(f"{number}.", Text(text))
        # The text column is what is left of the row after the number and its gap.
        rows += _text_rows(text, max(width - number_width - 1, 1), False, None)
    return steps, rows


def _countdown_style(session: Session, seconds: int) -> str:
    if session.paused:
        return "bold yellow"
    if session.step.kind is StepKind.HOLD and seconds <= COUNTDOWN_FROM:
        return "bold red"
    return "bold"


def _side_banner(side: Side, width: int, tall: bool) -> _Section:
    words = f"{side.value.upper()} SIDE"
    return _Section(_banner_variants(words, _SIDE_STYLE[side], width, tall), rank=2, optional=False)


def _banner_variants(words: str, style: str, width: int, tall: bool) -> tuple[RenderableType, ...]:
    """Three rows of reverse colour where there is room, else (or when rows run out) one."""
    one = _banner(words, style, width)
    return (_banner(words, style, width, tall=True), one) if tall else (one,)


def _banner(words: str, style: str, width: int, *, tall: bool = False) -> Text:
    """`words` across a full-width band of `style`, letter-spaced when that fits."""
    spaced = "   ".join(" ".join(word) for word in words.split(" "))
    shown = spaced if words.isupper() and cell_len(spaced) <= width else words
    if cell_len(shown) > width:
        return Text(words, style=style, justify="center")  # wraps rather than cut
    left = (width - cell_len(shown)) // 2
    line = set_cell_size(" " * left + shown, width)
    rows = [" " * width, line, " " * width] if tall else [line]
    return Text("\n".join(rows), style=style, no_wrap=True, overflow="crop")


def _counts(step: Step) -> str:
    """ "set 2 of 3 · rep 1 of 8 · round 1 of 2", each only when there is more than one."""
    parts = []
    if step.counted:
        if step.sets > 1:
            parts.append(f"set {step.set} of {step.sets}")
        if step.reps > 1:
            parts.append(f"rep {step.rep} of {step.reps}")
    if step.rounds > 1:
        parts.append(f"round {step.round} of {step.rounds}")
    return " · ".join(parts)


def _next_line(session: Session) -> Text:
    upcoming = _upcoming(session.plan, session.step_index)
    if upcoming is None:
        return Text("Last step: then you are done", justify="center")
    parts = [_title(upcoming)]
    if upcoming.side is not None:
        parts.append(f"{upcoming.side.value} side")
    parts += [part for part in [_counts(upcoming)] if part]
    return Text.assemble(("Next: ", "bold"), " · ".join(parts), justify="center")


def _upcoming(plan: Plan, index: int) -> Step | None:
    """The next step worth naming: preps, switches and short rests lead into a hold."""
    named = (StepKind.HOLD, StepKind.TIMER, StepKind.REST)
    return next((step for step in plan.steps[index + 1 :] if step.kind in named), None)


def _before_first_hold(plan: Plan, index: int) -> bool:
    first = next((i for i, step in enumerate(plan.steps) if step.kind is StepKind.HOLD), None)
    return first is None or index < first


def current_cue(step: Step, into: float) -> str | None:
    """The latest cue of `step` due `into` seconds after it started, if any."""
    due = [text for offset, text in step.cues if offset <= into]
    return due[-1] if due else None


def exercise_position(session: Session) -> str:
    """ "exercise 2 of 6"; on a rest or timer, the next exercise, or the last one done."""
    steps = session.plan.steps
    left_out = left_out_blocks(session)  # passed over after pain: not counted
    blocks = list(
        dict.fromkeys(s.block for s in steps if s.exercise is not None and s.block not in left_out)
    )
    if not blocks or session.ended:
        return ""
    step = session.step
    if step.exercise is not None:
        return f"exercise {blocks.index(step.block) + 1} of {len(blocks)}"
    ahead = next(
        (s for s in steps[session.step_index + 1 :] if s.exercise and s.block not in left_out),
        None,
    )
    if ahead is not None:
        return f"next: exercise {blocks.index(ahead.block) + 1} of {len(blocks)}"
    return f"after exercise {len(blocks)} of {len(blocks)}"


def _spread(left: Text, right: Text, width: int) -> Text:
    """`left` and `right` on one line `width` wide; two lines when they do not share one."""
    if not right.plain:
        left.truncate(width, overflow="ellipsis")
        return left
    room = width - right.cell_len - 1
    if room < min(left.cell_len, 8):
        left.truncate(width, overflow="ellipsis")
        right.truncate(width, overflow="ellipsis")
        return Text("\n").join([left, right])
    left.truncate(room, overflow="ellipsis")
    return Text.assemble(left, " " * (width - left.cell_len - right.cell_len), right)


def _progress(elapsed: str, left: str, fraction: float, width: int) -> Text:
    bar_width = width - cell_len(elapsed) - cell_len(left) - 2
    if bar_width < 5:
        return _spread(Text(elapsed), Text(left), width)
    return Text.assemble(elapsed, " ", _bar(fraction, bar_width), " ", left)


def _bar(fraction: float, width: int) -> Text:
    # Two shapes, not only two colours: it still reads with NO_COLOR.
    filled = round(min(max(fraction, 0.0), 1.0) * width)
    return Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "dim"))


def _keys(paused: bool, width: int) -> Text:
    """The keys line, wrapped between keys (never inside one) on a narrow screen."""
    items = [(key, "resume" if paused and key == "space" else what) for key, what in KEYS]
    return _key_list(items, width)


def _key_list(items: Sequence[tuple[str, str]], width: int, boxed: bool = False) -> Text:
    """Keys and what each does, "a x · b y", wrapped between keys, never inside one.
    `boxed`: each key in reverse video with a space either side, as a key cap."""
    lines: list[list[tuple[str, str]]] = [[]]
    used = 0
    for key, what in items:
        size = len(key) + 1 + len(what) + (2 if boxed else 0)
        if lines[-1] and used + 3 + size > width:
            lines.append([])
            used = 0
        used += size + (3 if lines[-1] else 0)
        lines[-1].append((key, what))
    text = Text(overflow="fold")
    for number, line in enumerate(lines):
        if number:
            text.append("\n")
        for index, (key, what) in enumerate(line):
            text.append(" · " if index else "", style="dim")
            text.append(f" {key} " if boxed else key, style="bold reverse" if boxed else "bold")
            text.append(f" {what}")
    return text


def _help_panel() -> Panel:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, what in HELP:
        table.add_row(key, what)
    return Panel(table, title="Keys", title_align="left", box=box.ROUNDED, padding=(0, 1))


# -- plain mode and the summary -----------------------------------------------------


def step_line(elapsed: float, step: Step) -> str:
    """One plain line as a step starts: "[02:35] hold  Pigeon Pose  left side  set 2/3  30s"."""
    hold = step.kind is StepKind.HOLD
    fields = [step.kind.value, (step.exercise_name or step.label) if hold else step.label]
    if hold and step.side is not None:
        # In capitals: the word that matters most, also without colour (NO_COLOR, a reader).
        fields.append(f"{step.side.value.upper()} side")
    if step.counted:
        if step.sets > 1:
            fields.append(f"set {step.set}/{step.sets}")
        if step.reps > 1:
            fields.append(f"rep {step.rep}/{step.reps}")
    fields.append(format_seconds(step.seconds))
    return f"{_stamp(elapsed)} " + "  ".join(fields)


def safety_line(elapsed: float) -> str:
    """The plain line said once, before the first step."""
    return f"{_stamp(elapsed)} safety: {SAFETY_LINE} {NERVE_LINE}"


def detail_lines(
    elapsed: float, plan: Plan, index: int, exercises: Mapping[str, Exercise]
) -> list[str]:
    """Under a plain prep line: the person's cautions, what the first side means, the
    set-up, then the numbered steps. Under a switch or a rest between sets: what the
    next side means."""
    step = plan.steps[index]
    exercise = exercises.get(step.exercise or "")
    if exercise is None:
        return []
    stamp = _stamp(elapsed)
    if step.kind is StepKind.CHECKIN:
        answers = ", ".join(f"{key} {what}" for key, what in CHECKIN_KEYS)
        return [f"{stamp}   keys: {answers}; no answer is fine"]
    side = side_line_at(plan, index, exercises)
    if step.kind is not StepKind.PREP:
        return [f"{stamp}   {side}"] if side else []
    lines = [f"{stamp}   caution ({c.condition.value}): {c.advice}" for c in exercise.cautions]
    lines += [f"{stamp}   {side}"] if side else []
    lines += [f"{stamp}   set-up: {exercise.setup}"] if exercise.setup else []
    return lines + [
        f"{stamp}   {number}. {text}" for number, text in enumerate(exercise.steps, start=1)
    ]


def pause_line(elapsed: float, paused: bool) -> str:
    what = "paused (space to resume)" if paused else "resumed"
    return f"{_stamp(elapsed)} {what}"


def cue_line(elapsed: float, text: str) -> str:
    """One plain line for a cue, indented under the step text: "[02:45]   cue: ..."."""
    return f"{_stamp(elapsed)}   cue: {text}"


def rated_line(elapsed: float, rating: Rating) -> str:
    """One plain line for a check-in answered: "[04:10]   rated: too much"."""
    return f"{_stamp(elapsed)}   rated: {rating.words}"


def _stamp(elapsed: float) -> str:
    # Floor, like a clock: the line for second 155 never reads 02:36. Plus a hair: times
    # are differences of large clock readings, so second 155 can come out as 154.99999...
    return f"[{format_clock(max(math.floor(elapsed + 1e-6), 0))}]"


def summary_lines(summary: Summary, plan: Plan, outcome: Outcome) -> list[str]:
    """The end of a session in four lines: how it ended, time held, exercises, total time."""
    return [
        f"Session {Outcome(outcome).value}: {plan.name}",
        f"Time holding stretches: {_total(summary.held_seconds)}",
        f"Exercises done: {summary.exercises_done} of {summary.exercises_total}, "
        f"skipped: {summary.exercises_skipped}",
        f"Total time: {_total(summary.elapsed_seconds)}",
    ]


def _total(seconds: float) -> str:
    # Rounded, not floored: sums of float durations land a hair under the whole second.
    return format_clock(max(round(seconds), 0))
