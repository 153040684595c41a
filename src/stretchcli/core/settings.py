"""Which value a session uses: the command line, else config.yaml, else the routine's own.

The routine's own values (and the exercise defaults under them) are applied by
`timeline.build_plan` wherever a PlanOptions field is None.
"""

from __future__ import annotations

from typing import NamedTuple, TypeVar

from .model import Defaults, SoundMode
from .timeline import PlanOptions

_T = TypeVar("_T")


class SessionRequest(NamedTuple):
    """What the command line asks of a session besides its timeline."""

    sound: SoundMode | None = None  # None: config.yaml decides
    voice: bool | None = None
    plain: bool = False
    speed: float = 1.0
    skip_cautioned: bool = False  # leave out exercises with a caution for your conditions
    pictures: bool = True  # photos of the poses at prep, where the terminal can show them
    checkin: bool | None = None  # --checkin/--no-checkin; None: config.yaml, else live only

    @property
    def recorded(self) -> bool:
        """Written to the history unless sped up (a demo or a test, not stretching)."""
        return self.speed == 1.0


class SessionSettings(NamedTuple):
    """How a session runs, besides its timeline."""

    sound: SoundMode
    voice: bool  # speech
    live: bool  # the full-screen display with keys, not one plain line per step
    recorded: bool  # written to the history
    checkin: bool  # a check-in after each exercise


def plan_options(command_line: PlanOptions, defaults: Defaults) -> PlanOptions:
    """The command line's timeline options, with config.yaml's filling what it left unset."""
    return command_line._replace(
        level=_first(command_line.level, defaults.level),
        prep=_first(command_line.prep, defaults.prep),
        switch=_first(command_line.switch, defaults.switch),
        rest=_first(command_line.rest, defaults.rest),
        first_side=_first(command_line.first_side, defaults.first_side),
    )


def session_settings(
    request: SessionRequest, defaults: Defaults, on_terminal: bool
) -> SessionSettings:
    """The command line's --sound/--voice, else config.yaml's: chimes on, the voice off.

    Live on a terminal unless --plain; recorded unless sped up (a demo or a test, not
    stretching). Check-ins in the live display unless config.yaml turns them off; in plain
    mode only when --checkin asks (one more line per exercise for a screen reader).
    """
    live = on_terminal and not request.plain
    return SessionSettings(
        sound=request.sound or defaults.sound or SoundMode.CHIME,
        voice=request.voice if request.voice is not None else defaults.voice is True,
        live=live,
        recorded=request.recorded,
        checkin=request.checkin
        if request.checkin is not None
        else live and defaults.checkin is not False,
    )


def _first(given: _T | None, default: _T | None) -> _T | None:
    return given if given is not None else default
