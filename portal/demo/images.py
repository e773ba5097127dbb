"""Company banners, logos and illustrations drawn with Pillow when the demo is seeded.

Nothing is downloaded or committed: each picture is a gradient in the company's colours, a motif
that says its trade (gears, mountains, hexagons...) and its name or initials, encoded to fit the
publication rules of company pages (banner 1900×1000 px ≤ 100 KB, logo 190×190 px ≤ 50 KB).
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import reportlab
from PIL import Image, ImageDraw, ImageFilter, ImageFont

BANNER_SIZE = (1900, 1000)
BANNER_MAX_BYTES = 100 * 1024
LOGO_SIZE = (190, 190)
LOGO_MAX_BYTES = 50 * 1024
# reportlab, a dependency of the portal, ships the Bitstream Vera fonts (Latin-1, accents included).
FONT_DIR = Path(reportlab.__file__).parent / "fonts"


@dataclass(frozen=True)
class Brand:
    """A company's look: two colours for the gradient and the name of its motif (see MOTIFS)."""

    primary: str
    secondary: str
    motif: str


@cache
def _font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / ("VeraBd.ttf" if bold else "Vera.ttf")), size)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _gradient(size: tuple[int, int], start: str, end: str) -> Image.Image:
    """A diagonal gradient from the top-left colour to the bottom-right one.

    Computed on a tenth of the size and enlarged: a linear ramp survives bilinear scaling unchanged.
    """
    width, height = size
    small_w, small_h = max(2, width // 10), max(2, height // 10)
    x = np.linspace(0.0, 1.0, small_w, dtype=np.float32)[None, :]
    y = np.linspace(0.0, 1.0, small_h, dtype=np.float32)[:, None]
    t = np.clip(0.65 * x + 0.35 * y, 0.0, 1.0)[..., None]
    a = np.array(_rgb(start), dtype=np.float32)
    b = np.array(_rgb(end), dtype=np.float32)
    pixels = (a * (1 - t) + b * t).astype(np.uint8)
    return Image.fromarray(pixels, "RGB").resize(size, Image.Resampling.BILINEAR)


def initials(name: str) -> str:
    """Two letters for a logo: the first letters of the first two significant words."""
    small = {"de", "du", "des", "la", "le", "les", "et", "d", "l", "en", "&"}
    words = [w for w in name.replace("'", " ").replace("-", " ").split() if w.lower() not in small]
    letters = "".join(word[0] for word in words[:2]).upper()
    return letters or name[:2].upper()


# --- Motifs: translucent white shapes drawn over the gradient ------------------------------------------

Motif = Callable[[ImageDraw.ImageDraw, tuple[int, int], random.Random], None]

WHITE = (255, 255, 255)


def _alpha(opacity: float) -> tuple[int, int, int, int]:
    return (*WHITE, int(255 * opacity))


def _gear(draw, cx, cy, radius, teeth, opacity, width):
    points = []
    for i in range(teeth * 4):
        angle = 2 * math.pi * i / (teeth * 4)
        r = radius if (i // 2) % 2 == 0 else radius * 0.82
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, outline=_alpha(opacity), width=width)
    draw.ellipse((cx - radius * 0.35, cy - radius * 0.35, cx + radius * 0.35, cy + radius * 0.35),
                 outline=_alpha(opacity), width=width)


def motif_gears(draw, size, rng):
    width, height = size
    for cx, cy, radius, teeth in ((width * 0.12, height * 0.3, 230, 12), (width * 0.27, height * 0.62, 150, 9),
                                  (width * 0.86, height * 0.72, 260, 14), (width * 0.74, height * 0.25, 120, 8)):
        _gear(draw, cx, cy, radius, teeth, 0.16, 10)


def motif_hexagons(draw, size, rng):
    width, height = size
    radius = 78
    step_x, step_y = radius * 1.5, radius * math.sqrt(3)
    for col in range(int(width / step_x) + 2):
        for row in range(int(height / step_y) + 2):
            cx = col * step_x
            cy = row * step_y + (step_y / 2 if col % 2 else 0)
            # Denser on the edges, clear in the middle where the name sits.
            edge = min(cx, width - cx) / (width / 2)
            if rng.random() < 0.85 - edge:
                points = [(cx + radius * math.cos(math.pi / 3 * k), cy + radius * math.sin(math.pi / 3 * k)) for k in range(6)]
                draw.polygon(points, outline=_alpha(0.2), width=5)
                if rng.random() < 0.25:
                    draw.polygon(points, fill=_alpha(0.08))


def motif_mountains(draw, size, rng):
    width, height = size
    draw.ellipse((width * 0.75, height * 0.12, width * 0.75 + 170, height * 0.12 + 170), fill=_alpha(0.22))
    for layer, (base, amplitude, opacity) in enumerate(((0.62, 0.34, 0.12), (0.74, 0.26, 0.16), (0.86, 0.16, 0.22))):
        points = [(0, height)]
        x = 0.0
        while x <= width:
            peak = height * (base - amplitude * rng.random())
            points.append((x, peak))
            x += rng.randint(160, 320) - layer * 30
        points += [(width, height * base), (width, height)]
        draw.polygon(points, fill=_alpha(opacity))


def motif_circuit(draw, size, rng):
    width, height = size
    for _ in range(26):
        x = rng.choice([rng.uniform(0, width * 0.3), rng.uniform(width * 0.7, width)])
        y = rng.uniform(0, height)
        path = [(x, y)]
        left = x < width / 2
        for _ in range(rng.randint(2, 4)):
            if rng.random() < 0.5:
                x += rng.choice([-1, 1]) * rng.uniform(80, 260)
                # Traces stay on their side, clear of the name in the middle.
                x = min(x, width * 0.3) if left else max(x, width * 0.7)
            else:
                y += rng.choice([-1, 1]) * rng.uniform(60, 200)
            path.append((x, y))
        draw.line(path, fill=_alpha(0.22), width=6, joint="curve")
        for px, py in (path[0], path[-1]):
            draw.ellipse((px - 14, py - 14, px + 14, py + 14), outline=_alpha(0.3), width=6)


def motif_hills(draw, size, rng):
    width, height = size
    for layer, (base, opacity) in enumerate(((0.58, 0.1), (0.7, 0.15), (0.82, 0.2))):
        phase = rng.uniform(0, math.tau)
        wave = 1.6 + layer * 0.7
        points = [(0, height)]
        for x in range(0, width + 20, 20):
            y = height * (base + 0.06 * math.sin(phase + wave * math.tau * x / width))
            points.append((x, y))
        points.append((width, height))
        draw.polygon(points, fill=_alpha(opacity))
    for i in range(9):  # furrows
        y = height * (0.86 + i * 0.016)
        draw.line([(0, y), (width, y - 40)], fill=_alpha(0.08), width=3)


def motif_buildings(draw, size, rng):
    width, height = size
    x = -20.0
    while x < width:
        w = rng.uniform(90, 190)
        h = rng.uniform(0.18, 0.5) * height
        top = height - h
        draw.rectangle((x, top, x + w, height), fill=_alpha(0.1), outline=_alpha(0.2), width=4)
        for wy in range(int(top) + 30, height - 30, 56):
            for wx in range(int(x) + 22, int(x + w) - 30, 44):
                if rng.random() < 0.6:
                    draw.rectangle((wx, wy, wx + 18, wy + 26), fill=_alpha(0.14))
        x += w + rng.uniform(10, 40)
    # A crane on the right.
    draw.line([(width * 0.82, height), (width * 0.82, height * 0.18)], fill=_alpha(0.25), width=14)
    draw.line([(width * 0.7, height * 0.2), (width * 0.98, height * 0.2)], fill=_alpha(0.25), width=12)
    draw.line([(width * 0.95, height * 0.2), (width * 0.95, height * 0.42)], fill=_alpha(0.25), width=4)


def motif_care(draw, size, rng):
    width, height = size
    for _ in range(14):
        r = rng.uniform(50, 170)
        cx = rng.choice([rng.uniform(0, width * 0.28), rng.uniform(width * 0.72, width)])
        cy = rng.uniform(0, height)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_alpha(0.07), outline=_alpha(0.14), width=4)
    for cx, cy, arm in ((width * 0.12, height * 0.3, 70), (width * 0.88, height * 0.68, 90), (width * 0.8, height * 0.2, 45)):
        draw.rounded_rectangle((cx - arm, cy - arm / 3, cx + arm, cy + arm / 3), radius=12, fill=_alpha(0.22))
        draw.rounded_rectangle((cx - arm / 3, cy - arm, cx + arm / 3, cy + arm), radius=12, fill=_alpha(0.22))


