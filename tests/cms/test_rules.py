"""The publication rules of company pages, read from real images made with Pillow."""

import pytest
from django.core.exceptions import ValidationError

from cms.choices import BANNER_RULE, LOGO_RULE
from cms.validators import SocialUrlValidator, image_problem, publication_errors, word_count
from tests.cms.conftest import image_bytes, make_image, words

pytestmark = pytest.mark.django_db


def test_generated_images_are_what_the_tests_say():
    assert len(image_bytes(1900, 1000, "PNG", noise=(200, 200))) > BANNER_RULE.max_bytes
    assert len(image_bytes(1900, 1000, "JPEG")) <= BANNER_RULE.max_bytes
    assert len(image_bytes(190, 190, "PNG", noise=(190, 190))) > LOGO_RULE.max_bytes


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_banner_of_the_published_size_passes(fmt):
    assert image_problem(make_image(1900, 1000, fmt), BANNER_RULE) is None


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_square_logo_passes(fmt):
    assert image_problem(make_image(190, 190, fmt), LOGO_RULE) is None


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1900, 1001), (3800, 2000), (2500, 2500)])
def test_any_banner_at_least_1900_by_1000_passes(width, height):
    assert image_problem(make_image(width, height, "JPEG"), BANNER_RULE) is None


@pytest.mark.parametrize(("width", "height"), [(1899, 1000), (1900, 999), (1000, 1900)])
def test_a_banner_smaller_than_1900_by_1000_is_refused(width, height):
    assert image_problem(make_image(width, height, "PNG"), BANNER_RULE) == (
        f"Image trop petite pour une bannière : {width}×{height} px reçus, il faut au moins 1900×1000 px. "
        "Choisissez une image plus grande."
    )


@pytest.mark.parametrize(("width", "height"), [(200, 200), (190, 191), (380, 380), (600, 300)])
def test_any_logo_at_least_190_square_passes(width, height):
    assert image_problem(make_image(width, height, "PNG"), LOGO_RULE) is None


def test_a_logo_smaller_than_190_is_refused():
    assert image_problem(make_image(189, 400, "PNG"), LOGO_RULE).startswith(
        "Image trop petite pour un logo : 189×400 px reçus, il faut au moins 190×190 px."
    )


def test_heavy_images_are_lightened_not_refused():
    assert image_problem(make_image(1900, 1000, "PNG", noise=(200, 200)), BANNER_RULE) is None
    assert image_problem(make_image(190, 190, "PNG", noise=(190, 190)), LOGO_RULE) is None


def test_word_count_of_rich_text():
    assert word_count("") == 0
    assert word_count("<p>Bonjour</p><p>le monde</p>") == 3
    assert word_count("<p>un<br/>deux</p><ul><li>trois</li><li>quatre</li></ul>") == 4
    # Punctuation alone is not a word; elisions and hyphenated words count once.
    assert word_count("<p>L'atelier – c'est notre savoir-faire ! 100 %</p>") == 5
    assert word_count("<p>caf&eacute; cr&egrave;me</p>") == 2


def test_description_needs_150_words(good_banner, good_logo):
    short = publication_errors(banner=good_banner, logo=good_logo, description=f"<p>{words(149)}</p>")
    assert short == {
        "description": ["La présentation « Nous découvrir » compte 149 mots : 150 mots minimum pour publier la page."]
    }
    assert publication_errors(banner=good_banner, logo=good_logo, description=f"<p>{words(150)}</p>") == {}


def test_missing_images_say_what_to_add():
    errors = publication_errors(banner=None, logo=None, description="<p>un</p>")
    assert errors["banner"] == ["Ajoutez une bannière (JPG ou PNG d'au moins 1900×1000 px) pour publier la page."]
    assert errors["logo"] == ["Ajoutez un logo (JPG ou PNG d'au moins 190×190 px) pour publier la page."]
    assert errors["description"] == ["La présentation « Nous découvrir » compte 1 mot : 150 mots minimum pour publier la page."]


def test_spontaneous_applications_need_an_address(good_banner, good_logo):
    errors = publication_errors(
        banner=good_banner, logo=good_logo, description=words(150), spontaneous_applications_enabled=True
    )
    assert list(errors) == ["spontaneous_applications_email"]


@pytest.mark.parametrize(
    ("field", "url"),
    [
        ("linkedin_url", "https://www.linkedin.com/company/ateliers-des-volcans"),
        ("linkedin_url", "https://fr.linkedin.com/company/ateliers-des-volcans/"),
        ("facebook_url", "https://www.facebook.com/ateliersdesvolcans"),
        ("facebook_url", "https://m.facebook.com/ateliersdesvolcans"),
        ("facebook_url", "https://fb.com/ateliersdesvolcans"),
        ("instagram_url", "https://www.instagram.com/ateliersdesvolcans/"),
        ("x_url", "https://x.com/ateliers"),
        ("x_url", "https://twitter.com/ateliers"),
        ("youtube_url", "https://www.youtube.com/@ateliers"),
        ("tiktok_url", "https://www.tiktok.com/@ateliers"),
    ],
)
def test_social_links_of_their_network_pass(field, url):
    SocialUrlValidator(field)(url)


@pytest.mark.parametrize(
    ("field", "url", "message"),
    [
        ("linkedin_url", "https://www.facebook.com/ateliers", "Ce lien mène à www.facebook.com, pas à LinkedIn."),
        ("facebook_url", "https://facebook.com.example.net/ateliers", "pas à Facebook"),
        ("instagram_url", "https://notinstagram.com/ateliers", "pas à Instagram"),
        ("x_url", "https://www.linkedin.com/company/ateliers", "pas à X (Twitter)"),
        ("youtube_url", "https://vimeo.com/ateliers", "pas à YouTube"),
        ("tiktok_url", "https://www.tiktok.fr/@ateliers", "pas à TikTok"),
        ("linkedin_url", "https://www.linkedin.com/", "pas seulement celle du site"),
        ("facebook_url", "javascript:alert(1)", "n'est pas une adresse web valide"),
    ],
)
def test_social_links_elsewhere_are_refused(field, url, message):
    with pytest.raises(ValidationError) as error:
        SocialUrlValidator(field)(url)
    assert message in error.value.messages[0]
