"""Contact form: stored for staff, e-mailed to the platform team; scoped to the recruiter's company."""

import pytest
from django.core import mail

from recruiters.models import ContactRequest
from tests.factories import ContactRequestFactory, ModeratorFactory, RecruiterFactory

from .mail import assert_text_and_html

pytestmark = pytest.mark.django_db
CONTACT = "/admin/recruteur/contact/"


@pytest.fixture
def recruiter(client):
    recruiter = RecruiterFactory()
    client.force_login(recruiter.user)
    return recruiter


def test_contact_form_is_prefilled_with_the_company_phone(client, recruiter):
    assert 'value="04 73 12 34 56"' in client.get(CONTACT).content.decode()


def test_contact_request_is_stored_and_sent_to_the_team(client, recruiter, settings):
    response = client.post(CONTACT, {"subject": "Publier une offre", "message": "Comment faire ?",
                                     "callback_phone": "06 12 34 56 78"})
    assert response.status_code == 302
    contact = ContactRequest.objects.get()
    assert (contact.company, contact.author, contact.callback_phone) == (
        recruiter.company, recruiter.user, "+33612345678")
    [message] = mail.outbox
    assert message.to == [settings.PLATFORM_TEAM_EMAIL] and message.reply_to == [recruiter.user.email]
    assert "Publier une offre" in message.subject and "Comment faire ?" in message.body
    assert "06 12 34 56 78" in message.body and recruiter.company.name in message.body
    assert_text_and_html(message)


def test_callback_phone_is_optional(client, recruiter):
    client.post(CONTACT, {"subject": "Question", "message": "Bonjour", "callback_phone": ""})
    assert ContactRequest.objects.get().callback_phone == ""


@pytest.mark.parametrize(("data", "message"), [
    ({"subject": "", "message": "Bonjour"}, "Indiquez l&#x27;objet de votre demande."),
    ({"subject": "Question", "message": ""}, "Écrivez votre message."),
    ({"subject": "Question", "message": "Bonjour", "callback_phone": "12"}, "numéro de téléphone"),
    ({"subject": "x" * 201, "message": "Bonjour"}, "200 caractères"),
])
def test_bad_contact_requests_are_explained_and_not_stored(client, recruiter, data, message):
    response = client.post(CONTACT, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not ContactRequest.objects.exists() and not mail.outbox


def test_previous_requests_of_the_company_only(client, recruiter, django_assert_max_num_queries):
    ContactRequestFactory(company=recruiter.company, subject="Notre question")
    ContactRequestFactory(subject="Question d'une autre entreprise")
    for _ in range(10):
        ContactRequestFactory(company=recruiter.company, author=recruiter.user)
    with django_assert_max_num_queries(20):
        page = client.get(CONTACT).content.decode()
    assert "Notre question" in page and "autre entreprise" not in page


def test_contact_detail_of_the_company(client, recruiter):
    contact = ContactRequestFactory(company=recruiter.company, subject="Notre question")
    assert "Notre question" in client.get(f"{CONTACT}{contact.pk}/").content.decode()


def test_another_companys_contact_request_answers_404(client, recruiter):
    other = ContactRequestFactory()
    assert client.get(f"{CONTACT}{other.pk}/").status_code == 404


def test_staff_see_and_close_contact_requests(client):
    contact = ContactRequestFactory(subject="Rappel demandé")
    client.force_login(ModeratorFactory())
    assert "Rappel demandé" in client.get("/admin/recruiters/contactrequest/").content.decode()
    assert "Rappel demandé" in client.get(f"/admin/recruiters/contactrequest/inspect/{contact.pk}/").content.decode()
    client.post(f"/admin/recruiters/contactrequest/handled/{contact.pk}/")
    contact.refresh_from_db()
    assert contact.handled_at is not None
