"""The `stretch` command line: typer signatures, and `main`, the one boundary.

Each command here only turns its parameters into typed values and calls its
function in `stretchcli.commands` (imported when the command runs, so start-up
stays fast). `main` turns every failure into a one-line message and an exit code.
"""

from __future__ import annotations

import contextlib
import sys
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stretchcli import __version__
from stretchcli.core.errors import (
    INTERRUPTED_MESSAGE,
    ExitCode,
    RoutineFileError,
    StretchError,
    os_reason,
)
from stretchcli.core.model import Category, Level, Position, SoundMode
from stretchcli.core.text import visible

if TYPE_CHECKING:
    from stretchcli.ui.output import Output

from .completion import complete_exercise, complete_muscle, complete_target, complete_user_routine
from .options import (
    AsJson,
    DeskOption,
    EquipmentOption,
    FirstSideOption,
    FocusOption,
    ForOption,
    HoldOption,
    LevelOption,
    LibraryFiles,
    NoPictures,
    OptionalTarget,
    PositionsOption,
    PrepOption,
    RepsOption,
    RestOption,
    RoundsOption,
    RoutineInFile,
    ScaleOption,
    SeedOption,
    SetsOption,
    SkipCautioned,
    SwitchOption,
    factor_option,
)

# More sessions than anyone records, and less than SQLite's largest integer.
MOST_LISTED = 1_000_000_000

app = typer.Typer(
    name="stretch",
    help="A guided stretch timer for the terminal, with a glute and hip library.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"stretchcli {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """A guided stretch timer for the terminal, with a glute and hip library.

    Start with: stretch session glutes  (or see it first: stretch plan glutes)
    """


def _output() -> Output:
    from stretchcli.ui.output import Output

    return Output.standard()


# -- browse ---------------------------------------------------------------------


@app.command()
def exercises(
    muscle: Annotated[
        str | None,
        typer.Option(
            help="Works this muscle or group, e.g. glutes (stretch muscles lists them).",
            autocompletion=complete_muscle,
        ),
    ] = None,
    position: Annotated[Position | None, typer.Option(help="Starting position.")] = None,
    equipment: Annotated[str | None, typer.Option(help="Needs this equipment, e.g. chair.")] = None,
    difficulty: Annotated[Level | None, typer.Option(help="Exercise difficulty.")] = None,
    category: Annotated[Category | None, typer.Option(help="Kind of exercise.")] = None,
    desk: Annotated[bool, typer.Option("--desk", help="Only moves you can do at a desk.")] = False,
    search: Annotated[
        str | None,
        typer.Option(help="Name, alias, id or muscle contains this text."),
    ] = None,
    level: LevelOption = None,
    library_files: LibraryFiles = None,
    as_json: AsJson = False,
) -> int:
    """List the exercise library, filtered.

    Example: stretch exercises --muscle glutes --position chair
    """
    from stretchcli.commands import browse
    from stretchcli.core.catalog import ExerciseFilter

    query = ExerciseFilter(muscle, position, equipment, difficulty, category, desk, search)
    return browse.exercises(_output(), query, level, library_files or [], as_json)


@app.command()
def muscles(library_files: LibraryFiles = None, as_json: AsJson = False) -> int:
    """List the muscles and groups --muscle knows, with how many exercises work each.

    Example: stretch exercises --muscle hip-flexors
    """
    from stretchcli.commands import browse

    return browse.muscles(_output(), library_files or [], as_json)


@app.command()
def show(
    exercise_id: Annotated[
        str, typer.Argument(metavar="ID", help="An exercise id.", autocompletion=complete_exercise)
    ],
    library_files: LibraryFiles = None,
    as_json: AsJson = False,
    no_pictures: NoPictures = False,
) -> int:
    """Everything about one exercise: steps, cues, tips, mistakes, safety, FAQ, and its
    photos where it has them and the terminal can show them.

    Example: stretch show pigeon-pose
    """
    from stretchcli.commands import browse

    return browse.show(_output(), exercise_id, library_files or [], as_json, not no_pictures)


@app.command()
def routines(library_files: LibraryFiles = None, as_json: AsJson = False) -> int:
    """List the routines: built-in ones and your own.

    Example: stretch routines
    """
    from stretchcli.commands import browse

    return browse.routines(_output(), library_files or [], as_json)


# -- plan and session -----------------------------------------------------------


@app.command()
def plan(
    target: OptionalTarget = None,
    routine: RoutineInFile = None,
    level: LevelOption = None,
    hold: HoldOption = None,
    scale: ScaleOption = None,
    reps: RepsOption = None,
    sets: SetsOption = None,
    prep: PrepOption = None,
    switch: SwitchOption = None,
    rest: RestOption = None,
    rounds: RoundsOption = None,
    first_side: FirstSideOption = None,
    library_files: LibraryFiles = None,
    skip_cautioned: SkipCautioned = False,
    for_seconds: ForOption = None,
    focus: FocusOption = None,
    positions: PositionsOption = None,
    desk: DeskOption = False,
    equipment: EquipmentOption = None,
    seed: SeedOption = None,
    save: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Also write the session as NAME.yaml in your routines folder, to run again.",
        ),
    ] = None,
    as_json: AsJson = False,
) -> int:
    """Show every step of a session with its start time, and the total.

    Example: stretch plan glutes --level intermediate --hold 45

    Or one built to fit: stretch plan --for 10m --focus hips --desk --save desk-hips
    """
    from stretchcli.commands.fitted import Fitting
    from stretchcli.commands.plan import plan as show_plan
    from stretchcli.core.timeline import PlanOptions

    options = PlanOptions(level, hold, scale, reps, sets, prep, switch, rest, rounds, first_side)
    fitting = Fitting.of(for_seconds, focus, positions, desk, equipment, seed)
    return show_plan(
        _output(),
        target,
        routine,
        options,
        library_files or [],
        as_json,
        skip_cautioned,
        fitting,
        save,
    )


