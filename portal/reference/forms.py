"""Form pieces other apps reuse: the commune picker."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy

from .models import Commune
from .selectors import INSEE_CODE, commune_label, commune_list, commune_resolve


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


class CommuneField(forms.ModelChoiceField):
    """A commune, given by its INSEE code, or by what a person types: "Clermont-Ferrand (63)",
    a name that is unique, or a postcode of a single commune."""

    widget = CommunePickerWidget
    default_error_messages = {
        "invalid_choice": "Commune inconnue : tapez son nom ou son code postal et choisissez-la dans la liste.",
        "ambiguous": "Plusieurs communes correspondent à « %(text)s » : %(choices)s. Choisissez-en une dans la liste.",
    }

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
        candidates = commune_resolve(text, typed=isinstance(value, TypedText))
        allowed = set(self.queryset.filter(pk__in=[c.pk for c in candidates]).values_list("pk", flat=True))
        matches = [commune for commune in candidates if commune.pk in allowed]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            choices = ", ".join(commune_label(commune) for commune in matches[:5])
            raise ValidationError(
                self.error_messages["ambiguous"], code="ambiguous", params={"text": text, "choices": choices}
            )
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            new = self.to_python(data)
        except ValidationError:
            return True
        old = self.prepare_value(initial)
        return (new.pk if new else "") != (old or "")
