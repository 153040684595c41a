"""Photos of poses drawn in the terminal: which way to draw, loading, cropping, and each way
of drawing read back (half blocks by their colour codes, kitty and iTerm2 by their PNG,
sixel by a small decoder)."""

from __future__ import annotations

import base64
import io
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from rich.console import Console

from stretchcli.ui.pictures import (
    Graphics,
    HalfBlocks,
    PictureError,
    cells_for,
    clear_cache,
    crop_margins,
    draw,
    graphics_for,
    load,
    motion_box,
)

Rgb = tuple[int, int, int]
RED, BLUE, WHITE, GREEN = (255, 0, 0), (0, 0, 255), (255, 255, 255), (0, 160, 0)
SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def _cold_cache() -> None:
    clear_cache()


def noise(width: int, height: int, seed: int = 1) -> Image.Image:
    """A photo-like image: every pixel a different colour, nothing to crop or compress."""
    return Image.frombytes(
        "RGB", (width, height), random.Random(seed).randbytes(width * height * 3)
    )


def stripes(width: int, height: int, top: Rgb = RED, bottom: Rgb = BLUE) -> Image.Image:
    """Rows of `top` and `bottom` in turn: each half block's upper and lower pixel."""
    image = Image.new("RGB", (width, height), bottom)
    for y in range(0, height, 2):
        image.paste(top, (0, y, width, y + 1))
    return image


def person_on_white(
    box: tuple[int, int, int, int], size: tuple[int, int] = (400, 300)
) -> Image.Image:
    image = Image.new("RGB", size, WHITE)
    image.paste(GREEN, box)
    return image


# graphics_for -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"TERM": "xterm-kitty"}, Graphics.KITTY),
        ({"TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"}, Graphics.KITTY),
        ({"TERM": "xterm-ghostty"}, Graphics.KITTY),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"}, Graphics.ITERM),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, Graphics.ITERM),
        ({"TERM": "foot"}, Graphics.SIXEL),
        ({"TERM": "foot-extra"}, Graphics.SIXEL),
        ({"TERM": "mlterm"}, Graphics.SIXEL),
        ({"TERM": "contour"}, Graphics.SIXEL),
        ({"TERM": "yaft-256color"}, Graphics.SIXEL),
        ({"TERM": "xterm-sixel"}, Graphics.SIXEL),
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, Graphics.TRUECOLOR),
        ({"TERM": "xterm-256color", "COLORTERM": "24bit"}, Graphics.TRUECOLOR),
        ({"TERM": "xterm-256color"}, Graphics.COLORS_256),
        ({}, Graphics.COLORS_256),
        # Multiplexers pass no images through, whatever the terminal outside them.
        ({"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-1000/default,1,0"}, Graphics.COLORS_256),
        ({"TERM": "tmux-256color", "KITTY_WINDOW_ID": "1", "COLORTERM": "truecolor"},
         Graphics.TRUECOLOR),
        ({"TERM": "screen-256color", "TERM_PROGRAM": "iTerm.app"}, Graphics.COLORS_256),
        ({"TERM": "foot", "TMUX": "x", "COLORTERM": "truecolor"}, Graphics.TRUECOLOR),
        # The override wins, even inside tmux; a value it does not know is ignored.
        ({"TERM": "xterm-kitty", "STRETCHCLI_GRAPHICS": "256"}, Graphics.COLORS_256),
        ({"TMUX": "x", "STRETCHCLI_GRAPHICS": "sixel"}, Graphics.SIXEL),
        ({"STRETCHCLI_GRAPHICS": "Kitty "}, Graphics.KITTY),
        ({"STRETCHCLI_GRAPHICS": "iterm"}, Graphics.ITERM),
        ({"STRETCHCLI_GRAPHICS": "truecolor"}, Graphics.TRUECOLOR),
        ({"TERM": "xterm-kitty", "STRETCHCLI_GRAPHICS": "ascii"}, Graphics.KITTY),
        ({"COLORTERM": "truecolor", "STRETCHCLI_GRAPHICS": ""}, Graphics.TRUECOLOR),
    ],
)  # fmt: skip
def test_graphics_for_reads_the_terminal_from_its_environment(
    environ: dict[str, str], expected: Graphics
) -> None:
    assert graphics_for(environ) is expected


