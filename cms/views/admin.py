"""Views of the recruiter space in the Wagtail admin."""

from django.shortcuts import redirect

from recruiters.views.access import recruiter_required

from ..services import company_page_get_or_create


@recruiter_required
def my_company_page(request):
    """ "Ma page entreprise": the company's page in the editor, its draft created on the first visit."""
    page = company_page_get_or_create(company=request.company, user=request.user)
    return redirect("wagtailadmin_pages:edit", page.pk)