@app.command()
def session(
    target: OptionalTarget = None,
    routine: RoutineInFile = None,
    level: LevelOption = None,
    hold: HoldOption = None,
    scale: ScaleOption = None,
    reps: RepsOption = None,
    sets: SetsOption = None,
    prep: PrepOption = None,
    switch: SwitchOption = None,
    rest: RestOption = None,
    rounds: RoundsOption = None,
    first_side: FirstSideOption = None,
    library_files: LibraryFiles = None,
    skip_cautioned: SkipCautioned = False,
    no_pictures: NoPictures = False,
    for_seconds: ForOption = None,
    focus: FocusOption = None,
    positions: PositionsOption = None,
    desk: DeskOption = False,
    equipment: EquipmentOption = None,
    seed: SeedOption = None,
    checkin: Annotated[
        bool | None,
        typer.Option(
            "--checkin/--no-checkin",
            help="After each exercise, one key says how it felt (on by default in the live "
            "display; --checkin asks for it in plain mode too).",
        ),
    ] = None,
    sound: Annotated[
        SoundMode | None,
        typer.Option(
            "--sound",
            metavar="chime|bell|off",
            help="A sound for each event (chime), the terminal bell, or none.",
        ),
    ] = None,
    no_sound: Annotated[bool, typer.Option("--no-sound", help="The same as --sound off.")] = False,
    voice: Annotated[
        bool | None,
        typer.Option(
            "--voice/--no-voice", help="Speak steps and cues (say, espeak-ng, espeak, spd-say)."
        ),
    ] = None,
    plain: Annotated[
        bool, typer.Option("--plain", help="One line per step instead of the live display.")
    ] = False,
    speed: Annotated[
        float,
        factor_option(
            1000.0, "Run the clock this much faster (demos; such sessions are not recorded)."
        ),
    ] = 1.0,
) -> int:
    """Run a routine hands-free: countdowns, side switches, cues, a bell, and keys.

    Keys: space pause, n next, b back, s skip exercise, + and - 5 s, q quit, ? help;
    after an exercise, 1 easy, 2 about right, 3 too much, p pain (p also ends a hold).

    Example: stretch session glutes --level intermediate --voice

    Or one built to fit: stretch session --for 10m --focus hips --desk
    """
    from stretchcli.commands.fitted import Fitting
    from stretchcli.commands.session import session as run
    from stretchcli.core.settings import SessionRequest
    from stretchcli.core.timeline import PlanOptions

    options = PlanOptions(level, hold, scale, reps, sets, prep, switch, rest, rounds, first_side)
    request = SessionRequest(
        SoundMode.OFF if no_sound else sound,
        voice,
        plain,
        speed,
        skip_cautioned,
        not no_pictures,
        checkin,
    )
    fitting = Fitting.of(for_seconds, focus, positions, desk, equipment, seed)
    return run(
        _output(),
        target,
        routine,
        options,
        request,
        library_files or [],
        ask=ask_yes_no,
        fitting=fitting,
    )


# -- history --------------------------------------------------------------------


@app.command()
def history(
    since: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            metavar="DATE",
            help="Only sessions from this day on (YYYY-MM-DD).",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(min=1, max=MOST_LISTED, metavar="N", help="At most N sessions, newest first."),
    ] = None,
    as_json: AsJson = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV with every field.")] = False,
    by_exercise: Annotated[
        bool,
        typer.Option(
            "--exercises", help="One row per exercise of each session: held, planned, done."
        ),
    ] = False,
) -> int:
    """Your sessions: streaks, time stretched, minutes per muscle, a calendar, the latest.

    Example: stretch history --since 2026-11-01
    """
    from stretchcli.commands.history import history as show_history

    first_day = since.date() if since is not None else None
    return show_history(_output(), first_day, limit, as_json, as_csv, by_exercise)


