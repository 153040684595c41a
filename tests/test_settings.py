"""Which value wins: the command line, else config.yaml, else the routine's own."""

from __future__ import annotations

from stretchcli.core.model import Defaults, Level, Side, SoundMode, Span
from stretchcli.core.settings import (
    SessionRequest,
    SessionSettings,
    plan_options,
    session_settings,
)
from stretchcli.core.timeline import PlanOptions

CONFIG = Defaults(
    sound=SoundMode.OFF,
    voice=True,
    level=Level.ADVANCED,
    prep=Span(15, 15),
    switch=Span(8, 8),
    rest=Span(20, 20),
    first_side=Side.LEFT,
)


def test_config_fills_only_what_the_command_line_left_unset() -> None:
    typed = PlanOptions(level=Level.BEGINNER, prep=Span(0, 0), hold=Span(45, 45))
    assert plan_options(typed, CONFIG) == PlanOptions(
        level=Level.BEGINNER,  # typed
        hold=Span(45, 45),  # typed; config has no hold
        prep=Span(0, 0),  # typed, even though zero
        switch=Span(8, 8),
        rest=Span(20, 20),
        first_side=Side.LEFT,
    )


def test_with_no_config_the_routine_decides() -> None:
    assert plan_options(PlanOptions(), Defaults()) == PlanOptions()


def test_chimes_are_on_and_the_voice_off_unless_someone_says() -> None:
    asked = SessionRequest()
    assert session_settings(asked, Defaults(), True)[:2] == (SoundMode.CHIME, False)
    assert session_settings(asked, CONFIG, True)[:2] == (SoundMode.OFF, True)
    bell = SessionRequest(SoundMode.BELL, False)
    assert session_settings(bell, CONFIG, True)[:2] == (SoundMode.BELL, False)


def test_live_on_a_terminal_unless_plain_and_recorded_unless_sped_up() -> None:
    assert session_settings(SessionRequest(), Defaults(), True) == SessionSettings(
        sound=SoundMode.CHIME, voice=False, live=True, recorded=True, checkin=True
    )
    plain_demo = SessionRequest(plain=True, speed=10.0)
    assert session_settings(plain_demo, Defaults(), True)[2:4] == (False, False)
    assert session_settings(SessionRequest(), Defaults(), False)[2:4] == (False, True)


def test_checkins_in_the_live_display_unless_config_or_the_command_line_says_no() -> None:
    def checkin(request: SessionRequest, defaults: Defaults, terminal: bool = True) -> bool:
        return session_settings(request, defaults, terminal).checkin

    assert checkin(SessionRequest(), Defaults())
    assert not checkin(SessionRequest(), Defaults(checkin=False))
    assert not checkin(SessionRequest(checkin=False), Defaults(checkin=True))
    # Plain mode (asked for, or off a terminal) has none unless --checkin asks.
    assert not checkin(SessionRequest(plain=True), Defaults(checkin=True))
    assert not checkin(SessionRequest(), Defaults(), terminal=False)
    assert checkin(SessionRequest(plain=True, checkin=True), Defaults())
