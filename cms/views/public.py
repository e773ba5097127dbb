"""Context of the public company pages and their listing, and the spontaneous-application route.

Page models call these with their querysets and pages; this module never imports ``cms.models``
(the models import it), so it reads pages only through what it is given.
"""

from __future__ import annotations

import logging
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.images import get_image_model

from portal.accounts.emails import absolute_url
from portal.candidates.selectors import candidate_profile_for_user
from portal.candidates.services import candidate_profile_create
from portal.reference.text import fold
from recruiters import selectors as recruiter_selectors
from recruiters.services_offers import application_submit_spontaneous
from search.offers.forms import ApplyForm

from ..choices import BANNER_RULE, COMPANY_PAGES_PER_PAGE, LOGO_RULE, Benefit
from ..forms import CompanyFilterForm
from ..images import published_rendition

logger = logging.getLogger(__name__)

LISTING_LOGO_FILTER = "fill-96x96"
# Smaller banners for small screens, cut like the published one (the largest is the published one).
BANNER_SMALLER_SPECS = ("exactfill-760x400|maxweight-100", "exactfill-1200x632|maxweight-100")


def with_card_data(pages: QuerySet) -> QuerySet:
    """What a company card reads (company, place, sector, benefits, logo rendition) in 4 queries."""
    return pages.select_related("company__commune", "company__naf_sector").prefetch_related(
        "benefits",
        Prefetch("logo", queryset=get_image_model().objects.prefetch_renditions(LISTING_LOGO_FILTER)),
    )


def filter_company_pages(
    pages: QuerySet, *, q: str = "", secteur: str = "", departement: str = "", avantages=()
) -> QuerySet:
    """Narrow published company pages: every word of ``q`` (accents and case ignored), the NAF
    section of the company, its department, and all the chosen benefits."""
    for term in fold(q or "").split():
        pages = pages.filter(search_text__contains=term)
    if secteur:
        pages = pages.filter(company__naf_sector__section=secteur)
    if departement:
        pages = pages.filter(company__commune__department_id=departement)
    for kind in avantages or ():
        pages = pages.filter(benefits__kind=kind)
    return pages


def _filter_choices(pages: QuerySet) -> tuple[list, list]:
    sectors = (
        pages.filter(company__naf_sector__isnull=False)
        .order_by("company__naf_sector__section")
        .values_list("company__naf_sector__section", "company__naf_sector__section_label")
        .distinct()
    )
    departments = (
        pages.filter(company__commune__isnull=False)
        .order_by("company__commune__department_id")
        .values_list("company__commune__department_id", "company__commune__department__name")
        .distinct()
    )
    return list(sectors), [(code, f"{name} ({code})") for code, name in departments]


def company_listing_context(request, *, pages: QuerySet) -> dict:
    """The "Entreprises" listing: filter form, one page of results and the query string to keep."""
    sectors, departments = _filter_choices(pages)
    form = CompanyFilterForm(request.GET or None, sectors=sectors, departments=departments)
    if form.is_bound and form.is_valid():
        results = filter_company_pages(pages, **form.cleaned_data)
    elif form.is_bound:
        results = pages.none()
    else:
        results = pages
    results = with_card_data(results).order_by("title", "pk")
    paginator = Paginator(results, COMPANY_PAGES_PER_PAGE)
    page_of_results = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "filter_form": form,
        "companies": page_of_results,
        "paginator": paginator,
        "page_range": paginator.get_elided_page_range(page_of_results.number, on_each_side=1, on_ends=1),
        "querystring": params.urlencode(),
        "is_filtered": bool(form.is_bound and (not form.is_valid() or any(form.cleaned_data.values()))),
        "benefit_labels": dict(Benefit.choices),
    }


def company_published_offers(company):
    """The company's published offers for its page, or None while the offers feature does not exist.

    Contract with the job-offers feature: ``recruiters.selectors.company_published_offers(*, company)``
    returns the published offers of the company (objects with ``title`` and ``get_absolute_url()``);
    the section of ``templates/cms/includes/company_offers.html`` appears as soon as it exists.
    """
    selector = getattr(recruiter_selectors, "company_published_offers", None)
    if selector is None or company is None:
        return None
    return selector(company=company)


def _absolute(url: str) -> str:
    """Public address of a path: the configured SITE_URL, as in e-mails, whatever host was asked."""
    return url if url.startswith(("http://", "https://")) else absolute_url(url)


