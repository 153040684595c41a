"""Editing a routine file in the user's editor (`stretch edit`), never losing it.

The editor works on a hidden copy next to the file; the original is only ever
replaced whole, by os.replace, with a copy the user chose to keep. So whatever
the editor does (crashes, saves nothing, is killed) the file is never truncated
or lost, and text the user typed but did not keep is saved beside it.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from stretchcli.core.durations import plural
from stretchcli.core.errors import Problem, RoutineFileError, StretchError, os_reason
from stretchcli.storage.atomic import create_new, read_or_none, write_temporary

RunEditor = Callable[[list[str]], int]

REOPEN_QUESTION = "Reopen the editor to fix it?"
KEEP_QUESTION = "Keep your changes anyway? The routine will not load until it is fixed."
_FALLBACK_EDITORS = ("editor", "nano", "vi")


class EditResult(NamedTuple):
    """What `stretch edit` did: whether the file changed, and how many problems it kept."""

    path: Path
    saved: bool
    problems: int


# -- the editor -------------------------------------------------------------------


def editor_command() -> list[str]:
    """The user's editor as a command: $VISUAL, else $EDITOR, else one found on PATH."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if not value:
            continue
        try:
            words = _split(value)
        except ValueError as error:
            raise StretchError(f"cannot read ${variable} ({value}): {error}") from None
        if words:
            return words
    fallbacks = (*_FALLBACK_EDITORS, "notepad") if os.name == "nt" else _FALLBACK_EDITORS
    for name in fallbacks:
        found = shutil.which(name)
        if found:
            return [found]
    raise StretchError("no editor found: set $VISUAL or $EDITOR to one, e.g. export EDITOR=nano")


def _split(value: str) -> list[str]:
    # "code --wait" is a command and its arguments, never a line for a shell.
    if os.name != "nt":
        return shlex.split(value)
    # POSIX rules would eat the backslashes of a Windows path; keep them, drop quotes.
    return [word.strip('"') for word in shlex.split(value, posix=False)]


def _launch_editor(command: list[str]) -> int:
    """Run the editor in the foreground until it exits; its exit status."""
    import subprocess  # only `stretch edit` runs a program

    process = subprocess.Popen(command)
    try:
        with _keyboard_to_child():
            return process.wait()
    except BaseException:
        process.kill()
        process.wait()
        raise


@contextlib.contextmanager
def _keyboard_to_child() -> Iterator[None]:
    # Ctrl-C and Ctrl-\ belong to the editor while it runs (git does the same):
    # a terminal sends them to us too, and dying here would kill the editor.
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = ("SIGINT", "SIGQUIT")
    numbers = [getattr(signal, name) for name in names if hasattr(signal, name)]
    previous = [(number, signal.signal(number, signal.SIG_IGN)) for number in numbers]
    try:
        yield
    finally:
        for number, handler in previous:
            signal.signal(number, handler)


# -- stretch edit -----------------------------------------------------------------


def edit_file(
    path: Path,
    *,
    run_editor: RunEditor | None = None,
    confirm: Callable[[str, bool], bool],
    report: Callable[[str], None],
) -> EditResult:
    """Edit `path` in the user's editor, check it when the editor exits, and keep it safely."""
    if not path.exists():
        raise StretchError(f"{path} does not exist; create it with: stretch new {path.stem}")
    command = editor_command()
    return _Edit(path, command, run_editor or _launch_editor, confirm, report).run()


def rejected_path(path: Path, number: int = 1) -> Path:
    """Where edits that were not kept are saved: not *.yaml, so never loaded. The first
    goes to NAME.yaml.rejected, later ones beside it (.rejected.2, .rejected.3...), so an
    earlier one is never written over."""
    return path.with_name(path.name + ".rejected" + (f".{number}" if number > 1 else ""))


# Names tried for a rejected copy before giving up (and leaving the hidden copy in place).
REJECTED_NAMES = 1000


