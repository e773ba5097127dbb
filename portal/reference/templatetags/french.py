"""French typography filters, built into every template (settings TEMPLATES "builtins").

    l'équipe {{ company.name|de }}                 -> l'équipe d'Ateliers des Volcans / de Vivier
    {{ company.name|elision:"de" }}<strong>{{ company.name }}</strong>   (when markup wraps the name)
    {{ count }} étape{{ count|plural }}            -> 0 étape, 1 étape, 2 étapes (Django's pluralize says "0 étapes")
    {{ count|counted:"nouvel élément,nouveaux éléments" }}
    {{ offer.salary_min|euros }}                   -> 47 000 €
    {{ offer.salary_min|euro_range:offer.salary_max }} -> 30 000 € à 35 000 €
    {{ profile.phone|phone }}                      -> 06 12 34 56 78
"""

from django import template

from portal.reference import french

register = template.Library()


@register.filter(is_safe=True)
def de(name):
    return french.elide("de", name)


@register.filter(is_safe=True)
def que(name):
    return french.elide("que", name)


@register.filter(is_safe=True)
def le(name):
    return french.elide("le", name)


@register.filter(is_safe=True)
def la(name):
    return french.elide("la", name)


@register.filter
def elision(name, word="de"):
    """Only the word's form before the name ("d'" or "de "), for a name wrapped in markup."""
    return french.elision(word, name)


@register.filter
def plural(count, forms="s"):
    return french.plural_suffix(count, forms)


@register.filter
def counted(count, nouns):
    singular, _, plural_noun = str(nouns).partition(",")
    return french.counted(count, singular, plural_noun or None)


@register.filter
def number(value):
    return french.number(value)


@register.filter
def euros(value):
    return french.euros(value)


@register.filter
def euro_range(low, high=None):
    return french.euro_range(low, high)


@register.filter
def phone(value):
    return french.phone(value)