def motif_routes(draw, size, rng):
    width, height = size
    for offset in (-0.2, 0.15, 0.5):
        start = (width * (offset + 0.1), height)
        end = (width * (offset + 0.6), 0)
        draw.line([start, end], fill=_alpha(0.12), width=70)
        # Dashes of the lane.
        for k in range(12):
            t0, t1 = k / 12, k / 12 + 0.04
            draw.line([(start[0] + (end[0] - start[0]) * t0, start[1] + (end[1] - start[1]) * t0),
                       (start[0] + (end[0] - start[0]) * t1, start[1] + (end[1] - start[1]) * t1)],
                      fill=_alpha(0.35), width=6)
    for _ in range(7):  # pallets and parcels
        x, y, s = rng.uniform(width * 0.72, width * 0.95), rng.uniform(height * 0.1, height * 0.85), rng.uniform(60, 120)
        draw.rectangle((x, y, x + s, y + s * 0.8), outline=_alpha(0.3), width=5, fill=_alpha(0.06))
        draw.line([(x + s / 2, y), (x + s / 2, y + s * 0.8)], fill=_alpha(0.25), width=4)


def motif_wheat(draw, size, rng):
    width, height = size
    for base_x in [width * f for f in (0.05, 0.1, 0.15, 0.84, 0.89, 0.94)]:
        top = height * rng.uniform(0.15, 0.35)
        lean = rng.uniform(-60, 60)
        draw.line([(base_x, height), (base_x + lean, top)], fill=_alpha(0.3), width=5)
        for k in range(7):  # the ear: pairs of grains near the top of the stem
            t = 0.03 + k * 0.045
            x = base_x + lean * (1 - t)
            y = top + (height - top) * t
            for side in (-1, 1):
                cx = x + side * 22
                draw.ellipse((cx - 16, y - 30, cx + 16, y + 30), fill=_alpha(0.22))
    for _ in range(40):  # flour dust
        r = rng.uniform(4, 16)
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_alpha(0.1))