class _Edit:
    """One `stretch edit`: the hidden copy, the editor runs, and what happens to the file."""

    def __init__(
        self,
        path: Path,
        command: list[str],
        run: RunEditor,
        confirm: Callable[[str, bool], bool],
        report: Callable[[str], None],
    ) -> None:
        self.path = path
        self.command = command
        self.run_editor = run
        self.confirm = confirm
        self.report = report
        # A link's target is edited, so the link (a dotfiles folder, say) survives.
        self.real = path.resolve() if path.is_symlink() else path
        try:
            info = self.real.stat()
            if not stat.S_ISREG(info.st_mode):
                raise StretchError(f"{path} is not a file")
            self.mode = stat.S_IMODE(info.st_mode)
            self.original = self.real.read_bytes()
        except OSError as error:
            raise StretchError(f"cannot read {path}: {os_reason(error)}") from None
        self.copy: Path | None = None
        self.unsaved = False  # the copy holds text the user typed and has not kept

    def run(self) -> EditResult:
        try:
            try:
                self.copy = write_temporary(self.real, self.original, mode=0o600, tag="edit")
            except OSError as error:
                raise StretchError(
                    f"cannot make a copy to edit next to {self.path}: {os_reason(error)}"
                ) from None
            return self._loop(self.copy)
        except BaseException:
            # Interrupted or failed with the user's text only in the copy: keep it.
            if self.unsaved and self.copy is not None:
                try:
                    kept = self._save_rejected(self.copy)
                    self.report(f"{self.path} was left as it was; your changes are in {kept}")
                except StretchError as error:  # then the copy itself stays, and says so
                    self.report(str(error))
            raise
        finally:
            if self.copy is not None and not self.unsaved:
                with contextlib.suppress(OSError):
                    self.copy.unlink(missing_ok=True)

    def _loop(self, copy: Path) -> EditResult:
        while True:
            self._edit(copy)
            edited = read_or_none(copy) or b""
            if not edited.strip():
                self.unsaved = False  # nothing typed is left to keep
                self.report(f"the edited file is empty; {self.path} was left as it was")
                return EditResult(self.path, False, 0)
            if edited == self.original:
                self.unsaved = False
                self.report(f"no changes; {self.path} was left as it was")
                return EditResult(self.path, False, 0)
            self.unsaved = True
            problems, summary = _check_edited(copy, str(self.path))
            if not problems:
                self._keep(copy)
                self.report(f"{self.path}: ok ({summary})")
                return EditResult(self.path, True, 0)
            for problem in problems:
                self.report(problem.format())
            # Enter reopens the editor, but never keeps a broken file.
            if self.confirm(REOPEN_QUESTION, True):
                continue
            if self.confirm(KEEP_QUESTION, False):
                self._keep(copy)
                self.report(
                    f"{self.path}: saved with {plural(len(problems), 'problem')}; "
                    "it is left out until they are fixed"
                )
                return EditResult(self.path, True, len(problems))
            rejected = self._save_rejected(copy)
            self.report(f"{self.path} was left as it was; your changes are in {rejected}")
            return EditResult(self.path, False, len(problems))

    def _edit(self, copy: Path) -> None:
        """Run the editor on the copy; any failure leaves the file as it was."""
        name = self.command[0]
        try:
            status = self.run_editor([*self.command, str(copy)])
        except OSError as error:
            failure = f'the editor "{name}" could not be started ({os_reason(error)})'
        else:
            if status == 0:
                return
            failure = f'the editor "{name}" failed (exit status {status})'
        edited = read_or_none(copy)
        kept = ""
        if edited is not None and edited.strip() and edited != self.original:
            # Typed in an earlier round, or saved before the editor failed: keep it.
            kept = f"; your changes are in {self._save_rejected(copy)}"
        self.unsaved = False
        raise StretchError(f"{failure}; {self.path} was left as it was{kept}")

    def _keep(self, copy: Path) -> None:
        """Make the copy the file, unless the file changed on disk meanwhile."""
        if read_or_none(self.real) != self.original:
            rejected = self._save_rejected(copy)
            raise StretchError(
                f"{self.path} was changed by something else while you edited it, so it was "
                f"left as it was; your version is in {rejected}"
            )
        with contextlib.suppress(OSError):  # a file system without modes keeps its own
            copy.chmod(self.mode)
        try:
            with copy.open("rb") as handle:
                os.fsync(handle.fileno())  # on disk before it takes the name
            copy.replace(self.real)
        except OSError as error:
            rejected = self._save_rejected(copy)
            raise StretchError(
                f"cannot save {self.path}: {os_reason(error)}; your version is in {rejected}"
            ) from None
        self.unsaved = False
        self.copy = None  # it is the file now: nothing to clean up

    def _save_rejected(self, copy: Path) -> Path:
        """Put the copy's text where the user can find it; the copy stays if that fails."""
        rejected = rejected_path(self.path)
        try:
            text = copy.read_bytes()
            for number in range(1, REJECTED_NAMES + 1):
                rejected = rejected_path(self.path, number)
                try:
                    create_new(rejected, text)
                    break
                except FileExistsError:
                    continue
            else:
                raise FileExistsError(f"{REJECTED_NAMES} earlier rejected copies are in the way")
        except OSError as error:
            raise StretchError(
                f"cannot write {rejected}: {os_reason(error)}; your changes stay in {copy}"
            ) from None
        self.unsaved = False
        return rejected


def _check_edited(copy: Path, shown_as: str) -> tuple[tuple[Problem, ...], str]:
    """`stretch validate`'s problems for `copy` named as `shown_as`, or its summary when none."""
    # The copy stands in for the file: the file's old definitions neither clash with
    # the new ones nor satisfy their references, and messages name the real file.
    from stretchcli.core.validation import file_summary
    from stretchcli.storage.library_files import load_library

    try:
        library = load_library([Path(shown_as)], read_from={Path(shown_as): copy})
    except RoutineFileError as error:
        return error.problems, ""
    return (), file_summary(library, shown_as)
