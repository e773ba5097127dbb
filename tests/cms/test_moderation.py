"""The moderation workflow of company pages: recruiters submit, editorial staff approve or ask for changes,
and everyone is told once, in French, with links that work."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Site, TaskState, Workflow, WorkflowPage, WorkflowState

from cms.choices import MODERATION_WORKFLOW_NAME
from cms.models import CompanyIndexPage, CompanyPage
from cms.services import site_ensure
from portal.reference.french import elide
from recruiters.services import MODERATORS_GROUP
from tests.cms.conftest import complete_changes, edit_url, editor_data
from tests.factories import ModeratorFactory, RecruiterFactory

pytestmark = pytest.mark.django_db


def submit(client, page, **changes):
    data = editor_data(client, page, **changes, **{"action-submit": "1"})
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.content.decode()[:500]
    return CompanyPage.objects.get(pk=page.pk)


def action_url(page, action):
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


@pytest.fixture
def submitted(client, recruiter, company_page, good_banner, good_logo):
    client.force_login(recruiter.user)
    page = submit(client, company_page, **complete_changes(good_banner, good_logo, tagline="Version 1"))
    client.logout()
    return page


def test_the_workflow_is_set_up_once_on_the_company_index(site):
    site_ensure()
    site_ensure()
    workflow = Workflow.objects.get(name=MODERATION_WORKFLOW_NAME)
    index = CompanyIndexPage.objects.get()
    assert WorkflowPage.objects.get(page=index).workflow == workflow
    tasks = [task.specific for task in workflow.tasks]
    assert len(tasks) == 1 and isinstance(tasks[0], GroupApprovalTask)
    assert list(tasks[0].groups.values_list("name", flat=True)) == [MODERATORS_GROUP]
    assert GroupApprovalTask.objects.filter(name=tasks[0].name).count() == 1


def test_submission_starts_the_workflow_and_tells_moderators(submitted, moderator):
    assert submitted.workflow_in_progress
    assert not submitted.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(submitted.pk))
    assert state.workflow.name == MODERATION_WORKFLOW_NAME


def test_moderator_approval_publishes_the_page(client, submitted, moderator):
    client.force_login(moderator)
    response = client.post(action_url(submitted, "approve"), {"comment": ""})
    assert response.status_code == 302
    page = CompanyPage.objects.get(pk=submitted.pk)
    assert page.live
    assert page.tagline == "Version 1"
    public = client.get(page.url)
    assert public.status_code == 200
    assert "Version 1" in public.content.decode()


def test_moderator_can_request_changes_with_a_comment(client, submitted, moderator, recruiter):
    mail.outbox.clear()
    client.force_login(moderator)
    response = client.post(action_url(submitted, "reject"), {"comment": "Le logo est flou, merci de le remplacer."})
    assert response.status_code == 302
    page = CompanyPage.objects.get(pk=submitted.pk)
    assert not page.live
    assert not page.workflow_in_progress
    task_state = TaskState.objects.filter(revision__object_id=str(page.pk)).latest("started_at")
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.get_comment() == "Le logo est flou, merci de le remplacer."
    # The recruiter can edit again and resubmit.
    client.force_login(recruiter.user)
    assert client.get(edit_url(page)).status_code == 200
    html = client.get(edit_url(page)).content.decode()
    assert "Le logo est flou" in html


def test_a_recruiter_cannot_approve_their_own_page(client, submitted, recruiter):
    client.force_login(recruiter.user)
    response = client.post(action_url(submitted, "approve"), {"comment": ""}, follow=True)
    # Wagtail answers a denied admin action with its home page and an error message.
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Sorry, you do not have permission to access this area." in response.content.decode() or (
        "Désolé, vous n" in response.content.decode()
    )
    page = CompanyPage.objects.get(pk=submitted.pk)
    assert not page.live and page.workflow_in_progress


def test_later_edits_are_moderated_while_the_live_version_stays_online(client, submitted, moderator, recruiter):
    client.force_login(moderator)
    client.post(action_url(submitted, "approve"), {"comment": ""})
    client.force_login(recruiter.user)
    page = submit(client, submitted, tagline="Version 2")
    assert page.live and page.workflow_in_progress
    client.logout()
    html = client.get(page.url).content.decode()
    assert "Version 1" in html and "Version 2" not in html
    client.force_login(moderator)
    client.post(action_url(page, "approve"), {"comment": ""})
    client.logout()
    html = client.get(page.url).content.decode()
    assert "Version 2" in html


def test_staff_find_pages_awaiting_moderation(client, submitted, moderator):
    client.force_login(moderator)
    home = client.get("/admin/").content.decode()
    assert "pages-entreprise-a-valider" in home
    report = client.get(reverse("wagtailadmin_reports:workflow_tasks") + "?reviewable=true&status=in_progress")
    assert report.status_code == 200
    assert submitted.title in report.content.decode()


def test_a_page_in_moderation_is_published_by_approving_it(client, submitted, moderator):
    client.force_login(moderator)
    html = client.get(edit_url(submitted)).content.decode()
    assert 'name="action-publish"' not in html
    assert "Approuver et Publier" in html
    client.post(action_url(submitted, "approve"), {"comment": ""})
    # Out of moderation, staff may publish their own corrections directly.
    assert 'name="action-publish"' in client.get(edit_url(submitted)).content.decode()


def test_moderators_group_may_edit_and_publish_company_pages(submitted, moderator):
    assert moderator.groups.filter(name=MODERATORS_GROUP).exists()
    perms = submitted.permissions_for_user(moderator)
    assert perms.can_edit() and perms.can_publish()
    assert Group.objects.get(name=MODERATORS_GROUP).page_permissions.filter(page__depth=3).exists()


# --- Mails -------------------------------------------------------------------------------------------

def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def path_of(url: str) -> str:
    assert url.startswith(settings.SITE_URL + "/"), url
    return url[len(settings.SITE_URL):]


def html_of(message) -> str:
    (html, mimetype), = message.alternatives
    assert mimetype == "text/html"
    return html


@pytest.fixture
def superuser_moderator(site):
    """Like the demo's editorial account: a superuser who is also in the "Modérateurs" group."""
    user = ModeratorFactory(email="morgane@vivier.example", first_name="Morgane")
    user.is_superuser = True
    user.save()
    return user


