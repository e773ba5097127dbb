"""Form pieces other apps reuse: the commune picker."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy

from .models import Commune
from .selectors import INSEE_CODE, commune_label, commune_list, commune_resolve, commune_search

# How many communes an error message names before "et N autres".
_NAMED_IN_ERRORS = 5


class TypedText(str):
    """What a person typed in the picker's text box, as opposed to a code chosen from the list."""


class CommunePickerWidget(forms.Widget):
    """A text box with a list of suggestions (WAI-ARIA combobox, static/reference/commune-picker.js).

    Posts two values: `<name>_label`, the text typed, and `<name>`, the INSEE code of the chosen
    suggestion. The code input is disabled in the HTML and enabled by the script, so without
    JavaScript only the text is sent and the field resolves it ("Clermont-Ferrand (63)", a name,
    a postcode). Templates must include `{{ form.media }}`.
    """

    template_name = "reference/widgets/commune_picker.html"
    search_url = reverse_lazy("reference:commune-search")

    class Media:
        js = ["reference/commune-picker.js"]

    def __init__(self, attrs=None):
        super().__init__(
            {"class": "form-control", "autocomplete": "off", "spellcheck": "false", **(attrs or {})}
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        code = ""
        text = "" if value is None else str(value)
        commune = value if isinstance(value, Commune) else None
        # Typed text is shown back as typed, never read as a code.
        if (
            commune is None
            and not isinstance(value, TypedText)
            and INSEE_CODE.fullmatch(text.strip().upper())
        ):
            commune = commune_list().filter(pk=text.strip().upper()).first()
        if commune is not None:
            code, text = commune.pk, commune_label(commune)
        context["widget"].update({"code": code, "text": text, "search_url": str(self.search_url)})
        return context

    def value_from_datadict(self, data, files, name):
        code = (data.get(name) or "").strip()
        return code or TypedText(data.get(f"{name}_label", ""))

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_label" not in data


def _and_others(communes: list[Commune], *, last_word: str) -> str:
    """ "A (63), B (03) et C (15)", or "A (63), B (03)… et 4 autres" beyond the first five."""
    labels = [commune_label(commune) for commune in communes[:_NAMED_IN_ERRORS]]
    others = len(communes) - len(labels)
    if others:
        return f"{', '.join(labels)}… et {others} autre{'s' if others > 1 else ''}"
    if len(labels) == 1:
        return labels[0]
    return f"{', '.join(labels[:-1])} {last_word} {labels[-1]}"


def ambiguous_commune_message(text: str, communes: list[Commune]) -> str:
    """French: which communes the typed text could be, and what to do."""
    shown = text.strip()[:60]
    names = {commune.name for commune in communes}
    if INSEE_CODE.fullmatch(shown.upper()):
        what = f"le code postal {shown} couvre plusieurs communes"
    elif len(names) == 1:
        what = f"plusieurs communes s'appellent {names.pop()}"
    else:
        what = f"plusieurs communes correspondent à « {shown} »"
    return f"Choisissez une commune dans la liste : {what} — {_and_others(communes, last_word='et')}."


def unknown_commune_message(text: str, *, suggest: bool = True) -> str:
    """French: the text designates no commune; with `suggest`, the names the picker would offer."""
    shown = text.strip()[:60]
    suggestions = commune_search(shown, limit=3) if shown and suggest else []
    if suggestions:
        hint = f"Vouliez-vous dire {_and_others(suggestions, last_word='ou')} ? Choisissez-la dans la liste."
    else:
        hint = "Tapez son nom ou son code postal, puis choisissez-la dans la liste."
    return f"Commune inconnue : « {shown} ». {hint}" if shown else f"Commune inconnue. {hint}"


def commune_from_text(text: str, *, typed: bool, queryset=None) -> Commune:
    """The one commune a code or a typed text designates, else a ValidationError in French that says
    why (none, or several) and what to do. `typed`: the text box, rather than a code chosen in the list."""
    candidates = commune_resolve(text, typed=typed)
    if queryset is not None and candidates:
        allowed = set(queryset.filter(pk__in=[c.pk for c in candidates]).values_list("pk", flat=True))
        candidates = [commune for commune in candidates if commune.pk in allowed]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise ValidationError(ambiguous_commune_message(text, candidates), code="ambiguous")
    # A code from a link or an old bookmark gets no name suggestions.
    raise ValidationError(unknown_commune_message(text, suggest=typed), code="invalid_choice")


class CommuneField(forms.ModelChoiceField):
    """A commune, given by its INSEE code (chosen in the list), or by what a person typed without
    choosing: a name, "Clermont-Ferrand (63)", "Clermont-Ferrand 63000", a postcode. What cannot be
    resolved to exactly one commune is an error next to the field, never silently dropped."""

    widget = CommunePickerWidget

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault("empty_label", None)
        kwargs.setdefault(
            "help_text", "Nom de la commune ou code postal, par exemple « Clermont-Ferrand (63) »."
        )
        super().__init__(queryset if queryset is not None else commune_list(), **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Commune):
            return value
        text = str(value).strip()
        if not text:
            return None
        return commune_from_text(text, typed=isinstance(value, TypedText), queryset=self.queryset)

    def bound_data(self, data, initial):
        # Typed text that designates one commune is shown back as that commune, code included: the
        # person sees what was understood. Anything else is shown as typed, next to its error.
        if not self.disabled and isinstance(data, TypedText) and data.strip():
            try:
                return self.to_python(data)
            except ValidationError:
                return data
        return super().bound_data(data, initial)

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            new = self.to_python(data)
        except ValidationError:
            return True
        old = self.prepare_value(initial)
        return (new.pk if new else "") != (old or "")
