from django import template

from ..selectors import active_company_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def recruiter_company(context):
    """The active company of the current user when they use the admin as a recruiter (not staff)."""
    request = context.get("request")
    if request is None or request.user.is_staff:
        return None
    return active_company_for_request(request)
