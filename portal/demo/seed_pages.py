"""Company pages of the demo, published the way a recruiter and a moderator publish them.

The recruiter's draft is created by "Ma page entreprise" (``company_page_get_or_create``), filled,
checked against the publication rules, submitted to the moderation workflow by the recruiter and
approved by the moderator: the page is live and its history shows the submission and the approval.
"""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

from cms.models import CompanyBenefit, CompanyEditorAccess, CompanyNews, CompanyPage
from cms.services import company_page_get_or_create
from cms.validators import publication_errors

from .companies import CompanySpec, social_url
from .images import banner_jpeg, illustration_jpeg, logo_png

APPROVAL_COMMENT = "Page complète et conforme à la charte : publiée. Merci !"


def _image(*, title: str, data: bytes, filename: str, collection, user):
    Image = get_image_model()
    existing = Image.objects.filter(title=title, collection=collection).first()
    if existing is not None:
        return existing
    image = Image(title=title, collection=collection, uploaded_by_user=user)
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image._set_image_file_metadata()
    image.save()
    return image


def _paragraphs(texts) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def _body(spec: CompanySpec) -> list[tuple[str, dict]]:
    blocks = []
    if spec.quote:
        text, author, role = spec.quote
        blocks.append(("quote", {"text": text, "author": author, "role": role}))
    if spec.labels:
        blocks.append(("labels", {
            "heading": "Labels et certifications",
            "items": [{"name": name, "year": year, "logo": None} for name, year in spec.labels],
        }))
    return blocks


def company_page_fill(*, page: CompanyPage, spec: CompanySpec, user) -> CompanyPage:
    """Everything a recruiter fills in on "Ma page entreprise", with the generated banner and logo."""
    access = CompanyEditorAccess.objects.get(company=page.company)
    subtitle = f"{spec.town_name} · {page.company.commune.department.name}"
    page.banner = _image(title=f"Bannière {spec.name}", filename=f"banniere-{spec.key}.jpg",
                         data=banner_jpeg(name=spec.name, subtitle=subtitle, brand=spec.brand),
                         collection=access.collection, user=user)
    page.logo = _image(title=f"Logo {spec.name}", filename=f"logo-{spec.key}.png",
                       data=logo_png(name=spec.name, brand=spec.brand), collection=access.collection, user=user)
    page.tagline = spec.tagline
    page.website = spec.website
    page.description = _paragraphs(spec.description)
    for field_name, handle in spec.socials:
        setattr(page, field_name, social_url(field_name, handle))
    page.spontaneous_applications_enabled = spec.spontaneous
    page.spontaneous_applications_email = f"candidatures@{spec.key}.example" if spec.spontaneous else ""
    page.benefits = [CompanyBenefit(kind=kind, detail=detail) for kind, detail in spec.benefits]
    today = timezone.localdate()
    news = []
    for position, item in enumerate(spec.news):
        image = None
        if position == 0:
            image = _image(title=f"Actualité {spec.name} : {item.title}"[:255], filename=f"actualite-{spec.key}.jpg",
                           data=illustration_jpeg(brand=spec.brand),
                           collection=access.collection, user=user)
        news.append(CompanyNews(date=today - timedelta(days=item.days_ago), title=item.title,
                                text=item.text, image=image))
    page.news = news
    page.body = _body(spec)
    page.search_description = spec.tagline
    return page


def company_page_publish(*, spec: CompanySpec, company, recruiter_user, moderator) -> CompanyPage:
    """The company's page, live after the moderation workflow (idempotent: a live page is left alone)."""
    page = company_page_get_or_create(company=company, user=recruiter_user).specific
    if page.live:
        return page
    company_page_fill(page=page, spec=spec, user=recruiter_user)
    errors = publication_errors(
        banner=page.banner, logo=page.logo, description=page.description,
        spontaneous_applications_enabled=page.spontaneous_applications_enabled,
        spontaneous_applications_email=page.spontaneous_applications_email,
    )
    if errors:
        raise ValidationError(errors)
    page.save_revision(user=recruiter_user, log_action=True)
    workflow = page.get_workflow()
    if workflow is None:
        raise ValidationError("Company pages have no moderation workflow: run cms.services.site_ensure().")
    state = workflow.start(page, recruiter_user)
    state.current_task_state.approve(user=moderator, comment=APPROVAL_COMMENT)
    page.refresh_from_db()
    return page
