"""`stretch remind` (in a terminal) and `stretch nudge` (from the scheduler): a break is due.

`remind` sleeps until the next break (no polling: it wakes when the break is due, or
after 10 minutes at most to see the wall clock after a suspend), notifies,
rings, and asks at the terminal: Enter starts the break's routine right there, z
snoozes, x skips (with an optional one-word reason); then it waits for the next one.
`nudge` runs once: if a break is due it notifies, with Start and Snooze buttons where
the desktop shows them, and exits. Both record what happened in the history.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from stretchcli.core.durations import format_clock
from stretchcli.core.errors import ExitCode, StretchError
from stretchcli.core.reminders import Event, Local, ReminderEvent, Reminders, when
from stretchcli.storage.history import History
from stretchcli.ui import notify
from stretchcli.ui.output import Output

from .breaks import Day, load_day, system_local

# The longest `remind` sleeps without looking at the wall clock (see _real_clock).
WAKE_AT_LEAST_EVERY = 600.0
# How long `nudge` stays for a press of Start or Snooze on its notification.
NUDGE_WAIT = 120.0
# Terminals that run a program given after these words, most common first (Linux).
LINUX_TERMINALS = (
    ("x-terminal-emulator", "-e"),
    ("gnome-terminal", "--"),
    ("konsole", "-e"),
    ("xfce4-terminal", "-x"),
    ("kitty",),
    ("alacritty", "-e"),
    ("foot",),
    ("xterm", "-e"),
)
NO_NOTIFIER = (
    "no desktop notification could be shown here (no notification server answered, "
    "notify-send failed or is missing)"
)


class Clock(NamedTuple):
    """Time for `remind`, real or fake: the moment, and a sleep until a moment."""

    now: Callable[[], datetime]
    sleep_until: Callable[[datetime], None]
    local: Local | None = None  # wall-clock times to moments (breaks.system_local)


def _real_clock() -> Clock:
    import time

    def now() -> datetime:
        return datetime.now().astimezone()

    def sleep_until(moment: datetime) -> None:
        # The sleep's clock stops while the machine is suspended: wake at least every
        # 10 minutes to see the wall clock, or a break would come as late as the suspend.
        time.sleep(min(max(0.0, (moment - now()).total_seconds()), WAKE_AT_LEAST_EVERY))

    return Clock(now, sleep_until, system_local)


BROKEN_CONFIG = (
    "config.yaml has problems (above), so its reminders are off until it is fixed; "
    "`stretch validate` checks it"
)


def _on(day: Day) -> Reminders:
    reminders = day.defaults.reminders
    if day.config_broken:
        raise StretchError(BROKEN_CONFIG)
    if reminders is None:
        raise StretchError(
            "reminders are off: add `reminders: true` (or its settings) to config.yaml; "
            "`stretch where` shows where it is"
        )
    return reminders


def _break_name(out: Output, reminders: Reminders) -> str:
    """The break's routine as a person reads it: "Desk Break (05:45)"."""
    from stretchcli.core.timeline import plan_size

    from . import loading

    library = loading.library(out)
    routine = library.routines.get(reminders.routine)
    if routine is None:
        raise StretchError(
            f'reminders.routine "{reminders.routine}" is no routine; `stretch routines` lists them'
        )
    length = format_clock(plan_size(routine, library.exercises).seconds)
    return f"{routine.name} ({length})"


def _notice(what: str, how: str) -> notify.Notice:
    return notify.Notice("Time for a movement break", f"{what}: {how}")


def _record(event: Event, routine: str, at: datetime, reason: str | None = None) -> None:
    with History.open() as store:
        store.record_reminder(ReminderEvent(at, event, routine, reason))


def nudge(
    out: Output,
    now: datetime | None = None,
    send: Callable[..., notify.Sent] = notify.send,
    launch: Callable[[list[str]], None] | None = None,
) -> ExitCode:
    """If a break is due, notify (waiting a while for Start or Snooze) and record it."""
    day = load_day(out, now)
    reminders = day.defaults.reminders
    if day.config_broken:  # the scheduled job fails where it can be seen, not in silence
        raise StretchError(BROKEN_CONFIG)
    if reminders is None:
        out.line("reminders are off")
        return ExitCode.OK
    due = day.due
    if due is None or due > day.now:
        out.line(f"no break due; next {when(due, day.now)}" if due else "no break ahead")
        return ExitCode.OK
    notice = _notice(_break_name(out, reminders), "Start runs it, Snooze puts it off")
    sent = send(notice, wait_for_press=NUDGE_WAIT)
    if not sent.channel:
        # Nobody was told: the break stays due, for the next nudge or `stretch remind`.
        raise StretchError(f"{NO_NOTIFIER}; `stretch remind` reminds in a terminal instead")
    _record(Event.SENT, reminders.routine, day.now)
    answered = now or datetime.now().astimezone()  # a press comes a little later
    if sent.pressed == notify.START:
        (launch or _launch)(in_terminal(reminders, session_command(reminders.routine)))
        _record(Event.STARTED, reminders.routine, answered)
    elif sent.pressed == notify.SNOOZE:
        _record(Event.SNOOZED, reminders.routine, answered)
    out.line(f"break due: notified ({sent.channel})")
    return ExitCode.OK


