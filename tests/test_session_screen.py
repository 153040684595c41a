"""The session screen and the plain lines, driven by a fake clock and read like a person would."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping

import pytest
from rich.console import Console, RenderableType

from stretchcli.core import engine
from stretchcli.core.engine import Command, Session, Summary
from stretchcli.core.model import (
    Exercise,
    ExerciseItem,
    Level,
    Origin,
    Plan,
    Routine,
    Side,
    Sides,
    Span,
    Step,
    StepKind,
    TimerItem,
)
from stretchcli.core.timeline import PlanOptions, build_plan
from stretchcli.storage.library_files import load_library
from stretchcli.ui.big_digits import big_digits, countdown_text
from stretchcli.ui.session_screen import (
    KEYS,
    SAFETY_LINE,
    cue_line,
    current_cue,
    exercise_position,
    render,
    seconds_left,
    step_line,
    summary_lines,
)

WIDTHS = (40, 80, 120)
KEYS_LINE = "space pause · n next · b back · s skip · +/- 5s · q quit · ? help"
HERE = Origin("test.yaml", 1, 1)


def library_plan(
    routine_id: str, options: PlanOptions | None = None
) -> tuple[Plan, Mapping[str, Exercise]]:
    """A built-in routine's plan, and its exercises as a session gets them with no conditions
    in config.yaml: no cautions (a session carries only those for the person's own)."""
    library = load_library()
    exercises = {key: e._replace(cautions=()) for key, e in library.exercises.items()}
    return build_plan(library.routines[routine_id], library.exercises, options), exercises


def start_of(plan: Plan, found: Callable[[Step], bool]) -> float:
    """When the first step that matches starts, in seconds from the session's start."""
    elapsed = 0
    for step in plan.steps:
        if found(step):
            return float(elapsed)
        elapsed += step.seconds
    raise AssertionError("no such step")


def session_at(plan: Plan, now: float, *commands: Command) -> Session:
    session, _ = engine.start(plan, now=0.0)
    session, _ = engine.advance(session, None, now=now)
    for command in commands:
        session, _ = engine.advance(session, command, now=now)
    return session


def show(renderable: RenderableType, width: int) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system=None, force_terminal=False, legacy_windows=False
    )
    console.print(renderable)
    return buffer.getvalue()


def screen(
    session: Session, now: float, exercises: Mapping[str, Exercise], width: int, height: int = 24
) -> str:
    output = show(render(session, now, exercises, width, height), width)
    widest = max(len(line) for line in output.splitlines())
    assert widest <= width, output
    return output


def shows_side(output: str, words: str) -> bool:
    """The side banner, letter-spaced where it fits ("R I G H T   S I D E") or not."""
    spaced = "   ".join(" ".join(word) for word in words.split())
    return spaced in output or words in output


def shows_digits(output: str, text: str, scale: int = 2) -> bool:
    return all(row.rstrip() in output for row in big_digits(text, scale))


def is_pigeon_hold(set_number: int, side: Side) -> Callable[[Step], bool]:
    def found(step: Step) -> bool:
        return (
            step.kind is StepKind.HOLD
            and step.exercise == "pigeon-pose"
            and step.set == set_number
            and step.side is side
        )

    return found


# -- the live screen ---------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_a_hold_shows_the_exercise_side_set_and_big_countdown(width: int) -> None:
    plan, exercises = library_plan("glute-medius")
    start = start_of(plan, is_pigeon_hold(2, Side.RIGHT))
    hold = next(step for step in plan.steps if is_pigeon_hold(2, Side.RIGHT)(step))
    now = start + hold.seconds - 12.3  # 12.3 s to go: the countdown shows 0:13
    output = screen(session_at(plan, now), now, exercises, width)
    assert "Pigeon Pose" in output
    assert shows_side(output, "RIGHT SIDE")
    assert "set 2 of 3" in output
    assert shows_digits(output, "0:13")
    assert "exercise 1 of 6" in output


def test_a_typical_hold_fits_80_by_24() -> None:
    plan, exercises = library_plan("glute-medius")
    now = start_of(plan, is_pigeon_hold(1, Side.LEFT)) + 12
    output = screen(session_at(plan, now), now, exercises, 80)
    assert len(output.splitlines()) <= 24
    assert shows_side(output, "LEFT SIDE")


