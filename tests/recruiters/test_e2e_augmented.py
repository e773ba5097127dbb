"""Augmented offers in headless Chromium: a video rule from a pasted link, then a slideshow of uploaded
photos; bad links and a file that is not an image are answered next to their field, nothing stored."""

import re

import pytest
from haystack import connections
from playwright.sync_api import expect
from wagtail.images import get_image_model

from recruiters.models import AugmentedOfferImage, AugmentedOfferRule
from tests.cms.conftest import image_bytes
from tests.factories import CommuneFactory, JobOfferFactory, RecruiterFactory
from tests.recruiters.admin_browser import expect_error_next_to, log_in, shot, wrapper

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def offer_index(db):
    connections["offers"].get_backend().clear()


def photo(tmp_path, name, size=(900, 600)):
    path = tmp_path / name
    path.write_bytes(image_bytes(*size, "JPEG"))
    return path


def save(page):
    page.get_by_role("button", name="Enregistrer", exact=True).click()


@pytest.mark.forms("recruiter-augmented-create", "recruiter-augmented-edit")
@pytest.mark.forms_bad_input("recruiter-augmented-create", "recruiter-augmented-edit")
def test_augmented_offer_from_video_link_to_uploaded_slideshow(live_server, page, tmp_path):
    recruiter = RecruiterFactory()
    clermont = CommuneFactory()
    welder = JobOfferFactory(company=recruiter.company, published=True, commune=clermont, contract_type="CDI",
                             title="Soudeur TIG H/F")
    JobOfferFactory(company=recruiter.company, published=True, commune=clermont, contract_type="CDD",
                    title="Magasinier H/F")
    log_in(page, live_server, recruiter.user)
    page.goto(f"{live_server.url}/admin/recruteur/offres-augmentees/")
    page.get_by_role("link", name="Ajouter une offre augmentée").click()
    expect(page.locator('[data-form="recruiter-augmented-create"]')).to_be_visible()

    page.get_by_role("textbox", name=re.compile(r"^\s*Nom\b")).fill("Vidéo de l'atelier")
    page.get_by_label("Emplacement").select_option(label="En haut de l'offre")
    page.get_by_role("combobox", name=re.compile(r"^\s*Type\b")).select_option(label="Vidéo")
    expect(page.locator(".augmented-images")).to_be_hidden()
    link = page.get_by_label("Lien de la vidéo YouTube ou Dailymotion")
    link.fill("https://vimeo.com/76979871")
    page.get_by_label("Lieux (noms de communes ou codes INSEE)").fill("Clermont-Ferrand (63)")
    page.get_by_label("CDI").check()
    save(page)
    expect_error_next_to(page, link, re.compile("Seules les vidéos YouTube et Dailymotion sont acceptées"))
    assert not AugmentedOfferRule.objects.exists()

    link.fill("https://www.youtube.com/watch?v=abc")
    save(page)
    expect_error_next_to(page, link, re.compile("Ce lien YouTube ne désigne pas une vidéo"))
    assert not AugmentedOfferRule.objects.exists()
    shot(page, "augmented-bad-link")

    link.fill("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s")
    save(page)
    page.get_by_text("Offre augmentée « Vidéo de l'atelier » enregistrée.").wait_for()
    page.reload()
    expect(page.locator('[data-form="recruiter-augmented-edit"]')).to_be_visible()
    expect(link).to_have_value("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90")
    expect(page.get_by_label("Lieux (noms de communes ou codes INSEE)")).to_have_value("Clermont-Ferrand (63)")
    expect(page.get_by_label("CDI")).to_be_checked()
    expect(page.get_by_text("S'applique aujourd'hui à 1 offre publiée")).to_be_visible()
    expect(page.get_by_role("link", name="Soudeur TIG H/F")).to_be_visible()
    rule = AugmentedOfferRule.objects.get()
    assert (rule.company, rule.media_type, rule.placement) == (recruiter.company, "video", "top")
    assert rule.video_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90"
    assert list(rule.communes.values_list("insee", flat=True)) == ["63113"] and rule.contract_types == ["CDI"]

    # Turned into a slideshow: a text file named .jpg is refused next to its row, nothing changes.
    page.get_by_role("combobox", name=re.compile(r"^\s*Type\b")).select_option(label="Diaporama")
    expect(link).to_be_hidden()
    not_an_image = tmp_path / "equipe.jpg"
    not_an_image.write_text("Ceci est un texte, pas une photo.")
    upload = page.locator("#id_images-0-upload")
    upload.set_input_files(not_an_image)
    page.locator("#id_images-0-caption").fill("L'équipe")
    save(page)
    expect_error_next_to(page, upload, re.compile("Ce fichier n'est pas une image"))
    expect(wrapper(page, upload)).to_contain_text("Ce fichier n'est pas une image")
    shot(page, "augmented-not-an-image")
    rule.refresh_from_db()
    assert rule.media_type == "video" and not AugmentedOfferImage.objects.exists()
    assert not get_image_model().objects.exists()

    page.locator("#id_images-0-upload").set_input_files(photo(tmp_path, "equipe.jpg"))
    page.locator("#id_images-1-upload").set_input_files(photo(tmp_path, "atelier.jpg"))
    page.locator("#id_images-0-caption").fill("L'équipe")
    page.locator("#id_images-1-caption").fill("L'atelier de soudure")
    page.get_by_label("Soudeur TIG H/F").check()
    save(page)
    page.get_by_text("Offre augmentée « Vidéo de l'atelier » enregistrée.").wait_for()
    page.reload()
    expect(page.get_by_role("combobox", name=re.compile(r"^\s*Type\b"))).to_have_value("slideshow")
    expect(page.locator("img.augmented-thumb")).to_have_count(2)
    expect(page.locator("#id_images-0-caption")).to_have_value("L'équipe")
    expect(page.locator("#id_images-1-caption")).to_have_value("L'atelier de soudure")
    expect(page.get_by_label("Soudeur TIG H/F")).to_be_checked()
    shot(page, "augmented-slideshow")
    rule.refresh_from_db()
    assert rule.media_type == "slideshow" and rule.video_url == ""
    assert [o.pk for o in rule.offers.all()] == [welder.pk]
    rows = list(rule.images.order_by("sort_order").select_related("image"))
    assert [row.caption for row in rows] == ["L'équipe", "L'atelier de soudure"]
    assert all(row.image.width == 900 and row.image.collection.name == "Offres augmentées" for row in rows)

    # The candidate sees the slideshow on the offer it applies to.
    page.goto(f"{live_server.url}/offres/{welder.slug}/")
    expect(page.locator(f'[data-rule="{rule.pk}"] img')).to_have_count(2)
    expect(page.get_by_role("img", name="L'équipe")).to_be_visible()
