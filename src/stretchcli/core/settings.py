"""Which value a session uses: the command line, else config.yaml, else the routine's own.

The routine's own values (and the exercise defaults under them) are applied by
`timeline.build_plan` wherever a PlanOptions field is None.
"""

from __future__ import annotations

from typing import NamedTuple, TypeVar

from .model import Defaults
from .timeline import PlanOptions

_T = TypeVar("_T")


class SessionSettings(NamedTuple):
    """What a session uses besides its timeline."""

    sound: bool  # the bell
    voice: bool  # speech


def plan_options(command_line: PlanOptions, defaults: Defaults) -> PlanOptions:
    """The command line's timeline options, with config.yaml's filling what it left unset."""
    return command_line._replace(
        level=_first(command_line.level, defaults.level),
        prep=_first(command_line.prep, defaults.prep),
        switch=_first(command_line.switch, defaults.switch),
        rest=_first(command_line.rest, defaults.rest),
        first_side=_first(command_line.first_side, defaults.first_side),
    )


def session_settings(sound: bool | None, voice: bool | None, defaults: Defaults) -> SessionSettings:
    """The command line's --sound/--voice, else config.yaml's; the bell on, the voice off."""
    return SessionSettings(
        sound=sound if sound is not None else defaults.sound is not False,
        voice=voice if voice is not None else defaults.voice is True,
    )


def _first(given: _T | None, default: _T | None) -> _T | None:
    return given if given is not None else default