@pytest.mark.parametrize("width", [40, 80])
def test_every_kind_of_step_fits_24_rows(width: int) -> None:
    plan, exercises = library_plan("glute-medius")
    elapsed = 0.0
    seen = set()
    for step in plan.steps:
        now = elapsed + step.seconds / 2
        elapsed += step.seconds
        if (step.kind, step.exercise) in seen:
            continue  # the same kind of step of the same exercise looks the same
        seen.add((step.kind, step.exercise))
        for session in (session_at(plan, now), session_at(plan, now, Command.TOGGLE_HELP)):
            output = screen(session, now, exercises, width)
            assert len(output.splitlines()) <= 24, output
            assert "q quit" in output
            assert "Ctrl-C" in output or not session.help_shown


def test_counts_of_one_are_left_out() -> None:
    plan, exercises = library_plan("glutes")
    now = start_of(plan, lambda step: step.exercise == "pigeon-pose" and step.kind is StepKind.HOLD)
    output = screen(session_at(plan, now + 1), now + 1, exercises, 80)
    assert "Pigeon Pose" in output
    assert "set " not in output
    assert "rep " not in output


@pytest.mark.parametrize("width", [40, 80])
def test_the_cue_shows_once_its_time_has_come(width: int) -> None:
    plan, exercises = library_plan("glute-medius")
    start = start_of(plan, is_pigeon_hold(1, Side.RIGHT))
    early = screen(session_at(plan, start + 5), start + 5, exercises, width)
    later = screen(session_at(plan, start + 10.5), start + 10.5, exercises, width)
    assert "Hips level." in early
    assert "Breathe out slowly" not in early
    assert "Breathe out slowly" in later


def test_current_cue_is_the_latest_one_due() -> None:
    step = Step(StepKind.HOLD, 30, "X", cues=((0, "start"), (10, "ten"), (25, "end")))
    assert current_cue(step, 0.0) == "start"
    assert current_cue(step, 9.99) == "start"
    assert current_cue(step, 10.0) == "ten"
    assert current_cue(step, 29.0) == "end"
    assert current_cue(step._replace(cues=()), 5.0) is None


def test_the_note_shows_when_there_is_no_cue() -> None:
    pigeon = load_library().exercises["pigeon-pose"]._replace(cues=())
    item = ExerciseItem("pigeon-pose", HERE, sets=Span(1, 1), note="Go gently today.")
    routine = Routine(id="r", name="R", items=(item,), origin=HERE)
    plan = build_plan(routine, {"pigeon-pose": pigeon})
    now = start_of(plan, lambda step: step.kind is StepKind.HOLD) + 3
    output = screen(session_at(plan, now), now, {"pigeon-pose": pigeon}, 80)
    assert "Go gently today." in output


@pytest.mark.parametrize("width", WIDTHS)
def test_a_switch_says_so_prominently(width: int) -> None:
    plan, exercises = library_plan("glute-medius")
    now = start_of(plan, lambda step: step.kind is StepKind.SWITCH) + 1
    output = screen(session_at(plan, now), now, exercises, width)
    assert "Switch to the left side" in output
    assert shows_digits(output, "0:07")  # pigeon's 8 s to turn round, 1 s in
    # What the left side means, under the countdown.
    words = " ".join(word for word in output.split() if word != "│")
    assert "Left side: left knee forward, right leg back" in words


@pytest.mark.parametrize("width", WIDTHS)
def test_prep_shows_how_to_get_into_position(width: int) -> None:
    plan, exercises = library_plan("glute-medius")
    now = start_of(plan, lambda step: step.kind is StepKind.PREP) + 1
    output = screen(session_at(plan, now), now, exercises, width, height=50)
    assert "Pigeon Pose" in output
    assert "1. Start on all fours" in output
    assert "Start with the right side" in output
    words = " ".join(word for word in output.split() if word != "│")
    assert "Right side: right knee forward, left leg back" in words
    # On 24 rows the steps may not fit with the safety line: the set-up stands in for them,
    # and the progress bars stay.
    short = screen(session_at(plan, now), now, exercises, width, height=24)
    words = " ".join(word for word in short.split() if word != "│")
    assert "1. Start on all fours" in short or "right knee behind the right wrist" in words
    assert "Right side: right knee forward, left leg back" in words
    assert sum("░" in line for line in short.splitlines()) == 2