@app.command()
def progress(
    level: LevelOption = None, library_files: LibraryFiles = None, as_json: AsJson = False
) -> int:
    """Your check-ins per exercise: the hold each has grown (or eased) to, and why.

    Holds grow in routines with `progression: true` (or with it in config.yaml).

    Example: stretch progress
    """
    from stretchcli.commands.progress import show_progress
    from stretchcli.core.timeline import PlanOptions

    return show_progress(_output(), PlanOptions(level=level), library_files or [], as_json)


# -- movement breaks ------------------------------------------------------------


@app.command()
def status(as_json: AsJson = False) -> int:
    """One short line for a status bar: the next break and each daily routine today.

    Example (tmux): set -g status-right '#(stretch status)'
    """
    from stretchcli.commands import breaks

    return breaks.status(_output(), as_json)


@app.command()
def today(as_json: AsJson = False) -> int:
    """Today's movement breaks and what became of them, your daily routines, your streak.

    Example: stretch today
    """
    from stretchcli.commands import breaks

    return breaks.today(_output(), as_json)


class RemindAction(str, Enum):
    INSTALL = "install"
    UNINSTALL = "uninstall"
    STATUS = "status"


@app.command()
def remind(
    action: Annotated[
        RemindAction | None,
        typer.Argument(
            help="install: a per-user scheduled job that runs `stretch nudge` every minute "
            "(systemd user timer, launchd agent, Task Scheduler); uninstall: remove it; "
            "status: is it on, and when is the next break."
        ),
    ] = None,
) -> int:
    """Wait for each movement break in this terminal: a notification, then Enter starts
    the break's routine, z snoozes, x skips. Ctrl-C ends it.

    Turn reminders on in config.yaml first (`reminders: true`). Example: stretch remind
    """
    if action is not None:
        from stretchcli.commands import schedule

        chosen = {
            RemindAction.INSTALL: schedule.install,
            RemindAction.UNINSTALL: schedule.uninstall,
            RemindAction.STATUS: schedule.status,
        }[action]
        return chosen(_output())
    from stretchcli.commands import remind as reminding
    from stretchcli.commands.session import session as run
    from stretchcli.core.settings import SessionRequest
    from stretchcli.core.timeline import PlanOptions

    out = _output()

    def run_session(routine: str) -> ExitCode:
        return run(out, routine, None, PlanOptions(), SessionRequest(), [], ask=ask_yes_no)

    return reminding.remind(out, run_session, reminding.terminal_prompt)


@app.command()
def nudge() -> int:
    """If a movement break is due, send its notification (Start, Snooze) and exit.

    What the scheduled job runs; harmless to run by hand.
    """
    from stretchcli.commands import remind as reminding

    return reminding.nudge(_output())


# -- your own routines ----------------------------------------------------------


@app.command()
def new(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="The new routine's id, e.g. my-hips.")
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="ROUTINE",
            help="Start from a copy of this routine (built-in or yours).",
            autocompletion=complete_target,
        ),
    ] = None,
    exercise_ids: Annotated[
        list[str] | None,
        typer.Option(
            "--exercise",
            metavar="ID",
            help="Start from these exercises (repeatable, in order).",
            autocompletion=complete_exercise,
        ),
    ] = None,
) -> int:
    """Write a new routine file in your routines folder, ready to fill in and run.

    Example: stretch new my-hips --exercise pigeon-pose --exercise kneeling-side-bend
    """
    from stretchcli.commands import own_routines

    return own_routines.new(_output(), name, source, exercise_ids or [])


@app.command()
def edit(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="One of your routine files, by name (my-hips for my-hips.yaml).",
            autocompletion=complete_user_routine,
        ),
    ],
) -> int:
    """Open one of your routine files in your editor, and check it when you close it.

    The editor is $VISUAL, else $EDITOR, else nano or vi. Your file is only replaced by a
    version that is valid, or one you choose to keep; it is never lost.

    Example: stretch edit my-hips
    """
    from stretchcli.commands import own_routines

    return own_routines.edit(_output(), name, ask_yes_no, interactive=sys.stdin.isatty())


