from django import template

from ..visiotalent.selectors import application_interviews

register = template.Library()


@register.simple_tag
def interviews_of(application):
    """The application's invitations, each with ``rows`` = [(question, latest answer or None)]."""
    return application_interviews(application)
