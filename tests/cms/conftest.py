"""Company page fixtures: real images made with Pillow, pages created the way "Ma page entreprise" does,
and the editor's form data read from the real edit view."""

from __future__ import annotations

import functools
import io
import random

import numpy as np
import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from cms.models import CompanyBenefit, CompanyNews, CompanyVideo
from cms.services import company_page_get_or_create, site_ensure
from tests.factories import ModeratorFactory, RecruiterFactory

WORDS = ["atelier", "équipe", "production", "client", "qualité", "sécurité", "innovation", "formation", "région", "savoir-faire", "industrie", "service", "projet", "métier", "apprentissage", "développement", "export", "valeurs", "engagement", "proximité"]


def words(count: int) -> str:
    rng = random.Random(count)
    return " ".join(rng.choice(WORDS) for _ in range(count))


def image_bytes(width: int, height: int, fmt: str = "PNG", *, noise: tuple[int, int] | None = None) -> bytes:
    """A real image; ``noise=(w, h)`` paints a random patch that PNG cannot compress (to make it heavy)."""
    picture = PILImage.new("RGB", (width, height), (11, 90, 138))
    if noise:
        rng = random.Random(42)
        patch = PILImage.frombytes("RGB", noise, bytes(rng.getrandbits(8) for _ in range(noise[0] * noise[1] * 3)))
        picture.paste(patch, (0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt)
    return buffer.getvalue()


@functools.cache
def photo_bytes(width: int, height: int, fmt: str = "JPEG", *, quality: int = 50) -> bytes:
    """A picture that weighs like a photo: colour areas, texture at several scales (the 4000×2500
    JPEG weighs about 400 KB; cut to 1900×1000 it needs a JPEG quality near 50 to weigh 100 KB)."""
    rng = np.random.default_rng(width * 10_000 + height)
    quarter = (width // 4, height // 4)
    base = PILImage.fromarray(rng.integers(0, 256, (5, 8, 3), dtype=np.uint8), "RGB").resize(quarter, PILImage.BICUBIC)
    texture = rng.integers(0, 256, (max(height // 48, 2), max(width // 48, 2), 3), dtype=np.uint8)
    texture = PILImage.fromarray(texture, "RGB").resize(quarter, PILImage.BICUBIC)
    grain = rng.integers(-3, 4, (quarter[1], quarter[0], 1), dtype=np.int16)
    pixels = np.asarray(base, dtype=np.int16) + (np.asarray(texture, dtype=np.int16) - 128) // 2 + grain
    picture = PILImage.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB").resize((width, height), PILImage.BICUBIC)
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt, **({"quality": quality} if fmt == "JPEG" else {}))
    return buffer.getvalue()


def make_image(width: int, height: int, fmt: str = "PNG", *, noise=None, name=None, collection=None, photo=False):
    data = photo_bytes(width, height, fmt) if photo else image_bytes(width, height, fmt, noise=noise)
    extension = {"JPEG": "jpg"}.get(fmt, fmt.lower())
    image_model = get_image_model()
    kwargs = {"collection": collection} if collection is not None else {}
    image = image_model(title=name or f"{width}x{height}.{extension}", **kwargs)
    image.file = ImageFile(io.BytesIO(data), name=name or f"image-{width}x{height}.{extension}")
    image.save()
    return image


@pytest.fixture
def site(db):
    return site_ensure()


@pytest.fixture
def recruiter(site):
    return RecruiterFactory()


@pytest.fixture
def moderator(site):
    return ModeratorFactory()


@pytest.fixture
def company_page(recruiter):
    return company_page_get_or_create(company=recruiter.company, user=recruiter.user)


@pytest.fixture
def good_banner(db):
    return make_image(1900, 1000, "JPEG")


@pytest.fixture
def good_logo(db):
    return make_image(190, 190, "PNG")


def edit_url(page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def editor_data(client, page, **changes):
    """The edit form as the browser would post it, read from the real editor, with ``changes``."""
    response = client.get(edit_url(page))
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # StreamField inputs are drawn by JavaScript: an empty stream posts only its count.
    data.setdefault("body-count", "0")
    for key, value in changes.items():
        if key == "description":
            value = rich_text(f"<p>{value}</p>")
        if isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = "" if value is None else str(value)
    return data


def complete_changes(banner, logo, **extra) -> dict:
    return {"banner": banner.pk, "logo": logo.pk, "description": words(150), **extra}


def publish_company_page(company, *, benefits=(), videos=(), news=(), **fields):
    """A published page for ``company`` (straight through the models, as an approval would leave it)."""
    page = company_page_get_or_create(company=company)
    fields.setdefault("banner", make_image(1900, 1000, "JPEG"))
    fields.setdefault("logo", make_image(190, 190, "PNG"))
    fields.setdefault("description", f"<p>{words(150)}</p>")
    for name, value in fields.items():
        setattr(page, name, value)
    page.benefits = [CompanyBenefit(kind=kind, detail=detail) for kind, detail in benefits]
    page.videos = [CompanyVideo(title=title, url=url) for title, url in videos]
    page.news = [CompanyNews(**item) for item in news]
    page.save_revision().publish()
    page.refresh_from_db()
    return page
