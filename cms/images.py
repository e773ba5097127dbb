"""The banner and logo a company page publishes: cropped around the focal point to the exact size of
their rule, then encoded under its weight limit.

Any JPG or PNG at least as large as the rule is usable: ``ImageRule.rendition_spec`` asks Wagtail
for ``exactfill-<w>x<h>`` (Wagtail's ``fill``, which crops around the image's focal point, made
exact to the pixel) followed by ``maxweight``, which picks the encoding; both are defined below. Renditions are stored by Wagtail like any other, so the
search for the right encoding runs once per image and focal point.
"""

from __future__ import annotations

import io
import logging
import math
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageCms, ImageFilter, UnidentifiedImageError
from wagtail.images.image_operations import FillOperation, FilterOperation
from wagtail.images.rect import Rect
from willow.plugins.pillow import PillowImage

from .choices import ImageRule

logger = logging.getLogger(__name__)

# JPEG qualities tried: the highest one that fits is kept. Below the floor a photo turns to blocks,
# so the picture is softened instead (see BLUR_RADII).
MAX_QUALITY = 90
MIN_QUALITY = 35
# Pictures that do not fit even at the floor (noise, fine text everywhere) are blurred, more each
# time, until they do; 16 px makes any 1900×1000 picture weigh a few kilobytes.
BLUR_RADII = (0.75, 1.5, 3, 6, 16)
# Wagtail saves renditions with these options (wagtail.images.models.Filter.run): the final sizes are
# measured with the same ones, so the stored file weighs exactly what was measured.
JPEG_OPTIONS = {"progressive": True, "optimize": True}
# How far above the baseline answer the final encoding's answer is looked for (it is 5 to 8 % lighter).
FINAL_SEARCH_SPAN = 8
FORMAT_LABELS = {"JPEG": "JPG", "MPO": "JPG", "PNG": "PNG"}
EXIF_ORIENTATION = 0x0112


def _pixels_only(willow) -> PillowImage:
    """The picture in sRGB with nothing else: EXIF data (camera, GPS position, thumbnail) is dropped."""
    if not isinstance(willow, PillowImage):
        willow = PillowImage(willow.get_pillow_image())
    if willow.get_icc_profile():
        try:
            willow = willow.transform_colorspace_to_srgb()
        except (ImageCms.PyCMSError, OSError, ValueError):
            logger.warning("Colour profile unreadable: the pixels are published as they are")
    picture = willow.image
    mode = "RGBA" if willow.has_alpha() else "RGB"
    clean = picture.convert(mode) if picture.mode != mode else picture.copy()
    clean.info = {}
    return PillowImage(clean)


def _jpeg_bytes(willow: PillowImage, quality: int, *, final: bool = True) -> int:
    buffer = io.BytesIO()
    if final:
        willow.save_as_jpeg(buffer, quality=quality, **JPEG_OPTIONS)
    else:
        # Baseline encoding: 4 to 5 times faster, a few per cent heavier than the final one.
        willow.image.save(buffer, "JPEG", quality=quality)
    return buffer.tell()


def _png_bytes(willow: PillowImage) -> int:
    buffer = io.BytesIO()
    willow.save_as_png(buffer, optimize=True)
    return buffer.tell()


def best_jpeg_quality(willow: PillowImage, max_bytes: int) -> int | None:
    """The highest quality from MIN_QUALITY to MAX_QUALITY whose final JPEG fits, or None.

    JPEG weight grows with quality, so this is a binary search: first on the fast baseline encoding,
    which brackets the answer (the final encoding is a few per cent lighter, so the answer lies a
    little above), then on the final encoding within a few qualities of it. The answer is always a
    quality whose final encoding was measured to fit: deterministic, never over the limit, and about
    6 fast and 5 final encodings.
    """
    if _jpeg_bytes(willow, MAX_QUALITY) <= max_bytes:
        return MAX_QUALITY
    fits, too_heavy = MIN_QUALITY - 1, MAX_QUALITY
    while too_heavy - fits > 1:
        middle = (fits + too_heavy) // 2
        if _jpeg_bytes(willow, middle, final=False) <= max_bytes:
            fits = middle
        else:
            too_heavy = middle
    fits = max(fits, MIN_QUALITY)
    while _jpeg_bytes(willow, fits) > max_bytes:
        if fits == MIN_QUALITY:
            return None
        fits -= 1
    too_heavy = min(MAX_QUALITY, fits + FINAL_SEARCH_SPAN)
    if too_heavy < MAX_QUALITY and _jpeg_bytes(willow, too_heavy) <= max_bytes:
        fits, too_heavy = too_heavy, MAX_QUALITY
    while too_heavy - fits > 1:
        middle = (fits + too_heavy) // 2
        if _jpeg_bytes(willow, middle) <= max_bytes:
            fits = middle
        else:
            too_heavy = middle
    return fits


