from django import template
from django.utils.safestring import mark_safe

from portal.reference.jsonld import script_json

from ..icons import benefit_icon as render_benefit_icon

register = template.Library()


@register.simple_tag
def benefit_icon(kind, size=32):
    return render_benefit_icon(kind, size=size)


@register.filter
def json_ld(data):
    """JSON for a ``<script type="application/ld+json">``, escaped like Django's json_script."""
    return mark_safe(script_json(data))  # noqa: S308
