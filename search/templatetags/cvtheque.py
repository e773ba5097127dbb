from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag
def page_link(criteria, number) -> str:
    """Query string of the same search at page `number`."""
    return criteria.querystring(page=number)


@register.filter
def months_ago(moment) -> str:
    """ "il y a 3 jours", "il y a 2 mois": how long ago a candidate was last active."""
    if not moment:
        return ""
    days = (timezone.now() - moment).days
    if days < 1:
        return "aujourd'hui"
    if days < 31:
        return f"il y a {days} jour{'s' if days > 1 else ''}"
    months = days // 30
    if months < 12:
        return f"il y a {months} mois"
    years = days // 365
    return f"il y a {years} an{'s' if years > 1 else ''}"


@register.filter
def years_label(years) -> str:
    if years is None:
        return ""
    if years < 1:
        return "moins d'1 an d'expérience"
    whole = int(years)
    return f"{whole} an{'s' if whole > 1 else ''} d'expérience"
