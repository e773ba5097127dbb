"""Uploads: an image beyond the pixel limit or cut short is refused in French on every image path (never a
500), and a body larger than its form allows is refused (413) before anything reads it."""

import functools
import html
import io
import json
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model

from cms.services import site_ensure
from tests.cms.conftest import image_bytes
from tests.factories import CandidateProfileFactory, CandidateUserFactory, ModeratorFactory, RecruiterFactory

pytestmark = pytest.mark.django_db

PIXEL_MESSAGE = "40\u202f000\u202f000 pixels au plus"
TRUNCATED_MESSAGE = "Cette image est incomplète ou endommagée."


@functools.cache
def bomb_png(size: int = 11000) -> bytes:
    """A grey PNG of size×size pixels weighing a few kilobytes, written chunk by chunk: nothing ever
    holds its pixels (Pillow would warn about a decompression bomb), which is the point."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = size.to_bytes(4, "big") * 2 + bytes([1, 0, 0, 0, 0])  # 1 bit per pixel, greyscale
    row = b"\x00" + b"\x00" * ((size + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(size)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def truncated_png() -> bytes:
    whole = image_bytes(2000, 1100, "PNG", noise=(200, 200))
    return whole[: len(whole) * 2 // 3]


def test_the_bomb_is_small_and_large():
    data = bomb_png()
    assert len(data) < 40_000
    from PIL import Image as PILImage

    assert PILImage.open(io.BytesIO(data)).size == (11000, 11000)


@pytest.fixture
def site(db):
    return site_ensure()


@pytest.fixture
def moderator(site):
    return ModeratorFactory()


@pytest.fixture
def recruiter(site):
    return RecruiterFactory()


def text_of(response) -> str:
    return html.unescape(response.content.decode())


UPLOADS = [("bombe.png", bomb_png, PIXEL_MESSAGE), ("coupee.png", truncated_png, TRUNCATED_MESSAGE)]


@pytest.mark.parametrize(("name", "make", "message"), UPLOADS)
def test_wagtail_image_screens_refuse_in_french(client, moderator, name, make, message):
    client.force_login(moderator)
    before = get_image_model().objects.count()
    add = client.post(reverse("wagtailimages:add"), {"title": name, "file": SimpleUploadedFile(name, make())})
    assert add.status_code == 200 and message in text_of(add)
    multiple = client.post(reverse("wagtailimages:add_multiple"), {"files[]": SimpleUploadedFile(name, make())},
                           HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    payload = json.loads(multiple.content)
    assert multiple.status_code == 200 and not payload["success"] and message in html.unescape(payload["error_message"])
    chooser = client.post(reverse("wagtailimages_chooser:create"), {
        "image-chooser-upload-title": name, "image-chooser-upload-file": SimpleUploadedFile(name, make())})
    payload = json.loads(chooser.content)
    assert payload["step"] == "reshow_creation_form" and message in html.unescape(payload["htmlFragment"])
    assert get_image_model().objects.count() == before


@pytest.mark.parametrize(("name", "make", "message"), UPLOADS)
def test_company_page_choosers_refuse_in_french(client, recruiter, name, make, message):
    from cms.services import company_page_get_or_create

    company_page_get_or_create(company=recruiter.company, user=recruiter.user)
    client.force_login(recruiter.user)
    for key in ("banniere", "logo"):
        response = client.post(reverse(f"cms_{key}_chooser:create"), {
            "image-chooser-upload-title": name, "image-chooser-upload-file": SimpleUploadedFile(name, make())})
        payload = json.loads(response.content)
        assert payload["step"] == "reshow_creation_form", payload
        assert message in html.unescape(payload["htmlFragment"])
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(("name", "make", "message"), UPLOADS)
def test_augmented_offer_upload_refuses_next_to_its_row(client, recruiter, name, make, message):
    from recruiters.models import AugmentedOfferRule
    from tests.recruiters.test_augmented import rule_post

    client.force_login(recruiter.user)
    response = client.post("/admin/recruteur/offres-augmentees/nouvelle/", rule_post(
        media_type="image", video_url="", **{"images-TOTAL_FORMS": "1",
                                             "images-0-upload": SimpleUploadedFile(name, make())}))
    assert response.status_code == 400 and message in text_of(response)
    assert not AugmentedOfferRule.objects.exists() and not get_image_model().objects.exists()


def test_a_photo_within_the_limit_is_still_accepted(client, moderator):
    client.force_login(moderator)
    response = client.post(reverse("wagtailimages:add"), {
        "title": "Photo", "file": SimpleUploadedFile("photo.jpg", image_bytes(2400, 1600, "JPEG"))})
    assert response.status_code == 302
    assert get_image_model().objects.get().width == 2400


# --- Request size, checked before the body is read -------------------------------------------------------

class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def post_declaring(client, path, megabytes: int, *, accept="text/html"):
    return client.generic(
        "POST", path, b"", content_type="multipart/form-data; boundary=----vivier",
        CONTENT_LENGTH=str(megabytes * 1024 * 1024), HTTP_ACCEPT=accept, **{"wsgi.input": UnreadableBody()},
    )


def test_an_oversized_cv_is_refused_before_its_body_is_read(client):
    user = CandidateUserFactory(email_confirmed_at=timezone.now())
    CandidateProfileFactory(user=user)
    client.force_login(user)
    response = post_declaring(client, "/espace-candidat/profil/cv/", 50)
    assert response.status_code == 413
    page = text_of(response)
    assert "L'envoi dépasse la taille maximale de 5 Mo pour ce formulaire (il pèse 50 Mo)." in page
    assert "<h1>Envoi trop volumineux</h1>" in page


def test_an_oversized_offer_application_and_matching_upload_are_refused_unread(client, recruiter):
    assert post_declaring(client, "/offres/une-offre/postuler/", 7).status_code == 413
    client.force_login(recruiter.user)
    response = post_declaring(client, "/admin/matching/charger/", 4, accept="application/json")
    assert response.status_code == 413
    assert "taille maximale de 2 Mo" in response.json()["error"]


def test_an_oversized_image_upload_is_refused_unread(client, moderator):
    client.force_login(moderator)
    for path in (reverse("wagtailimages:add"), reverse("wagtailimages:add_multiple"),
                 reverse("wagtailimages_chooser:create"), reverse("cms_banniere_chooser:create")):
        response = post_declaring(client, path, 12, accept="application/json")
        assert response.status_code == 413, path
        assert "taille maximale de 10 Mo" in response.json()["error"]


def test_a_slideshow_may_send_several_photos_at_once(client, recruiter):
    client.force_login(recruiter.user)
    assert post_declaring(client, "/admin/recruteur/offres-augmentees/nouvelle/", 45).status_code == 413
    # 30 Mo of photos is within the slideshow's allowance: the request goes on to the view.
    assert post_declaring(client, "/admin/recruteur/offres-augmentees/nouvelle/", 30).status_code != 413


@override_settings(VISIOTALENT_MAX_VIDEO_BYTES=3 * 1024 * 1024)
def test_the_video_answer_limit_follows_its_setting(client):
    response = post_declaring(client, "/espace-recruteur/entretien-video/jeton/questions/1/", 5, accept="*/*")
    assert response.status_code == 413 and "taille maximale de 3 Mo" in response.json()["error"]
