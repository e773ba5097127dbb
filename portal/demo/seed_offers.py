"""Offers of the demo companies, and the life around them: applications, the recruiter's work on them
(statuses, comments, e-mails), spontaneous applications and a Visiotalent campaign with recorded answers.

Everything goes through the services the site uses (``job_offer_create``, ``application_submit``,
``application_status_set``, ``interview_answer_upload``...). The services stamp everything "now";
a demo needs a past, so dates are moved back afterwards (offers published weeks ago, applications
received since, expired offers past their date), always in an order the product could have produced.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.candidates.models import CandidateProfile
from portal.reference.french import de
from portal.reference.models import Commune
from recruiters.choices import (
    ApplicationStatus,
    AugmentedMediaType,
    AugmentedPlacement,
    EmailTemplateKind,
    OfferStatus,
)
from recruiters.models import (
    Application,
    ApplicationEvent,
    AugmentedOfferRule,
    InterviewCampaign,
    InterviewInvitation,
    JobOffer,
)
from recruiters.services_offers import (
    AugmentedImageRow,
    application_comment_add,
    application_email_send,
    application_mark_seen,
    application_status_set,
    application_submit,
    application_submit_spontaneous,
    augmented_rule_save,
    email_template_for,
    job_offer_close,
    job_offer_create,
    job_offer_publish,
    job_offers_expire,
    render_email_template,
)
from recruiters.visiotalent.services import (
    campaign_save,
    interview_answer_upload,
    interview_complete,
)

from .companies import CLOSED, DRAFT, EXPIRED, CompanySpec, Opening
from .cv import french_date
from .images import figures_jpeg
from .people import Person
from .trades import Job
from .webm import grey_webm

NEW, TO_CONTACT, INTERVIEW, HIRED, REJECTED = (
    ApplicationStatus.NEW, ApplicationStatus.TO_CONTACT, ApplicationStatus.INTERVIEW, ApplicationStatus.HIRED,
    ApplicationStatus.REJECTED,
)
# What the recruiter has done with the applications of an offer, in the order they arrived.
STATUS_PLANS = {
    "published": (NEW, TO_CONTACT, INTERVIEW, REJECTED, NEW, TO_CONTACT),
    CLOSED: (HIRED, REJECTED, REJECTED, INTERVIEW),
    EXPIRED: (REJECTED, NEW, TO_CONTACT),
}
CAMPAIGN_JOB = "Technicien de maintenance industrielle"
CAMPAIGN_QUESTIONS = (
    ("Présentez-vous en quelques mots et dites-nous ce qui vous attire dans ce poste.", 30, 90),
    ("Racontez une panne difficile que vous avez résolue : comment avez-vous trouvé la cause ?", 45, 120),
    ("Comment organisez-vous la maintenance préventive quand la production ne peut pas s'arrêter ?", 45, 120),
)
RECRUITER_COMMENTS = {
    INTERVIEW: ("Bon échange au téléphone, vraie motivation pour le poste : entretien sur site à caler avec "
                "le responsable d'équipe.",
                "Parcours solide et disponible rapidement. Entretien prévu la semaine prochaine."),
    HIRED: ("Embauche confirmée : démarrage le 1er du mois prochain. Prévenir le tuteur et préparer l'accueil.",),
    TO_CONTACT: ("Profil intéressant, à appeler pour vérifier ses disponibilités.",),
}
CONTRACT_PHRASES = {"CDI": "en CDI", "CDD": "en CDD", "INTERIM": "en intérim", "ALTERNANCE": "en alternance",
                    "STAGE": "en stage", "INDEPENDANT": "en indépendant"}
REFUSAL_REASON = "nous avons retenu une candidature dont l'expérience correspond davantage au poste."


@dataclass
class Applicant:
    person: Person
    profile: CandidateProfile


@dataclass
class CompanyOffers:
    spec: CompanySpec
    offers: list[tuple[Opening, JobOffer]] = field(default_factory=list)
    applications: int = 0
    answers: int = 0
    deferred: list[tuple[Application, str]] = field(default_factory=list)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def offer_data(*, spec: CompanySpec, opening: Opening, job: Job, commune: Commune, rng: random.Random) -> dict:
    town = dict(spec.towns)[commune.insee]
    title = job.offer_title + (f" – {opening.qualifier}" if opening.qualifier else "")
    start_date = timezone.localdate() + timedelta(days=60 if opening.status in (CLOSED, EXPIRED) else rng.randint(14, 45))
    contract = opening.contract or job.contracts[0]
    positions = f" ({opening.positions} postes)" if opening.positions > 1 else ""
    offered = "".join(f"<li>{detail}</li>" for _kind, detail in spec.benefits[:3])
    description = (
        f"<p>Rejoignez {spec.name} à {town}. {spec.tagline}</p>"
        f"<p>Vous {job.summary}</p>"
        f"<p>Poste {CONTRACT_PHRASES[contract]} {'à temps partiel' if job.part_time else 'à temps plein'}, à "
        f"pourvoir à partir du {french_date(start_date)}{positions}.</p>"
        f"<p>Ce que nous vous offrons :</p><ul>{offered}</ul>"
    )
    return {
        "title": title,
        "description": description,
        "missions": "<ul>" + "".join(f"<li>{mission}</li>" for mission in job.missions) + "</ul>",
        "profile_sought": f"<p>{job.profile}</p>",
        "job_titles": [job.masculine],
        "min_years": job.min_years,
        "diploma_level": job.diploma[0],
        "diploma_field": job.diploma[1],
        "skills": list(job.skills),
        "contract_type": contract,
        "working_time": "PART_TIME" if job.part_time else "FULL_TIME",
        "commune": commune,
        "remote_possible": job.remote,
        "salary_min": job.salary[0],
        "salary_max": job.salary[1],
        "start_date": start_date,
        "positions": opening.positions,
    }


def augmented_seed(*, spec: CompanySpec, company, user) -> AugmentedOfferRule | None:
    """The company's key figures shown after the description of each of its offers (an augmented offer)."""
    if not spec.figures:
        return None
    data = figures_jpeg(title=f"{spec.name} en chiffres", figures=spec.figures, brand=spec.brand)
    caption = " · ".join(f"{number} {label}" for number, label in spec.figures)
    rule = AugmentedOfferRule(company=company, name="Nos chiffres clés", placement=AugmentedPlacement.AFTER_DESCRIPTION,
                              media_type=AugmentedMediaType.IMAGE)
    upload = SimpleUploadedFile(f"chiffres-{spec.key}.jpg", data, content_type="image/jpeg")
    return augmented_rule_save(rule=rule, user=user, offers=[], communes=[],
                               images=[AugmentedImageRow(upload=upload, caption=caption[:200])])


