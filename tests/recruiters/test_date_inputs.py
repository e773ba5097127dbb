"""Every date-like input of the project shows the value it was given.

An ``<input type="date">`` (or month, time, datetime-local) only accepts ISO values: a value rendered
in the French format ("13/01/2027") shows an empty box, and the form then posts the date back empty.
This walks every form the project defines (form and formset classes, django-filter filter sets,
Wagtail edit handlers of the project's pages, settings and modeladmin models) and renders each
date-like input with a value taken from a stored object.
"""

import datetime
import importlib
import pkgutil
import re
from pathlib import Path

import django_filters
import pytest
from django import forms
from django.forms.formsets import BaseFormSet
from django.utils import timezone, translation
from wagtail.admin.panels import get_edit_handler
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import get_page_models

from tests.forms_inventory import PROJECT_PACKAGES, ROOT, _walk_urlconf, template_files

SKIPPED_MODULE_PARTS = {"migrations", "management", "settings", "tests"}
DATE_LIKE = {
    "date": re.compile(r"^2027-01-13$"),
    "month": re.compile(r"^2027-01$"),
    "time": re.compile(r"^09:30(:00)?$"),
    "datetime-local": re.compile(r"^2027-01-13T09:30(:00)?$"),
    "week": re.compile(r"^2027-W02$"),
}
VALUE = re.compile(r"""\bvalue\s*=\s*"([^"]*)\"""")
STORED_DATETIME = datetime.datetime(2027, 1, 13, 9, 30)


def project_modules():
    for package in PROJECT_PACKAGES:
        root = importlib.import_module(package)
        yield root
        for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
            if SKIPPED_MODULE_PARTS.isdisjoint(info.name.split(".")) and not info.name.endswith(("wsgi", "asgi")):
                yield importlib.import_module(info.name)


def _is_project(cls):
    return cls.__module__.split(".")[0] in PROJECT_PACKAGES


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def _fields_of_form_class(cls):
    """The fields of a form as the page renders them: from an instance when it builds without arguments."""
    try:
        return dict(cls().fields)
    except Exception:  # noqa: BLE001 - forms needing arguments are read from their class
        return dict(cls.base_fields)


def _model_of(cls):
    meta = getattr(cls, "_meta", None)
    return getattr(meta, "model", None)


def project_forms():
    """{name: (model or None, {field name: form field})} for every form the project can render."""
    found = {}

    def add_form_class(cls, name=None):
        found.setdefault(name or f"{cls.__module__}.{cls.__qualname__}", (_model_of(cls), _fields_of_form_class(cls)))

    def add_filterset(cls):
        fields = {name: flt.field for name, flt in cls.base_filters.items()}
        found.setdefault(f"{cls.__module__}.{cls.__qualname__}", (cls._meta.model, fields))

    for module in list(project_modules()):
        for attr, obj in vars(module).items():
            # Formsets made by a factory belong to django.forms, and so do their row forms: found by name.
            if isinstance(obj, type) and issubclass(obj, BaseFormSet) and hasattr(obj, "form"):
                add_form_class(obj.form, f"{module.__name__}.{attr}.form")
    for cls in _all_subclasses(forms.BaseForm):
        if _is_project(cls):
            add_form_class(cls)
    for cls in _all_subclasses(django_filters.FilterSet):
        if _is_project(cls):
            add_filterset(cls)

    # Forms Wagtail builds from panels: page editors, site settings, wagtail-modeladmin create/edit views.
    models = [m for m in get_page_models() if _is_project(m) and not m._meta.abstract]
    models += [m for m in settings_registry if _is_project(m)]
    from django.urls import get_resolver

    for pattern in _walk_urlconf(get_resolver().url_patterns):
        model_admin = getattr(pattern.callback, "__self__", None)
        if hasattr(model_admin, "permission_helper") and _is_project(model_admin.model):
            models.append(model_admin.model)
    for model in dict.fromkeys(models):
        form_class = get_edit_handler(model).get_form_class()
        found.setdefault(f"wagtail:{model._meta.label}", (model, dict(form_class.base_fields)))
    return found