class ExactFillOperation(FillOperation):
    """``exactfill-<w>x<h>``: Wagtail's ``fill`` (a crop around the focal point), always exactly that size.

    ``fill`` rounds its crop box and leaves it alone when no downscaling is needed, so a source just
    over the size (1900×1001) would give 1900×1001; the extra pixel row or column is cut here.
    """

    def run(self, transform, image):
        transform = super().run(transform, image)
        width, height = transform.size
        if (width, height) == (self.width, self.height):
            return transform
        if width >= self.width and height >= self.height:
            left, top = (width - self.width) // 2, (height - self.height) // 2
            return transform.crop(Rect(left, top, left + self.width, top + self.height))
        # Smaller than the rule (refused before publication): stretched rather than served off-size.
        return transform.resize((self.width, self.height))


class MaxWeightOperation(FilterOperation):
    """``maxweight-<KB>`` (JPEG) or ``maxweight-<KB>-png`` (a PNG source stays PNG when it fits):
    encode the rendition at the best quality that weighs at most that many kilobytes."""

    def construct(self, kilobytes, *options):
        self.max_bytes = int(kilobytes) * 1024
        self.keep_png = "png" in options

    def run(self, willow, image, env):
        willow = _pixels_only(willow)
        if self.keep_png and env.get("original-format") == "png" and _png_bytes(willow) <= self.max_bytes:
            env["output-format"] = "png"
            return willow
        # JPEG has no transparency: a transparent logo is laid on white, as Wagtail would do.
        willow = willow.set_background_color_rgb((255, 255, 255))
        env["output-format"] = "jpeg"
        quality = best_jpeg_quality(willow, self.max_bytes)
        if quality is None:
            # Soften just enough: the first blur that fits at the floor quality, then its best quality.
            rgb = willow.image.convert("RGB")
            for radius in BLUR_RADII:
                willow = PillowImage(rgb.filter(ImageFilter.GaussianBlur(radius)))
                if _jpeg_bytes(willow, MIN_QUALITY, final=False) <= self.max_bytes:
                    quality = best_jpeg_quality(willow, self.max_bytes)
                    if quality is not None:
                        break
        env["jpeg-quality"] = quality or MIN_QUALITY
        return willow


# --- Reading the source and the published rendition ----------------------------------------------------

@dataclass(frozen=True)
class SourceInfo:
    format: str  # Pillow's name: "JPEG", "PNG", "GIF"...
    width: int
    height: int

    @property
    def format_label(self) -> str:
        return FORMAT_LABELS.get(self.format, self.format)


def read_source(file) -> SourceInfo | None:
    """Format and size of an image file, read from its content (the name may lie); None if unreadable.

    The size is the one after the EXIF orientation, as renditions see it: a portrait photo stored
    sideways is a portrait.
    """
    try:
        file.seek(0)
        with PILImage.open(file) as picture:
            width, height = picture.size
            image_format = picture.format or "?"
            orientation = picture.getexif().get(EXIF_ORIENTATION, 1)
        file.seek(0)
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return SourceInfo(image_format, width, height)


def read_image_source(image) -> SourceInfo | None:
    """``read_source`` of a Wagtail image's stored file."""
    try:
        with image.open_file() as handle:
            return read_source(handle)
    except (OSError, ValueError):
        return None


def source_problem(info: SourceInfo | None, rule: ImageRule) -> str | None:
    """Why a picture cannot become this rule's published image, in French; None when it can."""
    if info is None:
        return f"Ce fichier n'est pas une image lisible : envoyez {rule.expected_source}."
    if info.format not in rule.formats:
        return f"{rule.label} doit être une image JPG ou PNG (ce fichier est au format {info.format_label})."
    if info.width < rule.width or info.height < rule.height:
        return (
            f"Image trop petite pour {rule.noun} : {info.width}×{info.height} px reçus, il faut au moins "
            f"{rule.width}×{rule.height} px. Choisissez une image plus grande."
        )
    return None


def published_rendition(image, rule: ImageRule):
    """The rendition a company page serves for this rule (made on the first call, then stored)."""
    return image.get_rendition(rule.rendition_spec)


def weight_kb(size: int) -> int:
    return max(1, math.ceil(size / 1024))


@dataclass(frozen=True)
class PublishedImage:
    """What the page will show for an image: the rendition and its measured size and weight."""

    rendition: object
    width: int
    height: int
    size: int
    format_label: str

    @property
    def kb(self) -> int:
        return weight_kb(self.size)


def published_image(image, rule: ImageRule) -> PublishedImage:
    rendition = published_rendition(image, rule)
    with rendition.file.open("rb") as handle:
        data = handle.read()
    with PILImage.open(io.BytesIO(data)) as picture:
        width, height = picture.size
        image_format = picture.format or "?"
    return PublishedImage(rendition, width, height, len(data), FORMAT_LABELS.get(image_format, image_format))
