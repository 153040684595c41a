"""The `stretch` command line: each command parses, calls the core, renders, returns.

Errors become one-line messages and exit codes in `main`, the one boundary.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from stretchcli import __version__
from stretchcli.core.durations import parse_count, parse_duration, plural
from stretchcli.core.errors import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    RoutineFileError,
    StretchError,
    UsageError,
)
from stretchcli.core.model import Category, Level, Position, Side, Span

if TYPE_CHECKING:
    from stretchcli.core.library import Library
    from stretchcli.core.model import Defaults, Routine
    from stretchcli.core.timeline import PlanOptions

app = typer.Typer(
    name="stretch",
    help="A guided stretch timer for the terminal, with a glute and hip library.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# -- option parsers: a bad value is a usage error (exit 2) ------------------------


def _option_parser(parse: Callable[[str], Span]) -> Callable[[str], Span]:
    """`parse`, with its ValueError turned into a usage error that names the option."""

    def parser(text: str) -> Span:
        try:
            return parse(text)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None

    return parser


_hold_value = _option_parser(lambda text: parse_duration(text, minimum=1))
_duration_value = _option_parser(parse_duration)
_count_value = _option_parser(parse_count)


def _show_version(value: bool) -> None:
    if value:
        print(f"stretchcli {__version__}")
        raise typer.Exit()


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
LevelOption = Annotated[
    Level | None,
    typer.Option(help="Which end of each range: beginner = low, advanced = high."),
]


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


# -- shared plumbing ------------------------------------------------------------


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _load(files: list[Path] | None) -> Library:
    from stretchcli.storage.library_files import load_library

    library = load_library(files or ())
    if library.warnings:
        for problem in library.warnings:
            _stderr(problem.format("warning"))
        _stderr("stretch: warning: what has problems above is left out; `stretch validate` checks")
    return library


def _resolve(
    target: str, routine_id: str | None, files: list[Path] | None
) -> tuple[Library, Routine]:
    from stretchcli.core.library import find_target, looks_like_path, routine_in_file

    if looks_like_path(target):
        path = Path(target)
        library = _load([*(files or ()), path])
        return library, routine_in_file(library, str(path), routine_id)
    if routine_id is not None:
        raise UsageError("--routine picks a routine inside a file given as TARGET")
    library = _load(files)
    return library, find_target(library, target)


def _print_json(data: Any) -> None:
    import json

    print(json.dumps(data, indent=2, ensure_ascii=False))


def _print(renderable: Any) -> None:
    from stretchcli.ui.tables import Grid, make_console, print_grid

    console = make_console()
    if isinstance(renderable, Grid):
        print_grid(console, renderable)
    else:
        console.print(renderable)


# -- commands -------------------------------------------------------------------


@app.command()
def exercises(
    muscle: Annotated[
        str | None,
        typer.Option(help="Target or secondary muscle contains this, e.g. glute."),
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
) -> None:
    """List the exercise library, filtered.

    Example: stretch exercises --muscle glutes --position chair
    """
    from stretchcli.core.catalog import ExerciseFilter, find_exercises

    library = _load(library_files)
    query = ExerciseFilter(muscle, position, equipment, difficulty, category, desk, search)
    found = find_exercises(library, query)
    if as_json:
        from stretchcli.core.jsonout import exercise_json

        _print_json([exercise_json(exercise) for exercise in found])
        return
    if not found:
        _stderr("No exercise matches those filters.")
        return
    from stretchcli.ui.tables import exercises_grid

    _print(exercises_grid(found, level or Level.BEGINNER))


@app.command()
def show(
    exercise_id: Annotated[
        str, typer.Argument(metavar="ID", help="An exercise id.", autocompletion=complete_exercise)
    ],
    library_files: LibraryFiles = None,
    as_json: AsJson = False,
) -> None:
    """Everything about one exercise: steps, cues, tips, mistakes, safety, FAQ.

    Example: stretch show pigeon-pose
    """
    from stretchcli.core.errors import did_you_mean

    library = _load(library_files)
    exercise = library.exercises.get(exercise_id)
    if exercise is None:
        hint = did_you_mean(exercise_id, library.exercises)
        if not hint and exercise_id in library.routines:
            hint = f" ({exercise_id} is a routine: try `stretch plan {exercise_id}`)"
        raise StretchError(f'no exercise "{exercise_id}"{hint}')
    if as_json:
        from stretchcli.core.jsonout import exercise_json

        _print_json(exercise_json(exercise))
        return
    from stretchcli.ui.tables import exercise_detail

    _print(exercise_detail(exercise, library))


@app.command()
def routines(library_files: LibraryFiles = None, as_json: AsJson = False) -> None:
    """List the routines: built-in ones and your own.

    Example: stretch routines
    """
    from stretchcli.core.catalog import routine_totals

    library = _load(library_files)
    rows = list(routine_totals(library))
    if as_json:
        from stretchcli.core.jsonout import routine_json

        _print_json([routine_json(routine) for routine, _ in rows])
        return
    from stretchcli.ui.tables import routines_grid

    _print(routines_grid(library, rows))


def _defaults() -> Defaults:
    """The user's config.yaml; with problems it is reported and left unused."""
    from stretchcli.storage.library_files import load_defaults

    defaults, problems = load_defaults()
    for problem in problems:
        _stderr(problem.format("warning"))
    if problems:
        _stderr("stretch: warning: config.yaml is not used until fixed; `stretch validate` checks")
    return defaults