# crop_margins -----------------------------------------------------------------------------


def test_crop_margins_keeps_the_person_and_a_small_pad() -> None:
    cropped = crop_margins(person_on_white((250, 60, 330, 260)))
    pad = round(0.03 * 400)
    assert cropped.size == (80 + 2 * pad, 200 + 2 * pad)
    assert cropped.getpixel((pad, pad)) == GREEN
    assert cropped.getpixel((pad - 1, pad - 1)) == WHITE
    assert cropped.getpixel((pad + 79, pad + 199)) == GREEN


def test_crop_margins_stops_at_the_edge_when_the_person_touches_it() -> None:
    cropped = crop_margins(person_on_white((5, 100, 60, 300)))  # feet on the bottom edge
    assert cropped.size == (60 + 12, 200 + 12)


def test_an_image_all_background_is_returned_whole() -> None:
    blank = Image.new("RGB", (300, 200), (250, 250, 250))
    assert crop_margins(blank) is blank


def test_an_image_with_no_background_shared_by_the_corners_is_returned_whole() -> None:
    photo = noise(120, 80)
    assert crop_margins(photo) is photo
    halves = Image.new("RGB", (120, 80), WHITE)
    halves.paste(RED, (0, 0, 60, 80))  # two corners red, two white: no telling which is wall
    assert crop_margins(halves) is halves