def _stored_value(model, name, field):
    """What the form gets from a saved object for this field."""
    model_field = None
    if model is not None:
        try:
            model_field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a form-only field
            model_field = None
    kind = type(model_field).__name__ if model_field is not None else type(field).__name__
    if "DateTime" in kind:
        return timezone.make_aware(STORED_DATETIME)
    if "Time" in kind:
        return STORED_DATETIME.time()
    return STORED_DATETIME.date()


def _widgets(widget):
    yield widget
    for sub in getattr(widget, "widgets", []):
        yield from _widgets(sub)


def date_like_problems(project):
    """[(form, field, input type, rendered value)] for every date-like input that renders a non-ISO value."""
    problems, checked = [], []
    with translation.override("fr"), timezone.override("Europe/Paris"):
        for form_name, (model, fields) in sorted(project.items()):
            for name, field in fields.items():
                for widget in _widgets(field.widget):
                    input_type = getattr(widget, "input_type", None) or widget.attrs.get("type")
                    input_type = widget.attrs.get("type", input_type)
                    if input_type not in DATE_LIKE:
                        continue
                    value = field.prepare_value(_stored_value(model, name, field))
                    if widget is not field.widget:
                        value = widget.format_value(value)
                    html = str(widget.render(name, value))
                    rendered = VALUE.search(html)
                    shown = rendered.group(1) if rendered else ""
                    checked.append((form_name, name))
                    if not DATE_LIKE[input_type].match(shown):
                        problems.append((form_name, name, input_type, shown))
    return problems, checked


@pytest.fixture(scope="module")
def project(django_db_blocker):
    with django_db_blocker.unblock():
        return project_forms()


def test_every_date_like_input_renders_an_iso_value(project):
    problems, _ = date_like_problems(project)
    assert problems == []


def test_the_walk_reaches_the_date_inputs_of_every_area(project):
    _, checked = date_like_problems(project)
    fields = {f"{form.rsplit('.', 1)[-1]}.{name}" for form, name in checked}
    assert {
        "JobOfferForm.start_date",
        "JobOfferForm.expires_at",
        "OfferFilter.created_after",
        "OfferFilter.created_before",
        "ApplicationFilter.received_after",
        "ApplicationFilter.received_before",
        "CampaignForm.deadline_date",
    } <= fields
    assert any(form.startswith("portal.candidates.") for form, _ in checked)
    assert any(form.startswith("wagtail:cms.") for form in project)


def test_the_check_catches_a_localised_date_input():
    class Careless(forms.Form):
        day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
        month = forms.DateField(widget=forms.DateInput(attrs={"type": "month"}))
        moment = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
        hour = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}, format="%Hh%M"))

    problems, _ = date_like_problems({"Careless": (None, Careless.base_fields)})
    assert {field: shown for _, field, _, shown in problems} == {
        "day": "13/01/2027", "hour": "09h30", "moment": "13/01/2027 09:30:00", "month": "13/01/2027",
    }


HAND_WRITTEN = re.compile(r"<input\b[^>]*\btype=[\"'](date|month|time|datetime-local|week)[\"'][^>]*>", re.I)
ISO_FILTERS = {"date": '|date:"Y-m-d"', "month": '|date:"Y-m"', "time": '|time:"H:i"',
               "datetime-local": '|date:"Y-m-d\\TH:i"', "week": '|date:"o-\\WW"'}


def test_hand_written_date_inputs_format_their_value_as_iso():
    problems = []
    for path in [*template_files(), *Path(ROOT).glob("*/static/**/*.js"), *Path(ROOT).glob("*/*/static/**/*.js")]:
        for match in HAND_WRITTEN.finditer(path.read_text(encoding="utf-8")):
            tag, kind = match.group(0), match.group(1).lower()
            if "value=" in tag and ISO_FILTERS[kind] not in tag:
                problems.append(f"{path.relative_to(ROOT)}: {tag}")
    assert problems == []
