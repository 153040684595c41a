"""Is every line of a session's speech heard whole? (issue 10)

Runs whole routines in real time with `--voice --plain`, and a stand-in for
`espeak-ng` on PATH that logs when each line starts and ends, speaking at 150
words a minute (slower than espeak-ng's 175, so the planning is put to the test).
A line that starts and never ends was killed. Prints, per routine: lines spoken,
lines killed, holds whose start cue was heard, and preps whose set-up was heard.

    .venv/bin/python benchmarks/speech.py                 # upper-glutes and chair-glute-stretch
    .venv/bin/python benchmarks/speech.py pigeon-pose     # any routines or exercises
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

STRETCH = Path(sys.executable).parent / "stretch"
WORDS_PER_SECOND = 2.5
FAKE_SPEAKER = """#!{python}
import sys, time
log = open({log!r}, "a", buffering=1)
text = sys.argv[-1]
log.write("start\\t%f\\t%s\\n" % (time.time(), text))
time.sleep(0.3 + len(text.split()) / {rate})
log.write("end\\t%f\\t%s\\n" % (time.time(), text))
"""


def run(target: str, folder: Path) -> dict[str, object]:
    log = folder / f"{target}.log"
    bin_dir = folder / f"bin-{target}"
    bin_dir.mkdir()
    speaker = bin_dir / "espeak-ng"
    speaker.write_text(
        FAKE_SPEAKER.format(python=sys.executable, log=str(log), rate=WORDS_PER_SECOND)
    )
    speaker.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}",
        "STRETCHCLI_HOME": str(folder / f"home-{target}"),
    }
    plan = json.loads(
        subprocess.run(
            [STRETCH, "plan", target, "--json"], capture_output=True, text=True, check=True, env=env
        ).stdout
    )
    shown = json.loads(
        subprocess.run(
            [STRETCH, "exercises", "--json"], capture_output=True, text=True, check=True, env=env
        ).stdout
    )
    exercises = {exercise["id"]: exercise for exercise in shown}
    subprocess.run(
        [STRETCH, "session", target, "--voice", "--plain", "--no-sound"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        env=env,
        check=True,
    )
    subprocess.run(["sleep", "5"], check=True)  # the last line finishes after stretch exits
    started, ended = [], []
    for line in log.read_text().splitlines():
        kind, _, text = line.split("\t", 2)
        (started if kind == "start" else ended).append(text)
    killed = len(started) - len(ended)
    holds = [s for s in plan["steps"] if s["kind"] == "hold" and s["rep"] == 1]
    start_cues = 0
    for step in holds:
        cues = [c["say"] for c in exercises[step["exercise"]]["cues"] if c["at"] == "start"]
        if cues and any(text.endswith(cues[0]) for text in started):
            start_cues += 1
    dropped = planned_drops(target, env)
    preps = [s for s in plan["steps"] if s["kind"] == "prep"]
    setups = sum(
        1 for s in preps if any(exercises[s["exercise"]]["setup"] in text for text in started)
    )
    return {
        "routine": target,
        "lines spoken": len(started),
        "killed": killed,
        "first holds": len(holds),
        "start cue heard": start_cues,
        "start cue left out by plan": sum(dropped.values()),
        "reasons": "; ".join(sorted(set(dropped))) or "-",
        "preps": len(preps),
        "set-up heard": setups,
    }


def planned_drops(target: str, env: dict[str, str]) -> dict[str, int]:
    """The start cues the coach leaves out of `target` on purpose, by reason: the same
    plan run through the engine and core/coaching.py, with no clock and no sound."""
    os.environ["STRETCHCLI_HOME"] = env["STRETCHCLI_HOME"]
    from stretchcli.core import engine
    from stretchcli.core.coaching import Coach, Dropped, speaking_seconds
    from stretchcli.core.library import find_target
    from stretchcli.core.timeline import build_plan
    from stretchcli.storage.library_files import load_library

    library = load_library()
    plan = build_plan(find_target(library, target), library.exercises)
    coach = Coach(library.exercises, voice=True, estimate=speaking_seconds(2.6))
    reasons: dict[str, int] = {}
    session, effects = engine.start(plan, 0.0)
    moment = 0.0
    while True:
        first_holds = [e for e in effects if isinstance(e, engine.StepStarted)
                       and e.step.kind.value == "hold" and e.step.rep == 1]  # fmt: skip
        for action in coach.react(session, effects):
            if first_holds and isinstance(action, Dropped) and action.at == first_holds[0].at:
                reasons[action.reason] = reasons.get(action.reason, 0) + 1
        if session.ended:
            return reasons
        moment += 0.25
        session, effects = engine.advance(session, None, moment)


def main() -> None:
    targets = sys.argv[1:] or ["upper-glutes", "chair-glute-stretch"]
    with tempfile.TemporaryDirectory() as folder:
        rows = [run(target, Path(folder)) for target in targets]
    headers = list(rows[0])
    print("| " + " | ".join(headers) + " |")
    print("|" + "---|" * len(headers))
    for row in rows:
        print("| " + " | ".join(str(row[h]) for h in headers) + " |")


if __name__ == "__main__":
    main()
