"""`stretch plan`: every step of a session with its start time, and the total."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stretchcli.core.errors import ExitCode
from stretchcli.core.jsonout import plan_json
from stretchcli.core.model import Plan
from stretchcli.core.settings import plan_options
from stretchcli.core.timeline import PlanOptions, build_plan
from stretchcli.ui.grid import Grid
from stretchcli.ui.output import Output

from . import loading


def plan(
    out: Output,
    target: str,
    routine_id: str | None,
    options: PlanOptions,
    files: Sequence[Path],
    as_json: bool,
    skip_cautioned: bool = False,
) -> ExitCode:
    """Show the plan TARGET makes with `options` (the command line's) and config.yaml."""
    library, routine = loading.target(out, target, routine_id, files)
    defaults = loading.defaults(out)
    routine = loading.with_cautions_said(out, routine, library, defaults.conditions, skip_cautioned)
    steps = build_plan(routine, library.exercises, plan_options(options, defaults))
    out.result(as_json, lambda: plan_json(steps), lambda: _plan_table(steps))
    return ExitCode.OK


def _plan_table(steps: Plan) -> Grid:
    from stretchcli.ui.tables import plan_grid  # only the screen form needs rich's tables

    return plan_grid(steps)