def _plan_options(arguments: dict[str, Any], defaults: Defaults) -> PlanOptions:
    """The timeline options: the command line's (named as in PlanOptions), else config.yaml's."""
    from stretchcli.core.timeline import PlanOptions

    values = {name: arguments[name] for name in PlanOptions._fields}
    for name in ("level", "prep", "switch", "rest", "first_side"):
        if values[name] is None:
            values[name] = getattr(defaults, name)
    return PlanOptions(**values)


# -- shell completion: quiet and forgiving, since it runs on every Tab -----------


def _library_quietly() -> Library | None:
    from stretchcli.storage.library_files import load_library

    try:
        return load_library()
    except StretchError:
        return None


def _complete_paths(incomplete: str) -> list[str]:
    base = Path(incomplete).expanduser()
    folder, stem = (base, "") if incomplete.endswith("/") else (base.parent, base.name)
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    prefix = incomplete[: len(incomplete) - len(stem)]
    return [
        prefix + entry.name + ("/" if entry.is_dir() else "")
        for entry in entries
        if entry.name.startswith(stem) and (entry.is_dir() or entry.suffix in (".yaml", ".yml"))
    ]


def complete_target(incomplete: str) -> list[str]:
    """Routine ids, exercise ids and routine files for TARGET."""
    if incomplete.startswith((".", "/", "~")) or "/" in incomplete:
        return _complete_paths(incomplete)
    library = _library_quietly()
    ids = [] if library is None else [*sorted(library.routines), *sorted(library.exercises)]
    return [i for i in ids if i.startswith(incomplete)] + _complete_paths(incomplete)


def complete_exercise(incomplete: str) -> list[str]:
    library = _library_quietly()
    return (
        []
        if library is None
        else [i for i in sorted(library.exercises) if i.startswith(incomplete)]
    )


def complete_user_routine(incomplete: str) -> list[str]:
    """The names of the user's own routine files, for `stretch edit`."""
    from stretchcli.storage.paths import routines_dir

    try:
        names = sorted(path.stem for path in routines_dir().glob("*.yaml"))
    except OSError:
        return []
    return [name for name in names if name.startswith(incomplete) and not name.startswith(".")]


def _seconds_option(help_text: str) -> Any:
    return typer.Option(parser=_duration_value, metavar="SECONDS", help=help_text)


def _count_option(help_text: str) -> Any:
    return typer.Option(parser=_count_value, metavar="N", help=help_text)


