"""A real D-Bus session bus (Debian's dbus-daemon) with a small notification server on it.

The server records each Notify call (summary, body, the buttons' titles) and, when told
to, presses one of the buttons by its title (the ActionInvoked signal a desktop sends).
No `from __future__ import annotations` here: dbus-fast reads the D-Bus signatures
("as", "a{sv}") from the annotations as they are written, which linters take for
names; the method names are the interface's own.
"""
# ruff: noqa: F722, F821, ARG002

import asyncio
import os
import shutil
import subprocess
import threading
from typing import Any, NamedTuple

from dbus_fast import Variant
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class Call(NamedTuple):
    app_name: str
    summary: str
    body: str
    buttons: tuple[str, ...]  # the titles


class _Server(ServiceInterface):
    def __init__(self, press: str | None) -> None:
        super().__init__(NAME)
        self.calls: list[Call] = []
        self.press = press  # a button title to press as each notification arrives
        self.next_id = 0

    @method()
    def GetCapabilities(self) -> "as":
        return ["actions", "body"]

    @method()
    def GetServerInformation(self) -> "ssss":
        return ["stretchcli-test", "stretchcli", "1.0", "1.2"]

    @method()
    def Notify(
        self,
        app_name: "s",
        replaces_id: "u",
        app_icon: "s",
        summary: "s",
        body: "s",
        actions: "as",
        hints: "a{sv}",
        expire_timeout: "i",
    ) -> "u":
        self.next_id += 1
        keys, titles = actions[0::2], actions[1::2]
        # "default" is a click on the notification itself, not a button.
        buttons = tuple(t for k, t in zip(keys, titles, strict=True) if k != "default")
        self.calls.append(Call(app_name, summary, body, buttons))
        if self.press in titles:
            key = keys[titles.index(self.press)]
            notification = self.next_id
            asyncio.get_running_loop().call_later(0.2, self.ActionInvoked, notification, key)
        return self.next_id

    @method()
    def CloseNotification(self, notification: "u") -> None:
        self.NotificationClosed(notification, 3)

    @signal()
    def ActionInvoked(self, notification: int, key: str) -> "us":
        return [notification, key]

    @signal()
    def NotificationClosed(self, notification: int, reason: int) -> "uu":
        return [notification, reason]


class SessionBus:
    """`dbus-daemon --session` and the notification server, started and stopped together."""

    def __init__(self, press: str | None = None, *, serve: bool = True) -> None:
        daemon = shutil.which("dbus-daemon")
        if daemon is None:
            raise FileNotFoundError("dbus-daemon (Debian: apt-get install dbus-daemon)")
        self.daemon = subprocess.Popen(
            [daemon, "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.daemon.stdout is not None
        self.address = self.daemon.stdout.readline().strip()
        self.server = _Server(press)
        self._with_server = serve
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            self.daemon.terminate()  # no bus left behind by a test that failed to start
            self.daemon.wait(5)
            raise RuntimeError("the notification server did not start")

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._start())
        self._loop.run_forever()

    async def _start(self) -> None:
        self._bus: Any = await MessageBus(bus_address=self.address).connect()
        if self._with_server:  # else a bus with no notification server on it, as many desktops have
            self._bus.export(PATH, self.server)
            await self._bus.request_name(NAME)
        self._ready.set()

    @property
    def calls(self) -> list[Call]:
        return list(self.server.calls)

    def environment(self) -> dict[str, str]:
        return {**os.environ, "DBUS_SESSION_BUS_ADDRESS": self.address}

    def close(self) -> None:
        async def stop() -> None:
            self._bus.disconnect()
            await self._bus.wait_for_disconnect()
            self._loop.stop()

        asyncio.run_coroutine_threadsafe(stop(), self._loop)
        self._thread.join(5)
        self._loop.close()
        self.daemon.terminate()
        self.daemon.wait(5)
        if self.daemon.stdout is not None:
            self.daemon.stdout.close()


__all__ = ["Call", "SessionBus", "Variant"]
