"""Company banners and logos: any JPG or PNG at least as large as the rule is accepted, the page
publishes a crop of the exact size under the weight limit, and only what cannot fit is refused."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cms.choices import BANNER_RULE, LOGO_RULE
from cms.images import MAX_QUALITY, published_image, published_rendition
from cms.models import CompanyPage
from cms.validators import image_problem
from tests.cms.conftest import (
    complete_changes,
    edit_url,
    editor_data,
    image_bytes,
    make_image,
    photo_bytes,
    publish_company_page,
)
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def rendition_picture(rendition):
    with rendition.file.open("rb") as handle:
        data = handle.read()
    return data, PILImage.open(io.BytesIO(data))


def test_a_large_photo_is_published_at_the_exact_size_and_under_the_weight():
    source = photo_bytes(4000, 2500)
    assert 350 * 1024 <= len(source) <= 500 * 1024  # what a camera or a phone gives
    photo = make_image(4000, 2500, "JPEG", photo=True)
    assert image_problem(photo, BANNER_RULE) is None
    data, picture = rendition_picture(published_rendition(photo, BANNER_RULE))
    assert picture.format == "JPEG"
    assert picture.size == (1900, 1000)
    assert len(data) <= 100 * 1024
    # Not crushed: the quality search keeps as much as the weight allows (well above the floor here).
    assert len(data) > 85 * 1024


def test_the_rendition_is_deterministic():
    photo = make_image(4000, 2500, "JPEG", photo=True)
    first, _ = rendition_picture(published_rendition(photo, BANNER_RULE))
    photo.renditions.all().delete()
    again, _ = rendition_picture(published_rendition(photo, BANNER_RULE))
    assert first == again


def test_a_png_logo_is_cut_to_190_square_under_50_kb():
    logo = make_image(600, 600, "PNG", photo=True)
    assert image_problem(logo, LOGO_RULE) is None
    data, picture = rendition_picture(published_rendition(logo, LOGO_RULE))
    assert picture.size == (190, 190)
    assert len(data) <= 50 * 1024


def test_a_transparent_png_logo_stays_png_when_it_fits():
    picture = PILImage.new("RGBA", (400, 400), (0, 0, 0, 0))
    picture.paste((200, 30, 30, 255), (100, 100, 300, 300))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    image = get_image_model()(title="logo transparent")
    image.file = SimpleUploadedFile("logo.png", buffer.getvalue())
    image.save()
    data, published = rendition_picture(published_rendition(image, LOGO_RULE))
    assert published.format == "PNG" and published.size == (190, 190)
    assert published.mode == "RGBA" and published.getpixel((0, 0))[3] == 0


def test_a_picture_that_no_quality_can_fit_is_softened_until_it_fits():
    noise = make_image(1900, 1000, "PNG", noise=(1900, 1000))
    assert noise.file.size > 5 * 1024 * 1024
    data, picture = rendition_picture(published_rendition(noise, BANNER_RULE))
    assert picture.size == (1900, 1000) and len(data) <= 100 * 1024


def test_a_light_picture_is_not_degraded():
    flat = make_image(1900, 1000, "JPEG")
    published = published_image(flat, BANNER_RULE)
    reference = io.BytesIO()
    _, picture = rendition_picture(published.rendition)
    picture.save(reference, "JPEG", quality=MAX_QUALITY, optimize=True, progressive=True)
    # Saved at the best quality tried: re-encoding at that quality gives the same weight.
    assert published.size == reference.tell() or published.size <= 20 * 1024


def test_the_crop_follows_the_focal_point():
    picture = PILImage.new("RGB", (4000, 1000), (220, 20, 20))
    picture.paste((20, 20, 220), (2000, 0, 4000, 1000))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    image = get_image_model()(title="deux couleurs")
    image.file = SimpleUploadedFile("deux-couleurs.png", buffer.getvalue())
    image.save()
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 3800, 500, 100, 100
    image.save()
    _, right = rendition_picture(published_rendition(image, BANNER_RULE))
    assert right.getpixel((950, 500))[2] > 150  # blue: the right half
    image.focal_point_x = 200
    image.save()
    _, left = rendition_picture(published_rendition(image, BANNER_RULE))
    assert left.getpixel((950, 500))[0] > 150  # red: the left half


def test_camera_data_is_not_published():
    picture = PILImage.new("RGB", (2400, 1300), (90, 140, 60))
    exif = PILImage.Exif()
    exif[0x010F] = "Appareil photo"  # make
    exif[0x8825] = {1: "N", 2: (45.0, 46.0, 0.0)}  # GPS position
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif)
    image = get_image_model()(title="photo")
    image.file = SimpleUploadedFile("photo.jpg", buffer.getvalue())
    image.save()
    _, published = rendition_picture(published_rendition(image, BANNER_RULE))
    assert not published.getexif()


@pytest.mark.parametrize(
    ("rule", "size", "message"),
    [
        (BANNER_RULE, (1000, 500), "Image trop petite pour une bannière : 1000×500 px reçus, il faut au moins 1900×1000 px."),
        (BANNER_RULE, (1900, 999), "Image trop petite pour une bannière : 1900×999 px reçus"),
        (LOGO_RULE, (150, 400), "Image trop petite pour un logo : 150×400 px reçus, il faut au moins 190×190 px."),
    ],
)
def test_too_small_is_refused_with_the_minimum_and_the_size_received(rule, size, message):
    assert image_problem(make_image(*size, "PNG"), rule).startswith(message)


@pytest.mark.parametrize("fmt", ["GIF", "WEBP", "BMP"])
def test_other_formats_are_refused_by_their_content(fmt):
    problem = image_problem(make_image(2000, 1100, fmt), BANNER_RULE)
    assert problem == f"La bannière doit être une image JPG ou PNG (ce fichier est au format {fmt})."


def test_a_gif_named_png_is_still_a_gif():
    assert "au format GIF" in image_problem(make_image(400, 400, "GIF", name="logo.png"), LOGO_RULE)


def test_an_unreadable_file_is_refused():
    image = make_image(400, 400, "PNG")
    with image.file.open("wb") as handle:
        handle.write(b"not an image at all")
    assert image_problem(image, LOGO_RULE) == (
        "Ce fichier n'est pas une image lisible : envoyez une image JPG ou PNG d'au moins 190×190 px."
    )


# --- In the editor -----------------------------------------------------------------------------------

def upload(client, rule_key, data, name):
    return client.post(
        reverse(f"cms_{rule_key}_chooser:create"),
        {"image-chooser-upload-title": name, "image-chooser-upload-file": SimpleUploadedFile(name, data)},
    )


def test_the_banner_chooser_refuses_a_small_upload_in_french(client, recruiter, company_page):
    client.force_login(recruiter.user)
    response = upload(client, "banniere", image_bytes(1000, 500, "JPEG"), "petite.jpg")
    assert response.status_code == 200
    payload = json.loads(response.content)
    assert payload["step"] == "reshow_creation_form"
    assert "Image trop petite pour une bannière : 1000×500 px reçus, il faut au moins 1900×1000 px." in payload["htmlFragment"]
    assert not get_image_model().objects.filter(title="petite.jpg").exists()


def test_the_banner_chooser_takes_a_large_photo_into_the_company_collection(client, recruiter, company_page):
    client.force_login(recruiter.user)
    response = upload(client, "banniere", photo_bytes(4000, 2500), "atelier.jpg")
    payload = json.loads(response.content)
    assert payload["step"] == "chosen", payload
    image = get_image_model().objects.get(pk=payload["result"]["id"])
    assert image.collection == recruiter.company.page_access.collection
    # A logo upload accepts the same picture (it is larger than 190×190).
    logo = upload(client, "logo", photo_bytes(600, 600, "PNG"), "logo.png")
    assert json.loads(logo.content)["step"] == "chosen"


def test_the_chooser_lists_only_images_large_enough(client, recruiter, company_page):
    collection = recruiter.company.page_access.collection
    make_image(2000, 1200, "JPEG", name="grande.jpg", collection=collection)
    make_image(800, 600, "JPEG", name="moyenne.jpg", collection=collection)
    client.force_login(recruiter.user)
    banners = json.loads(client.get(reverse("cms_banniere_chooser:choose")).content)["html"]
    assert "grande.jpg" in banners and "moyenne.jpg" not in banners
    logos = json.loads(client.get(reverse("cms_logo_chooser:choose")).content)["html"]
    assert "grande.jpg" in logos and "moyenne.jpg" in logos


def test_the_editor_refuses_a_small_banner_even_in_a_draft(client, recruiter, company_page):
    client.force_login(recruiter.user)
    small = make_image(1000, 500, "JPEG", collection=recruiter.company.page_access.collection)
    before = company_page.revisions.count()
    response = client.post(edit_url(company_page), editor_data(client, company_page, banner=small.pk, tagline="Nouveau"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Image trop petite pour une bannière : 1000×500 px reçus, il faut au moins 1900×1000 px." in html
    assert company_page.revisions.count() == before


def test_the_editor_shows_what_will_be_published(client, recruiter, company_page):
    client.force_login(recruiter.user)
    collection = recruiter.company.page_access.collection
    banner = make_image(4000, 2500, "JPEG", photo=True, collection=collection)
    logo = make_image(600, 600, "PNG", photo=True, collection=collection)
    data = editor_data(client, company_page, banner=banner.pk, logo=logo.pk)
    assert client.post(edit_url(company_page), data).status_code == 302
    html = client.get(edit_url(company_page)).content.decode()
    banner_kb = published_image(banner, BANNER_RULE).kb
    assert f"Bannière publiée : 1900×1000 px, JPG, {banner_kb} Ko</strong> (100 Ko maximum)." in html
    assert "Logo publié : 190×190 px" in html
    assert "déplacez le point focal" in html
    assert reverse("cms_banniere_chooser:choose") in html


def test_the_preview_answers_for_the_recruiters_images_only(client, recruiter, company_page):
    client.force_login(recruiter.user)
    mine = make_image(2000, 1100, "JPEG", collection=recruiter.company.page_access.collection)
    url = reverse("cms:published_image", args=["banniere"])
    response = client.get(url, {"image": mine.pk})
    assert "Bannière publiée : 1900×1000 px, JPG" in response.content.decode()
    empty = client.get(url).content.decode()
    assert "La page publiera la bannière en 1900×1000 px et 100 Ko maximum" in empty
    other_company = publish_company_page(CompanyFactory(name="Autre"))
    # Wagtail answers a denied admin request by sending back to the dashboard with a message.
    denied = client.get(url, {"image": other_company.banner_id})
    assert denied.status_code == 302 and denied.url == "/admin/"
    assert client.get(reverse("cms:published_image", args=["affiche"])).status_code == 404


def test_a_page_with_a_large_photo_can_be_submitted_and_serves_the_exact_rendition(client, recruiter, company_page):
    client.force_login(recruiter.user)
    collection = recruiter.company.page_access.collection
    banner = make_image(4000, 2500, "JPEG", photo=True, collection=collection)
    logo = make_image(600, 600, "PNG", photo=True, collection=collection)
    data = editor_data(client, company_page, **complete_changes(banner, logo), **{"action-submit": "1"})
    response = client.post(edit_url(company_page), data)
    assert response.status_code == 302, response.content.decode()[:300]
    page = CompanyPage.objects.get(pk=company_page.pk)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    client.logout()
    html = client.get(page.url).content.decode()
    banner_rendition = published_rendition(banner, BANNER_RULE)
    assert f'src="{banner_rendition.url}"' in html and 'width="1900" height="1000"' in html
    logo_rendition = published_rendition(logo, LOGO_RULE)
    assert f'src="{logo_rendition.url}" width="190" height="190"' in html


@pytest.mark.parametrize(("rule", "message"), [
    (BANNER_RULE, "La bannière n'a pas pu être préparée : envoyez une image JPG ou PNG d'au moins 1900×1000 px."),
    (LOGO_RULE, "Le logo n'a pas pu être préparé : envoyez une image JPG ou PNG d'au moins 190×190 px."),
])
def test_a_truncated_file_is_refused_when_its_rendition_cannot_be_made(rule, message):
    image = make_image(2000, 1100, "JPEG", photo=True)
    with image.file.open("wb") as handle:  # the stored file lost its end (a disk or copy accident)
        handle.write(photo_bytes(2000, 1100)[:4000])
    assert image_problem(image, rule) == message


# --- Hand-made editor posts ------------------------------------------------------------------------------

def test_another_companys_image_cannot_be_posted_as_banner_or_logo(client, recruiter, company_page):
    other = publish_company_page(CompanyFactory(name="Concurrent"))
    foreign_collection = other.company.page_access.collection
    foreign_banner = make_image(2000, 1100, "JPEG", collection=foreign_collection)
    foreign_logo = make_image(400, 400, "PNG", collection=foreign_collection)
    client.force_login(recruiter.user)
    before = company_page.revisions.count()
    response = client.post(edit_url(company_page), editor_data(
        client, company_page, banner=foreign_banner.pk, logo=foreign_logo.pk, tagline="Volée"))
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    assert html.count("Cette image appartient à une autre entreprise") == 2
    assert company_page.revisions.count() == before
    company_page.refresh_from_db()
    assert company_page.banner_id is None and company_page.logo_id is None
    # The company's own images and those the project provides (no company's collection) are accepted.
    own = make_image(2000, 1100, "JPEG", collection=recruiter.company.page_access.collection)
    shared = make_image(400, 400, "PNG")
    response = client.post(edit_url(company_page), editor_data(client, company_page, banner=own.pk, logo=shared.pk))
    assert response.status_code == 302
    assert CompanyPage.objects.get(pk=company_page.pk).get_latest_revision_as_object().banner_id == own.pk


def test_an_augmented_offer_upload_image_cannot_be_posted_as_a_logo(client, recruiter, company_page):
    from wagtail.models import Collection

    from recruiters.services_offers import AUGMENTED_COLLECTION_NAME

    uploads = Collection.get_first_root_node().add_child(name=AUGMENTED_COLLECTION_NAME)
    image = make_image(400, 400, "PNG", collection=uploads)
    client.force_login(recruiter.user)
    response = client.post(edit_url(company_page), editor_data(client, company_page, logo=image.pk))
    assert response.status_code == 200
    assert "Cette image appartient à une autre entreprise" in response.content.decode().replace("&#x27;", "'")


def test_an_editor_post_without_the_stream_count_is_a_400(client, recruiter, company_page):
    client.force_login(recruiter.user)
    data = editor_data(client, company_page, tagline="Sans compteur")
    del data["body-count"]
    before = company_page.revisions.count()
    response = client.post(edit_url(company_page), data)
    assert response.status_code == 400
    assert "Le formulaire envoyé est incomplet" in response.content.decode()
    assert company_page.revisions.count() == before


@pytest.mark.parametrize("value", ["abc", "-1", "1e9", "²"])
def test_an_editor_post_whose_stream_count_is_no_number_is_a_400(client, recruiter, company_page, value):
    client.force_login(recruiter.user)
    data = editor_data(client, company_page, tagline="Compteur faux")
    data["body-count"] = value
    before = company_page.revisions.count()
    response = client.post(edit_url(company_page), data)
    assert response.status_code == 400
    assert "« body-count » n&#x27;est pas un nombre" in response.content.decode()
    assert company_page.revisions.count() == before


def test_an_augmented_offer_rule_ignores_a_posted_image_id(client, recruiter):
    from recruiters.models import AugmentedOfferImage, AugmentedOfferRule
    from tests.recruiters.test_augmented import rule_post

    foreign = publish_company_page(CompanyFactory(name="Concurrent"))
    client.force_login(recruiter.user)
    response = client.post("/admin/recruteur/offres-augmentees/nouvelle/", rule_post(
        media_type="image", video_url="", **{"images-TOTAL_FORMS": "1", "images-0-image": str(foreign.banner_id),
                                             "images-0-caption": "Volée"}))
    # The form takes uploads only: an image id is not a field, so the row has no image and is refused.
    assert response.status_code == 400
    assert "Choisissez l'image de cette légende." in response.content.decode().replace("&#x27;", "'")
    assert not AugmentedOfferRule.objects.exists() and not AugmentedOfferImage.objects.exists()