# The timeline options, shared by every command that runs or shows a routine.
Target = Annotated[
    str,
    typer.Argument(
        metavar="TARGET",
        help="A routine id, an exercise id, or a routine file (.yaml).",
        autocompletion=complete_target,
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
ScaleOption = Annotated[
    float | None,
    typer.Option(min=0.1, max=10.0, metavar="FACTOR", help="Multiply every hold: 0.5 = half."),
]
RepsOption = Annotated[Span | None, _count_option("Reps per side.")]
SetsOption = Annotated[Span | None, _count_option("Sets per exercise.")]
RoundsOption = Annotated[Span | None, _count_option("Repeat the whole routine.")]
PrepOption = Annotated[Span | None, _seconds_option("Get-ready time.")]
SwitchOption = Annotated[Span | None, _seconds_option("Time to change sides.")]
RestOption = Annotated[Span | None, _seconds_option("Rest between exercises.")]
FirstSideOption = Annotated[Side | None, typer.Option(help="Side to start on.")]


@app.command()
def plan(
    target: Target,
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
    as_json: AsJson = False,
) -> None:
    """Show every step of a session with its start time, and the total.

    Example: stretch plan glutes --level intermediate --hold 45
    """
    from stretchcli.core.timeline import build_plan

    library, chosen = _resolve(target, routine, library_files)
    result = build_plan(chosen, library.exercises, _plan_options(locals(), _defaults()))
    if as_json:
        from stretchcli.core.jsonout import plan_json

        _print_json(plan_json(result))
        return
    from stretchcli.ui.tables import plan_grid

    _print(plan_grid(result))


@app.command()
def session(
    target: Target,
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
    sound: Annotated[
        bool | None,
        typer.Option("--sound/--no-sound", help="A bell at holds, switches and countdowns."),
    ] = None,
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
        typer.Option(
            min=0.1,
            max=1000.0,
            metavar="FACTOR",
            help="Run the clock this much faster (demos; such sessions are not recorded).",
        ),
    ] = 1.0,
) -> None:
    """Run a routine hands-free: countdowns, side switches, cues, a bell, and keys.

    Keys: space pause, n next, b back, s skip exercise, + and - 5 s, q quit, ? help.

    Example: stretch session glutes --level intermediate --voice
    """
    from stretchcli.core.timeline import build_plan
    from stretchcli.ui.session_loop import (
        Recording,
        exit_code,
        print_summary,
        run_session,
        stdin_terminal_fd,
    )
    from stretchcli.ui.sound import Sound, find_speaker
    from stretchcli.ui.tables import make_console

    library, chosen = _resolve(target, routine, library_files)
    defaults = _defaults()
    steps = build_plan(chosen, library.exercises, _plan_options(locals(), defaults))
    # The command line, else config.yaml, else: the bell on and no voice.
    ring = sound if sound is not None else defaults.sound is not False
    speak = voice if voice is not None else defaults.voice is True
    speaker = find_speaker() if speak else None
    if speak and speaker is None:
        _stderr(
            "stretch: warning: --voice found no speech program (say, espeak-ng, espeak, "
            "spd-say); going on without a voice"
        )
    console = make_console()
    live = console.is_terminal and not plain
    # The bell rings on a terminal only: the live screen, else stderr if that is one.
    bell_out = console.file if live else (sys.stderr if sys.stderr.isatty() else None)
    # A sped-up session is a demo or a test, not stretching: it is not recorded.
    recording = Recording.begin(steps, _stderr) if speed == 1.0 else None
    outcome = run_session(
        steps,
        library.exercises,
        console,
        Sound(bell_out if ring else None, speaker=speaker),
        live=live,
        key_fd=stdin_terminal_fd() if live else None,
        speed=speed,
    )
    if recording is not None:
        recording.end(outcome, library.exercises)
    print_summary(console, outcome, steps)
    code = exit_code(outcome)
    if code:
        raise typer.Exit(code)


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
        int | None, typer.Option(min=1, metavar="N", help="At most N sessions, newest first.")
    ] = None,
    as_json: AsJson = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV with every field.")] = False,
) -> None:
    """Your sessions: streaks, time stretched, minutes per muscle, a calendar, the latest.

    Example: stretch history --since 2026-11-01
    """
    from stretchcli.storage.history import History, history_path
    from stretchcli.ui.history_screen import history_table, overview, records_csv, records_json

    if as_json and as_csv:
        raise UsageError("--json and --csv print the same sessions: choose one")
    first_day = since.date() if since is not None else None
    everything, shown = [], []
    if history_path().exists():  # looking must not create the file
        with History.open() as store:
            everything = store.sessions()
            # On screen, the latest 10 unless told otherwise; exports, all asked for.
            recent = limit or (10 if not (as_json or as_csv or since) else None)
            shown = store.sessions(first_day, recent)
    if as_json:
        _print_json(records_json(shown))
    elif as_csv:
        sys.stdout.write(records_csv(shown))
    elif not everything:
        print("No sessions recorded yet. Start one with: stretch session glutes")
    else:
        _print(overview(everything, date.today(), None))
        print()
        _print(history_table(shown))


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
) -> None:
    """Write a new routine file in your routines folder, ready to fill in and run.

    Example: stretch new my-hips --exercise pigeon-pose --exercise kneeling-side-bend
    """
    from stretchcli.core.library import find_target
    from stretchcli.core.scaffold import SCHEMA_FILE, check_new, new_routine_text, schema_text
    from stretchcli.storage.paths import routines_dir
    from stretchcli.ui.editor import write_new_file

    library = _load(None)
    wanted = exercise_ids or []
    check_new(name, wanted, library)
    copied = find_target(library, source) if source is not None else None
    text = new_routine_text(
        name,
        schema_path=f"./{SCHEMA_FILE}",
        source=copied,
        exercise_ids=wanted,
        exercises=library.exercises,
    )
    path = write_new_file(routines_dir(), name, text, schema_text())
    print(f"Wrote {path}")
    print(f"Next: stretch edit {name}   then: stretch session {name}")


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
) -> None:
    """Open one of your routine files in your editor, and check it when you close it.

    The editor is $VISUAL, else $EDITOR, else nano or vi. Your file is only replaced by a
    version that is valid, or one you choose to keep; it is never lost.

    Example: stretch edit my-hips
    """
    from stretchcli.storage.paths import routines_dir
    from stretchcli.ui.editor import REOPEN_QUESTION, edit_file

    def confirm(question: str) -> bool:
        # Enter reopens the editor, but never keeps a broken file; no terminal: no.
        return sys.stdin.isatty() and typer.confirm(question, default=question == REOPEN_QUESTION)

    result = edit_file(routines_dir() / f"{name}.yaml", confirm=confirm, report=print)
    if result.problems:
        raise typer.Exit(EXIT_FAILURE)


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILE...",
            help="Routine files (or config.yaml); default: your folder's files and config.yaml.",
        ),
    ] = None,
) -> None:
    """Check routine files and report every problem with its line and column.

    Example: stretch validate my-hips.yaml
    """
    from stretchcli.storage.library_files import load_defaults, load_library, user_routine_files
    from stretchcli.storage.paths import config_path, routines_dir

    config = config_path()
    if not files:
        folder = routines_dir()
        files = user_routine_files()
        files += [config] if config.exists() else []
        if not files:
            print(f"No routine files in {folder}")
            return
    checks_config = any(_same_file(path, config) for path in files)
    routine_files = [path for path in files if not _same_file(path, config)]
    problems = list(load_defaults()[1]) if checks_config else []
    library = None
    try:
        library = load_library(routine_files)
    except RoutineFileError as error:
        problems += error.problems
    if problems:
        for problem in sorted(problems):
            print(problem.format())
        _stderr(f"stretch: {plural(len(problems), 'problem')} found")
        raise typer.Exit(EXIT_FAILURE)
    assert library is not None  # no problems: it loaded
    for path in routine_files:
        name = str(path)
        n_exercises = sum(e.origin.path == name for e in library.exercises.values())
        n_routines = sum(r.origin.path == name for r in library.routines.values())
        print(f"{name}: ok ({plural(n_exercises, 'exercise')}, {plural(n_routines, 'routine')})")
    if checks_config:
        print(f"{config}: ok (settings)")


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.resolve() == other.resolve()
    except OSError:
        return False