def _summary(page) -> str:
    text = page.tagline or " ".join(strip_tags(page.description or "").split())
    return Truncator(text).chars(200)


def published_images(page) -> dict:
    """The banner (with smaller cuts for small screens) and logo the page serves, None when missing."""
    images = {"banner": None, "banner_smaller": [], "logo": None}
    try:
        if page.banner_id:
            images["banner"] = published_rendition(page.banner, BANNER_RULE)
            images["banner_smaller"] = [page.banner.get_rendition(spec) for spec in BANNER_SMALLER_SPECS]
        if page.logo_id:
            images["logo"] = published_rendition(page.logo, LOGO_RULE)
    except (OSError, ValueError):
        # A file lost from the media storage: the page still shows, without its picture.
        logger.exception("Company page %s: banner or logo rendition failed", page.pk)
    return images


def organization_data(request, page, page_url: str, images: dict | None = None) -> dict:
    """schema.org ``Organization`` of a company page, for its JSON-LD."""
    company = page.company
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": page.title,
        "url": page.website or page_url,
        "description": _summary(page),
    }
    images = images if images is not None else published_images(page)
    if images["logo"]:
        data["logo"] = _absolute(images["logo"].url)
    if images["banner"]:
        data["image"] = _absolute(images["banner"].url)
    if company is not None and company.commune_id:
        data["address"] = {
            "@type": "PostalAddress",
            "addressLocality": company.commune.name,
            "addressRegion": company.commune.department.name,
            "addressCountry": "FR",
        }
    same_as = [url for _label, url in page.social_links()]
    if page.website:
        same_as.append(page_url)
    if same_as:
        data["sameAs"] = same_as
    return data


def company_page_context(request, *, page) -> dict:
    page_url = _absolute(page.get_url(request) or request.path)
    share_text = f"{page.title} recrute en région : découvrez l'entreprise sur Vivier."
    images = published_images(page)
    return {
        "page_url": page_url,
        "summary": _summary(page),
        "og_image": _absolute(images["banner"].url) if images["banner"] else "",
        "published_banner": images["banner"],
        "banner_smaller": images["banner_smaller"],
        "published_logo": images["logo"],
        "organization": organization_data(request, page, page_url, images),
        "share_linkedin_url": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": page_url}),
        "share_email_url": "mailto:?"
        + urlencode({"subject": f"{page.title} sur Vivier", "body": f"{share_text}\n{page_url}"}, quote_via=quote),
        "news_items": sorted(page.news.all(), key=lambda item: item.date, reverse=True),
        "offers": company_published_offers(page.company),
        "apply_url": page.url + page.reverse_subpage("apply") if page.spontaneous_applications_enabled else "",
    }


def company_page_apply(request, *, page):
    """"Postuler spontanément": who may apply and how.

    The application form and its storage (profile CV or a new file, message, forwarding and
    acknowledgement) belong to the job-offers feature, which replaces the mail fallback below by its
    form; until then a signed-in candidate writes to the address the company chose.
    """
    if not page.spontaneous_applications_enabled or not page.spontaneous_applications_email:
        raise Http404("Cette entreprise ne reçoit pas de candidatures spontanées.")
    user = request.user
    next_path = request.get_full_path()
    form = None
    if user.is_authenticated and getattr(user, "is_candidate", False) and user.email_confirmed_at and page.company:
        profile = candidate_profile_for_user(user=user) or candidate_profile_create(user=user)
        form = ApplyForm(request.POST or None, request.FILES or None, profile=profile)
        if request.method == "POST" and form.is_valid():
            try:
                application_submit_spontaneous(
                    company=page.company, candidate=profile, message=form.cleaned_data["message"],
                    cv_file=form.cleaned_data["cv"], forward_to=page.spontaneous_applications_email,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, "Votre candidature spontanée a bien été envoyée.")
                return redirect("offers:my_applications")
    context = {
        "form": form,
        "page": page,
        "self": page,
        "is_candidate": bool(user.is_authenticated and getattr(user, "is_candidate", False)),
        "login_url": f"{reverse('accounts:login')}?{urlencode({'next': next_path})}",
        "signup_url": f"{reverse('candidates:signup')}?{urlencode({'next': next_path})}",
        "mailto_url": "mailto:"
        + page.spontaneous_applications_email
        + "?"
        + urlencode({"subject": f"Candidature spontanée – {page.title}"}, quote_via=quote),
    }
    status = 400 if form is not None and request.method == "POST" else 200
    return TemplateResponse(request, "cms/company_page_apply.html", context, status=status)
