"""The moderation workflow of company pages: recruiters submit, editorial staff approve or ask for changes."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupApprovalTask, TaskState, Workflow, WorkflowPage, WorkflowState

from cms.choices import MODERATION_WORKFLOW_NAME
from cms.models import CompanyIndexPage, CompanyPage
from cms.services import site_ensure
from recruiters.services import MODERATORS_GROUP
from tests.cms.conftest import complete_changes, edit_url, editor_data

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


def test_moderators_group_may_edit_and_publish_company_pages(submitted, moderator):
    assert moderator.groups.filter(name=MODERATORS_GROUP).exists()
    perms = submitted.permissions_for_user(moderator)
    assert perms.can_edit() and perms.can_publish()
    assert Group.objects.get(name=MODERATORS_GROUP).page_permissions.filter(page__depth=3).exists()