@pytest.mark.parametrize("width", [80, 120])
def test_the_safety_line_shows_in_the_first_prep_only(width: int) -> None:
    plan, exercises = library_plan("glute-medius")
    first = start_of(plan, lambda step: step.kind is StepKind.PREP) + 1
    later = start_of(plan, lambda s: s.kind is StepKind.PREP and s.exercise != "pigeon-pose") + 1
    shown = screen(session_at(plan, first), first, exercises, width)
    # Wrapped over two lines inside the panel: every word there, in order.
    words = " ".join(word for word in shown.split() if word not in "│")
    assert SAFETY_LINE in words
    # Nerve symptoms, for every session: on an 80x24 screen too.
    from stretchcli.core.coaching import NERVE_LINE

    assert NERVE_LINE in words
    output = screen(session_at(plan, later), later, exercises, width)
    assert "Chair Glute Stretch" in output
    assert "never force" not in output


def test_the_safety_line_is_not_left_on_a_hold() -> None:
    plan, exercises = library_plan("glute-medius")
    now = start_of(plan, is_pigeon_hold(1, Side.RIGHT)) + 1
    assert "never force" not in screen(session_at(plan, now), now, exercises, 80)


@pytest.mark.parametrize("width", WIDTHS)
def test_paused_says_so_and_the_countdown_stands_still(width: int) -> None:
    plan, exercises = library_plan("glute-medius")
    now = start_of(plan, is_pigeon_hold(1, Side.RIGHT)) + 10
    session = session_at(plan, now, Command.TOGGLE_PAUSE)
    output = screen(session, now, exercises, width)
    assert "PAUSED — space to resume" in output
    assert "space resume" in output
    assert shows_digits(output, "0:20")
    assert screen(session, now + 42, exercises, width) == output


@pytest.mark.parametrize("width", WIDTHS)
def test_help_lists_every_key(width: int) -> None:
    plan, exercises = library_plan("glute-medius")
    now = start_of(plan, is_pigeon_hold(1, Side.RIGHT)) + 10
    hidden = screen(session_at(plan, now), now, exercises, width)
    output = screen(session_at(plan, now, Command.TOGGLE_HELP), now, exercises, width)
    assert "Ctrl-C" not in hidden
    for words in ("pause / resume", "n or →", "b or ←", "skip this exercise", "add or remove 5 s"):
        assert words in output
    assert "Ctrl-C  stop at once" in output
    assert shows_digits(output, "0:20")  # the countdown stays, help or not


@pytest.mark.parametrize("width", WIDTHS)
def test_a_rest_says_what_comes_next(width: int) -> None:
    plan, exercises = library_plan("glutes", PlanOptions(rest=Span.fixed(20)))
    now = start_of(plan, lambda step: step.kind is StepKind.REST) + 2
    output = screen(session_at(plan, now), now, exercises, width)
    assert shows_side(output, "REST")
    assert "Next:" in output
    assert "Standing Glute Stretch" in output
    assert "next: exercise 1 of 8" in output


def test_a_rest_between_sets_names_the_side_and_set_to_come() -> None:
    plan, exercises = library_plan("glute-medius")
    now = start_of(plan, lambda step: step.kind is StepKind.SET_REST) + 1
    output = screen(session_at(plan, now), now, exercises, 80)
    assert "Rest before set 2 of 3" in output
    assert "Next: Pigeon Pose · right side · set 2 of 3" in output


@pytest.mark.parametrize("width", WIDTHS)
def test_the_keys_are_always_at_the_bottom(width: int) -> None:
    plan, exercises = library_plan("glute-medius")
    output = screen(session_at(plan, 3), 3, exercises, width)
    for key, what in KEYS:
        assert f"{key} {what}" in output
    if width >= len(KEYS_LINE):
        assert output.splitlines()[-1] == KEYS_LINE


def test_the_header_shows_routine_position_and_times() -> None:
    plan, exercises = library_plan("glute-medius")
    output = screen(session_at(plan, 65), 65, exercises, 80)
    first, second = output.splitlines()[:2]
    assert first.startswith("Gluteus Medius Program")
    assert first.endswith("next: exercise 1 of 6")
    left = plan.total_seconds - 65
    assert second.startswith("01:05 █")
    assert second.endswith(f"{left // 60:02d}:{left % 60:02d} left")


