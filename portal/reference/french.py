"""French typography for what people read: elision before names, plurals, amounts, phone numbers.

One helper each, used by the templates (the ``french`` template library, built into every template)
and by the Python code that writes messages and e-mails.

Elision follows the spoken rule on the name's first letter: "d'Ateliers des Volcans",
"d'Élodie", "qu'Yves", but "de Vivier", "de Yannick" (a y before a vowel is a consonant). Before an
h, elision depends on the word (mute or aspirated h) and names give no clue, so it happens only
before the few mute-h words listed in MUTE_H ("d'Hélène", "d'Hôtel du Parc"; "de Hauts de Loire").
Contractions with an article that is part of the name ("de Le Puy" -> "du Puy", "de Les Halles"
-> "des Halles") are left alone: they need to know whether "Le" is an article, which a name does
not say.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import phonenumbers

# Words that elide before a vowel sound, and their elided form.
ELIDED = {"de": "d'", "le": "l'", "la": "l'", "que": "qu'"}
VOWELS = frozenset("aeiouœæ")
# Names and words met in company and first names whose h is mute. Unknown h-words keep "de".
MUTE_H = frozenset({
    "habitat", "harmonie", "hector", "helene", "henri", "herve", "hippocrate", "histoire", "homere",
    "honore", "hopital", "horizon", "horizons", "hotel", "hotellerie", "hubert", "hugo", "hugues",
    "humanis", "humanite", "hygiene",
})
# French separates thousands, and an amount from its unit, with a no-break space (the separator of
# Django's own French number format, so amounts read the same wherever they come from).
NBSP = "\xa0"


def _base_letters(word: str) -> str:
    """Lower case without accents: "Élodie" -> "elodie", "Œuvre" -> "œuvre"."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def starts_with_vowel_sound(name: str) -> bool:
    """Whether "de", "le", "la", "que" elide before this name."""
    text = str(name).lstrip()
    first_word = _base_letters(text.split(maxsplit=1)[0]) if text else ""
    if not first_word or not first_word[0].isalpha():
        return False
    first = first_word[0]
    if first in VOWELS:
        return True
    if first == "y":
        # "Yves", "Yvelines" elide; "Yannick", "Yoann" do not.
        return len(first_word) > 1 and first_word[1].isalpha() and first_word[1] not in VOWELS | {"y"}
    if first == "h":
        return first_word.strip(".,;:!?'’-") in MUTE_H or first_word.split("-")[0] in MUTE_H
    return False


def elision(word: str, name) -> str:
    """The form of ``word`` to write just before ``name``: "d'" or "de " (capital kept: "D'")."""
    key = word.casefold()
    if key in ELIDED and starts_with_vowel_sound(name):
        elided = ELIDED[key]
        return elided[0].upper() + elided[1:] if word[:1].isupper() else elided
    return f"{word} "


def elide(word: str, name) -> str:
    """``word`` then ``name``, elided when it must be: elide("de", "Élodie") -> "d'Élodie"."""
    name = str(name).strip()
    return f"{elision(word, name)}{name}"


def de(name) -> str:
    return elide("de", name)


def que(name) -> str:
    return elide("que", name)


def is_plural(count) -> bool:
    """French counts 0 and 1 (and anything under 2) as singular: "0 étape", "1,5 an", "2 étapes"."""
    try:
        return abs(Decimal(str(count))) >= 2
    except ArithmeticError:
        return True


def plural_suffix(count, forms: str = "s") -> str:
    """Like Django's ``pluralize`` but with the French rule.

    ``forms`` is a plural suffix ("s", "x", "ent") or "singular,plural" suffixes ("al,aux").
    """
    singular, _, plural = forms.rpartition(",") if "," in forms else ("", "", forms)
    return plural if is_plural(count) else singular


def counted(count, singular: str, plural: str | None = None) -> str:
    """The count and its noun agreed: counted(0, "étape") -> "0 étape"; counted(3, "page") -> "3 pages"."""
    noun = (plural or f"{singular}s") if is_plural(count) else singular
    return f"{number(count)} {noun}"


def number(value, decimals: int | None = None) -> str:
    """Digits grouped by thousands with a no-break space, decimal comma: 47000 -> "47 000", 1.5 -> "1,5".

    ``decimals`` fixes the digits after the comma when the value has a fraction (2 for money).
    """
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    if not amount.is_finite():
        return str(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    whole = int(amount)
    grouped = f"{whole:,}".replace(",", NBSP)
    if amount == whole:
        return f"{sign}{grouped}"
    fraction = f"{amount:.{decimals}f}" if decimals is not None else format(amount.normalize(), "f")
    return f"{sign}{grouped},{fraction.split('.')[1]}"


def euros(value) -> str:
    """An amount in euros: 47000 -> "47 000 €" (no-break spaces: it never splits across lines)."""
    shown = number(value, decimals=2)
    return f"{shown}{NBSP}€" if shown else ""


def euro_range(low, high) -> str:
    """A salary range: "30 000 € à 35 000 €", or the one bound given ("à partir de"/"jusqu'à")."""
    if low and high:
        return euros(low) if low == high else f"{euros(low)} à {euros(high)}"
    if low:
        return f"à partir de {euros(low)}"
    if high:
        return f"jusqu'à {euros(high)}"
    return ""


def phone(value) -> str:
    """A stored phone number (E.164) as French people write it: "06 12 34 56 78".

    French numbers in the national form, grouped by two; others in the international form
    ("+44 20 7946 0958"). Spaces are ordinary ones: people copy the number and type it back.
    """
    if not value:
        return ""
    try:
        parsed = phonenumbers.parse(str(value), "FR")
    except phonenumbers.NumberParseException:
        return str(value)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL if parsed.country_code == 33
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(parsed, style)