@app.command()
def where() -> None:
    """Show the folders and files stretchcli reads and writes.

    Set STRETCHCLI_HOME to keep them all in one folder of your choice.

    Example: stretch where
    """
    from stretchcli.storage.history import history_path
    from stretchcli.storage.library_files import user_routine_files
    from stretchcli.storage.paths import builtin_library_path, cache_dir, config_path, routines_dir

    folder = routines_dir()
    count = len(user_routine_files()) if folder.is_dir() else None
    rows = [
        (
            "routines",
            folder,
            f"{plural(count, 'file')}" if count is not None else "not created yet",
        ),
        ("config", config_path(), "" if config_path().exists() else "not created yet"),
        ("history", history_path(), "" if history_path().exists() else "not created yet"),
        ("cache", cache_dir(), "safe to delete"),
        ("built-in library", builtin_library_path(), "read only"),
    ]
    width = max(len(label) for label, _, _ in rows)
    for label, path, note in rows:
        print(f"{label.ljust(width)}  {path}" + (f"  ({note})" if note else ""))


@app.command()
def schema() -> None:
    """Print a JSON Schema of the routine file format, for editors.

    Example: stretch schema > routine.schema.json
    """
    from stretchcli.core.schema import routine_file_schema

    _print_json(routine_file_schema())


# -- the one boundary -----------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the command line and turn every failure into a message and an exit code."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="stretch", standalone_mode=False)
    except RoutineFileError as error:
        _stderr(str(error))
        return error.exit_code
    except StretchError as error:
        _stderr(f"stretch: error: {error}")
        return error.exit_code
    except typer.TyperException as error:
        # Usage errors (exit 2): a wrong option, a missing argument, a bad value.
        if not error.format_message():
            return error.exit_code  # `stretch` alone: the help was the message
        context = getattr(error, "ctx", None)
        where = context.command_path if context is not None else "stretch"
        hint = f" (see '{where} --help')" if context is not None else ""
        _stderr(f"{where}: error: {error.format_message()}{hint}")
        return error.exit_code
    except typer.Abort:
        _stderr("stretch: aborted")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        _stderr("stretch: interrupted")
        return EXIT_INTERRUPTED
    except OSError as error:
        _stderr(f"stretch: error: {error.strerror or error}")
        return EXIT_FAILURE
    if isinstance(result, int) and result == EXIT_INTERRUPTED:
        _stderr("stretch: interrupted")
    return result if isinstance(result, int) else 0