def test_exercise_position_on_every_kind_of_step() -> None:
    plan, _ = library_plan("glute-medius")
    assert exercise_position(session_at(plan, 1)) == "next: exercise 1 of 6"
    pigeon = start_of(plan, is_pigeon_hold(3, Side.LEFT))
    assert exercise_position(session_at(plan, pigeon)) == "exercise 1 of 6"
    last = plan.total_seconds - 1
    assert exercise_position(session_at(plan, last)) == "exercise 6 of 6"
    timers = Plan("t", "T", Level.BEGINNER, (Step(StepKind.TIMER, 5, "Walk"),))
    assert exercise_position(session_at(timers, 1)) == ""


def test_the_countdown_rounds_up_to_whole_seconds() -> None:
    plan, exercises = library_plan("glute-medius")
    start = start_of(plan, is_pigeon_hold(1, Side.RIGHT))
    output = screen(session_at(plan, start + 0.2), start + 0.2, exercises, 80)
    assert shows_digits(output, "0:30")
    output = screen(session_at(plan, start + 29.9), start + 29.9, exercises, 80)
    assert shows_digits(output, "0:01")


def test_big_digits_draw_five_even_rows() -> None:
    assert big_digits("0:13", scale=1) == [
        "███    █  ███",
        "█ █ █ ██    █",
        "█ █    █  ███",
        "█ █ █  █    █",
        "███   ███ ███",
    ]
    for scale in (1, 2):
        rows = big_digits("10:05", scale)
        assert len(rows) == 5
        assert len({len(row) for row in rows}) == 1
    assert len(big_digits("0:13", 2)[0]) == 26
    assert countdown_text(13) == "0:13"
    assert countdown_text(605) == "10:05"
    assert countdown_text(-1) == "0:00"


def test_narrow_screens_use_a_smaller_font_then_plain_digits() -> None:
    plan, exercises = library_plan("glute-medius")
    start = start_of(plan, is_pigeon_hold(1, Side.RIGHT))
    output = screen(session_at(plan, start + 17.5), start + 17.5, exercises, 20)
    assert shows_digits(output, "0:13", scale=1)
    assert "RIGHT SIDE" in output
    long = Plan("t", "Long", Level.BEGINNER, (Step(StepKind.TIMER, 700, "Walk"),))
    output = screen(session_at(long, 0.5), 0.5, {}, 20)
    # "11:40" in the small font is 17 columns: more than fits, so plain text, never cut.
    assert big_digits("11:40", 1)[0] not in output
    assert "11:40" in output


def test_a_short_screen_keeps_the_essentials() -> None:
    plan, exercises = library_plan("glute-medius")
    now = start_of(plan, is_pigeon_hold(2, Side.LEFT)) + 17.7
    session = session_at(plan, now, Command.TOGGLE_HELP)
    output = screen(session, now, exercises, 80, height=14)
    assert len(output.splitlines()) <= 14
    assert "Pigeon Pose" in output
    assert shows_side(output, "LEFT SIDE")
    assert shows_digits(output, "0:13")
    assert "q quit" in output


def test_an_ended_session_and_an_empty_plan_still_render() -> None:
    plan, exercises = library_plan("upper-glutes")
    done = session_at(plan, plan.total_seconds + 5.0)
    assert done.ended
    assert shows_side(screen(done, plan.total_seconds + 5.0, exercises, 80), "SESSION COMPLETE")
    quit_ = session_at(plan, 30, Command.QUIT)
    assert shows_side(screen(quit_, 30, exercises, 80), "SESSION STOPPED")
    empty, _ = engine.start(Plan("e", "Empty", Level.BEGINNER, ()), now=0.0)
    assert "Empty" in screen(empty, 1.0, {}, 40)


def test_nothing_breaks_from_20_to_300_columns() -> None:
    plan, exercises = library_plan("glute-medius")
    switch = start_of(plan, lambda step: step.kind is StepKind.SWITCH) + 1
    set_rest = start_of(plan, lambda step: step.kind is StepKind.SET_REST) + 1
    moments = [
        (session_at(plan, 1.0), 1.0),
        (session_at(plan, 185.0), 185.0),
        (session_at(plan, switch), switch),
        (session_at(plan, set_rest, Command.TOGGLE_PAUSE, Command.TOGGLE_HELP), set_rest),
        (session_at(plan, 30.0, Command.QUIT), 30.0),
    ]
    for width in (*range(20, 301, 9), 59, 60, 300):
        for session, now in moments:
            screen(session, now, exercises, width)  # checks every line fits


def test_exercise_steps_missing_from_the_mapping_are_left_out() -> None:
    plan, _ = library_plan("glute-medius")
    output = screen(session_at(plan, 185), 185, {}, 80)
    assert "Pigeon Pose" in output
    assert "1. " not in output