def session_command(routine: str) -> list[str]:
    """The session as words to run: this Python, this stretchcli."""
    return [sys.executable, "-m", "stretchcli", "session", routine]


def in_terminal(reminders: Reminders, words: list[str]) -> list[str]:
    """`words` run in a new terminal window, as the words that open it (no shell line is
    built from anything but stretchcli's own words, quoted)."""
    if reminders.terminal:
        return [*reminders.terminal, *words]
    if sys.platform == "darwin":
        import shlex

        line = shlex.join(words).replace("\\", "\\\\").replace('"', '\\"')
        return ["osascript", "-e", f'tell application "Terminal" to do script "{line}"']
    if sys.platform == "win32":
        # start's first quoted word is the window's title: it has a space, so it is quoted.
        return ["cmd", "/c", "start", "stretchcli break", *words]
    for opener in LINUX_TERMINALS:
        if shutil.which(opener[0]):
            return [*opener, *words]
    raise StretchError(
        "no terminal program found to run the session in; name one in config.yaml "
        '(reminders: terminal: ["kitty"])'
    )


def _launch(words: list[str]) -> None:
    """Start the terminal and leave it running: it is the person's now, not ours."""
    import warnings

    try:
        started = subprocess.Popen(words, start_new_session=True, stdin=subprocess.DEVNULL)
    except OSError as error:
        raise StretchError(f"could not start {words[0]}: {error.strerror or error}") from None
    with warnings.catch_warnings():  # "subprocess is still running": on purpose
        warnings.simplefilter("ignore", ResourceWarning)
        del started


class Prompt(NamedTuple):
    """How `remind` talks to the person at the terminal (real or, in tests, scripted)."""

    key: Callable[[float], str | None]  # one key within the seconds given; None if none
    reason: Callable[[], str]  # a line typed (for a skip); "" for none


def remind(
    out: Output,
    run_session: Callable[[str], ExitCode],
    make_prompt: Callable[[], Prompt],
    clock: Clock | None = None,
    send: Callable[..., notify.Sent] = notify.send,
    breaks: int | None = None,
) -> ExitCode:
    """Wait for each break, then ask: Enter starts it, z snoozes, x skips. `breaks`: stop
    after that many (tests); Ctrl-C ends it (exit 130, via cli.app)."""
    clock = clock or _real_clock()
    _on(load_day(out, clock.now(), clock.local))  # off: say so before asking for a terminal
    prompt = make_prompt()
    handled = 0
    warned = False
    while breaks is None or handled < breaks:
        day = load_day(out, clock.now(), clock.local)
        reminders = _on(day)
        due = day.due
        if due is None:
            raise StretchError(
                "no break can fall within reminders.active: it has no day in it, or its "
                "hours are shorter than reminders.every"
            )
        if due > day.now:
            out.line(f"next break {when(due, day.now)}: {reminders.routine} (Ctrl-C ends)")
            clock.sleep_until(due)
            continue  # a session done meanwhile moves the break: look again
        what = _break_name(out, reminders)
        notice = _notice(what, "Enter in the terminal starts it")
        _record(Event.SENT, reminders.routine, day.now)
        sent = send(notice, terminal=sys.stdout)
        if sent.channel in ("desktop", "notify-send"):
            sys.stdout.write("\a")  # and a ring at the terminal, as the others give
            sys.stdout.flush()
        elif not sent.channel and not warned:
            out.warn(f"stretch: warning: {NO_NOTIFIER}; the reminder is only in this terminal")
            warned = True
        snooze = reminders.snooze // 60
        out.line(f"{what} is due. Enter starts it · z snoozes {snooze}m · x skips")
        _answer(out, prompt, reminders, run_session, clock)
        handled += 1
    return ExitCode.OK


def _answer(
    out: Output,
    prompt: Prompt,
    reminders: Reminders,
    run_session: Callable[[str], ExitCode],
    clock: Clock,
) -> None:
    while True:
        key = prompt.key(float(reminders.every))
        if key is None:
            _record(Event.MISSED, reminders.routine, clock.now())
            out.line("no answer: missed")
            return
        if key in ("\n", ""):
            if key == "":
                raise KeyboardInterrupt  # the terminal closed
            _record(Event.STARTED, reminders.routine, clock.now())
            try:
                run_session(reminders.routine)
            except StretchError as error:  # this break could not run; the next one may
                out.warn(f"stretch: error: {error}")
            return
        if key.lower() == "z":
            _record(Event.SNOOZED, reminders.routine, clock.now())
            out.line(f"snoozed for {reminders.snooze // 60}m")
            return
        if key.lower() == "x":
            out.line("Skipped. Why, in a word? (Enter for no reason)")
            reason = prompt.reason().strip().split()
            _record(Event.SKIPPED, reminders.routine, clock.now(), reason[0] if reason else None)
            out.line("skipped")
            return


def terminal_prompt() -> Prompt:
    """Keys from the terminal on stdin, one at a time (cbreak, restored after each)."""
    from stretchcli.ui.keys import ask_key, stdin_terminal_fd

    fd = stdin_terminal_fd()
    if fd is None:
        raise StretchError("stretch remind asks at a terminal: run it in one (or see nudge)")

    def key(seconds: float) -> str | None:
        return ask_key(fd, seconds)

    def reason() -> str:
        try:
            return input("> ")
        except EOFError:
            return ""

    return Prompt(key, reason)