def campaign_seed(*, company, user) -> InterviewCampaign:
    campaign = InterviewCampaign(
        name="Entretien vidéo – maintenance industrielle",
        introduction="Bonjour et merci pour votre candidature ! Trois questions, quelques minutes : répondez "
                     "depuis votre téléphone ou votre ordinateur, quand vous voulez avant la date limite.",
        deadline_days=10,
        retries_allowed=1,
    )
    questions = [{"text": text, "preparation_seconds": prep, "max_answer_seconds": answer}
                 for text, prep, answer in CAMPAIGN_QUESTIONS]
    return campaign_save(campaign=campaign, company=company, user=user, questions=questions)


def offers_seed(*, spec: CompanySpec, company, user, sectors, languages_by_code, rng, campaign=None) -> CompanyOffers:
    """Create the company's offers (published unless a draft); closing and expiry come after the applications."""
    result = CompanyOffers(spec)
    communes = {c.insee: c for c in Commune.objects.filter(insee__in=[insee for insee, _ in spec.towns])}
    for opening in spec.openings:
        job = spec.trade.job(opening.job)
        data = offer_data(spec=spec, opening=opening, job=job, commune=communes[spec.towns[opening.town][0]], rng=rng)
        if campaign is not None and opening.job == CAMPAIGN_JOB and opening.status == "published":
            data["campaign"] = campaign
        languages = [{"language": languages_by_code[code], "level": level} for code, level in job.languages]
        offer = job_offer_create(company=company, user=user, data=data, sectors=sectors, languages=languages)
        if opening.status != DRAFT:
            offer = job_offer_publish(offer=offer)
        result.offers.append((opening, offer))
    return result