def motif_chart(draw, size, rng):
    width, height = size
    baseline = height * 0.9
    x = width * 0.04
    values = [rng.uniform(0.15, 0.3)]
    for _ in range(8):
        values.append(min(0.62, values[-1] + rng.uniform(-0.03, 0.09)))
    for value in values:
        draw.rectangle((x, baseline - value * height, x + 46, baseline), fill=_alpha(0.14))
        x += 62
    points = [(width * 0.7 + i * 62, height * (0.78 - v * 0.9)) for i, v in enumerate(values[:5])]
    draw.line(points, fill=_alpha(0.35), width=8, joint="curve")
    for px, py in points:
        draw.ellipse((px - 12, py - 12, px + 12, py + 12), fill=_alpha(0.45))
    for i in range(6):  # grid lines
        y = height * (0.15 + i * 0.14)
        draw.line([(0, y), (width, y)], fill=_alpha(0.06), width=2)


def motif_civic(draw, size, rng):
    width, height = size
    for cx in (width * 0.14, width * 0.86):
        # A town hall: pediment, columns, steps.
        w, top = 360, height * 0.3
        draw.polygon([(cx - w / 2 - 20, top), (cx, top - 120), (cx + w / 2 + 20, top)], fill=_alpha(0.18))
        for k in range(5):
            x = cx - w / 2 + 20 + k * (w - 40) / 4
            draw.rectangle((x - 16, top + 20, x + 16, height * 0.78), fill=_alpha(0.16))
        for step in range(3):
            y = height * 0.78 + step * 26
            draw.rectangle((cx - w / 2 - 20 - step * 20, y, cx + w / 2 + 20 + step * 20, y + 22), fill=_alpha(0.14 + 0.03 * step))
    motif_hills(draw, size, rng)


