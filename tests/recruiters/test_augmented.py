"""Augmented offers: conditions, placement on the public page, video links, rule form, scoping."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from haystack import connections
from wagtail.images import get_image_model

from recruiters.models import AugmentedOfferImage, AugmentedOfferRule
from recruiters.selectors import augmented_media_for_offer, offers_matching_rule
from tests.cms.conftest import image_bytes, make_image
from tests.factories import (
    AugmentedOfferRuleFactory,
    CommuneFactory,
    JobOfferFactory,
    RecruiterFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def offer_index(db):
    connections["offers"].get_backend().clear()


@pytest.fixture
def recruiter():
    return RecruiterFactory()


@pytest.fixture
def riom():
    return CommuneFactory(insee="63300", name="Riom", latitude=45.8936, longitude=3.1126)


def test_clermont_rule_shows_on_every_clermont_offer_and_no_other(client, recruiter, riom):
    clermont = CommuneFactory()
    company = recruiter.company
    in_clermont = [JobOfferFactory(company=company, published=True, commune=clermont, title=f"Poste {n}")
                   for n in range(3)]
    elsewhere = JobOfferFactory(company=company, published=True, commune=riom, title="Poste Riom")
    other_company = JobOfferFactory(published=True, commune=clermont, title="Poste concurrent")
    rule = AugmentedOfferRuleFactory(company=company, name="Vidéo Clermont", communes=[clermont])
    assert {o.pk for o in offers_matching_rule(rule)} == {o.pk for o in in_clermont}
    for offer in in_clermont:
        html = client.get(f"/offres/{offer.slug}/").content.decode()
        assert f'data-rule="{rule.pk}"' in html and "youtube-nocookie.com/embed/dQw4w9WgXcQ" in html
    for offer in (elsewhere, other_company):
        assert f'data-rule="{rule.pk}"' not in client.get(f"/offres/{offer.slug}/").content.decode()


def test_conditions_combine_and_empty_rule_applies_to_all(recruiter, riom):
    company = recruiter.company
    cdi = JobOfferFactory(company=company, published=True, contract_type="CDI", title="Commercial terrain")
    cdd = JobOfferFactory(company=company, published=True, contract_type="CDD", title="Commercial sédentaire")
    comptable = JobOfferFactory(company=company, published=True, contract_type="CDI", title="Comptable",
                                job_titles=["Comptable"])
    everything = AugmentedOfferRuleFactory(company=company)
    assert {o.pk for o in offers_matching_rule(everything)} == {cdi.pk, cdd.pk, comptable.pk}
    cdi_sales = AugmentedOfferRuleFactory(company=company, contract_types=["CDI"], keywords=["commercial"])
    assert [o.pk for o in offers_matching_rule(cdi_sales)] == [cdi.pk]
    specific = AugmentedOfferRuleFactory(company=company)
    specific.offers.set([cdd])
    assert [o.pk for o in offers_matching_rule(specific)] == [cdd.pk]
    inactive = AugmentedOfferRuleFactory(company=company, active=False, placement="top")
    assert inactive not in augmented_media_for_offer(cdi)["top"]


def test_placement_groups_media(recruiter):
    offer = JobOfferFactory(company=recruiter.company, published=True)
    side = AugmentedOfferRuleFactory(company=recruiter.company, placement="side")
    media = augmented_media_for_offer(offer)
    assert media["side"] == [side] and media["top"] == []


@pytest.mark.parametrize(
    "link",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share",
        "https://youtube.com/shorts/dQw4w9WgXcQ",
    ],
)
def test_rule_form_turns_any_youtube_link_into_the_embed_url(client, recruiter, link):
    client.force_login(recruiter.user)
    response = client.post("/admin/recruteur/offres-augmentees/nouvelle/", rule_post(video_url=link))
    assert response.status_code == 302
    assert AugmentedOfferRule.objects.get().video_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"


def test_dailymotion_link(client, recruiter):
    client.force_login(recruiter.user)
    client.post("/admin/recruteur/offres-augmentees/nouvelle/", rule_post(video_url="https://dai.ly/x8abcd1"))
    assert AugmentedOfferRule.objects.get().video_url == "https://www.dailymotion.com/embed/video/x8abcd1"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"video_url": "https://vimeo.com/12345"}, "YouTube"),
        ({"video_url": ""}, "Indiquez le lien de la vidéo"),
        ({"commune_codes": "Nullepart-sur-Mer"}, "Commune inconnue"),
        ({"contract_types": "PIRATE"}, "Sélectionnez un choix valide"),
        ({"media_type": "image"}, "Ajoutez au moins une image"),
        ({"media_type": ""}, "Champ requis"),
        ({"name": ""}, "Champ requis"),
    ],
)
def test_bad_rule_input_is_refused(client, recruiter, overrides, message):
    client.force_login(recruiter.user)
    response = client.post("/admin/recruteur/offres-augmentees/nouvelle/", rule_post(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AugmentedOfferRule.objects.exists()


def test_rule_form_lists_the_offers_it_applies_to(client, recruiter):
    clermont = CommuneFactory()
    JobOfferFactory(company=recruiter.company, published=True, commune=clermont, title="Opérateur de production")
    client.force_login(recruiter.user)
    response = client.post("/admin/recruteur/offres-augmentees/nouvelle/",
                           rule_post(commune_codes="Clermont-Ferrand (63)"))
    assert response.status_code == 302
    rule = AugmentedOfferRule.objects.get()
    assert list(rule.communes.values_list("insee", flat=True)) == ["63113"]
    page = client.get(f"/admin/recruteur/offres-augmentees/{rule.pk}/").content.decode()
    assert "S'applique aujourd'hui à 1 offre publiée" in page and "Opérateur de production" in page
    listing = client.get("/admin/recruteur/offres-augmentees/").content.decode()
    assert "1 offre publiée" in listing


def test_another_companys_rule_is_404(client, recruiter):
    foreign = AugmentedOfferRuleFactory()
    client.force_login(recruiter.user)
    assert client.get(f"/admin/recruteur/offres-augmentees/{foreign.pk}/").status_code == 404
    assert client.post(f"/admin/recruteur/offres-augmentees/{foreign.pk}/", {"action": "delete"}).status_code == 404
    assert AugmentedOfferRule.objects.filter(pk=foreign.pk).exists()
    assert foreign.name not in client.get("/admin/recruteur/offres-augmentees/").content.decode()


def rule_post(**overrides):
    data = {
        "name": "Vidéo métier commercial",
        "placement": "after_description",
        "media_type": "video",
        "video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "commune_codes": "",
        "keywords": "",
        "active": "on",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "12",
    }
    data.update(overrides)
    return data


def test_slideshow_shows_its_images_in_order(client, recruiter):
    offer = JobOfferFactory(company=recruiter.company, published=True)
    rule = AugmentedOfferRuleFactory(company=recruiter.company, media_type="slideshow", video_url="", placement="top")
    first, second = make_image(800, 600, "JPEG", name="equipe.jpg"), make_image(800, 600, "JPEG", name="atelier.jpg")
    AugmentedOfferImage.objects.create(rule=rule, image=second, caption="L'atelier", sort_order=1)
    AugmentedOfferImage.objects.create(rule=rule, image=first, caption="L'équipe", sort_order=0)
    html = client.get(f"/offres/{offer.slug}/").content.decode()
    assert html.index('alt="L&#x27;équipe"') < html.index('alt="L&#x27;atelier"')


def test_slideshow_rule_form_saves_images_in_form_order(client, recruiter):
    client.force_login(recruiter.user)
    response = client.post("/admin/recruteur/offres-augmentees/nouvelle/", rule_post(
        media_type="slideshow", video_url="", **{
            "images-TOTAL_FORMS": "2", "images-0-upload": jpeg_upload("b.jpg"), "images-0-caption": "B",
            "images-1-upload": jpeg_upload("a.jpg"), "images-1-caption": "A",
        }))
    assert response.status_code == 302
    rule = AugmentedOfferRule.objects.get()
    assert rule.video_url == ""
    rows = list(AugmentedOfferImage.objects.filter(rule=rule).order_by("sort_order").select_related("image"))
    assert [row.caption for row in rows] == ["B", "A"]
    assert {row.image.collection.name for row in rows} == {"Offres augmentées"}
    assert rows[0].image.width == 800 and rows[0].image.uploaded_by_user == recruiter.user


def jpeg_upload(name="photo.jpg", size=(800, 600)):
    return SimpleUploadedFile(name, image_bytes(*size, "JPEG"), content_type="image/jpeg")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg"),
         "Ce fichier n'est pas une image"),
        (SimpleUploadedFile("photo.png", b"", content_type="image/png"), "Le fichier soumis est vide"),
    ],
)
def test_a_file_that_is_not_an_image_is_refused_next_to_its_row(client, recruiter, upload, message):
    client.force_login(recruiter.user)
    response = client.post("/admin/recruteur/offres-augmentees/nouvelle/", rule_post(
        media_type="image", video_url="", **{"images-TOTAL_FORMS": "1", "images-0-upload": upload}))
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert not AugmentedOfferRule.objects.exists() and not get_image_model().objects.exists()


def test_images_are_replaced_removed_and_discarded(client, recruiter):
    client.force_login(recruiter.user)
    client.post("/admin/recruteur/offres-augmentees/nouvelle/", rule_post(
        media_type="slideshow", video_url="", **{
            "images-TOTAL_FORMS": "2", "images-0-upload": jpeg_upload("a.jpg"), "images-0-caption": "A",
            "images-1-upload": jpeg_upload("b.jpg"), "images-1-caption": "B",
        }))
    rule = AugmentedOfferRule.objects.get()
    first, second = rule.images.order_by("sort_order")
    old_image = first.image_id
    response = client.post(f"/admin/recruteur/offres-augmentees/{rule.pk}/", rule_post(
        name=rule.name, media_type="slideshow", video_url="", **{
            "images-TOTAL_FORMS": "2", "images-INITIAL_FORMS": "2",
            "images-0-id": str(first.pk), "images-0-caption": "A bis", "images-0-upload": jpeg_upload("c.jpg"),
            "images-1-id": str(second.pk), "images-1-caption": "B", "images-1-DELETE": "on",
        }))
    assert response.status_code == 302
    assert list(rule.images.values_list("caption", flat=True)) == ["A bis"]
    assert rule.images.get().image_id != old_image
    assert get_image_model().objects.count() == 1
    # Removing the last image of a slideshow is refused: the rule keeps it.
    kept = rule.images.get()
    response = client.post(f"/admin/recruteur/offres-augmentees/{rule.pk}/", rule_post(
        name=rule.name, media_type="slideshow", video_url="", **{
            "images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "1",
            "images-0-id": str(kept.pk), "images-0-caption": "A bis", "images-0-DELETE": "on",
        }))
    assert response.status_code == 400 and "Ajoutez au moins une image au diaporama" in response.content.decode()
    assert rule.images.count() == 1
    client.post(f"/admin/recruteur/offres-augmentees/{rule.pk}/", {"action": "delete"})
    assert not AugmentedOfferRule.objects.exists() and not get_image_model().objects.exists()


def test_an_image_row_of_another_rule_cannot_be_taken_over(client, recruiter):
    foreign = AugmentedOfferRuleFactory(media_type="image", video_url="")
    foreign_row = AugmentedOfferImage.objects.create(rule=foreign, image=make_image(800, 600, "JPEG"), caption="X")
    client.force_login(recruiter.user)
    response = client.post("/admin/recruteur/offres-augmentees/nouvelle/", rule_post(
        media_type="image", video_url="", **{
            "images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "1", "images-0-id": str(foreign_row.pk),
            "images-0-caption": "Volée"}))
    assert response.status_code == 400
    foreign_row.refresh_from_db()
    assert foreign_row.rule == foreign and foreign_row.caption == "X"


def test_places_shown_on_the_edit_form_are_accepted_back(client, recruiter, riom):
    clermont = CommuneFactory()
    rule = AugmentedOfferRuleFactory(company=recruiter.company, communes=[clermont, riom])
    client.force_login(recruiter.user)
    form = client.get(f"/admin/recruteur/offres-augmentees/{rule.pk}/").context["form"]
    shown = form.initial["commune_codes"]
    assert shown == "Clermont-Ferrand (63); Riom (63)"
    response = client.post(f"/admin/recruteur/offres-augmentees/{rule.pk}/", rule_post(
        name=rule.name, commune_codes=shown))
    assert response.status_code == 302
    assert set(rule.communes.values_list("insee", flat=True)) == {"63113", "63300"}
    # The INSEE code written after the name designates the commune too (namesakes in one department).
    response = client.post(f"/admin/recruteur/offres-augmentees/{rule.pk}/", rule_post(
        name=rule.name, commune_codes="Riom (63300)"))
    assert response.status_code == 302
    assert list(rule.communes.values_list("insee", flat=True)) == ["63300"]