def test_load_crops_a_jpeg_despite_its_noise(tmp_path: Path) -> None:
    photo = tmp_path / "pose.jpg"
    person_on_white((250, 60, 330, 260), size=(850, 567)).save(photo, quality=80)
    image = load(photo, min_width=0)  # full size: the box in the image's own pixels
    pad = round(0.03 * 850)
    width, height = image.size
    assert abs(width - (80 + 2 * pad)) <= 4
    assert abs(height - (200 + 2 * pad)) <= 4
    red, green, blue = image.getpixel((width // 2, height // 2))  # type: ignore[misc]
    assert green > 120
    assert max(red, blue) < 40


# load ------------------------------------------------------------------------------------


def test_load_gives_rgb_decoded_at_a_reduced_size(tmp_path: Path) -> None:
    photo = tmp_path / "pose.jpg"
    noise(850, 567).convert("L").save(photo)
    image = load(photo)
    assert image.mode == "RGB"
    assert image.size == (425, 284)  # half size: the JPEG decoder's own 1/2 scale
    assert load(photo, min_width=800).size == (850, 567)


def test_a_missing_file_is_a_picture_error(tmp_path: Path) -> None:
    with pytest.raises(PictureError) as raised:
        load(tmp_path / "nowhere.jpg")
    assert str(raised.value) == "cannot read it: No such file or directory"


def test_a_folder_is_a_picture_error(tmp_path: Path) -> None:
    # The same words as `stretch validate` uses (storage/photos.py).
    with pytest.raises(PictureError, match=r"^is not a file$"):
        load(tmp_path)


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_a_device_is_refused_not_read_forever(tmp_path: Path, kind: str) -> None:
    import os

    path = tmp_path / "pose.jpg"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    with pytest.raises(PictureError, match=r"^is not a file$"):
        load(path)


def test_a_photo_larger_than_any_camera_makes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pose.jpg"
    with path.open("wb") as handle:
        handle.truncate(33 * 1024 * 1024)  # sparse: no disk used
    with pytest.raises(PictureError, match=r"^is too large \(33.0 MiB; at most 32 MiB\)$"):
        load(path)


def test_a_text_file_named_jpg_is_a_picture_error(tmp_path: Path) -> None:
    fake = tmp_path / "pose.jpg"
    fake.write_text("not a photo\n", encoding="utf-8")
    with pytest.raises(PictureError) as raised:
        load(fake)
    assert str(raised.value) == "is not a JPEG, PNG, GIF, WebP or BMP picture"


def test_a_truncated_jpeg_is_a_picture_error(tmp_path: Path) -> None:
    whole = io.BytesIO()
    noise(200, 150).save(whole, format="JPEG")
    cut = tmp_path / "pose.jpg"
    cut.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    with pytest.raises(PictureError) as raised:
        load(cut)
    reason = str(raised.value)
    assert reason.startswith("cannot decode it: ")
    assert "truncated" in reason
    assert "\n" not in reason


def test_mirrored_flips_left_and_right(tmp_path: Path) -> None:
    photo = tmp_path / "pose.png"
    left_red = Image.new("RGB", (100, 60), WHITE)
    left_red.paste(RED, (0, 0, 50, 60))
    left_red.save(photo)
    plain, mirrored = load(photo), load(photo, mirrored=True)
    assert plain.getpixel((10, 30)) == RED
    assert plain.getpixel((90, 30)) == WHITE
    assert mirrored.getpixel((10, 30)) == WHITE
    assert mirrored.getpixel((90, 30)) == RED


def test_load_decodes_once_until_the_file_changes(tmp_path: Path) -> None:
    photo = tmp_path / "pose.png"
    noise(60, 40).save(photo)
    first = load(photo)
    assert load(photo) is first
    noise(80, 40).save(photo)  # another size: another file size, whatever the clock says
    second = load(photo)
    assert second is not first
    assert second.size == (80, 40)


def test_importing_the_module_does_not_import_pillow() -> None:
    code = "import sys, stretchcli.ui.pictures; print(sorted(m for m in sys.modules if m == 'PIL'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# cells_for ---------------------------------------------------------------------------------


def test_a_wide_picture_fills_the_columns() -> None:
    assert cells_for(Image.new("RGB", (200, 100)), 60, 30) == (60, 15)


def test_a_tall_picture_fills_the_rows() -> None:
    assert cells_for(Image.new("RGB", (100, 400)), 60, 30) == (15, 30)


def test_a_sliver_still_takes_one_cell() -> None:
    assert cells_for(Image.new("RGB", (1000, 1)), 20, 10) == (20, 1)


def test_no_room_is_an_error() -> None:
    with pytest.raises(ValueError, match="no room"):
        cells_for(Image.new("RGB", (10, 10)), 0, 5)


# draw: half blocks --------------------------------------------------------------------------


@pytest.mark.parametrize("graphics", [Graphics.TRUECOLOR, Graphics.COLORS_256])
def test_half_blocks_fill_exactly_the_cells_used(graphics: Graphics) -> None:
    photo = noise(300, 200)
    columns, rows = cells_for(photo, 60, 30)
    lines = draw(photo, 60, 30, graphics)
    assert len(lines) == rows == 20
    for line in lines:
        assert line.endswith("\x1b[0m")
        assert SGR.sub("", line) == "▀" * columns


def test_truecolor_half_blocks_carry_the_top_and_bottom_pixels() -> None:
    lines = draw(stripes(40, 40), 40, 20, Graphics.TRUECOLOR)
    assert lines == ["\x1b[38;2;255;0;0;48;2;0;0;255m" + "▀" * 40 + "\x1b[0m"] * 20


def test_truecolor_half_blocks_change_colour_where_the_picture_does() -> None:
    image = Image.new("RGB", (4, 2), WHITE)
    image.putpixel((2, 0), RED)
    image.putpixel((2, 1), BLUE)
    [line] = draw(image, 4, 1, Graphics.TRUECOLOR)
    white = "\x1b[38;2;255;255;255;48;2;255;255;255m"
    assert line == f"{white}▀▀\x1b[38;2;255;0;0;48;2;0;0;255m▀{white}▀\x1b[0m"


@pytest.mark.parametrize(
    ("colour", "number"),
    [(RED, 196), (BLUE, 21), (WHITE, 231), ((0, 0, 0), 16), ((128, 128, 128), 244),
     ((95, 135, 175), 67), ((12, 12, 12), 232)],
)  # fmt: skip
def test_256_colours_are_the_nearest_of_the_cube_and_the_greys(colour: Rgb, number: int) -> None:
    [line] = draw(Image.new("RGB", (2, 2), colour), 1, 1, Graphics.COLORS_256)
    assert line == f"\x1b[38;5;{number};48;5;{number}m▀\x1b[0m"


def test_256_colour_half_blocks_carry_the_top_and_bottom_pixels() -> None:
    lines = draw(stripes(10, 10), 10, 5, Graphics.COLORS_256)
    assert lines == ["\x1b[38;5;196;48;5;21m" + "▀" * 10 + "\x1b[0m"] * 5


# draw: kitty and iTerm2 -----------------------------------------------------------------------


def png_size(payload: str) -> tuple[int, int]:
    picture = Image.open(io.BytesIO(base64.standard_b64decode(payload)))
    assert picture.format == "PNG"
    return picture.size


def test_kitty_sends_a_png_in_chunks_for_the_cells_used() -> None:
    photo = noise(200, 100)  # random pixels: a PNG of many chunks
    lines = draw(photo, 60, 30, Graphics.KITTY)
    assert lines[1:] == [""] * 14
    escape = lines[0]
    assert escape.startswith("\x1b_G")
    assert escape.endswith("\x1b\\")
    chunks = escape.removesuffix("\x1b\\").removeprefix("\x1b_G").split("\x1b\\\x1b_G")
    assert len(chunks) > 2
    keys = [dict(pair.split("=") for pair in chunk.split(";")[0].split(",")) for chunk in chunks]
    assert keys[0] | {"m": "1"} == {
        "a": "T", "f": "100", "c": "60", "r": "15", "C": "1", "q": "2", "m": "1",
    }  # fmt: skip
    assert [key["m"] for key in keys] == ["1"] * (len(chunks) - 1) + ["0"]
    payloads = [chunk.split(";", 1)[1] for chunk in chunks]
    assert all(len(payload) <= 4096 for payload in payloads)
    assert all(len(payload) == 4096 for payload in payloads[:-1])
    assert png_size("".join(payloads)) == (200, 100)


def test_kitty_sends_no_more_pixels_than_the_cells_can_show() -> None:
    lines = draw(noise(850, 567), 20, 10, Graphics.KITTY)
    payload = "".join(re.findall(r";([A-Za-z0-9+/=]+)\x1b\\", lines[0]))
    width, height = png_size(payload)
    assert width <= 20 * 10
    assert abs(width / height - 850 / 567) < 0.02


def test_iterm_sends_an_inline_png_for_the_cells_used() -> None:
    lines = draw(noise(100, 400), 60, 30, Graphics.ITERM)
    assert lines[1:] == [""] * 29
    escape = lines[0]
    assert escape.startswith("\x1b]1337;File=")
    assert escape.endswith("\x07")
    keys, payload = escape.removeprefix("\x1b]1337;File=").removesuffix("\x07").split(":")
    assert dict(pair.split("=") for pair in keys.split(";")) == {
        "inline": "1", "width": "15", "height": "30", "preserveAspectRatio": "1",
        "doNotMoveCursor": "1",
    }  # fmt: skip
    assert png_size(payload) == (100, 400)


# draw: sixel --------------------------------------------------------------------------------


def decode_sixel(escape: str) -> tuple[tuple[int, int], dict[tuple[int, int], Rgb]]:
    """The raster size and the colour of each pixel set, from a sixel escape sequence."""
    assert escape.startswith("\x1bPq")
    assert escape.endswith("\x1b\\")
    body = escape[3:-2]
    raster = re.match(r'"1;1;(\d+);(\d+)', body)
    assert raster is not None
    size = (int(raster[1]), int(raster[2]))
    palette: dict[int, Rgb] = {}
    pixels: dict[tuple[int, int], Rgb] = {}
    colour, x, band = 0, 0, 0
    pattern = r"#(\d+);2;(\d+);(\d+);(\d+)|#(\d+)|!(\d+)([?-~])|([?-~])|(\$)|(-)"
    position = raster.end()
    while position < len(body):
        token = re.compile(pattern).match(body, position)
        assert token is not None, f"not sixel at {position}: {body[position : position + 20]!r}"
        position = token.end()
        define, select, count, repeated, single, back, down = (
            token[1], token[5], token[6], token[7], token[8], token[9], token[10]
        )  # fmt: skip
        if define:
            red, green, blue = (round(int(token[n]) * 255 / 100) for n in (2, 3, 4))
            palette[int(define)] = (red, green, blue)
            colour = int(define)
        elif select:
            colour = int(select)
        elif back:
            x = 0
        elif down:
            x, band = 0, band + 1
        else:
            char, times = (repeated, int(count)) if count else (single, 1)
            bits = ord(char) - 63
            for column in range(x, x + times):
                for bit in range(6):
                    if bits >> bit & 1:
                        pixels[(column, 6 * band + bit)] = palette[colour]
            x += times
    return size, pixels


def test_sixel_draws_the_picture_pixel_for_pixel() -> None:
    # 10 x 18 pixels is one 10 x 20 cell's worth, in whole bands of six: drawn unscaled.
    image = Image.new("RGB", (10, 18))
    for x in range(10):
        for y in range(18):
            image.putpixel((x, y), RED if (x // 2 + y // 3) % 2 else BLUE)
    [escape] = draw(image, 1, 1, Graphics.SIXEL, (10, 20))
    size, pixels = decode_sixel(escape)
    assert size == (10, 18)
    assert pixels == {(x, y): image.getpixel((x, y)) for x in range(10) for y in range(18)}


def test_sixel_sizes_its_bitmap_to_the_cells_in_whole_bands() -> None:
    photo = noise(300, 200)
    lines = draw(photo, 60, 30, Graphics.SIXEL, (10, 20))
    assert lines[1:] == [""] * 19  # 60 x 20 cells used
    escape = lines[0]
    size, pixels = decode_sixel(escape)
    assert size == (600, 396)  # 20 rows of 20 pixels, cut to whole bands of six
    assert escape.count("-") == 396 // 6 - 1
    assert len(pixels) == 600 * 396
    colours = re.findall(r"#(\d+);2;(\d+);(\d+);(\d+)", escape)
    assert 2 < len(colours) <= 256
    assert all(0 <= int(value) <= 100 for colour in colours for value in colour[1:])


# HalfBlocks ---------------------------------------------------------------------------------


def render(renderable: HalfBlocks, color_system: str, width: int = 80) -> list[str]:
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        color_system=color_system,  # type: ignore[arg-type]
        force_terminal=True,
    )
    console.print(renderable)
    return out.getvalue().splitlines()


def test_half_blocks_render_in_rich_with_truecolour() -> None:
    blocks = HalfBlocks(stripes(40, 40), 40, 30)
    assert (blocks.width, blocks.height) == (40, 20)
    lines = render(blocks, "truecolor")
    assert len(lines) == 20
    for line in lines:
        assert SGR.sub("", line) == "▀" * 40
        assert "38;2;255;0;0" in line
        assert "48;2;0;0;255" in line


def test_half_blocks_come_down_to_256_colours_with_the_console() -> None:
    lines = render(HalfBlocks(stripes(40, 40), 40, 30), "256")
    assert len(lines) == 20
    assert all("38;5;196" in line and "48;5;21" in line for line in lines)
    assert not any("38;2;" in line for line in lines)


def test_half_blocks_follow_the_picture() -> None:
    photo = noise(30, 20)
    lines = render(HalfBlocks(photo, 30, 10), "truecolor")
    top, bottom = photo.getpixel((0, 0)), photo.getpixel((0, 1))
    assert "38;2;{};{};{}".format(*top) in lines[0]  # type: ignore[misc]
    assert "48;2;{};{};{}".format(*bottom) in lines[0]  # type: ignore[misc]
    assert [SGR.sub("", line) for line in lines] == ["▀" * 30] * 10


def test_half_blocks_measure_their_width_and_crop_to_a_narrow_console() -> None:
    blocks = HalfBlocks(noise(40, 20), 40, 20)
    console = Console(file=io.StringIO(), width=80)
    measured = console.measure(blocks)
    assert (measured.minimum, measured.maximum) == (40, 40)
    lines = render(blocks, "truecolor", width=25)
    assert [SGR.sub("", line) for line in lines] == ["▀" * 25] * 10


# motion_box: the dataset's photos are whole scenes, the same camera for start and end ------


def scene(person: tuple[int, int, int, int], size: tuple[int, int] = (850, 567)) -> Image.Image:
    """A room with no empty margins (bands of colour, like windows and a floor), and a
    person painted green."""
    image = Image.new("RGB", size, (180, 120, 60))
    for x in range(0, size[0], 50):
        image.paste((230, 230, 240) if x % 100 else (90, 60, 30), (x, 0, x + 25, size[1] // 2))
    image.paste(GREEN, person)
    return image


def test_the_crop_keeps_the_columns_where_the_person_moves_at_full_height() -> None:
    start, end = scene((400, 200, 460, 560)), scene((400, 200, 560, 300))  # an arm goes up
    box = motion_box(start, end)
    assert box is not None
    left, top, right, bottom = box
    pad = 0.08 * 850
    assert abs(left - (400 - pad)) <= 24  # the sample is 4x smaller, and grown by 2
    assert abs(right - (560 + pad)) <= 24
    assert (top, bottom) == (0, 567)


def test_a_narrow_move_is_widened_to_show_a_standing_person() -> None:
    box = motion_box(scene((420, 100, 440, 140)), scene((420, 100, 440, 160)))
    assert box is not None
    assert box[2] - box[0] == round(0.6 * 567)
    assert abs((box[0] + box[2]) / 2 - 430) <= 12


def test_photos_that_do_not_differ_or_differ_in_size_are_not_cropped_by_motion() -> None:
    room = scene((400, 200, 460, 560))
    assert motion_box(room, room.copy()) is None
    assert motion_box(room, room.resize((425, 284))) is None
    assert motion_box(room, ImageOps.invert(room)) is None  # different everywhere


def test_load_crops_a_pair_to_the_person_and_mirrors_the_crop(tmp_path: Path) -> None:
    start, end = tmp_path / "0.png", tmp_path / "1.png"
    scene((300, 200, 360, 560)).save(start)
    scene((300, 200, 460, 300)).save(end)
    cropped = load(start, other=end)
    box = motion_box(Image.open(start).convert("RGB"), Image.open(end).convert("RGB"))
    assert box is not None
    assert cropped.size == (box[2] - box[0], 567)
    mirrored = load(start, other=end, mirrored=True)
    assert mirrored.tobytes() == cropped.transpose(Image.Transpose.FLIP_LEFT_RIGHT).tobytes()
    # The other photo missing: its own problem, the margins rule instead.
    assert load(start, other=tmp_path / "gone.png").size == (850, 567)


def test_a_cell_is_measured_where_the_terminal_says_its_pixels() -> None:
    import fcntl
    import os
    import pty
    import struct
    import termios

    from stretchcli.ui.pictures import SIXEL_CELL, cell_pixels

    leader, follower = pty.openpty()
    try:
        with os.fdopen(follower, "w", closefd=False) as stream:
            assert cell_pixels(stream) == SIXEL_CELL  # 0 pixels: the terminal does not say
            size = struct.pack("HHHH", 24, 80, 80 * 9, 24 * 19)
            fcntl.ioctl(follower, termios.TIOCSWINSZ, size)
            assert cell_pixels(stream) == (9, 19)
        assert cell_pixels(io.StringIO()) == SIXEL_CELL
    finally:
        os.close(leader)
        os.close(follower)


def test_sixel_is_sized_by_the_cell_it_is_given() -> None:
    image = Image.new("RGB", (80, 40), (255, 0, 0))
    escape = draw(image, 20, 10, Graphics.SIXEL, (9, 18))[0]
    assert escape.startswith('\x1bPq"1;1;180;')  # 20 columns of 9 pixels