# -- plain lines ------------------------------------------------------------------


def test_step_line_for_a_hold() -> None:
    plan, _ = library_plan("glute-medius")
    hold = next(step for step in plan.steps if is_pigeon_hold(2, Side.LEFT)(step))
    assert step_line(155.9, hold) == "[02:35] hold  Pigeon Pose  LEFT side  set 2/3  30s"


def test_step_line_for_every_other_kind() -> None:
    plan, _ = library_plan("glute-medius")
    kinds = {step.kind: step for step in reversed(plan.steps)}  # the first of each kind
    assert step_line(0, kinds[StepKind.TIMER]) == (
        "[00:00] timer  Warm up: walk, march or jog in place, or do jumping jacks, "
        "then slow hip circles  3m"
    )
    assert step_line(180, kinds[StepKind.PREP]) == "[03:00] prep  Get ready: Pigeon Pose  15s"
    assert step_line(225, kinds[StepKind.SWITCH]) == (
        "[03:45] switch  Switch to the left side  set 1/3  8s"
    )
    assert step_line(263, kinds[StepKind.SET_REST]) == (
        "[04:23] set-rest  Rest before set 2 of 3  set 2/3  8s"
    )
    assert step_line(3725, kinds[StepKind.REP_REST]) == (
        "[1:02:05] rep-rest  Relax, then rep 2 of 8  rep 2/8  2s"
    )
    rest = Step(StepKind.REST, 20, "Rest, next: Pigeon Pose")
    assert step_line(61, rest) == "[01:01] rest  Rest, next: Pigeon Pose  20s"


def test_step_line_leaves_out_the_side_of_a_one_sided_hold() -> None:
    step = Step(StepKind.HOLD, 90, "Twist", exercise="twist", exercise_name="Twist", reps=3, rep=2)
    assert step_line(5, step) == "[00:05] hold  Twist  rep 2/3  1m30s"


def test_cue_line() -> None:
    assert cue_line(165.2, "Breathe out slowly") == "[02:45]   cue: Breathe out slowly"


def test_summary_lines() -> None:
    plan, _ = library_plan("glutes")
    summary = Summary(
        held_seconds=269.9999,
        exercises_done=8,
        exercises_skipped=1,
        exercises_total=9,
        elapsed_seconds=612.2,
        held_by_exercise={"pigeon-pose": 269.9999},
    )
    assert summary_lines(summary, plan, "completed") == [
        "Session completed: Glutes and Hips",
        "Time holding stretches: 04:30",
        "Exercises done: 8 of 9, skipped: 1",
        "Total time: 10:12",
    ]
    assert summary_lines(summary, plan, "quit")[0] == "Session quit: Glutes and Hips"
    assert summary_lines(summary, plan, "interrupted")[0] == "Session interrupted: Glutes and Hips"


def test_summary_from_a_real_session() -> None:
    plan, _ = library_plan("upper-glutes")
    session = session_at(plan, 20, Command.SKIP_EXERCISE)
    session, _ = engine.advance(session, Command.QUIT, now=50)
    lines = summary_lines(engine.summary(session, 50), plan, "quit")
    assert lines[2] == "Exercises done: 0 of 4, skipped: 1"
    assert lines[3] == "Total time: 00:50"


def test_both_sides_get_their_own_banner() -> None:
    twist = Exercise("twist", "Twist", ("glutes",), Span(10, 10), ("Sit.",), HERE, sides=Sides.BOTH)
    routine = Routine(
        id="r",
        name="R",
        items=(ExerciseItem("twist", HERE), TimerItem("Walk", Span(5, 5))),
        origin=HERE,
    )
    plan = build_plan(routine, {"twist": twist})
    right = start_of(plan, lambda step: step.side is Side.RIGHT and step.kind is StepKind.HOLD)
    left = start_of(plan, lambda step: step.side is Side.LEFT and step.kind is StepKind.HOLD)
    exercises = {"twist": twist}
    assert shows_side(screen(session_at(plan, right + 1), right + 1, exercises, 80), "RIGHT SIDE")
    assert shows_side(screen(session_at(plan, left + 1), left + 1, exercises, 80), "LEFT SIDE")
    timer = screen(session_at(plan, plan.total_seconds - 1), plan.total_seconds - 1, exercises, 80)
    assert "after exercise 1 of 1" in timer
    assert "Last step: then you are done" in timer


