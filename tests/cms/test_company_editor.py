"""The company page in the real Wagtail editor: drafts may be incomplete, submitting checks everything."""

import pytest
from django.core import mail
from wagtail.models import Revision

from cms.models import CompanyPage
from tests.cms.conftest import complete_changes, edit_url, editor_data, make_image, words

pytestmark = pytest.mark.django_db


def add_rows(data, prefix, rows):
    """Append inline rows (videos, benefits, news) to posted editor data."""
    start = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, row in enumerate(rows):
        index = start + offset
        data[f"{prefix}-{index}-id"] = ""
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
        data[f"{prefix}-{index}-DELETE"] = ""
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(start + len(rows))
    return data


def errors_of(response) -> str:
    return response.content.decode()


@pytest.fixture
def editor(client, recruiter):
    client.force_login(recruiter.user)
    return client


def test_an_empty_draft_can_be_saved(editor, company_page):
    response = editor.post(edit_url(company_page), editor_data(editor, company_page, tagline="Brouillon"))
    assert response.status_code == 302
    page = CompanyPage.objects.get(pk=company_page.pk)
    assert not page.live
    assert page.get_latest_revision_as_object().tagline == "Brouillon"


def test_submitting_an_empty_page_lists_everything_missing(editor, company_page):
    response = editor.post(edit_url(company_page), editor_data(editor, company_page, **{"action-submit": "1"}))
    assert response.status_code == 200
    html = errors_of(response)
    assert "Ajoutez une bannière (JPG ou PNG d&#x27;au moins 1900×1000 px) pour publier la page." in html
    assert "Ajoutez un logo (JPG ou PNG d&#x27;au moins 190×190 px) pour publier la page." in html
    assert "compte 0 mot : 150 mots minimum pour publier la page." in html
    page = CompanyPage.objects.get(pk=company_page.pk)
    assert page.current_workflow_state is None
    assert not page.live


@pytest.mark.parametrize(
    ("banner_args", "expected"),
    [
        ((1600, 900, "JPEG"), "Image trop petite pour une bannière : 1600×900 px reçus, il faut au moins 1900×1000 px."),
        ((1900, 1000, "GIF"), "La bannière doit être une image JPG ou PNG (ce fichier est au format GIF)."),
        ((1900, 1000, "WEBP"), "La bannière doit être une image JPG ou PNG (ce fichier est au format WEBP)."),
    ],
)
def test_submitting_with_an_unusable_banner_says_what_was_found(editor, company_page, good_logo, banner_args, expected):
    banner = make_image(*banner_args)
    data = editor_data(editor, company_page, **complete_changes(banner, good_logo), **{"action-submit": "1"})
    html = errors_of(editor.post(edit_url(company_page), data))
    assert expected in html
    assert CompanyPage.objects.get(pk=company_page.pk).current_workflow_state is None


def test_a_large_heavy_banner_and_logo_are_lightened_and_submitted(editor, company_page):
    banner = make_image(2400, 1400, "PNG", noise=(600, 600))
    logo = make_image(400, 400, "PNG", noise=(400, 400))
    assert banner.file.size > 100 * 1024 and logo.file.size > 50 * 1024
    data = editor_data(editor, company_page, **complete_changes(banner, logo), **{"action-submit": "1"})
    assert editor.post(edit_url(company_page), data).status_code == 302
    assert CompanyPage.objects.get(pk=company_page.pk).workflow_in_progress


def test_149_words_are_refused_and_150_accepted(editor, company_page, good_banner, good_logo):
    data = editor_data(
        editor, company_page, **complete_changes(good_banner, good_logo, description=words(149)), **{"action-submit": "1"}
    )
    html = errors_of(editor.post(edit_url(company_page), data))
    assert "compte 149 mots : 150 mots minimum pour publier la page." in html
    data = editor_data(editor, company_page, **complete_changes(good_banner, good_logo), **{"action-submit": "1"})
    response = editor.post(edit_url(company_page), data)
    assert response.status_code == 302
    assert CompanyPage.objects.get(pk=company_page.pk).workflow_in_progress


