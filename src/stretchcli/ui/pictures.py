"""Photos of stretch poses, drawn in the terminal: as a real image where the terminal can
show one (kitty, iTerm2 or sixel), else as coloured half blocks.

A picture shows a pose faster than any list of steps. Pillow is imported only inside the
functions that need it, so that the listing commands, which draw nothing, do not pay for
it; the decoded photos are cached, so a session redrawing every second decodes once.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING

from stretchcli.core.errors import os_reason
from stretchcli.storage.atomic import Unreadable
from stretchcli.storage.photos import NOT_A_PICTURE, read_photo

if TYPE_CHECKING:
    from PIL import Image
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.segment import Segment

Rgb = tuple[int, int, int]
SgrFor = Callable[[Rgb, Rgb], str]  # the colour codes of a half block: top pixel, bottom pixel

BACKGROUND_TOLERANCE = 24  # per channel: JPEG noise on a white wall stays well below it
MARGIN_PAD = 0.03  # of the longer side, kept around the person so no limb touches the edge
DRAFT_WIDTH = 400  # JPEGs decode at no less than this: enough to crop and to fill a terminal
CACHED_PHOTOS = 16  # a routine's photos, both sides; each about 0.4 MB decoded
SIXEL_COLOURS = 64
# Pixels per cell where the terminal does not say (sixel draws pixels, not cells): a
# common size at a 12-point font. cell_pixels() asks the terminal's own figure.
SIXEL_CELL = (8, 16)
KITTY_CHUNK = 4096  # base64 characters per escape sequence, the most kitty accepts
RESET = "\x1b[0m"
UPPER_HALF = "▀"
CUBE_LEVELS = (0, 95, 135, 175, 215, 255)  # the xterm 6x6x6 colour cube, colours 16-231


class Graphics(Enum):
    """The ways a terminal can draw a picture, best first."""

    KITTY = "kitty"
    ITERM = "iterm"
    SIXEL = "sixel"
    TRUECOLOR = "truecolor"
    COLORS_256 = "256"


class PictureError(Exception):
    """A picture that cannot be drawn; str() is a one-line reason."""


_KITTY_TERMS = {"xterm-kitty", "xterm-ghostty"}
_ITERM_PROGRAMS = {"iTerm.app", "WezTerm"}
_SIXEL_TERMS = {"foot", "foot-extra", "mlterm", "contour", "yaft-256color"}


def graphics_for(environ: Mapping[str, str]) -> Graphics:
    """Which way this terminal can draw, from its environment alone (no terminal query:
    a query needs a reply read from the terminal, which races with the user's keys)."""
    override = environ.get("STRETCHCLI_GRAPHICS", "").strip().lower()
    if override in {graphics.value for graphics in Graphics}:
        return Graphics(override)
    term = environ.get("TERM", "")
    # tmux and screen drop image escapes (or pass them where the pane is not).
    inside_multiplexer = "TMUX" in environ or term.startswith(("screen", "tmux"))
    if not inside_multiplexer:
        if term in _KITTY_TERMS or "KITTY_WINDOW_ID" in environ:
            return Graphics.KITTY
        if environ.get("TERM_PROGRAM", "") in _ITERM_PROGRAMS:
            return Graphics.ITERM
        if term in _SIXEL_TERMS or "sixel" in term:
            return Graphics.SIXEL
    if environ.get("COLORTERM", "") in {"truecolor", "24bit"}:
        return Graphics.TRUECOLOR
    return Graphics.COLORS_256


def load(
    path: Path,
    *,
    mirrored: bool = False,
    other: Path | None = None,
    min_width: int = DRAFT_WIDTH,
) -> Image.Image:
    """The photo decoded to RGB, cropped to the person, flipped left-right when mirrored.

    `other` is the pose's other photo (start and end): taken by one fixed camera, the two
    differ where the person moves, which is where to crop a full scene with no empty
    margins. Without it, or where that finds nothing, the margins of background colour go.
    JPEGs decode at a reduced size, no less than `min_width` pixels wide. The result is
    cached (by path, modification time and size) and shared: do not change it in place.
    Raises PictureError for a missing, unreadable, truncated or non-image file.
    """
    image = _stat_and_decode(path, min_width)
    box = None
    if other is not None:
        with contextlib.suppress(PictureError):  # the other photo's problem is its own
            box = motion_box(image, _stat_and_decode(other, min_width))
    cropped = image.crop(box) if box else crop_margins(image)
    if mirrored:
        from PIL import Image

        cropped = cropped.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return cropped


def _stat_and_decode(path: Path, min_width: int) -> Image.Image:
    try:
        stat = path.stat()
    except OSError as error:
        raise PictureError(f"cannot read it: {os_reason(error)}") from error
    return _decoded(path, stat.st_mtime_ns, stat.st_size, min_width)


def clear_cache() -> None:
    """Forget every decoded photo (for tests and benchmarks that time a cold load)."""
    _decoded.cache_clear()


@functools.lru_cache(maxsize=CACHED_PHOTOS)
def _decoded(path: Path, mtime_ns: int, size: int, min_width: int) -> Image.Image:
    """The work of `load`; `mtime_ns` and `size` are in the key so an edited photo is read anew."""
    del mtime_ns, size  # the cache key only
    return _decode(_read(path), min_width)


def _read(path: Path) -> bytes:
    # Read first, decode after: a file that cannot be read and one that cannot be decoded
    # get different reasons.
    try:
        return read_photo(path)
    except Unreadable as error:
        raise PictureError(str(error)) from error


def _decode(data: bytes, min_width: int) -> Image.Image:
    import io

    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        if min_width > 0:
            # JPEG only: decodes at 1/2, 1/4 or 1/8 size in a fraction of the time.
            image.draft("RGB", (min_width, 1))
        image.load()
        upright = ImageOps.exif_transpose(image)  # a phone's photo, stood the right way up
        return upright.convert("RGB")
    except UnidentifiedImageError as error:
        raise PictureError(NOT_A_PICTURE) from error
    except Image.DecompressionBombError as error:
        raise PictureError("too large to draw") from error
    # Pillow reports damaged data in all of these, depending on the format and the damage.
    except (OSError, SyntaxError, ValueError, EOFError, IndexError) as error:
        raise PictureError(f"cannot decode it: {error}") from error


def crop_margins(image: Image.Image) -> Image.Image:
    """Cut away the border of background colour, keeping a small pad around the person.

    The background is the colour most of the corners share (a person may reach one or two
    corners). An image with no shared corner colour, or all background, is returned whole.
    """
    background = _background(image)
    if background is None:
        return image
    from PIL import Image, ImageChops

    difference = ImageChops.difference(image, Image.new("RGB", image.size, background))
    # Per channel, so a faint hue on a white wall still counts as background.
    foreground = difference.point(lambda value: 255 if value > BACKGROUND_TOLERANCE else 0)
    box = foreground.getbbox()
    if box is None:
        return image
    pad = round(MARGIN_PAD * max(image.size))
    left, top, right, bottom = box
    padded = (
        max(left - pad, 0),
        max(top - pad, 0),
        min(right + pad, image.width),
        min(bottom + pad, image.height),
    )
    if padded == (0, 0, image.width, image.height):
        return image
    return image.crop(padded)


MOTION_THRESHOLD = 40  # per pixel, of the grey difference: above JPEG noise and flicker
MOTION_SAMPLE_WIDTH = 212  # the two photos are compared this small: fast, and noise averages out
MOTION_PAD = 0.08  # of the width, kept on each side of where the person moves
NARROWEST = 0.6  # a crop keeps at least this width for its height: a standing person


def motion_box(image: Image.Image, other: Image.Image) -> tuple[int, int, int, int] | None:
    """The columns of `image` where it differs from `other` (its pose's other photo), padded,
    at full height: None when the two differ in size, or hardly at all, or everywhere.

    Only the sides are cut: a person may move their arms and keep their feet still, and
    the floor they stand on says how the pose sits.
    """
    if image.size != other.size:
        return None
    from PIL import ImageChops, ImageFilter

    scale = image.width / MOTION_SAMPLE_WIDTH
    sample = (MOTION_SAMPLE_WIDTH, max(round(image.height / scale), 1))
    difference = ImageChops.difference(image.resize(sample), other.resize(sample)).convert("L")
    moving = difference.point(lambda value: 255 if value > MOTION_THRESHOLD else 0)
    # Specks of noise go (MinFilter); what is left grows back to its size (MaxFilter).
    moving = moving.filter(ImageFilter.MinFilter(3)).filter(ImageFilter.MaxFilter(5))
    found = moving.getbbox()
    if found is None:
        return None
    pad = MOTION_PAD * image.width
    left = max(found[0] * scale - pad, 0)
    right = min(found[2] * scale + pad, image.width)
    least = NARROWEST * image.height
    if right - left < least:  # widened about its middle, within the photo
        middle = min(max((left + right) / 2, least / 2), image.width - least / 2)
        left, right = max(middle - least / 2, 0), min(middle + least / 2, image.width)
    if right - left >= image.width - 1:
        return None
    return round(left), 0, round(right), image.height


def _background(image: Image.Image) -> Rgb | None:
    """The colour most corners share: three or four of them, or two when the other two
    differ (two and two is a picture split in halves, with no background to tell)."""
    right, bottom = image.width - 1, image.height - 1
    corners = [
        _rgb(image.getpixel(xy)) for xy in ((0, 0), (right, 0), (0, bottom), (right, bottom))
    ]
    best = max(corners, key=lambda corner: sum(_near(corner, other) for other in corners))
    others = [corner for corner in corners if not _near(best, corner)]
    if len(others) > 2 or (len(others) == 2 and _near(*others)):
        return None
    return best


def _rgb(pixel: object) -> Rgb:
    assert isinstance(pixel, tuple)  # an RGB image's pixel
    red, green, blue = pixel[:3]
    return int(red), int(green), int(blue)


def _near(one: Rgb, other: Rgb) -> bool:
    return all(abs(a - b) <= BACKGROUND_TOLERANCE for a, b in zip(one, other, strict=True))


def cells_for(image: Image.Image, columns: int, rows: int) -> tuple[int, int]:
    """The (columns, rows) of terminal cells the picture fills when fitted inside
    `columns` x `rows`, keeping its shape with cells twice as tall as wide."""
    if columns < 1 or rows < 1:
        raise ValueError(f"no room for a picture in {columns} x {rows} cells")
    # In cell widths per pixel: a cell is 1 wide and 2 tall.
    scale = min(columns / image.width, 2 * rows / image.height)
    used_columns = min(max(round(image.width * scale), 1), columns)
    used_rows = min(max(round(image.height * scale / 2), 1), rows)
    return used_columns, used_rows


def cell_pixels(stream: IO[str]) -> tuple[int, int]:
    """The size of one cell of the terminal `stream` writes to, in pixels, where the
    terminal says (TIOCGWINSZ's pixel fields: foot, xterm, mlterm, kitty...), else
    SIXEL_CELL."""
    try:
        import fcntl
        import struct
        import termios

        packed = fcntl.ioctl(stream.fileno(), termios.TIOCGWINSZ, b"\0" * 8)
        rows, columns, width, height = struct.unpack("HHHH", packed)
    except (ImportError, OSError, ValueError):  # not a terminal; no termios (Windows)
        return SIXEL_CELL
    if not (rows and columns and width and height):
        return SIXEL_CELL
    return max(width // columns, 1), max(height // rows, 1)


def draw(
    image: Image.Image,
    columns: int,
    rows: int,
    graphics: Graphics,
    cell: tuple[int, int] = SIXEL_CELL,
) -> list[str]:
    """The picture fitted in `columns` x `rows` cells, as lines to write one per terminal line.

    Half blocks give one line per row used. kitty, iTerm2 and sixel give the escape
    sequence first, then an empty line for each further row the picture covers, so the
    caller moves down past it alike.
    """
    used_columns, used_rows = cells_for(image, columns, rows)
    if graphics is Graphics.TRUECOLOR:
        return _half_block_lines(image, used_columns, used_rows, _truecolor_sgr)
    if graphics is Graphics.COLORS_256:
        return _half_block_lines(image, used_columns, used_rows, _xterm_256_sgr)
    if graphics is Graphics.KITTY:
        escape = _kitty(image, used_columns, used_rows, cell)
    elif graphics is Graphics.ITERM:
        escape = _iterm(image, used_columns, used_rows, cell)
    else:
        escape = _sixel(image, used_columns, used_rows, cell)
    return [escape] + [""] * (used_rows - 1)


# Half blocks ------------------------------------------------------------------------------


def _cell_rows(image: Image.Image, columns: int, rows: int) -> list[list[tuple[Rgb, Rgb]]]:
    """Each row of cells as (top pixel, bottom pixel) pairs: the picture at one pixel
    across and two down per cell."""
    from PIL import Image

    small = image.resize((columns, 2 * rows), Image.Resampling.BOX)
    data = small.tobytes()
    stride = 3 * columns
    lines = []
    for row in range(rows):
        top = data[2 * row * stride : (2 * row + 1) * stride]
        bottom = data[(2 * row + 1) * stride : (2 * row + 2) * stride]
        lines.append(list(zip(_triples(top), _triples(bottom), strict=True)))
    return lines


def _triples(data: bytes) -> Iterable[Rgb]:
    values = iter(data)
    return zip(values, values, values, strict=True)


def _half_block_lines(image: Image.Image, columns: int, rows: int, sgr: SgrFor) -> list[str]:
    lines = []
    for cells in _cell_rows(image, columns, rows):
        parts = []
        previous = None
        for cell in cells:
            # Neighbours of one colour (a plain wall) need no new colour codes.
            if cell != previous:
                parts.append(sgr(*cell))
                previous = cell
            parts.append(UPPER_HALF)
        parts.append(RESET)
        lines.append("".join(parts))
    return lines


def _truecolor_sgr(top: Rgb, bottom: Rgb) -> str:
    return "\x1b[38;2;{};{};{};48;2;{};{};{}m".format(*top, *bottom)


def _xterm_256_sgr(top: Rgb, bottom: Rgb) -> str:
    return f"\x1b[38;5;{_xterm_256(top)};48;5;{_xterm_256(bottom)}m"


@functools.lru_cache(maxsize=4096)
def _xterm_256(rgb: Rgb) -> int:
    """The nearest xterm 256-colour number: from the 6x6x6 cube or the 24 greys."""
    levels = [_nearest_level(value) for value in rgb]
    cube = 16 + 36 * levels[0] + 6 * levels[1] + levels[2]
    cube_rgb = tuple(CUBE_LEVELS[level] for level in levels)
    grey_step = min(max(round((sum(rgb) / 3 - 8) / 10), 0), 23)
    grey_value = 8 + 10 * grey_step
    if _distance(rgb, (grey_value,) * 3) < _distance(rgb, cube_rgb):
        return 232 + grey_step
    return cube


def _nearest_level(value: int) -> int:
    return min(range(len(CUBE_LEVELS)), key=lambda level: abs(CUBE_LEVELS[level] - value))


def _distance(one: Iterable[int], other: Iterable[int]) -> int:
    return sum((a - b) ** 2 for a, b in zip(one, other, strict=True))


class HalfBlocks:
    """The picture as a rich renderable in half blocks, `width` cells by `height` lines.

    Colours are truecolor; rich brings them down to what the console can show.
    """

    def __init__(self, image: Image.Image, columns: int, rows: int) -> None:
        from rich.color import Color
        from rich.segment import Segment
        from rich.style import Style

        self.width, self.height = cells_for(image, columns, rows)
        styles: dict[tuple[Rgb, Rgb], Style] = {}
        segments: list[Segment] = []
        for cells in _cell_rows(image, self.width, self.height):
            # One segment for each run of one colour pair: fewer for rich to walk.
            run_start = 0
            for index in range(1, len(cells) + 1):
                if index == len(cells) or cells[index] != cells[run_start]:
                    pair = cells[run_start]
                    if pair not in styles:
                        styles[pair] = Style.from_color(
                            Color.from_rgb(*pair[0]), Color.from_rgb(*pair[1])
                        )
                    segments.append(Segment(UPPER_HALF * (index - run_start), styles[pair]))
                    run_start = index
            segments.append(Segment.line())
        self._segments = segments

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= self.width:
            yield from self._segments
            return
        from rich.segment import Segment

        # Narrower than the picture: cut each line short rather than let rich wrap it.
        for line in Segment.split_and_crop_lines(self._segments, options.max_width, pad=False):
            yield from line  # each ends with its new line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement(self.width, self.width)


# Terminal graphics ------------------------------------------------------------------------


def _fitted_pixels(
    image: Image.Image, columns: int, rows: int, cell: tuple[int, int]
) -> Image.Image:
    """The picture no larger than `columns` x `rows` cells of `cell` pixels: the terminal
    scales it to the cells, so more pixels than the cells show would only be more to send."""
    from PIL import Image

    cell_width, cell_height = cell
    scale = min(columns * cell_width / image.width, rows * cell_height / image.height)
    if scale >= 1:
        return image
    size = (max(round(image.width * scale), 1), max(round(image.height * scale), 1))
    return image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)


def _png_base64(image: Image.Image) -> str:
    import base64
    import io

    buffer = io.BytesIO()
    # Level 1: the bytes go down a local pipe, where speed beats size.
    image.save(buffer, format="PNG", compress_level=1)
    return base64.standard_b64encode(buffer.getvalue()).decode("ascii")


def _kitty(image: Image.Image, columns: int, rows: int, cell: tuple[int, int]) -> str:
    payload = _png_base64(_fitted_pixels(image, columns, rows, cell))
    chunks = [payload[start : start + KITTY_CHUNK] for start in range(0, len(payload), KITTY_CHUNK)]
    # C=1 leaves the cursor where it was, so the caller's lines move it down past the
    # picture as they do past half blocks. q=2: no replies to read back.
    first = f"a=T,f=100,c={columns},r={rows},C=1,q=2"
    escapes = []
    for number, chunk in enumerate(chunks):
        more = 1 if number < len(chunks) - 1 else 0
        keys = f"{first},m={more}" if number == 0 else f"m={more}"
        escapes.append(f"\x1b_G{keys};{chunk}\x1b\\")
    return "".join(escapes)


def _iterm(image: Image.Image, columns: int, rows: int, cell: tuple[int, int]) -> str:
    payload = _png_base64(_fitted_pixels(image, columns, rows, cell))
    # doNotMoveCursor (iTerm2 3.5, WezTerm) as kitty's C=1; older versions ignore it.
    keys = f"inline=1;width={columns};height={rows};preserveAspectRatio=1;doNotMoveCursor=1"
    return f"\x1b]1337;File={keys}:{payload}\x07"


def _sixel(image: Image.Image, columns: int, rows: int, cell: tuple[int, int]) -> str:
    from PIL import Image

    cell_width, cell_height = cell
    width = columns * cell_width
    # Whole bands of six pixel rows, none spilling into the row below the picture.
    height = max(rows * cell_height // 6 * 6, 6)
    resized = image.resize((width, height), Image.Resampling.BOX)
    # 64 colours: a photo still reads well, and the encoding takes half the time of 256.
    paletted = resized.quantize(
        colors=SIXEL_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    data = paletted.tobytes()
    palette = paletted.getpalette() or []
    used = sorted(set(data))
    colours = "".join(
        "#{};2;{};{};{}".format(
            index, *(round(value * 100 / 255) for value in palette[3 * index : 3 * index + 3])
        )
        for index in used
    )
    bands = [
        _sixel_band([data[y * width : (y + 1) * width] for y in range(top, top + 6)], width)
        for top in range(0, height, 6)
    ]
    return f'\x1bPq"1;1;{width};{height}{colours}{"-".join(bands)}\x1b\\'


@functools.cache
def _is_colour(index: int) -> bytes:
    """A bytes.translate table: 1 for colour `index`, 0 for every other."""
    return bytes(1 if value == index else 0 for value in range(256))


_SIXEL_ZERO = ord("?")
_RUNS = re.compile(r"(.)\1{3,}")  # four or more alike: "!n" is shorter from four on


def _sixel_band(pixel_rows: list[bytes], width: int) -> str:
    """One band of six pixel rows: for each colour in it, which of the six are that colour
    in each column (a bit each, plus 63), run-length coded, colours joined by "$"."""
    offset = int.from_bytes(bytes([_SIXEL_ZERO]) * width, "big")
    parts = []
    for colour in sorted(set(b"".join(pixel_rows))):
        table = _is_colour(colour)
        # Each byte of the big int holds one column's bits. The bits of the six rows never
        # overlap and stay under 64, so shifts, ORs and the added 63 never carry across.
        bits = 0
        for shift, pixel_row in enumerate(pixel_rows):
            bits |= int.from_bytes(pixel_row.translate(table), "big") << shift
        sixels = (bits + offset).to_bytes(width, "big").rstrip(b"?")
        parts.append(f"#{colour}{_run_length(sixels)}")
    return "$".join(parts)


def _run_length(sixels: bytes) -> str:
    return _RUNS.sub(lambda run: f"!{len(run[0])}{run[1]}", sixels.decode("ascii"))
