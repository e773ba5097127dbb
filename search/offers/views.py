"""Public offer pages: /offres/ (search), the offer page (410 once closed), applying, my applications."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from wagtail.rich_text import expand_db_html

from portal.accounts.emails import absolute_url
from portal.candidates.navigation import SECTIONS
from portal.candidates.views.access import candidate_required, posted
from portal.reference.geo import GeoError
from portal.reference.jsonld import script_json
from portal.reference.selectors import commune_label
from recruiters.choices import ApplicationStatus
from recruiters.models import Application
from recruiters.selectors import augmented_media_for_offer, public_offer_by_slug, published_offers
from recruiters.services_offers import application_submit
from recruiters.visiotalent.selectors import open_interviews_by_application

from .forms import DEFAULT_RADIUS, DEPARTMENT, ApplyForm, OfferSearchForm
from .query import OfferQuery, offer_search, offers_for_hits, similar_offers

PAGE_SIZE = 20
# The radii a search around a place that found nothing proposes, before the whole department.
WIDER_RADII = (50, 100)

# What a candidate sees of the recruiters' status: no internal wording such as "Écarté".
CANDIDATE_STATUS = {
    ApplicationStatus.NEW: "Envoyée",
    ApplicationStatus.TO_CONTACT: "En cours d'étude",
    ApplicationStatus.INTERVIEW: "Entretien proposé",
    ApplicationStatus.HIRED: "Retenue",
    ApplicationStatus.REJECTED: "Non retenue",
}


def _place_words(query: OfferQuery, commune) -> str:
    """ "dans un rayon de 30 km autour de Clermont-Ferrand (63)": where the search looked."""
    if query.department:
        return f"dans le département {commune.department.name} ({commune.department_id})"
    if query.radius_km:
        return f"dans un rayon de {query.radius_km} km autour de {commune_label(commune)}"
    return f"à {commune_label(commune)}"


def _offer_query(data) -> OfferQuery:
    commune = data.get("commune")
    radius = data.get("radius") or DEFAULT_RADIUS
    return OfferQuery(
        keywords=data.get("q") or "",
        commune=commune.pk if commune else None,
        radius_km=int(radius) if radius.isdigit() else 0,
        department=commune.department_id if commune and radius == DEPARTMENT else "",
        contract_type=data.get("contract_type") or "",
        working_time=data.get("working_time") or "",
        sector=data["sector"].pk if data.get("sector") else "",
    )


def _wider_searches(request, query: OfferQuery, commune) -> list[dict]:
    """When a search around a place finds nothing: the wider searches that would find something, with
    how many offers each finds (a count on the index each, only for an empty result)."""
    steps = [("100", 100)] if query.department else [(str(r), r) for r in WIDER_RADII if r > query.radius_km]
    if not query.department:
        steps.append((DEPARTMENT, 0))
    steps.append(("", 0))
    options = []
    for radius, km in steps:
        wider = replace(query, radius_km=km, department=commune.department_id if radius == DEPARTMENT else "",
                        commune=commune.pk if radius else None)
        try:
            count = offer_search(wider).count()
        except GeoError:
            continue
        if not count:
            continue
        params = request.GET.copy()
        for name in ("page", "commune_label", "commune", "radius"):
            params.pop(name, None)
        if radius == DEPARTMENT:
            label = f"Tout le département ({commune.department.name})"
        elif radius:
            label = f"Élargir à {km} km"
        else:
            label = "Partout, sans lieu"
        if radius:
            params.update({"commune": commune.pk, "radius": radius})
        options.append({"label": label, "count": count, "querystring": params.urlencode()})
    return options


def offer_list(request):
    form = OfferSearchForm(request.GET or None)
    page, offers, wider, where = None, [], [], ""
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        query, commune = _offer_query(data), data.get("commune")
        try:
            results = offer_search(query)
        except GeoError:
            form.add_error("radius", f"La commune {commune_label(commune)} n'a pas de coordonnées connues : "
                                     "choisissez « Dans la commune » ou « Tout le département ».")
        else:
            paginator = Paginator(results, PAGE_SIZE)
            try:
                page = paginator.page(request.GET.get("page") or 1)
            except (EmptyPage, PageNotAnInteger):
                page = paginator.page(1) if paginator.count else None
            if page is not None:
                offers = offers_for_hits(
                    page.object_list, published_offers().select_related("company", "commune")
                )
            if commune is not None:
                where = _place_words(query, commune)
                if not paginator.count:
                    wider = _wider_searches(request, query, commune)
    params = request.GET.copy()
    params.pop("page", None)
    status = 400 if form.errors else 200
    return render(
        request,
        "search/offers/list.html",
        {"form": form, "page": page, "offers": offers, "querystring": params.urlencode(), "where": where,
         "wider": wider},
        status=status,
    )


def _job_posting(offer) -> str:
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": offer.title,
        "description": expand_db_html(offer.description or offer.missions or "") or offer.title,
        "identifier": {"@type": "PropertyValue", "name": offer.company.name, "value": offer.reference},
        "datePosted": offer.published_at.date().isoformat() if offer.published_at else None,
        "validThrough": offer.expires_at.isoformat() if offer.expires_at else None,
        "employmentType": {
            "CDI": "FULL_TIME" if offer.working_time == "FULL_TIME" else "PART_TIME",
            "CDD": "TEMPORARY",
            "INTERIM": "TEMPORARY",
            "STAGE": "INTERN",
            "ALTERNANCE": "INTERN",
            "INDEPENDANT": "CONTRACTOR",
        }.get(offer.contract_type, "OTHER"),
        "hiringOrganization": {"@type": "Organization", "name": offer.company.name},
        "url": absolute_url(reverse("offers:detail", args=[offer.slug])),
    }
    if offer.commune_id:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": offer.commune.name,
                "addressCountry": "FR",
            },
        }
    if offer.remote_possible:
        data["jobLocationType"] = "TELECOMMUTE"
    if offer.salary_min or offer.salary_max:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "unitText": "YEAR",
                **({"minValue": offer.salary_min} if offer.salary_min else {}),
                **({"maxValue": offer.salary_max} if offer.salary_max else {}),
            },
        }
    return script_json({key: value for key, value in data.items() if value is not None})


def _offer_or_404(slug):
    offer = public_offer_by_slug(slug)
    if offer is None:
        raise Http404("Offre introuvable.")
    return offer


def _company_page_url(request, company) -> str:
    # The company page is a cms page (a layer above); its reverse accessor is read without importing cms.
    try:
        page = company.page
    except ObjectDoesNotExist:
        return ""
    return (page.get_url(request) or "") if page is not None and page.live else ""


def offer_detail(request, slug):
    offer = _offer_or_404(slug)
    if not offer.is_open:
        similar = similar_offers(offer, published_offers().select_related("company", "commune"))
        return render(request, "search/offers/gone.html", {"offer": offer, "similar": similar}, status=410)
    already = None
    if request.user.is_authenticated and getattr(request.user, "is_candidate", False):
        already = Application.objects.filter(offer=offer, candidate__user=request.user).first()
    return render(
        request,
        "search/offers/detail.html",
        {
            "offer": offer,
            "media": augmented_media_for_offer(offer),
            "job_posting": _job_posting(offer),
            "already_applied": already,
            "company_page_url": _company_page_url(request, offer.company),
        },
    )


@require_http_methods(["GET", "POST"])
@candidate_required
def offer_apply(request, slug):
    offer = _offer_or_404(slug)
    if not offer.is_open:
        messages.error(request, "Cette offre n'est plus ouverte aux candidatures.")
        return redirect("offers:detail", slug=offer.slug)
    profile = request.profile
    if Application.objects.filter(offer=offer, candidate=profile).exists():
        messages.info(
            request, "Vous avez déjà postulé à cette offre : votre candidature est bien enregistrée."
        )
        return redirect("offers:my_applications")
    form = ApplyForm(posted(request), request.FILES or None, profile=profile)
    if request.method == "POST" and form.is_valid():
        try:
            application_submit(
                offer=offer,
                candidate=profile,
                message=form.cleaned_data["message"],
                cv_file=form.cleaned_data["cv"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, "Votre candidature a bien été envoyée. Un e-mail de confirmation vous a été adressé."
            )
            return redirect("offers:my_applications")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "search/offers/apply.html", {"offer": offer, "form": form, "profile": profile}, status=status
    )


@candidate_required
def my_applications(request):
    applications = (
        Application.objects.filter(candidate=request.profile)
        .select_related("offer", "company")
        .order_by("-created_at")
    )
    interviews = open_interviews_by_application(request.profile)
    rows = [
        (application, CANDIDATE_STATUS[application.status], interviews.get(application.pk, []))
        for application in applications
    ]
    return render(request, "search/offers/my_applications.html",
                  {"rows": rows, "sections": SECTIONS, "profile": request.profile})
