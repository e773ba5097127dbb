"""The banner and logo choosers of the company page editor, and the preview of what a page publishes.

Each chooser is Wagtail's image chooser narrowed to one rule: it lists only images large enough to
become that image, and its upload tab refuses, in French, what cannot (too small, not JPG or PNG).
"""

from __future__ import annotations

import functools

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.images.views.chooser import (
    ImageChooseResultsView,
    ImageChooserViewSet,
    ImageChooseView,
    ImageUploadView,
)
from wagtail.permissions import policy_registry

from ..choices import IMAGE_RULES, ImageRule
from ..forms import RULE_KEYS, render_published_image
from ..images import read_source, source_problem


@functools.cache
def company_image_upload_form(rule: ImageRule) -> type[forms.ModelForm]:
    """Wagtail's image upload form, refusing what cannot become this rule's published image."""

    # Title and file only: tags and description mean nothing for a banner or a logo.
    class CompanyImageUploadForm(get_image_form(get_image_model(), fields=("title", "file"))):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            field = self.fields["file"]
            field.help_text = (
                f"Une image JPG ou PNG d'au moins {rule.size} ({field.max_upload_size // 1024**2} Mo et "
                f"{field.max_image_pixels // 1_000_000} millions de pixels au plus) : elle "
                f"sera recadrée à {rule.size} autour de son point focal et allégée à {rule.max_kb} Ko."
            )

        def clean_file(self):
            file = self.cleaned_data.get("file")
            if file:
                problem = source_problem(read_source(file), rule)
                if problem:
                    raise ValidationError(problem, code="unusable_image")
            return file

    CompanyImageUploadForm.__name__ = f"CompanyImageUploadForm_{RULE_KEYS[rule]}"
    return CompanyImageUploadForm


class CompanyImageRuleMixin:
    rule: ImageRule | None = None

    def get_creation_form_class(self):
        return company_image_upload_form(self.rule)

    def get_object_list(self):
        return super().get_object_list().filter(width__gte=self.rule.width, height__gte=self.rule.height)


class CompanyImageChooseView(CompanyImageRuleMixin, ImageChooseView):
    pass


class CompanyImageChooseResultsView(CompanyImageRuleMixin, ImageChooseResultsView):
    pass


class CompanyImageUploadView(CompanyImageRuleMixin, ImageUploadView):
    pass


class CompanyImageChooserViewSet(ImageChooserViewSet):
    choose_view_class = CompanyImageChooseView
    choose_results_view_class = CompanyImageChooseResultsView
    create_view_class = CompanyImageUploadView
    register_widget = False

    def __init__(self, name, *, rule: ImageRule, **kwargs):
        self.rule = rule
        super().__init__(name, **kwargs)

    @property
    def choose_view(self):
        return self.construct_view(
            self.choose_view_class,
            rule=self.rule,
            icon=self.icon,
            page_title=self.page_title,
            search_tab_label=self.search_tab_label,
            creation_tab_label=self.creation_tab_label,
        )

    @property
    def choose_results_view(self):
        return self.construct_view(self.choose_results_view_class, rule=self.rule)

    @property
    def create_view(self):
        return self.construct_view(self.create_view_class, rule=self.rule)


def company_image_chooser_viewsets() -> list[CompanyImageChooserViewSet]:
    return [
        CompanyImageChooserViewSet(
            f"cms_{key}_chooser",
            rule=rule,
            model=get_image_model(),
            url_prefix=f"pages-entreprise/images/{key}",
            choose_one_text=f"Choisir {rule.noun}",
            page_title=f"Choisir {rule.noun}",
        )
        for key, rule in IMAGE_RULES.items()
    ]


def published_image_preview(request, rule_key: str):
    """The published crop of ``?image=<id>`` for one rule, as the editor shows it under the chooser."""
    rule = IMAGE_RULES.get(rule_key)
    if rule is None:
        raise Http404
    image = None
    image_id = request.GET.get("image", "")
    if image_id:
        if not image_id.isdigit():
            raise Http404
        image = get_object_or_404(get_image_model(), pk=image_id)
        policy = policy_registry.get_by_type(get_image_model())
        if not policy.user_has_permission_for_instance(request.user, "choose", image):
            raise PermissionDenied
    return HttpResponse(render_published_image(image, rule))
