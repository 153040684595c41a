"""Signals that end a session: the first ends it, those with it end nothing more."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from stretchcli.ui.signals import Terminated, signals_end_the_session

pytestmark = pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signals")


def test_signals_that_come_together_end_the_session_once_and_quietly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A stopped session continued by a closing window gets SIGHUP and SIGTERM at once:
    # both are pending when Python next looks. The second must not be reported as
    # "ignored due to race condition" (a traceback on the terminal).
    reported: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)
    together = {signal.SIGHUP, signal.SIGTERM}
    with handlers_put_back(together):
        with pytest.raises(Terminated) as ended, signals_end_the_session():
            _both_at_once(together)
        # More may follow until the session is recorded: they end nothing.
        _both_at_once(together)
    assert ended.value.signum in together
    assert reported == []


def test_without_a_signal_the_handlers_before_come_back() -> None:
    with handlers_put_back({signal.SIGTERM}):
        before = signal.getsignal(signal.SIGTERM)
        with signals_end_the_session():
            assert signal.getsignal(signal.SIGTERM) is not before
        assert signal.getsignal(signal.SIGTERM) is before


@contextmanager
def handlers_put_back(signals: set[signal.Signals]) -> Iterator[None]:
    """The test process's own handlers, whatever the code under test leaves."""
    saved = {each: signal.getsignal(each) for each in signals}
    try:
        yield
    finally:
        for each, handler in saved.items():
            signal.signal(each, handler)


def _both_at_once(signals: set[signal.Signals]) -> None:
    """Send `signals` to this process so that they arrive together."""
    signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        for each in sorted(signals):
            os.kill(os.getpid(), each)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, signals)  # all delivered here
    for _ in range(1000):  # handlers run between bytecodes
        pass