def test_a_submission_sends_one_french_mail_to_each_moderator(client, recruiter, company_page, good_banner,
                                                              good_logo, superuser_moderator):
    other_moderator = ModeratorFactory(email="paul@vivier.example")
    mail.outbox.clear()
    client.force_login(recruiter.user)
    submit(client, company_page, **complete_changes(good_banner, good_logo))
    # Wagtail's notifiers would have sent a second mail to the superuser (and English text).
    assert sorted(message.to[0] for message in mail.outbox) == ["morgane@vivier.example", "paul@vivier.example"]
    assert all(len(message.to) == 1 for message in mail.outbox)
    message = next(m for m in mail.outbox if m.to == ["morgane@vivier.example"])
    assert message.subject == f"Page entreprise à relire : {company_page.title}"
    assert message.body.startswith("Bonjour,\n\n")
    assert f"a envoyé en modération la page entreprise {elide('de', company_page.title)}." in message.body
    words = re.sub(r"https?://\S+", "", message.body)
    for english in ("Hello", "Salut", "workflow", "has been submitted"):
        assert english not in words
    assert "Relire la page" in html_of(message)
    assert "choisissez « Approuver et Publier » ou « Demander des modifications »" in message.body
    # Every link leads somewhere real for the moderator.
    urls = links(message)
    assert settings.SITE_URL + edit_url(company_page) in urls
    client.force_login(superuser_moderator)
    for url in urls:
        assert client.get(path_of(url)).status_code == 200, url
    assert other_moderator.pk


