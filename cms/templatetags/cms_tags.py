import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from ..icons import benefit_icon as render_benefit_icon

register = template.Library()


@register.simple_tag
def benefit_icon(kind, size=32):
    return render_benefit_icon(kind, size=size)


@register.filter
def json_ld(data):
    """JSON for a ``<script type="application/ld+json">``, escaped like Django's json_script."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))  # noqa: S308
