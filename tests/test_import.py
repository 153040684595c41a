"""`stretch import free-exercise-db`: from a clone, a JSON file or a local web server.

The entries in tests/data/free_exercise_db_fixture.json are ours, written in the dataset's
shape (none of its text); the photos are drawn here. The whole real dataset, when the
shared copy is beside the checkout, is imported at the end.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from PIL import Image

from stretchcli.storage import dataset_source
from tests.conftest import Result

Run = Callable[..., Result]
FIXTURE = Path(__file__).parent / "data" / "free_exercise_db_fixture.json"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "free-exercise-db"


def _clone(root: Path, entries: list[object] | None = None) -> Path:
    """A folder laid out as the dataset's repository: dist/exercises.json, exercises/<id>/."""
    entries = entries if entries is not None else json.loads(FIXTURE.read_text())
    (root / "dist").mkdir(parents=True)
    (root / "dist" / "exercises.json").write_text(json.dumps(entries))
    for entry in entries:
        for index, path in enumerate(getattr(entry, "get", lambda *_: [])("images", [])):
            if ".." in path:
                continue
            photo = root / "exercises" / path
            photo.parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (40, 30), (200, 40 * index, 90)).save(photo, "JPEG")
    return root


def _imported(home: Path) -> dict[str, dict[str, object]]:
    data = yaml.safe_load((home / "routines" / "free-exercise-db.yaml").read_text())
    exercises: dict[str, dict[str, object]] = data["exercises"]
    return exercises


def test_a_clone_becomes_one_valid_routine_file_with_its_photos(
    run: Run, tmp_path: Path, stretch_home: Path
) -> None:
    result = run("import", "free-exercise-db", str(_clone(tmp_path / "clone")))
    assert result.exit_code == 1  # the photo path that leaves its folder is refused
    exercises = _imported(stretch_home)
    assert list(exercises) == [
        "doorway-calf-lean", "pigeon-pose-imported", "lateral-shuffle-swings", "shin-smr",
        "assisted-chest-opener", "escape-attempt",
    ]  # fmt: skip
    calf = exercises["doorway-calf-lean"]
    assert (calf["hold"], calf["sides"], calf["position"], calf["category"]) == (
        "25-40s", "both", "standing", "stretching"
    )  # fmt: skip
    assert (calf["target"], calf["secondary"]) == (["calves"], ["hamstrings"])
    assert calf["sources"] == [
        "free-exercise-db, entry Doorway_Calf_Lean (https://github.com/yuhonas/free-exercise-db)"
        ", public domain (The Unlicense)"
    ]
    swings = exercises["lateral-shuffle-swings"]
    assert (swings["category"], swings["reps"], swings["hold"]) == ("mobility", "12-15", 2)
    assert exercises["shin-smr"]["category"] == "foam-rolling"
    assert exercises["shin-smr"]["equipment"] == ["foam roller"]
    partner = exercises["assisted-chest-opener"]
    assert (partner["needs"], partner["hold"]) == (["partner"], 10)
    pigeon = exercises["pigeon-pose-imported"]
    assert (pigeon["difficulty"], pigeon["hold"]) == ("advanced", "20-30s")
    assert "20-30 s hold is stretchcli's default for a static stretch" in str(pigeon["sources"])
    # Photos sit in the data folder, named relative to the file.
    for photo in calf["images"]:  # type: ignore[attr-defined]
        assert (stretch_home / "routines" / photo).resolve().is_file()
    assert calf["images"] == [
        "../photos/free-exercise-db/Doorway_Calf_Lean/0.jpg",
        "../photos/free-exercise-db/Doorway_Calf_Lean/1.jpg",
    ]
    assert not (stretch_home / "outside").exists()  # where ../../ from the photos would lead
    assert "images" not in exercises["escape-attempt"]
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        f"Imported 6 stretches into {stretch_home}/routines/free-exercise-db.yaml:",
        "  3 static stretches, 1 dynamic move, 1 foam rolling exercise, 1 partner stretch",
    ]
    assert "Renamed, as the library already uses their ids: 1" in lines
    assert "  pigeon-pose -> pigeon-pose-imported" in lines
    looks = lines.index("  3: no hold or reps in its instructions: stretchcli's default is used")
    assert lines[looks + 1] == "      pigeon-pose-imported, shin-smr, escape-attempt"
    assert result.stderr == (
        "stretch: photo ../../outside/0.jpg: not a photo path of the dataset\n"
    )
    checked = run("validate")
    assert checked.exit_code == 0
    assert checked.stdout.endswith("free-exercise-db.yaml: ok (6 exercises, 0 routines)\n")