def test_the_recruiter_who_submits_gets_no_mail_and_lands_on_the_editor(client, recruiter, company_page,
                                                                        good_banner, good_logo, moderator):
    mail.outbox.clear()
    client.force_login(recruiter.user)
    data = editor_data(client, company_page, **complete_changes(good_banner, good_logo), **{"action-submit": "1"})
    response = client.post(edit_url(company_page), data, follow=True)
    assert response.redirect_chain == [(edit_url(company_page), 302)]
    html = response.content.decode()
    assert "Votre page a été envoyée en modération. L&#x27;équipe éditoriale de Vivier va la relire et vous écrira" in html
    assert recruiter.user.email in html
    assert "a été soumise pour modération" not in html
    assert [message.to for message in mail.outbox] == [[moderator.email]]


def test_a_resubmission_after_changes_tells_the_moderators_again_once(client, submitted, moderator, recruiter):
    client.force_login(moderator)
    client.post(action_url(submitted, "reject"), {"comment": "Ajoutez vos horaires."})
    mail.outbox.clear()
    client.force_login(recruiter.user)
    submit(client, submitted, tagline="Version 2")
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert "a modifié comme demandé et renvoie en modération la page entreprise" in mail.outbox[0].body


def test_approval_sends_one_mail_to_the_recruiters_with_the_public_address(client, submitted, moderator, recruiter):
    colleague = RecruiterFactory(company=recruiter.company, user__email="colleague@volcans.example")
    RecruiterFactory(user__email="ailleurs@autre.example")  # another company's recruiter hears nothing
    mail.outbox.clear()
    client.force_login(moderator)
    client.post(action_url(submitted, "approve"), {"comment": ""})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([recruiter.user.email, colleague.user.email])
    assert message.subject == "Votre page entreprise est en ligne"
    assert "Bonne nouvelle : l'équipe éditoriale a validé la page entreprise" in message.body
    page = CompanyPage.objects.get(pk=submitted.pk)
    public_url = settings.SITE_URL + page.url
    assert public_url in message.body and "http://localhost/" not in message.body
    assert "Voir la page en ligne" in html_of(message) and f'href="{public_url}"' in html_of(message)
    client.logout()
    public = client.get(path_of(public_url))
    assert public.status_code == 200 and "Version 1" in public.content.decode()
    client.force_login(recruiter.user)
    assert client.get(path_of(settings.SITE_URL + edit_url(page))).status_code == 200


def test_a_request_for_changes_sends_the_comment_to_the_recruiters(client, submitted, moderator, recruiter):
    mail.outbox.clear()
    client.force_login(moderator)
    client.post(action_url(submitted, "reject"), {"comment": "Le logo est flou,\nmerci de le remplacer."})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [recruiter.user.email]
    assert message.subject == "Votre page entreprise : des modifications sont demandées"
    assert "« Le logo est flou,\nmerci de le remplacer. »" in message.body
    assert "Le logo est flou,<br>merci de le remplacer." in html_of(message)
    # The action is named as the editor shows it.
    assert "« Resoumettre à Relecture par l'équipe éditoriale »" in message.body
    (url,) = links(message)
    assert url == settings.SITE_URL + edit_url(submitted)
    client.force_login(recruiter.user)
    assert client.get(path_of(url)).status_code == 200


def test_the_wagtail_site_answers_at_site_url(site):
    default = Site.objects.get(is_default_site=True)
    assert default.root_url == settings.SITE_URL


def test_an_old_localhost_site_is_moved_to_site_url_but_a_chosen_one_is_kept(site):
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    site_ensure()
    assert Site.objects.get(is_default_site=True).root_url == settings.SITE_URL
    Site.objects.filter(is_default_site=True).update(hostname="emploi.example", port=443)
    site_ensure()
    assert Site.objects.get(is_default_site=True).root_url == "https://emploi.example"