def test_the_editor_carries_the_live_word_count(editor, company_page):
    html = editor.get(edit_url(company_page)).content.decode()
    assert 'data-word-count-min="150"' in html
    assert "cms/company-page-editor.js" in html


def test_video_links_become_embed_urls_on_save(editor, company_page):
    data = editor_data(editor, company_page)
    add_rows(
        data,
        "videos",
        [
            {"title": "Nos ateliers", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30"},
            {"title": "Portrait", "url": "dai.ly/x7tgad0"},
        ],
    )
    assert editor.post(edit_url(company_page), data).status_code == 302
    draft = CompanyPage.objects.get(pk=company_page.pk).get_latest_revision_as_object()
    assert [video.url for video in draft.videos.all()] == [
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30",
        "https://www.dailymotion.com/embed/video/x7tgad0",
    ]


def test_other_video_hosts_are_refused_even_in_a_draft(editor, company_page):
    data = add_rows(editor_data(editor, company_page), "videos", [{"title": "Film", "url": "https://vimeo.com/76979871"}])
    response = editor.post(edit_url(company_page), data)
    assert response.status_code == 200
    assert "Seules les vidéos YouTube et Dailymotion sont acceptées (lien reçu : vimeo.com)." in errors_of(response)
    assert Revision.objects.filter(object_id=str(company_page.pk)).count() == 1


def test_a_social_link_to_another_network_is_refused(editor, company_page):
    data = editor_data(editor, company_page, linkedin_url="https://www.facebook.com/ateliers")
    response = editor.post(edit_url(company_page), data)
    assert response.status_code == 200
    assert "Ce lien mène à www.facebook.com, pas à LinkedIn." in errors_of(response)


def test_a_benefit_can_be_chosen_once(editor, company_page):
    data = add_rows(
        editor_data(editor, company_page),
        "benefits",
        [{"kind": "teletravail", "detail": "2 jours"}, {"kind": "teletravail", "detail": "3 jours"}],
    )
    response = editor.post(edit_url(company_page), data)
    assert response.status_code == 200
    assert "« Télétravail » figure déjà plus haut : gardez-en un seul." in errors_of(response)
    data = add_rows(
        editor_data(editor, company_page),
        "benefits",
        [{"kind": "teletravail", "detail": "2 jours par semaine"}, {"kind": "mutuelle", "detail": "prise en charge à 80 %"}],
    )
    assert editor.post(edit_url(company_page), data).status_code == 302
    draft = CompanyPage.objects.get(pk=company_page.pk).get_latest_revision_as_object()
    assert [(b.kind, b.detail) for b in draft.benefits.all()] == [
        ("teletravail", "2 jours par semaine"),
        ("mutuelle", "prise en charge à 80 %"),
    ]


def test_the_benefit_picker_shows_icons(editor, company_page):
    html = editor.get(edit_url(company_page)).content.decode()
    assert 'class="cms-benefit-select"' in html
    assert html.count('class="benefit-icon"') >= 12


def test_spontaneous_applications_need_an_address_to_submit(editor, company_page, good_banner, good_logo):
    changes = complete_changes(good_banner, good_logo, spontaneous_applications_enabled="on")
    html = errors_of(editor.post(edit_url(company_page), editor_data(editor, company_page, **changes, **{"action-submit": "1"})))
    assert "Indiquez l&#x27;adresse électronique qui recevra les candidatures spontanées" in html


def test_a_recruiter_cannot_publish(editor, company_page, good_banner, good_logo):
    data = editor_data(editor, company_page, **complete_changes(good_banner, good_logo), **{"action-publish": "1"})
    response = editor.post(edit_url(company_page), data)
    # Without publish permission Wagtail treats the request as "save draft".
    assert response.status_code == 302
    page = CompanyPage.objects.get(pk=company_page.pk)
    assert not page.live
    assert page.current_workflow_state is None
    html = editor.get(edit_url(company_page)).content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html
    assert not mail.outbox or all("publi" not in message.subject.lower() for message in mail.outbox)