def test_the_file_says_why_an_exercise_needs_a_look(run: Run, tmp_path: Path) -> None:
    run("import", "free-exercise-db", str(_clone(tmp_path / "clone")))
    text = run("where").stdout  # the import lands where `stretch where` says
    routines = Path(text.split()[1])
    written = (routines / "free-exercise-db.yaml").read_text()
    assert written.startswith("# Written by `stretch import free-exercise-db`.")
    assert (
        "  # needs a look: no hold or reps in its instructions: stretchcli's default is used\n"
        "  # needs a look: no photos\n"
        "  escape-attempt:\n"
    ) in written


def test_running_it_again_changes_nothing(run: Run, tmp_path: Path, stretch_home: Path) -> None:
    clone = _clone(tmp_path / "clone")
    run("import", "free-exercise-db", str(clone))
    written = stretch_home / "routines" / "free-exercise-db.yaml"
    photo = stretch_home / "photos" / "free-exercise-db" / "Shin-SMR" / "0.jpg"
    before = (written.stat().st_mtime_ns, photo.stat().st_mtime_ns, written.read_bytes())
    again = run("import", "free-exercise-db", str(clone / "dist" / "exercises.json"))
    assert (written.stat().st_mtime_ns, photo.stat().st_mtime_ns, written.read_bytes()) == before
    assert again.stdout == (
        f"Nothing changed: {written} (6 stretches) and its photos were already up to date.\n"
    )
    assert not written.with_name("free-exercise-db.yaml.previous").exists()


def test_an_edited_import_is_kept_and_a_foreign_file_left_alone(
    run: Run, tmp_path: Path, stretch_home: Path
) -> None:
    clone = _clone(tmp_path / "clone")
    run("import", "free-exercise-db", str(clone))
    written = stretch_home / "routines" / "free-exercise-db.yaml"
    edited = written.read_text().replace("Doorway Calf Lean", "My Calf Lean")
    written.write_text(edited)
    run("import", "free-exercise-db", str(clone))
    assert written.with_name("free-exercise-db.yaml.previous").read_text() == edited
    assert "Doorway Calf Lean" in written.read_text()

    mine = "exercises:\n  a: {name: A, target: calves, hold: 5, steps: [Stand.]}\n"
    written.write_text(mine)
    refused = run("import", "free-exercise-db", str(clone))
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"stretch: error: {written} exists and the import did not write it: left alone "
        "(move it away to import)\n"
    )
    assert written.read_text() == mine


def test_a_json_file_takes_its_photos_from_beside_it(
    run: Run, tmp_path: Path, stretch_home: Path
) -> None:
    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "stretches.json")
    result = run("import", "free-exercise-db", str(folder / "stretches.json"))
    assert result.exit_code == 0
    assert result.stderr.startswith("stretch: no photos beside ")
    assert "for 0 stretches" in result.stdout
    assert "images" not in _imported(stretch_home)["doorway-calf-lean"]


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (None, 2, "{path}: no such file or folder"),
        ("{not json", 1, "{path} is not free-exercise-db's JSON: Expecting property name"),
        ('{"a": 1}', 1, "{path} is not free-exercise-db's JSON: not a list"),
        ("[]", 1, "{path} has no stretches: is it free-exercise-db?"),
    ],
)
def test_a_source_that_is_not_the_dataset_is_one_line(
    run: Run, tmp_path: Path, content: str | None, code: int, message: str
) -> None:
    path = tmp_path / "exercises.json"
    if content is not None:
        path.write_text(content)
    result = run("import", "free-exercise-db", str(path))
    assert result.exit_code == code
    assert result.stderr.startswith("stretch: error: " + message.format(path=path))
    assert len(result.stderr.splitlines()) == 1


