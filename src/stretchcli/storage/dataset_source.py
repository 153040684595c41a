"""Where free-exercise-db comes from: a local copy, or its public URLs; and its photos.

A SOURCE is a clone of the dataset (its `dist/exercises.json`), that JSON file itself,
or the base URL of the dataset's files (by default its public one). Photos are copied or
downloaded into the user's data folder, each written whole or not at all; one already
there is left alone, so that running the import again changes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from stretchcli.core.errors import StretchError, UsageError, os_reason

from .atomic import Unreadable, read_regular, replace_with
from .paths import shown

DEFAULT_URL = "https://raw.githubusercontent.com/yuhonas/free-exercise-db/main/"
JSON_IN_CLONE = PurePosixPath("dist/exercises.json")
MAX_JSON_BYTES = 16 * 1024 * 1024  # the whole dataset is 1 MB
MAX_PHOTO_BYTES = 4 * 1024 * 1024  # its photos are 20-60 kB
TIMEOUT_SECONDS = 20
DOWNLOADS_AT_ONCE = 8
# A photo's path in the dataset: "Some_Id/0.jpg". Anything else (.., a leading /) is refused,
# so that no entry can place a file outside the photos folder.
_PHOTO_PATH = re.compile(r"[A-Za-z0-9_()'.,-]+/[0-9]+\.(?:jpg|jpeg|png)")


class Source(NamedTuple):
    """Where the JSON and the photos are: local paths, or URLs."""

    label: str  # as the person gave it, for messages
    json_file: Path | None = None
    photo_folder: Path | None = None  # None locally: no photos found beside the JSON
    url: str | None = None  # the base the photos are under, in exercises/
    json_url: str | None = None

    @property
    def is_web(self) -> bool:
        return self.url is not None


def locate(given: str | None) -> Source:
    """The source `given` names (None: the dataset's public URLs)."""
    if given is None or re.match(r"https?://", given):
        return _web(given or DEFAULT_URL)
    try:
        path = Path(given).expanduser()
    except RuntimeError:  # "~someone" with no such user
        raise UsageError(f"{given}: no such user's home folder") from None
    if path.is_dir():
        json_file = path / JSON_IN_CLONE
        if not json_file.is_file():
            raise UsageError(
                f"{shown(path)} is not a clone of free-exercise-db: it has no {JSON_IN_CLONE}"
            )
        return Source(given, json_file, _photo_folder(json_file))
    if not path.exists():
        raise UsageError(f"{shown(path)}: no such file or folder")
    if not path.is_file():  # a FIFO or a device would be read forever
        raise UsageError(f"{shown(path)} is not a file")
    return Source(given, path, _photo_folder(path))


def _web(url: str) -> Source:
    """The dataset at `url`: its base (a clone's top), or its JSON with the photos in
    exercises/ beside it or beside its dist/ folder."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    folder = parts.path if parts.path.endswith("/") else parts.path + "/"
    json_url = None
    if parts.path.endswith(".json"):
        json_url = url
        folder = parts.path.rsplit("/", 1)[0] + "/"
    if folder.endswith("/dist/"):
        folder = folder.removesuffix("dist/")
    base = urlunsplit((parts.scheme, parts.netloc, folder, "", ""))
    return Source(url, url=base, json_url=json_url or base + str(JSON_IN_CLONE))


def _photo_folder(json_file: Path) -> Path | None:
    """The photos beside the JSON: `exercises/` beside it or beside its folder (a clone's
    dist/), or `images/` beside it."""
    folder = json_file.parent
    for candidate in (folder / "exercises", folder.parent / "exercises", folder / "images"):
        if candidate.is_dir():
            return candidate
    return None


def read_entries(source: Source) -> list[object]:
    """The dataset's entries, as its JSON holds them."""
    if source.json_url is not None:
        data = download(source.json_url, MAX_JSON_BYTES)
    else:
        assert source.json_file is not None
        data = _read_limited(source.json_file, MAX_JSON_BYTES)
    try:
        entries = json.loads(data)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise StretchError(f"{source.label} is not free-exercise-db's JSON: {error}") from None
    if not isinstance(entries, list):
        raise StretchError(f"{source.label} is not free-exercise-db's JSON: not a list")
    return entries


def _read_limited(path: Path, limit: int) -> bytes:
    """A local file's bytes, at most `limit` of them; any failure as a one-line StretchError."""
    try:
        return read_regular(path, limit)
    except Unreadable as error:
        raise StretchError(f"{shown(path)}: {error}") from None


def download(url: str, limit: int) -> bytes:
    """The body at `url`, at most `limit` bytes; any failure as a one-line StretchError."""
    import http.client
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            data: bytes = response.read(limit + 1)
            announced = response.headers.get("Content-Length")
    except http.client.IncompleteRead as error:
        raise StretchError(f"cannot download {url}: cut short ({error})") from None
    except http.client.HTTPException as error:  # a reply that is not HTTP
        raise StretchError(f"cannot download {url}: {type(error).__name__} {error}") from None
    except urllib.error.HTTPError as error:
        raise StretchError(f"cannot download {url}: HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise StretchError(f"cannot download {url}: {error.reason}") from None
    except (OSError, ValueError) as error:  # a timeout, a reset, a malformed URL
        raise StretchError(f"cannot download {url}: {error}") from None
    if len(data) > limit:
        raise StretchError(f"cannot download {url}: larger than {limit // 1_048_576} MiB")
    if announced is not None and announced.isdigit() and int(announced) != len(data):
        raise StretchError(f"cannot download {url}: cut short ({len(data)} of {announced} bytes)")
    return data


# How each format of the dataset's photos ends: a photo cut short lacks it.
_ENDINGS = {".jpg": b"\xff\xd9", ".jpeg": b"\xff\xd9", ".png": b"IEND\xaeB`\x82"}


def is_whole_photo(path: str, data: bytes) -> bool:
    """Whether `data` is a whole photo of the kind `path` names: its end marker is in its
    last 4 kB (a camera may add bytes after it). Neither marker can occur by chance
    earlier in that tail: JPEG escapes its 0xFF bytes, and PNG's IEND chunk is last."""
    ending = _ENDINGS.get(PurePosixPath(path).suffix.lower())
    return ending is not None and ending in data[-4096:]


def photo_in_place(folder: Path, path: str) -> bool:
    """Whether the dataset's photo `path` is in `folder`, whole."""
    return is_photo_path(path) and is_whole_photo(path, _already(folder / path))


def is_photo_path(path: str) -> bool:
    return _PHOTO_PATH.fullmatch(path) is not None and ".." not in path


class Fetched(NamedTuple):
    """What became of the photos: how many were written, and each that failed, with why."""

    written: int
    failed: dict[str, str]  # photo path -> reason


def fetch_photos(
    source: Source, paths: Sequence[str], folder: Path, on_each: Callable[[], None]
) -> Fetched:
    """Copy or download each photo in `paths` into `folder` (kept as `<id>/<n>.jpg`)."""

    def fetch(path: str) -> str | bool:
        try:
            return _fetch_one(source, path, folder)
        except StretchError as error:
            return str(error)
        except Exception as error:  # in a worker thread: anything else, said as a failure
            return f"{type(error).__name__}: {error}"
        finally:
            on_each()

    results = _in_parallel(fetch, paths) if source.is_web else [fetch(path) for path in paths]
    failed = {
        path: result for path, result in zip(paths, results, strict=True) if isinstance(result, str)
    }
    return Fetched(sum(result is True for result in results), failed)


def _in_parallel(fetch: Callable[[str], str | bool], paths: Sequence[str]) -> list[str | bool]:
    """`fetch` of each path, a few at once: downloads wait on the network.

    Daemon threads, not a ThreadPoolExecutor: Ctrl-C then ends the command at once, where
    an executor's threads would keep the process alive until their downloads ended.
    """
    import threading

    # A path no worker got to (a worker that died) is a failure, never "already there".
    results: list[str | bool] = ["not fetched"] * len(paths)
    queue = iter(enumerate(paths))
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                item = next(queue, None)
            if item is None:
                return
            results[item[0]] = fetch(item[1])

    workers = [threading.Thread(target=work, daemon=True) for _ in range(DOWNLOADS_AT_ONCE)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


def _fetch_one(source: Source, path: str, folder: Path) -> bool:
    """Put one photo in place; False when it was already there as it should be."""
    if not is_photo_path(path):
        raise StretchError("not a photo path of the dataset")
    target = folder / path
    if source.url is not None:
        if photo_in_place(folder, path):
            return False
        data = download(source.url + "exercises/" + path, MAX_PHOTO_BYTES)
        if not is_whole_photo(path, data):
            raise StretchError(f"cannot download {source.url}exercises/{path}: not a whole photo")
    else:
        if source.photo_folder is None:
            raise StretchError("no photos beside the JSON")
        data = _read_limited(source.photo_folder / path, MAX_PHOTO_BYTES)
        if _already(target) == data:
            return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Not flushed one by one: a photo lost to a crash is fetched again next time.
        replace_with(target, data, sync=False)
    except OSError as error:
        raise StretchError(f"cannot write {shown(target)}: {os_reason(error)}") from None
    return True


def _already(target: Path) -> bytes:
    """The photo in place at `target`, or nothing where there is none to be read."""
    try:
        return read_regular(target, MAX_PHOTO_BYTES)
    except Unreadable:  # missing, not a file or not readable: fetched (and written) again
        return b""
