"""Form pieces other apps reuse: the NAF sector picker, for one sector or several."""

from __future__ import annotations

import re
from html import escape

from django import forms
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe

from .forms import TypedText
from .models import NafSector
from .sectors import sector_code, sector_label, sector_list, sector_resolve

_SEPARATORS = re.compile(r"[,;\s]+")
# How many sectors an "ambiguous" error names.
_NAMED = 3
HELP_TEXT = "Tapez une partie du nom du secteur ou son code NAF (par exemple «\u00a0boulangerie\u00a0» ou «\u00a010.71C\u00a0»), puis choisissez-le dans la liste."
HELP_TEXT_MULTIPLE = (
    "Tapez une partie du nom d'un secteur ou son code NAF (par exemple «\u00a0boulangerie\u00a0» ou «\u00a010.71C\u00a0»), puis "
    "choisissez-le dans la liste ; plusieurs choix possibles."
)


class PickedSectors(list):
    """The codes chosen in the picker, and what is left typed in its text box (`text`)."""

    def __init__(self, codes=(), text=""):
        super().__init__(codes)
        self.text = text


class SectorPickerWidget(forms.Select):
    """A searchable sector list (WAI-ARIA combobox, static/reference/sector-picker.js) over a <select>.

    Without JavaScript the <select> (sectors grouped by NAF section) is the control and posts the
    codes. The script hides it, shows a text box whose suggestions it draws from the select's own
    options, and keeps the select's choice in step; the text box posts `<name>_q`, text left typed
    without picking, which the field resolves or explains. Templates must include `{{ form.media }}`.
    """

    template_name = "reference/widgets/sector_picker.html"
    queryset = NafSector.objects.none()

    class Media:
        js = ["reference/sector-picker.js"]
        css = {"all": ["reference/sector-picker.css"]}

    def __init__(self, attrs=None, *, empty_label=""):
        super().__init__(attrs)
        self.empty_label = empty_label

    def get_context(self, name, value, attrs):
        # Not Select.get_context: Django's option templates take ~45 ms for 732 options, this ~3 ms.
        context = forms.Widget.get_context(self, name, value, attrs)
        rows = list(
            self.queryset.order_by("section", "code").values_list("code", "label", "section", "section_label", named=True)
        )
        text = (value if isinstance(value, TypedText) else getattr(value, "text", "")).strip()
        chosen = set()
        if not isinstance(value, TypedText):
            # Codes as the select posts them, or as links carry them ("70.22Z, 10.71c").
            for item in context["widget"]["value"]:
                chosen.update(sector_code(part) or part for part in _SEPARATORS.split(item) if part)
        if text:
            # Text typed and not picked that designates one sector is shown as chosen.
            matches = sector_resolve(text, rows)
            if len(matches) == 1:
                chosen = chosen | {matches[0].code} if self.allow_multiple_selected else {matches[0].code}
                text = ""
        attrs = context["widget"]["attrs"]
        if self.allow_multiple_selected:
            attrs["multiple"] = True
            attrs.setdefault("size", 8)
        input_class = " ".join(
            "form-control" if css == "form-select" else css for css in attrs.get("class", "").split()
        )
        context["widget"].update(
            {
                "options": self._options_html(rows, chosen),
                "text": text,
                "multiple": self.allow_multiple_selected,
                "input_class": input_class or "form-control",
            }
        )
        return context

    def _options_html(self, rows, chosen):
        parts = []
        if not self.allow_multiple_selected:
            selected = "" if chosen - {""} else " selected"
            parts.append(f'<option value=""{selected}>{escape(self.empty_label)}</option>')
        section = None
        for sector in rows:
            if sector.section != section:
                if section is not None:
                    parts.append("</optgroup>")
                section = sector.section
                parts.append(
                    f'<optgroup label="{escape(sector.section)} – {escape(sector.section_label.strip())}" '
                    f'data-section="{escape(sector.section)}" data-section-label="{escape(sector.section_label.strip())}">'
                )
            selected = " selected" if sector.code in chosen else ""
            parts.append(f'<option value="{escape(sector.code)}"{selected}>{escape(sector_label(sector))}</option>')
        if section is not None:
            parts.append("</optgroup>")
        return mark_safe("".join(parts))  # noqa: S308  (every value escaped above, by the standard library, several times faster than Django's)

    def value_from_datadict(self, data, files, name):
        text = data.get(f"{name}_q") or ""
        if self.allow_multiple_selected:
            getter = getattr(data, "getlist", None)
            codes = getter(name) if getter else data.get(name)
            if isinstance(codes, str):
                codes = [codes]
            return PickedSectors(codes or [], text)
        code = (data.get(name) or "").strip()
        return code or (TypedText(text) if text.strip() else "")

    def value_omitted_from_data(self, data, files, name):
        if self.allow_multiple_selected:
            # Like SelectMultiple: an empty multiple choice posts nothing.
            return False
        return name not in data and f"{name}_q" not in data