def test_a_fifo_is_refused_rather_than_read_forever(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "exercises.json"
    os.mkfifo(fifo)
    result = run("import", "free-exercise-db", str(fifo))
    assert (result.exit_code, result.stderr) == (2, f"stretch: error: {fifo} is not a file\n")


def test_a_folder_that_is_no_clone_is_said_so(run: Run, tmp_path: Path) -> None:
    result = run("import", "free-exercise-db", str(tmp_path))
    assert (result.exit_code, result.stderr) == (
        2,
        f"stretch: error: {tmp_path} is not a clone of free-exercise-db: it has no "
        "dist/exercises.json\n",
    )


@pytest.fixture
def web_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """A web server on 127.0.0.1 serving a clone, and the clone's folder."""
    fair = [e for e in json.loads(FIXTURE.read_text()) if e.get("id") != "Escape_Attempt"]
    root = _clone(tmp_path / "served", fair)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", root
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_with_no_source_it_downloads_the_dataset(
    run: Run, web_server: tuple[str, Path], stretch_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, served = web_server
    monkeypatch.setattr(dataset_source, "DEFAULT_URL", url)
    (served / "exercises" / "Shin-SMR" / "1.jpg").unlink()  # one photo the server lacks
    result = run("import", "free-exercise-db")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"Downloading free-exercise-db from {url}"
    assert (
        f"stretch: photo Shin-SMR/1.jpg: cannot download {url}exercises/Shin-SMR/1.jpg: "
        "HTTP 404 File not found"
    ) in result.stderr.splitlines()
    photos = stretch_home / "photos" / "free-exercise-db"
    assert (photos / "Doorway_Calf_Lean" / "1.jpg").read_bytes() == (
        served / "exercises" / "Doorway_Calf_Lean" / "1.jpg"
    ).read_bytes()
    assert _imported(stretch_home)["shin-smr"]["images"] == [
        "../photos/free-exercise-db/Shin-SMR/0.jpg"
    ]
    # The server has the photo again: a second run fetches only that one.
    shutil.copy(served / "exercises" / "Shin-SMR" / "0.jpg", served / "exercises/Shin-SMR/1.jpg")
    again = run("import", "free-exercise-db", url)
    assert again.exit_code == 0
    assert "(1 new)" in again.stdout
    assert len(_imported(stretch_home)["shin-smr"]["images"]) == 2  # type: ignore[arg-type]


def test_a_server_that_cannot_be_reached_is_one_line(run: Run, stretch_home: Path) -> None:
    result = run("import", "free-exercise-db", "http://127.0.0.1:9/")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(
        "stretch: error: cannot download http://127.0.0.1:9/dist/exercises.json: "
    )
    assert not (stretch_home / "routines").exists()


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared copy of the dataset is not here")
def test_the_real_dataset_adds_about_a_hundred_stretches_with_photos(
    run: Run, stretch_home: Path
) -> None:
    result = run("import", "free-exercise-db", str(SHARED / "all-exercises.json"))
    assert result.exit_code == 0, result.stderr
    exercises = _imported(stretch_home)
    assert len(exercises) == 123
    assert sum("images" in fields for fields in exercises.values()) == 123
    assert run("validate").exit_code == 0
    calves = json.loads(run("exercises", "--muscle", "calves", "--json").stdout)
    assert {"seated-calf-stretch", "calves-smr", "standing-gastrocnemius-calf-stretch"} <= {
        exercise["id"] for exercise in calves
    }


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")
def test_a_download_at_a_terminal_shows_its_progress(
    web_server: tuple[str, Path], tmp_path: Path
) -> None:
    from tests.test_terminal import STRETCH, Terminal

    url, _ = web_server
    terminal = Terminal(tmp_path)
    try:
        terminal.run(f"{STRETCH} import free-exercise-db {url}; echo EXIT=$?")
        done = terminal.wait_for(lambda s: re.search(r"EXIT=\d", s) is not None, "the end")
    finally:
        terminal.close()
    assert "EXIT=0" in done
    assert "Downloading photos" in done
    assert "10/10" in done  # five stretches, two photos each, all there
    assert "Imported 5 stretches into" in done


def test_show_says_a_partner_stretch_needs_a_partner(run: Run, tmp_path: Path) -> None:
    run("import", "free-exercise-db", str(_clone(tmp_path / "clone")))
    page = run("show", "assisted-chest-opener").stdout
    assert [line.split() for line in page.splitlines() if line.startswith("Needs")] == [
        ["Needs", "a", "partner"]
    ]
    assert "Needs" not in run("show", "doorway-calf-lean").stdout


def _entry(entry_id: str, **fields: object) -> dict[str, object]:
    """A stretch of our own in the dataset's shape."""
    return {
        "id": entry_id, "name": entry_id.replace("_", " "), "force": "static",
        "level": "beginner", "mechanic": None, "equipment": None,
        "primaryMuscles": ["calves"], "secondaryMuscles": [],
        "instructions": ["Stand tall.", "Hold for 20 seconds."],
        "category": "stretching", "images": [], **fields,
    }  # fmt: skip


def test_text_from_the_dataset_cannot_add_lines_to_the_file(
    run: Run, tmp_path: Path, stretch_home: Path
) -> None:
    sneaky = "calves\n  injected:\n    name: Injected\n    target: x\n    hold: 5\n"
    entries = [_entry("Plain_One", primaryMuscles=[sneaky], name="Two\nLines")]
    clone = _clone(tmp_path / "clone", entries)
    result = run("import", "free-exercise-db", str(clone))
    assert result.exit_code == 0, result.stderr
    exercises = _imported(stretch_home)
    assert list(exercises) == ["plain-one"]
    assert exercises["plain-one"]["name"] == "Two Lines"
    listed = json.loads(run("exercises", "--json").stdout)
    assert "injected" not in [exercise["id"] for exercise in listed]


def test_an_edited_file_is_kept_at_each_import_and_never_overwritten(
    run: Run, tmp_path: Path, stretch_home: Path
) -> None:
    clone = _clone(tmp_path / "clone", [_entry("Calf_One")])
    written = stretch_home / "routines" / "free-exercise-db.yaml"
    run("import", "free-exercise-db", str(clone))
    first_edit = written.read_text().replace("Calf One", "My Calf One")
    written.write_text(first_edit)
    run("import", "free-exercise-db", str(clone))
    previous = written.with_name("free-exercise-db.yaml.previous")
    assert previous.read_text() == first_edit
    # The dataset changes and the file is as the import wrote it: replaced, nothing kept.
    (clone / "dist" / "exercises.json").write_text(json.dumps([_entry("Calf_Two")]))
    run("import", "free-exercise-db", str(clone))
    assert list(_imported(stretch_home)) == ["calf-two"]
    assert previous.read_text() == first_edit
    assert not written.with_name("free-exercise-db.yaml.previous-2").exists()
    # Edited again: kept beside the first copy, not over it.
    second_edit = written.read_text() + "# mine\n"
    written.write_text(second_edit)
    again = run("import", "free-exercise-db", str(clone))
    assert written.with_name("free-exercise-db.yaml.previous-2").read_text() == second_edit
    assert previous.read_text() == first_edit
    assert again.stdout.splitlines()[-1] == (
        f"Your edited copy of the file is kept as {written}.previous-2"
    )


def test_photo_paths_lead_to_the_photos_through_a_linked_routines_folder(
    run: Run, tmp_path: Path, stretch_home: Path
) -> None:
    dotfiles = tmp_path / "dotfiles" / "deep" / "routines"
    dotfiles.mkdir(parents=True)
    stretch_home.mkdir()
    (stretch_home / "routines").symlink_to(dotfiles)
    run("import", "free-exercise-db", str(_clone(tmp_path / "clone")))
    checked = run("validate")
    assert checked.exit_code == 0
    assert "warning" not in checked.stdout
    photos = _imported(stretch_home)["doorway-calf-lean"]["images"]
    assert all((dotfiles / str(p)).resolve().is_file() for p in photos)  # type: ignore[attr-defined]


def test_photos_are_found_in_a_home_whose_path_is_not_utf8(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = Path(os.fsdecode(bytes(tmp_path) + b"/h\xff"))
    monkeypatch.setenv("STRETCHCLI_HOME", str(home))
    run("import", "free-exercise-db", str(_clone(tmp_path / "clone")))
    checked = run("validate")
    assert (checked.exit_code, "warning" in checked.stdout) == (0, False)


def test_a_deeply_nested_json_is_one_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000)
    result = run("import", "free-exercise-db", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"stretch: error: {path} is not free-exercise-db's JSON: ")
    assert len(result.stderr.splitlines()) == 1


def test_a_photo_cut_short_is_not_kept_and_is_fetched_again(
    run: Run, web_server: tuple[str, Path], stretch_home: Path
) -> None:
    url, served = web_server
    photo = served / "exercises" / "Shin-SMR" / "0.jpg"
    whole = photo.read_bytes()
    photo.write_bytes(whole[: len(whole) // 2])  # the server has half of it
    result = run("import", "free-exercise-db", url)
    assert result.exit_code == 1
    assert f"cannot download {url}exercises/Shin-SMR/0.jpg: not a whole photo" in result.stderr
    kept = stretch_home / "photos" / "free-exercise-db" / "Shin-SMR" / "0.jpg"
    assert not kept.exists()
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_bytes(whole[:100])  # as a crash might leave one
    photo.write_bytes(whole)
    again = run("import", "free-exercise-db", url)
    assert again.exit_code == 0, again.stderr
    assert kept.read_bytes() == whole


def test_a_foreign_file_is_refused_before_anything_is_downloaded(
    run: Run, web_server: tuple[str, Path], stretch_home: Path
) -> None:
    url, _ = web_server
    (stretch_home / "routines").mkdir(parents=True)
    (stretch_home / "routines" / "free-exercise-db.yaml").write_text("routines: {}\n")
    result = run("import", "free-exercise-db", url)
    assert result.exit_code == 1
    assert not (stretch_home / "photos").exists()


class _StuckPhotos(_QuietHandler):
    """Serves the JSON, then holds every photo request until the test ends."""

    release = threading.Event()

    def do_GET(self) -> None:
        if "/exercises/" in self.path:
            self.release.wait(LIMIT_SECONDS)
            return
        super().do_GET()


LIMIT_SECONDS = 60


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")
def test_ctrl_c_during_the_downloads_ends_the_import_at_once(tmp_path: Path) -> None:
    from tests.test_terminal import STRETCH, Terminal

    root = _clone(tmp_path / "served")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_StuckPhotos, directory=str(root))
    )
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    terminal = Terminal(tmp_path)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        terminal.run(f"NO_PROXY=127.0.0.1 {STRETCH} import free-exercise-db {url}; echo EXIT=$?")
        terminal.wait_for(lambda s: "Downloading photos" in s, "the downloads under way")
        terminal.child.send("\x03")
        # Eight downloads are held by the server: the command must not wait for them,
        # which would take the downloads' 20 s time-out.
        pressed = time.monotonic()
        done = terminal.wait_for(lambda s: re.search(r"EXIT=\d", s) is not None, "the end")
        assert time.monotonic() - pressed < dataset_source.TIMEOUT_SECONDS / 2
    finally:
        _StuckPhotos.release.set()
        terminal.close()
        server.shutdown()
        server.server_close()
    assert "EXIT=130" in done
    assert "stretch: interrupted" in done
    assert b"Traceback" not in terminal.raw


def test_an_id_of_yours_added_after_an_import_is_renamed_in_the_next(
    run: Run, tmp_path: Path, stretch_home: Path
) -> None:
    clone = _clone(tmp_path / "clone", [_entry("Calf_One"), _entry("Calf_Two")])
    run("import", "free-exercise-db", str(clone))
    (stretch_home / "routines" / "own.yaml").write_text(
        "exercises:\n  calf-one: {name: Mine, target: calves, hold: 5, steps: [Stand.]}\n"
    )
    again = run("import", "free-exercise-db", str(clone))
    assert "  calf-one -> calf-one-imported" in again.stdout.splitlines()
    assert list(_imported(stretch_home)) == ["calf-one-imported", "calf-two"]
    assert run("validate").exit_code == 0
    assert json.loads(run("show", "calf-one", "--json").stdout)["name"] == "Mine"


def test_a_url_may_name_the_json_itself(run: Run, web_server: tuple[str, Path]) -> None:
    url, _ = web_server
    result = run("import", "free-exercise-db", url + "dist/exercises.json")
    assert result.exit_code == 0, result.stderr
    assert "for 5 stretches (10 new)" in result.stdout


class _NotHttp(_QuietHandler):
    """Answers every photo request with bytes that are not HTTP."""

    def do_GET(self) -> None:
        if "/exercises/" in self.path:
            self.wfile.write(b"GARBAGE\r\n\r\n")
            return
        super().do_GET()


def test_a_reply_that_is_not_http_is_a_failed_photo(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _clone(tmp_path / "served", [_entry("Calf_One", images=["Calf_One/0.jpg"])])
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_NotHttp, directory=str(root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        result = run("import", "free-exercise-db", url)
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 1
    assert (
        f"stretch: photo Calf_One/0.jpg: cannot download {url}exercises/Calf_One/0.jpg: "
        "BadStatusLine"
    ) in result.stderr


def test_a_fifo_in_the_imports_place_is_left_alone(
    run: Run, tmp_path: Path, stretch_home: Path
) -> None:
    (stretch_home / "routines").mkdir(parents=True)
    fifo = stretch_home / "routines" / "free-exercise-db.yaml"
    os.mkfifo(fifo)
    result = run("import", "free-exercise-db", str(_clone(tmp_path / "clone")))
    assert (result.exit_code, result.stderr) == (
        1,
        f"stretch: error: {fifo} exists and the import did not write it: left alone "
        "(move it away to import)\n",
    )


def test_an_edit_to_the_header_comments_is_kept_too(
    run: Run, tmp_path: Path, stretch_home: Path
) -> None:
    clone = _clone(tmp_path / "clone", [_entry("Calf_One")])
    run("import", "free-exercise-db", str(clone))
    written = stretch_home / "routines" / "free-exercise-db.yaml"
    first, rest = written.read_text().split("\n", 1)
    noted = f"{first}\n# my note: do these after runs\n{rest}"  # in the header, body as it was
    written.write_text(noted)
    (clone / "dist" / "exercises.json").write_text(json.dumps([_entry("Calf_Two")]))
    run("import", "free-exercise-db", str(clone))
    assert written.with_name("free-exercise-db.yaml.previous").read_text() == noted


def test_a_home_folder_of_no_user_is_one_line(run: Run) -> None:
    result = run("import", "free-exercise-db", "~no-such-user-here/x.json")
    assert (result.exit_code, result.stderr) == (
        2,
        "stretch: error: ~no-such-user-here/x.json: no such user's home folder\n",
    )


def test_an_entry_with_nothing_to_call_it_is_left_out_and_the_rest_imported(
    run: Run, tmp_path: Path, stretch_home: Path
) -> None:
    entries = [
        _entry("Calf_One"),
        _entry("Blank_Name", name="   "),
        _entry("Blank_Muscle", primaryMuscles=[" "]),
        _entry("!!!"),
    ]
    result = run("import", "free-exercise-db", str(_clone(tmp_path / "clone", entries)))
    assert result.exit_code == 0, result.stderr
    assert list(_imported(stretch_home)) == ["calf-one"]
    assert result.stderr.splitlines()[-3:] == [
        "stretch: left out Blank_Name: no name",
        "stretch: left out Blank_Muscle: no muscles named",
        "stretch: left out !!!: an id with no letters or digits",
    ]


@pytest.mark.parametrize(
    ("given", "base", "json_url"),
    [
        (
            "http://h/x/dist/exercises.json?raw=1",
            "http://h/x/",
            "http://h/x/dist/exercises.json?raw=1",
        ),
        ("http://h/x/dist/", "http://h/x/", "http://h/x/dist/exercises.json"),
        ("http://h/x", "http://h/x/", "http://h/x/dist/exercises.json"),
    ],
)
def test_a_url_names_the_dataset_however_it_is_written(
    given: str, base: str, json_url: str
) -> None:
    source = dataset_source.locate(given)
    assert (source.url, source.json_url) == (base, json_url)


def test_a_photo_is_whole_with_bytes_after_its_end_and_not_when_cut() -> None:
    jpeg = b"\xff\xd8\xff\xe0" + b"x" * 5000 + b"\xff\xd9"
    assert dataset_source.is_whole_photo("a/0.jpg", jpeg + b"camera notes" * 10)
    assert not dataset_source.is_whole_photo("a/0.jpg", jpeg[:-2])
    assert not dataset_source.is_whole_photo("a/0.gif", jpeg)


def test_a_partial_photo_left_by_a_crash_is_not_named_in_the_file(
    run: Run, web_server: tuple[str, Path], stretch_home: Path
) -> None:
    url, served = web_server
    (served / "exercises" / "Shin-SMR" / "0.jpg").unlink()  # the server lacks it...
    kept = stretch_home / "photos" / "free-exercise-db" / "Shin-SMR" / "0.jpg"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"\xff\xd8\xff\xe0 half")  # ...and a crash left half of it
    result = run("import", "free-exercise-db", url)
    assert result.exit_code == 1
    assert _imported(stretch_home)["shin-smr"]["images"] == [
        "../photos/free-exercise-db/Shin-SMR/1.jpg"
    ]