def _message(rng, person: Person, profile: CandidateProfile, spec: CompanySpec, job: Job) -> str:
    e = "e" if person.feminine else ""
    first, last = profile.user.first_name, profile.user.last_name
    title = _lower_first(job.title(person.feminine))
    years = person.years
    if years >= 1:
        experience = f"Fort{e} de {years} an{'s' if years > 1 else ''} d'expérience, je pense pouvoir être " \
                     f"rapidement opérationnel{'le' if person.feminine else ''}."
    else:
        experience = f"Jeune diplômé{e}, je suis motivé{e} pour apprendre à vos côtés."
    choices = (
        f"Bonjour,\n\nVotre offre {de(title)} a retenu toute mon attention. {experience} Je suis disponible "
        f"rapidement et serais ravi{e} d'échanger avec vous.\n\nCordialement,\n{first} {last}",
        f"Madame, Monsieur,\n\nJe connais {spec.name} de réputation et le poste correspond exactement à mon projet. "
        f"Vous trouverez mon CV en pièce jointe ; je me tiens à votre disposition pour un entretien.\n\n"
        f"Bien cordialement,\n{first} {last}",
        f"Bonjour,\n\nJ'habite à {person.town} et je cherche un poste {de(title)} près de chez moi. {experience}\n\n"
        f"Bonne journée,\n{first}",
        "",
    )
    return rng.choice(choices)


def _process(application: Application, status: str, *, user, rng) -> None:
    """The recruiter's work on one application: read it, decide, note, write to the candidate."""
    if status != NEW or rng.random() < 0.4:
        application_mark_seen(application=application, user=user)
    if status == NEW:
        return
    if status in (INTERVIEW, HIRED):
        application_status_set(applications=[application], status=TO_CONTACT, user=user)
    application_status_set(applications=[application], status=status, user=user)
    if status in RECRUITER_COMMENTS and rng.random() < 0.8:
        application_comment_add(application=application, user=user, text=rng.choice(RECRUITER_COMMENTS[status]))
    kind = {INTERVIEW: EmailTemplateKind.INTERVIEW, REJECTED: EmailTemplateKind.REFUSAL}.get(status)
    if kind is not None:
        template = email_template_for(company=application.company, kind=kind)
        subject, body = render_email_template(template, application, user, reason=REFUSAL_REASON)
        application_email_send(application=application, user=user, subject=subject, body=body)


def applications_seed(*, world: CompanyOffers, applicants: list[Applicant], user, rng,
                      demo: Applicant | None = None, demo_plan: dict[str, str] | None = None) -> list[Application]:
    """Candidates of the company's trade apply to its offers; the recruiter works through them.

    ``demo_plan`` maps job titles to the status the demo candidate's application reaches, so that the
    one candidate people log in as has applications in several states.
    """
    made = []
    for opening, offer in world.offers:
        if opening.status == DRAFT:
            continue
        job = world.spec.trade.job(opening.job)
        chosen = [a for a in applicants if a.person.job == opening.job]
        others = [a for a in applicants if a not in chosen]
        wanted = 4 if offer.campaign_id else rng.randint(2, 4)
        chosen += rng.sample(others, k=max(0, min(len(others), wanted - len(chosen))))
        plan = STATUS_PLANS.get(opening.status, STATUS_PLANS["published"])
        offset = rng.randrange(len(plan))
        statuses = [plan[(offset + i) % len(plan)] for i in range(len(chosen))]
        if opening.status == CLOSED:
            statuses = [plan[i % len(plan)] for i in range(len(chosen))]  # the first applicant was hired
        pairs = list(zip(chosen, statuses, strict=True))
        if demo is not None and demo_plan and opening.job in demo_plan and opening.status == "published":
            pairs.append((demo, demo_plan.pop(opening.job)))
        for applicant, status in pairs:
            application = application_submit(
                offer=offer, candidate=applicant.profile,
                message=_message(rng, applicant.person, applicant.profile, world.spec, job),
            )
            if offer.campaign_id:
                # Invited to the video interview on applying: the recruiter decides once they have answered.
                world.deferred.append((application, status))
            else:
                _process(application, status, user=user, rng=rng)
            made.append(application)
    world.applications += len(made)
    return made


def deferred_seed(*, world: CompanyOffers, user, rng) -> None:
    for application, status in world.deferred:
        _process(application, status, user=user, rng=rng)
    world.deferred.clear()


def spontaneous_seed(*, world: CompanyOffers, company, applicant: Applicant, status: str, user, rng,
                     message: str) -> Application:
    page = getattr(company, "page", None)
    forward_to = page.spontaneous_applications_email if page is not None else ""
    application = application_submit_spontaneous(
        company=company, candidate=applicant.profile, message=message, forward_to=forward_to,
    )
    _process(application, status, user=user, rng=rng)
    world.applications += 1
    return application


