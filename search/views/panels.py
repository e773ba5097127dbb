"""The CVthèque panel of the recruiter dashboard: search box, saved searches, new matching profiles."""

from wagtail.admin.ui.components import Component

from .. import selectors

MAX_SEARCHES = 5


class CvthequePanel(Component):
    name = "recruiter_cvtheque"
    order = 20
    template_name = "search/cvtheque/panel.html"

    def __init__(self, request, company):
        self.request = request
        self.company = company

    def get_context_data(self, parent_context=None):
        searches = selectors.dashboard_saved_searches(user=self.request.user, limit=MAX_SEARCHES)
        return {"company": self.company, "searches": searches}