def ask_yes_no(question: str, default: bool) -> bool:
    """A yes/no question on the terminal; Ctrl-C or Ctrl-D there stops, as Ctrl-C does.
    The window closing (SIGHUP) or a SIGTERM meanwhile ends stretch with 128 + its number,
    as during the session the question comes before, with nothing more written: there may
    be no terminal left to write to."""
    from stretchcli.ui.signals import Terminated, signals_end_the_session

    try:
        with signals_end_the_session():
            return typer.confirm(question, default=default)
    except typer.Abort:
        raise KeyboardInterrupt from None
    except Terminated as ended:
        raise SystemExit(128 + ended.signum) from None


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILE...",
            help="Routine files (or config.yaml); default: your folder's files and config.yaml.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Warnings (a muscle stretchcli does not know) fail too."),
    ] = False,
) -> int:
    """Check routine files and report every problem with its line and column.

    Example: stretch validate my-hips.yaml
    """
    from stretchcli.commands import own_routines

    return own_routines.validate(_output(), files or [], strict)


class Dataset(str, Enum):
    FREE_EXERCISE_DB = "free-exercise-db"


@app.command("import")
def import_(
    dataset: Annotated[
        Dataset,
        typer.Argument(metavar="DATASET", help="The dataset: free-exercise-db (public domain)."),
    ],
    source: Annotated[
        str | None,
        typer.Argument(
            metavar="[SOURCE]",
            help="A clone of the dataset, its dist/exercises.json, or a URL (a mirror's base "
            "or its JSON); default: download it from GitHub.",
        ),
    ] = None,
) -> int:
    """Add a dataset's stretches, with their photos, to your library.

    Writes free-exercise-db.yaml into your routines folder, its photos into your data folder.

    Running it again changes nothing. Example: stretch import free-exercise-db
    """
    from stretchcli.commands import importer

    importers = {Dataset.FREE_EXERCISE_DB: importer.import_free_exercise_db}
    return importers[dataset](_output(), source)


@app.command()
def where() -> int:
    """Show the folders and files stretchcli reads and writes.

    Set STRETCHCLI_HOME to keep them all in one folder of your choice.

    Example: stretch where
    """
    from stretchcli.commands import own_routines

    return own_routines.where(_output())


@app.command()
def schema() -> int:
    """Print a JSON Schema of the routine file format, for editors.

    Example: stretch schema > routine.schema.json
    """
    from stretchcli.commands import own_routines

    return own_routines.schema(_output())


# -- the one boundary -----------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the command line and turn every failure into a message and an exit code."""
    _escape_what_cannot_be_printed()
    command = typer.main.get_command(app)
    args = sound_flag_as_option(sys.argv[1:] if argv is None else list(argv))
    try:
        code = command.main(args=args, prog_name="stretch", standalone_mode=False)
    except RoutineFileError as error:
        return _fail(str(error), error.exit_code)
    except StretchError as error:
        # One line, even when it quotes what was typed (a TARGET with an escape in it).
        return _fail(visible(f"stretch: error: {error}"), error.exit_code)
    except typer.TyperException as error:
        # Usage errors (exit 2): a wrong option, a missing argument, a bad value.
        if not error.format_message():
            return error.exit_code  # `stretch` alone: the help was the message
        context = getattr(error, "ctx", None)
        where = context.command_path if context is not None else "stretch"
        hint = f" (see '{where} --help')" if context is not None else ""
        return _fail(f"{where}: error: {error.format_message()}{hint}", error.exit_code)
    except typer.Abort:
        return _fail("stretch: aborted", ExitCode.FAILURE)
    except KeyboardInterrupt:
        return _fail(INTERRUPTED_MESSAGE, ExitCode.INTERRUPTED)
    except OSError as error:
        return _fail(f"stretch: error: {os_reason(error)}", ExitCode.FAILURE)
    if code == ExitCode.INTERRUPTED:
        sys.stderr.write(INTERRUPTED_MESSAGE + "\n")
    return int(code) if isinstance(code, int) else ExitCode.OK


def sound_flag_as_option(args: list[str]) -> list[str]:
    """`--sound` alone, as it was before it took a value, means `--sound chime`.

    Only where nothing follows it, or another option: `--sound bell` and `--sound=off` are
    left as they are, and `--sound loud` is an error that names the values.
    """
    out: list[str] = []
    for index, arg in enumerate(args):
        if arg == "--":
            return out + args[index:]
        following = args[index + 1] if index + 1 < len(args) else None
        alone = following is None or following.startswith("-")
        out.append("--sound=chime" if arg == "--sound" and alone else arg)
    return out


def _escape_what_cannot_be_printed() -> None:
    """Characters the output's encoding lacks (a Latin-1 console, a file name that is not
    UTF-8) are written escaped, like \\u2588, instead of ending the program."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # A closed or unusual stream is left as it is.
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _fail(message: str, code: int) -> int:
    sys.stderr.write(message + "\n")
    return code
