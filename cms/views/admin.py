"""Views of the recruiter space in the Wagtail admin."""

from django.contrib import messages
from django.shortcuts import redirect

from recruiters.views.access import recruiter_required

from ..models import CompanyPage
from ..services import company_page_get_or_create

SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")
SUBMITTED_MESSAGE = (
    "Votre page a été envoyée en modération. L'équipe éditoriale de Vivier va la relire et vous écrira "
    "à {email} dès qu'elle sera publiée, ou pour vous dire ce qu'il faut modifier. {live}"
)
LIVE_NOTE = (
    "D'ici là, la version déjà publiée reste en ligne, et vous ne pouvez modifier la page qu'en annulant "
    "cet envoi."
)
DRAFT_NOTE = (
    "D'ici là, elle n'est pas visible du public, et vous ne pouvez la modifier qu'en annulant cet envoi."
)


@recruiter_required
def my_company_page(request):
    """ "Ma page entreprise": the company's page in the editor, its draft created on the first visit."""
    page = company_page_get_or_create(company=request.company, user=request.user)
    return redirect("wagtailadmin_pages:edit", page.pk)


def after_company_page_submitted(request, page):
    """Back to the editor after a company page is sent to moderation, saying what happens next.

    Wagtail would send the recruiter to the listing of "Entreprises", where they see none of the
    pages (only their own is theirs): "0 pages". Its own confirmation gives way to ours.
    """
    if not isinstance(page.specific, CompanyPage) or not any(request.POST.get(key) for key in SUBMIT_ACTIONS):
        return None
    if not page.workflow_in_progress:
        return None
    storage = messages.get_messages(request)
    earlier = [message for message in storage if message.level != messages.SUCCESS]
    for message in earlier:
        messages.add_message(request, message.level, message.message, extra_tags=message.extra_tags)
    text = SUBMITTED_MESSAGE.format(email=request.user.email, live=LIVE_NOTE if page.live else DRAFT_NOTE)
    messages.success(request, text.strip())
    return redirect("wagtailadmin_pages:edit", page.pk)


def company_page_action_menu(menu_items, request, context):
    """While a company page awaits moderation it is published by approving it, which tells its
    recruiters; Wagtail's plain "Publier" would end the moderation without a word to them."""
    page = context.get("page")
    if page is None or not issubclass(page.specific_class, CompanyPage) or not page.workflow_in_progress:
        return
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