def test_seconds_left_counts_up_to_the_whole_second() -> None:
    assert [seconds_left(x) for x in (12.3, 12.0, 12.0000000001, 0.2, 0.0, -1.0)] == [
        13,
        12,
        12,
        1,
        0,
        0,
    ]


def countdown_height(output: str) -> int:
    """Rows of the block-font countdown on a rendered screen."""
    return sum(1 for line in output.splitlines() if "██" in line and "░" not in line)


@pytest.mark.parametrize(
    ("width", "height", "rows"),
    [(200, 50, 15), (120, 40, 10), (80, 24, 5), (40, 15, 5)],
)
def test_the_countdown_grows_with_the_terminal_and_still_fits_small_ones(
    width: int, height: int, rows: int
) -> None:
    plan, exercises = library_plan("glute-medius")
    now = start_of(plan, is_pigeon_hold(1, Side.RIGHT)) + 17.5
    output = screen(session_at(plan, now), now, exercises, width, height)
    assert len(output.splitlines()) <= height
    assert countdown_height(output) == rows
    assert "RIGHT SIDE" in output or shows_side(output, "RIGHT SIDE")
    tall = rows // 5
    assert all(row.rstrip() in output for row in big_digits("0:13", 2 * tall, tall))


def test_a_big_countdown_gives_way_before_anything_else_does() -> None:
    plan, exercises = library_plan("glute-medius")
    now = start_of(plan, is_pigeon_hold(1, Side.RIGHT)) + 17.5
    # 30 rows: a third would hold the 10-row countdown, and does without the help...
    plain = screen(session_at(plan, now), now, exercises, 100, 30)
    assert countdown_height(plain) == 10
    # ...but the help (and all the rest) stays, and the countdown takes its usual size.
    helped = screen(session_at(plan, now, Command.TOGGLE_HELP), now, exercises, 100, 30)
    assert "how it felt" in helped
    assert countdown_height(helped) == 5
    assert len(helped.splitlines()) <= 30


@pytest.mark.parametrize("routine_id", ["glutes", "glute-medius", "hips", "upper-glutes", "desk"])
def test_a_prep_at_80x24_keeps_the_progress_bars_and_shortens_its_steps(routine_id: str) -> None:
    plan, exercises = library_plan(routine_id)
    for index, step in enumerate(plan.steps):
        if step.kind is not StepKind.PREP:
            continue
        now = sum(before.seconds for before in plan.steps[:index]) + 1
        output = screen(session_at(plan, now), now, exercises, 80, 24)
        assert len(output.splitlines()) <= 24
        assert sum("░" in line for line in output.splitlines()) == 2, output  # both bars
        exercise = exercises[str(step.exercise)]
        words = " ".join(word for word in output.split() if word != "│")
        # All the steps where they fit; else the set-up, whole, in their place.
        assert "1. " in output or str(exercise.setup) in words


def test_a_caution_for_your_condition_shows_at_the_prep_before_the_exercise() -> None:
    from stretchcli.core.model import Caution, Condition

    plan, exercises = library_plan("glute-medius")
    caution = Caution(Condition.KNEE, "Tuck the front foot in; stop at knee pain.")
    exercises = {**exercises, "pigeon-pose": exercises["pigeon-pose"]._replace(cautions=(caution,))}
    now = start_of(plan, lambda step: step.kind is StepKind.PREP) + 1
    output = screen(session_at(plan, now), now, exercises, 80, 24)
    assert "Caution (knee): Tuck the front foot in; stop at knee pain." in output
    assert sum("░" in line for line in output.splitlines()) == 2  # the bars stay


@pytest.mark.parametrize("width", WIDTHS)
def test_a_checkin_asks_how_it_was_with_its_keys(width: int) -> None:
    from stretchcli.core.timeline import with_checkins

    plan, exercises = library_plan("upper-glutes")
    plan = with_checkins(plan)
    now = start_of(plan, lambda step: step.kind is StepKind.CHECKIN) + 2
    output = screen(session_at(plan, now), now, exercises, width)
    assert shows_side(output, "HOW WAS IT?")
    assert "Standing Glute Stretch" in output  # the exercise it asks about
    for key, what in (("1", "easy"), ("2", "about right"), ("3", "too much"), ("p", "pain")):
        assert f" {key}  {what}" in output
    assert shows_digits(output, "0:04")  # the seconds left to answer
    if width >= 60:
        assert "No answer is fine" in output
