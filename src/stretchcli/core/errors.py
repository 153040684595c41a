"""One error hierarchy and the exit codes; `cli.app.main` turns each error into both.

Every exit code stretch can return is an `ExitCode`; a session's outcome maps to
one in `model.Outcome.exit_code`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import NamedTuple

from .text import visible


class ExitCode(IntEnum):
    """What `stretch` returns to the shell (README, "Exit codes and errors")."""

    OK = 0
    FAILURE = 1  # an invalid file, an unknown id, another failure the user can act on
    USAGE = 2  # a wrong option, a missing argument, a bad value
    HUNG_UP = 129  # 128 + SIGHUP: the terminal window closed during a session
    INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C
    QUIT_KEY = 131  # 128 + SIGQUIT: Ctrl-\ during a session
    TERMINATED = 143  # 128 + SIGTERM


INTERRUPTED_MESSAGE = "stretch: interrupted"


class Problem(NamedTuple):
    """One located problem in a routine file, printed the way compilers print them."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int
    path: str  # where in the document, e.g. "routines.glutes.items[2].hold"
    message: str

    def format(self, severity: str = "error") -> str:
        """One line, whatever the file's name, keys or values hold (see core/text.py)."""
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        what = f"{self.path}: {self.message}" if self.path else self.message
        return visible(f"{where}: {severity}: {what}")


def whole_file_problem(path: str, message: str) -> Problem:
    """A problem of the file itself (missing, a folder, too large), with no line."""
    return Problem(path, 0, 0, "", message)


class StretchError(Exception):
    """A failure the user can act on; its message is one line."""

    exit_code = ExitCode.FAILURE


class UsageError(StretchError):
    """The command line asked for something that cannot be: exit code 2."""

    exit_code = ExitCode.USAGE


class RoutineFileError(StretchError):
    """Every problem found in one or more routine files."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(problem.format() for problem in self.problems))


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean "x"?)' for the closest candidate, or '' when none is close."""
    import difflib  # only a failing command needs it

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f' (did you mean "{matches[0]}"?)' if matches else ""


def os_reason(error: OSError) -> str:
    """Why an OSError happened, in the system's words."""
    return error.strerror or str(error)