MOTIFS: dict[str, Motif] = {
    "gears": motif_gears,
    "hexagons": motif_hexagons,
    "mountains": motif_mountains,
    "circuit": motif_circuit,
    "hills": motif_hills,
    "buildings": motif_buildings,
    "care": motif_care,
    "routes": motif_routes,
    "wheat": motif_wheat,
    "chart": motif_chart,
    "civic": motif_civic,
}


# --- Pictures ------------------------------------------------------------------------------------------

def _fit_font(draw, text: str, max_width: int, start: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    size = start
    while size > 24:
        font = _font(size, bold)
        if draw.textlength(text, font=font) <= max_width:
            return font
        size -= 4
    return _font(size, bold)


def _encode_jpeg(image: Image.Image, max_bytes: int) -> bytes:
    for quality in (82, 74, 66, 58, 50, 42):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        if buffer.tell() <= max_bytes:
            return buffer.getvalue()
    raise ValueError(f"could not encode the picture under {max_bytes} bytes")


def banner_jpeg(*, name: str, subtitle: str, brand: Brand, seed: int = 0) -> bytes:
    """The page banner: 1900×1000 px JPEG under 100 KB. The name sits in the middle band, the part the
    page shows whatever the screen (it crops the banner to at most 420 px high)."""
    rng = random.Random(f"{name}-{seed}")
    image = _gradient(BANNER_SIZE, brand.primary, brand.secondary).convert("RGBA")
    overlay = Image.new("RGBA", BANNER_SIZE, (0, 0, 0, 0))
    MOTIFS[brand.motif](ImageDraw.Draw(overlay), BANNER_SIZE, rng)
    image = Image.alpha_composite(image, overlay)

    text_layer = Image.new("RGBA", BANNER_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(text_layer)
    width, height = BANNER_SIZE
    title_font = _fit_font(draw, name, int(width * 0.72), 112)
    subtitle_font = _font(44, bold=False)
    title_box = draw.textbbox((0, 0), name, font=title_font)
    title_w, title_h = title_box[2] - title_box[0], title_box[3] - title_box[1]
    y = height * 0.5 - title_h
    # A soft shadow under the name, blurred on its own band only (blurring the whole banner is slow).
    band = (0, int(y - 40), width, int(y + title_h + 80))
    shadow_band = Image.new("RGBA", (band[2] - band[0], band[3] - band[1]), (0, 0, 0, 0))
    ImageDraw.Draw(shadow_band).text(((width - title_w) / 2 + 4, y + 6 - band[1]), name, font=title_font,
                                     fill=(0, 0, 0, 110))
    shadow = Image.new("RGBA", BANNER_SIZE, (0, 0, 0, 0))
    shadow.paste(shadow_band.filter(ImageFilter.GaussianBlur(8)), band[:2])
    draw.text(((width - title_w) / 2, y), name, font=title_font, fill=(255, 255, 255, 255))
    rule_y = y + title_h + 44
    draw.line([(width / 2 - 90, rule_y), (width / 2 + 90, rule_y)], fill=(255, 255, 255, 200), width=5)
    sub_w = draw.textlength(subtitle, font=subtitle_font)
    draw.text(((width - sub_w) / 2, rule_y + 30), subtitle, font=subtitle_font, fill=(255, 255, 255, 235))
    image = Image.alpha_composite(Image.alpha_composite(image, shadow), text_layer)
    return _encode_jpeg(image.convert("RGB"), BANNER_MAX_BYTES)


def logo_png(*, name: str, brand: Brand) -> bytes:
    """The page logo: 190×190 px PNG under 50 KB, the initials on a rounded square of the brand colours."""
    scale = 4  # drawn large, then reduced: smooth edges without antialiasing primitives
    big = (LOGO_SIZE[0] * scale, LOGO_SIZE[1] * scale)
    gradient = _gradient(big, brand.primary, brand.secondary)
    mask = Image.new("L", big, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, big[0] - 1, big[1] - 1), radius=46 * scale, fill=255)
    image = Image.new("RGB", big, WHITE)
    image.paste(gradient, (0, 0), mask)
    draw = ImageDraw.Draw(image)
    ring = 18 * scale
    draw.ellipse((ring, ring, big[0] - ring, big[1] - ring), outline=(255, 255, 255), width=5 * scale)
    letters = initials(name)
    font = _fit_font(draw, letters, int(big[0] * 0.56), 84 * scale)
    box = draw.textbbox((0, 0), letters, font=font, anchor="mm")
    draw.text((big[0] / 2, big[1] / 2 + (box[3] + box[1]) / -2), letters, font=font, fill=WHITE, anchor="mm")
    small = image.resize(LOGO_SIZE, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.quantize(colors=96, method=Image.Quantize.MEDIANCUT).save(buffer, "PNG", optimize=True)
    if buffer.tell() > LOGO_MAX_BYTES:
        raise ValueError("logo over 50 KB")
    return buffer.getvalue()


def illustration_jpeg(*, brand: Brand, size: tuple[int, int] = (1200, 675), seed: int = 0) -> bytes:
    """A 16:9 decorative picture (news items, augmented offers): the company's colours and motif.

    No text: it is shown as a small thumbnail, where words would be unreadable.
    """
    rng = random.Random(f"{brand}-{seed}")
    image = _gradient(size, brand.secondary, brand.primary).convert("RGBA")
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    MOTIFS[brand.motif](ImageDraw.Draw(overlay), size, rng)
    return _encode_jpeg(Image.alpha_composite(image, overlay).convert("RGB"), 200 * 1024)


def figures_jpeg(*, title: str, figures: tuple[tuple[str, str], ...], brand: Brand,
                 size: tuple[int, int] = (1200, 630)) -> bytes:
    """A key-figures card for augmented offers: a title and up to three big numbers with their label."""
    rng = random.Random(f"{title}-figures")
    image = _gradient(size, brand.primary, brand.secondary).convert("RGBA")
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    MOTIFS[brand.motif](ImageDraw.Draw(overlay), size, rng)
    image = Image.alpha_composite(image, overlay)
    veil = Image.new("RGBA", size, (0, 0, 0, 70))  # keeps white text readable on any motif
    image = Image.alpha_composite(image, veil)
    draw = ImageDraw.Draw(image)
    width, height = size
    title_font = _fit_font(draw, title, int(width * 0.85), 56)
    draw.text((width / 2, height * 0.17), title, font=title_font, fill=WHITE, anchor="mm")
    column = width / max(1, len(figures))
    for position, (number, label) in enumerate(figures[:3]):
        x = column * (position + 0.5)
        number_font = _fit_font(draw, number, int(column * 0.85), 110)
        draw.text((x, height * 0.5), number, font=number_font, fill=WHITE, anchor="mm")
        label_font = _font(30, bold=False)
        lines = _wrap(draw, label, label_font, int(column * 0.8))
        for line_number, line in enumerate(lines[:3]):
            draw.text((x, height * 0.68 + line_number * 40), line, font=label_font, fill=WHITE, anchor="mm")
    return _encode_jpeg(image.convert("RGB"), 200 * 1024)


def _wrap(draw, text: str, font, max_width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines
