"""`stretch plan`: every step of a session with its start time, and the total."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from stretchcli.core.errors import ExitCode
from stretchcli.core.jsonout import plan_json
from stretchcli.core.library import Library
from stretchcli.core.model import Routine
from stretchcli.core.settings import plan_options
from stretchcli.core.timeline import PlanOptions, build_plan
from stretchcli.ui.output import Output

from .fitted import NO_FITTING, Fitting, prepared

if TYPE_CHECKING:
    from stretchcli.core.progression import Progressed


def plan(
    out: Output,
    target: str | None,
    routine_id: str | None,
    options: PlanOptions,
    files: Sequence[Path],
    as_json: bool,
    skip_cautioned: bool = False,
    fitting: Fitting = NO_FITTING,
    save: str | None = None,
) -> ExitCode:
    """Show the plan TARGET (or --for) makes with `options` and config.yaml; with `save`,
    also write it as a routine file of the user's."""
    library, routine, defaults, progress, unprogressed = prepared(
        out, target, routine_id, fitting, options, files, skip_cautioned
    )
    if save is not None:
        # At the plan's level, config.yaml's included, so scaled holds come out the same.
        at_level = options._replace(level=options.level or defaults.level)
        _save(out, save, unprogressed, library, fitting, at_level)
    steps = build_plan(routine, library.exercises, plan_options(options, defaults))
    if as_json:
        out.json({**plan_json(steps), **_progress_json(progress)})
        return ExitCode.OK
    from stretchcli.ui.tables import plan_grid  # only the screen form needs rich's tables

    adjusted = progress.adjusted if progress is not None else ()
    # The mark follows the latest change: after a step back it is ↓, even above the base.
    marks = {a.exercise: EASED if a.eased else GREW for a in adjusted}
    out.show(plan_grid(steps, marks))
    if adjusted:
        out.line()
    for a in adjusted:
        base = f" (base {a.base}s)" if a.base not in (a.before, a.hold) else ""
        out.line(f"{marks[a.exercise]} {a.name}: {a.before}s -> {a.hold}s{base}: {a.reason}")
    return ExitCode.OK


# Marks a hold that progression changed, in the table and before its reason below it.
GREW = "↑"
EASED = "↓"


def _progress_json(progress: Progressed | None) -> dict[str, object]:
    """The plan's progressed holds and left-out exercises, each with its reason."""
    if progress is None:
        return {}
    return {
        "progression": [
            {
                "exercise": a.exercise,
                "base": a.base,
                "before": a.before,
                "hold": a.hold,
                "reason": a.reason,
            }
            for a in progress.adjusted
        ],
        "left_out": [{"exercise": x.exercise, "reason": x.reason} for x in progress.left_out],
    }


def _save(
    out: Output,
    name: str,
    routine: Routine,
    library: Library,
    fitting: Fitting,
    options: PlanOptions,
) -> None:
    """Write the session as NAME.yaml in the routines folder, checked as `stretch new` is,
    with the command line's timeline options written in."""
    from stretchcli.core.catalog import with_options
    from stretchcli.core.scaffold import SCHEMA_FILE, check_new, new_routine_text, schema_text
    from stretchcli.storage.new_routine import write_new_file
    from stretchcli.storage.paths import routines_dir, shown

    check_new(name, (), library)
    text = new_routine_text(
        name,
        schema_path=f"./{SCHEMA_FILE}",
        source=with_options(routine, library.exercises, options),
        exercises=library.exercises,
        made_by=_made_by(fitting, options) if fitting.seconds is not None else None,
    )
    path = write_new_file(routines_dir(), name, text, schema_text())
    out.warn(f"Wrote {shown(path)}; run it with: stretch session {name}")


def _made_by(fitting: Fitting, options: PlanOptions) -> str:
    """The saved file's note on how its session was built, to build it again."""
    from datetime import date

    from stretchcli.core.durations import format_seconds, format_span

    assert fitting.seconds is not None
    words = ["stretch plan --for", format_seconds(fitting.seconds)]
    words += [f"--focus {focus}" for focus in fitting.focus]
    words += [f"--position {position.value}" for position in fitting.positions]
    words += ["--desk"] if fitting.desk else []
    words += [f'--equipment "{thing}"' for thing in fitting.equipment]
    words += [f"--level {options.level.value}"] if options.level else []
    timing = {"hold": options.hold, "prep": options.prep, "switch": options.switch}
    timing["rest"] = options.rest
    words += [f"--{key} {format_span(span)}" for key, span in timing.items() if span]
    words += [f"--reps {format_span(options.reps, '')}"] if options.reps else []
    words += [f"--first-side {options.first_side.value}"] if options.first_side else []
    seed = f" --seed {fitting.seed}" if fitting.seed is not None else ""
    return (
        f"Built by `{' '.join(words)}{seed}` on {date.today()}. Change it as you like: it is "
        "yours now, and stretchcli does not rebuild it."
    )