def answers_seed(*, world: CompanyOffers, campaign: InterviewCampaign, demo: Applicant | None) -> int:
    """Recorded answers: two candidates finished the video interview, one stopped half-way; the demo
    candidate's invitation is left open for whoever logs in as her."""
    invitations = list(
        InterviewInvitation.objects.filter(campaign=campaign).select_related("application__candidate")
        .order_by("pk")
    )
    others = [i for i in invitations if demo is None or i.application.candidate_id != demo.profile.pk]
    questions = list(campaign.questions.order_by("order"))
    answers = 0
    for position, invitation in enumerate(others[:3]):
        answered = questions if position < 2 else questions[:1]
        for number, question in enumerate(answered):
            seconds = 20 + 9 * number + 6 * position
            video = ContentFile(grey_webm(seconds=seconds), name="reponse.webm")
            interview_answer_upload(invitation=invitation, question=question, attempt=1, file=video,
                                    duration_seconds=float(seconds))
            answers += 1
        if position < 2:
            interview_complete(invitation=invitation)
    world.answers += answers
    return answers


def lifecycle_seed(*, world: CompanyOffers, rng) -> None:
    """Close the filled offers, let the old ones expire, and give every offer and application its past."""
    now = timezone.now()
    for opening, offer in world.offers:
        if opening.status == DRAFT:
            JobOffer.objects.filter(pk=offer.pk).update(created_at=now - timedelta(days=rng.randint(1, 4)))
            continue
        if opening.status == EXPIRED:
            published = now - timedelta(days=rng.randint(66, 90))
        elif opening.status == CLOSED:
            published = now - timedelta(days=rng.randint(40, 60))
        elif offer.campaign_id:
            published = now - timedelta(days=rng.randint(4, 6))
        else:
            published = now - timedelta(days=rng.randint(3, 35))
        expires = published + timedelta(days=60)
        JobOffer.objects.filter(pk=offer.pk).update(
            created_at=published - timedelta(days=1), published_at=published, expires_at=expires,
        )
        end = now
        if opening.status == CLOSED:
            job_offer_close(offer=offer)
            end = now - timedelta(days=rng.randint(2, 12))
            JobOffer.objects.filter(pk=offer.pk).update(closed_at=end)
        elif opening.status == EXPIRED:
            end = expires
        _backdate_applications(offer, start=published, end=end, rng=rng)
    job_offers_expire(now=now)
    for opening, offer in world.offers:
        if opening.status == EXPIRED:
            JobOffer.objects.filter(pk=offer.pk, status=OfferStatus.EXPIRED).update(
                closed_at=JobOffer.objects.get(pk=offer.pk).expires_at
            )


def _backdate_applications(offer: JobOffer, *, start, end, rng) -> None:
    applications = list(Application.objects.filter(offer=offer).order_by("pk"))
    span = (end - start).total_seconds()
    for index, application in enumerate(applications):
        received = start + timedelta(seconds=span * (0.05 + 0.5 * (index + rng.random()) / max(1, len(applications))))
        _backdate_history(application, received=received, end=end)


def backdate_spontaneous(application: Application, *, days_ago: int) -> None:
    now = timezone.now()
    _backdate_history(application, received=now - timedelta(days=days_ago), end=now)


def _backdate_history(application: Application, *, received, end) -> None:
    """Spread the application's history evenly between its arrival and ``end``, keeping its order."""
    events = list(ApplicationEvent.objects.filter(application=application).order_by("created_at", "pk"))
    step = (end - received) / (len(events) + 1)
    at = {}
    for position, event in enumerate(events):
        at.setdefault(event.kind, received + step * position)
        ApplicationEvent.objects.filter(pk=event.pk).update(created_at=received + step * position)
    Application.objects.filter(pk=application.pk).update(created_at=received)
    if application.seen_at is not None and "seen" in at:
        Application.objects.filter(pk=application.pk).update(seen_at=at["seen"])
    application.comments.update(created_at=at.get("commented", end - step / 2))
    for invitation in application.interview_invitations.all():
        sent = at.get("invited", received)
        changes = {"sent_at": sent, "deadline": sent + timedelta(days=invitation.campaign.deadline_days or 10)}
        if invitation.completed_at:
            changes["completed_at"] = at.get("video_completed", sent + step)
            changes["started_at"] = sent + (changes["completed_at"] - sent) / 2
        elif invitation.started_at:
            changes["started_at"] = sent + step / 2
        InterviewInvitation.objects.filter(pk=invitation.pk).update(**changes)
