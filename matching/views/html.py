"""Markup of the matching search page's criteria panel and result rows, written out here rather than
with Django widget templates and template loops: the page is timed (p95 ≤ 150 ms with every profile
scored), and rendering ~30 widgets and 30 rows through templates cost more than the scoring itself."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from portal.reference.forms import CommunePickerWidget
from portal.reference.forms_sectors import SectorPickerWidget

# The criteria fields of the panel, in order (the form's other fields are drawn elsewhere).
PANEL_FIELDS = ("job_titles", "min_years", "diploma_level", "sectors", "commune", "radius_km", "contract_types",
                "working_time", "skills", "languages")


def _errors(field) -> SafeString:
    return format_html_join("", '<p class="help-block help-critical" role="alert">{}</p>', ((e,) for e in field.errors))


def _value(field) -> str:
    value = field.value()
    return "" if value is None else str(value)


_LIMITS = (("maxlength", "max_length"), ("min", "min_value"), ("max", "max_value"))


def _input(field, input_type: str) -> SafeString:
    limits = format_html_join("", ' {}="{}"', (
        (attr, getattr(field.field, name)) for attr, name in _LIMITS if getattr(field.field, name, None) is not None
    ))
    return format_html('<input type="{}" name="{}" id="{}" value="{}"{}{}>', input_type, field.html_name,
                       field.auto_id, _value(field), limits, mark_safe(' aria-invalid="true"') if field.errors else "")


def _select(field) -> SafeString:
    chosen = _value(field)
    options = format_html_join("", '<option value="{}"{}>{}</option>', (
        (value, mark_safe(" selected") if str(value) == chosen else "", label) for value, label in field.field.choices
    ))
    return format_html('<select name="{}" id="{}">{}</select>', field.html_name, field.auto_id, options)


def _checkboxes(field) -> SafeString:
    chosen = {str(value) for value in (field.value() or ())}
    return format_html('<div id="{}">{}</div>', field.auto_id, format_html_join("", (
        '<div><label for="{0}_{1}"><input type="checkbox" name="{2}" value="{3}" id="{0}_{1}"{4}> {5}</label></div>'
    ), ((field.auto_id, index, field.html_name, value, mark_safe(" checked") if str(value) in chosen else "", label)
        for index, (value, label) in enumerate(field.field.choices))))


def field_html(field) -> SafeString:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        control = _checkboxes(field)
        label = format_html('<span class="w-field__label">{}</span>', field.label)
    elif isinstance(widget, CommunePickerWidget | SectorPickerWidget):
        # The shared place and sector pickers (suggestions by name or code), drawn by their own templates.
        control = field.as_widget()
        label = format_html('<label class="w-field__label" for="{}">{}</label>', field.auto_id, field.label)
    else:
        if isinstance(widget, forms.Select):
            control = _select(field)
        else:
            control = _input(field, "number" if isinstance(widget, forms.NumberInput) else "text")
        label = format_html('<label class="w-field__label" for="{}">{}</label>', field.auto_id, field.label)
    help_text = format_html('<p class="help" id="{}_helptext">{}</p>', field.auto_id, field.help_text) if field.help_text else ""
    return format_html('<div class="w-field">{}{}{}{}</div>', label, control, help_text, _errors(field))


def panel_html(form) -> SafeString:
    return mark_safe("".join(field_html(form[name]) for name in PANEL_FIELDS))  # noqa: S308  (each part escaped)


def importance_html(criteria_rows, importance_choices) -> SafeString:
    """One line per criterion: the "indispensable" box and the importance select."""
    return format_html_join("", (
        '<div class="matching-criterion"><label><input type="checkbox" name="required" value="{0}" '
        'aria-label="Indispensable : {1}"{2}> {1}</label><select name="importance_{0}" aria-label="Importance : {1}">'
        '{3}</select></div>'
    ), ((name, label, mark_safe(" checked") if checked else "", format_html_join("", '<option value="{}"{}>{}</option>', (
        (value, mark_safe(" selected") if value == importance else "", text) for value, text in importance_choices
    ))) for name, label, importance, checked in criteria_rows))


def rows_html(rows) -> SafeString:
    """The result rows (matching.js draws the same cells from the JSON endpoint)."""
    return format_html_join("", (
        '<tr data-profile="{}"><td class="matching-percent"><strong>{} %</strong></td><td><a href="{}">{}</a>{}{}{}</td>'
        '<td class="matching-place">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>'
    ), ((row["id"], row["percent"], row["url"], row["headline"],
         mark_safe(' <span class="status-tag" title="Vous avez déjà visualisé ce profil">Déjà vu</span>') if row["seen"] else "",
         mark_safe(' <span class="status-tag primary">Retenu</span>') if row["retained"] else "",
         format_html('<p class="matching-why">{}</p>', row["why"]) if row["why"] else "",
         row["place"], row["years"], row["last_login"], row["updated"]) for row in rows))