class SectorMultiplePickerWidget(SectorPickerWidget):
    allow_multiple_selected = True


def _ambiguous(text, matches):
    names = ", ".join(sector_label(sector) for sector in matches[:_NAMED])
    if len(matches) <= _NAMED:
        message = "Plusieurs secteurs correspondent à «\u00a0%(text)s\u00a0» : %(choices)s. Choisissez-en un dans la liste."
    else:
        message = (
            "%(count)s secteurs correspondent à «\u00a0%(text)s\u00a0», par exemple : %(choices)s. "
            "Précisez votre saisie et choisissez-en un dans la liste."
        )
    return ValidationError(message, code="ambiguous", params={"text": text, "choices": names, "count": len(matches)})


_ERRORS = {
    "invalid_choice": "Secteur inconnu : «\u00a0%(value)s\u00a0». Tapez une partie de son nom ou son code NAF, puis choisissez-le dans la liste.",
    "not_found": "Aucun secteur ne correspond à «\u00a0%(text)s\u00a0». Tapez une partie de son nom ou son code NAF, puis choisissez-le dans la liste.",
}


class _SectorFieldMixin:
    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.queryset = self.queryset

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def _typed(self, text):
        """The one sector a typed text designates, or a French error that says why not."""
        text = text.strip()
        matches = sector_resolve(text, self.queryset.order_by("section", "code"))
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise _ambiguous(text, matches)
        raise ValidationError(self.error_messages["not_found"], code="not_found", params={"text": text})


class SectorField(_SectorFieldMixin, forms.ModelChoiceField):
    """One NAF sector, chosen in the picker by name or code (or typed: "boulangerie-pâtisserie", "10.71C")."""

    widget = SectorPickerWidget
    default_error_messages = {**_ERRORS, "required": "Choisissez un secteur dans la liste."}

    def __init__(self, queryset=None, *, empty_label="Non précisé", **kwargs):
        kwargs.setdefault("help_text", HELP_TEXT)
        super().__init__(sector_list() if queryset is None else queryset, empty_label=empty_label, **kwargs)
        self.widget.empty_label = empty_label or ""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, NafSector):
            return value
        if isinstance(value, TypedText):
            return self._typed(value)
        code = sector_code(str(value))
        sector = self.queryset.filter(pk=code).first() if code else None
        if sector is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return sector

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            new = self.to_python(data)
        except ValidationError:
            return True
        return (new.pk if new else "") != (self.prepare_value(initial) or "")


class SectorMultipleField(_SectorFieldMixin, forms.ModelMultipleChoiceField):
    """Several NAF sectors, chosen in the picker (shown as removable chips), as a list in the order
    given. Also reads codes separated by commas in one value ("70.22Z, 10.71C"), as older matching
    links carry them."""

    widget = SectorMultiplePickerWidget
    default_error_messages = {**_ERRORS, "required": "Choisissez au moins un secteur dans la liste."}

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault("help_text", HELP_TEXT_MULTIPLE)
        super().__init__(sector_list() if queryset is None else queryset, **kwargs)

    def prepare_value(self, value):
        prepared = super().prepare_value(value)
        return PickedSectors(prepared, value.text) if isinstance(value, PickedSectors) else prepared

    def _codes(self, value) -> list[str]:
        codes = []
        for item in value if isinstance(value, list | tuple) else [value]:
            raw = item.pk if isinstance(item, NafSector) else str(item or "")
            for part in _SEPARATORS.split(raw.strip()):
                if not part:
                    continue
                code = sector_code(part)
                if code is None:
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": part}
                    )
                if code not in codes:
                    codes.append(code)
        return codes

    def clean(self, value):
        codes = self._codes(value or [])
        text = getattr(value, "text", "") or ""
        if text.strip():
            code = self._typed(text).pk
            if code not in codes:
                codes.append(code)
        if not codes and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        known = self.queryset.in_bulk(codes)
        for code in codes:
            if code not in known:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": code})
        self.run_validators(value)
        # In the order given: a search keyed on its criteria (matching) stays the same search.
        return [known[code] for code in codes]

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        if (getattr(data, "text", "") or "").strip():
            return True
        try:
            new = set(self._codes(data or []))
        except ValidationError:
            return True
        return {str(code) for code in self.prepare_value(initial or [])} != new
