"""The two-company world of the URL matrix: the actors who probe, and the foreign objects they probe.

Company A is the prober's company; company B and candidate C2 own every object the actors must not
reach. Each private field of a foreign object carries a marker (``ZQX…``) that no response to an
unauthorised actor may contain: a 200 on a screen that lists objects is only a leak if it shows them.
Public fields (company B's name, its published page and offer) carry no marker: they are meant to be seen.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site, Task, UploadedFile, Workflow

from cms.models import CompanyEditorAccess, CompanyPage
from cms.services import company_page_get_or_create, site_ensure
from matching.choices import RunSource
from matching.models import MatchRun
from recruiters.choices import EmailTemplateKind, JoinRequestStatus, SuspensionReason
from recruiters.models import (
    ApplicationComment,
    EmailTemplate,
    InterviewAnswer,
    InterviewInvitation,
    RecruiterHomeSettings,
)
from recruiters.services import recruiter_suspend
from tests.factories import (
    ApplicationFactory,
    AugmentedOfferRuleFactory,
    CandidateProfileFactory,
    CandidateUserFactory,
    CommentFactory,
    CompanyFactory,
    ContactMessageFactory,
    ContactRequestFactory,
    EducationFactory,
    ExperienceFactory,
    FolderFactory,
    FolderProfileFactory,
    InterviewCampaignFactory,
    InterviewQuestionFactory,
    InvitationFactory,
    JobOfferFactory,
    JoinRequestFactory,
    ModeratorFactory,
    ProfileAccessFactory,
    ProfileStatusFactory,
    RecruiterFactory,
    RecruiterUserFactory,
    SavedSearchFactory,
    UserFactory,
)
from tests.factories.candidates import pdf_bytes

MARK = "ZQX"

# Tiny but real WebM header bytes: the answer view only streams the stored file.
WEBM = bytes.fromhex("1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581021853806701")


def mark(label: str) -> str:
    return f"{MARK}{label}"


def png_image(*, title: str, collection, width: int = 1900, height: int = 1000, fmt: str = "JPEG"):
    picture = PILImage.new("RGB", (width, height), (11, 90, 138))
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt)
    extension = "jpg" if fmt == "JPEG" else fmt.lower()
    image = get_image_model()(title=title, collection=collection)
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"image-{width}x{height}.{extension}")
    image.save()
    return image


@dataclass
class World:
    actors: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    markers: list[str] = field(default_factory=list)

    def private(self, label: str) -> str:
        value = mark(label)
        self.markers.append(value)
        return value


def _publish_company_page(company, *, recruiter, world: World) -> CompanyPage:
    """Company B's page as an approval leaves it, then a draft under moderation with private wording."""
    page = company_page_get_or_create(company=company, user=recruiter.user)
    collection = CompanyEditorAccess.objects.get(company=company).collection
    page.banner = png_image(title="Bannière", collection=collection)
    page.logo = png_image(title="Logo", collection=collection, width=190, height=190, fmt="PNG")
    page.description = "<p>" + " ".join(["atelier production qualité équipe"] * 40) + "</p>"
    page.save_revision(user=recruiter.user).publish()
    page.refresh_from_db()
    page.tagline = world.private("BrouillonAccroche")
    revision = page.save_revision(user=recruiter.user)
    workflow = page.get_workflow()
    workflow_state = workflow.start(page, recruiter.user)
    world.objects.update(
        page=page,
        revision=revision,
        live_revision=page.live_revision,
        workflow=workflow,
        workflow_state=workflow_state,
        task_state=workflow_state.current_task_state,
        task=workflow_state.current_task_state.task,
        collection=collection,
        banner=page.banner,
    )
    return page


def build_world() -> World:
    """Everything the matrix needs, built with the factories and the services a real sign-up uses."""
    world = World()
    site_ensure()
    moderator = ModeratorFactory()

    # --- Company A, the prober's own company (it has a page, so its recruiter is a page editor) ---
    recruiter_a = RecruiterFactory(company=CompanyFactory(name="Ateliers Alpha"))
    page_a = company_page_get_or_create(company=recruiter_a.company, user=recruiter_a.user)

    # --- Company B, whose objects nobody else may reach ---
    company_b = CompanyFactory(name="Brasserie Bêta")
    recruiter_b = RecruiterFactory(
        company=company_b, user=RecruiterUserFactory(first_name="Bérénice", last_name=world.private("NomRecruteurB"))
    )
    suspended_b = RecruiterFactory(company=company_b)
    recruiter_suspend(recruiter=suspended_b, decided_by=moderator, reason=SuspensionReason.ABUSE)
    suspended_b.refresh_from_db()
    page_b = _publish_company_page(company_b, recruiter=recruiter_b, world=world)

    private_image = png_image(title=world.private("ImagePrivee"), collection=world.objects["collection"])
    document = get_document_model()(title=world.private("DocumentPrive"), collection=world.objects["collection"])
    document.file = ContentFile(b"Document interne", name="interne.txt")
    document.save()
    image_upload = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
        file=ContentFile(b"\x89PNG\r\n", name="envoi.png"), uploaded_by_user=recruiter_b.user,
    )
    document_upload = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(get_document_model()),
        file=ContentFile(b"texte", name="envoi.txt"), uploaded_by_user=recruiter_b.user,
    )
    editing_session = EditingSession.objects.create(
        user=recruiter_b.user, content_type=ContentType.objects.get_for_model(Page), object_id=str(page_b.pk),
        last_seen_at=timezone.now(), is_editing=True,
    )

    # --- Candidates: C1 probes, C2 is hidden from the CVthèque and applied to company B only ---
    candidate_1 = CandidateProfileFactory(user=CandidateUserFactory(email_confirmed_at=timezone.now()))
    candidate_2 = CandidateProfileFactory(
        hidden=True,
        user=CandidateUserFactory(first_name="Capucine", last_name=world.private("NomCandidateC2")),
        headline=world.private("TitreProfilC2"),
        cv_file=ContentFile(pdf_bytes("Curriculum vitae", mark("CvC2")), name="cv-c2.pdf"),
        cv_original_name="cv-c2.pdf",
        cv_uploaded_at=timezone.now(),
    )
    experience = ExperienceFactory(profile=candidate_2, employer=world.private("EmployeurC2"))
    education = EducationFactory(profile=candidate_2, school=world.private("EcoleC2"))

    draft_offer = JobOfferFactory(company=company_b, title=world.private("OffreBrouillon"), slug="zqx-brouillon")
    published_offer = JobOfferFactory(company=company_b, published=True)
    application = ApplicationFactory(offer=published_offer, candidate=candidate_2,
                                     message=world.private("MessageCandidature"))
    ApplicationComment.objects.create(application=application, author=recruiter_b.user,
                                      text=world.private("CommentaireCandidature"))
    template = EmailTemplate.objects.create(company=company_b, kind=EmailTemplateKind.values[0],
                                            subject=world.private("ObjetModele"), body="Bonjour {prenom},")
    rule = AugmentedOfferRuleFactory(company=company_b, name=world.private("RegleAugmentee"))
    campaign = InterviewCampaignFactory(company=company_b, name=world.private("Campagne"))
    question = InterviewQuestionFactory(campaign=campaign, text=world.private("QuestionVideo"))
    interview = InterviewInvitation.objects.create(application=application, campaign=campaign,
                                                   invited_by=recruiter_b.user,
                                                   deadline=timezone.now() + timedelta(days=7))
    answer = InterviewAnswer.objects.create(invitation=interview, question=question, mime_type="video/webm",
                                            size=len(WEBM), video=ContentFile(WEBM, name="reponse.webm"))
    contact_request = ContactRequestFactory(company=company_b, author=recruiter_b.user,
                                            subject=world.private("ObjetContact"))
    join_request = JoinRequestFactory(
        company=company_b, user=UserFactory(first_name="Jules", last_name=world.private("NomDemandeur"),
                                            email_confirmed_at=timezone.now()),
    )
    invitation = InvitationFactory(company=company_b, invited_by=recruiter_b.user, email="zqx-invite@beta.example")
    world.markers.append("zqx-invite@beta.example")
    match_run = MatchRun.objects.create(
        company=company_b, user=recruiter_b.user, user_email=recruiter_b.user.email, source=RunSource.values[0],
        search_key=f"offer:{published_offer.pk}", offer_id=published_offer.pk, file_name=world.private("Fichier.pdf"),
        threshold=50.0,
    )
    folder = FolderFactory(recruiter=recruiter_b, name=world.private("Dossier"))
    FolderProfileFactory(folder=folder, profile=candidate_2, added_by=recruiter_b.user)
    saved_search = SavedSearchFactory(folder=folder, name=world.private("RechercheEnregistree"))
    comment = CommentFactory(recruiter=recruiter_b, profile=candidate_2, text=world.private("NoteCvtheque"))
    status = ProfileStatusFactory(company=company_b, profile=candidate_2)
    access_log = ProfileAccessFactory(recruiter=recruiter_b, profile=candidate_2)
    contact_message = ContactMessageFactory(recruiter=recruiter_b, profile=candidate_2,
                                            subject=world.private("ObjetMessage"))

    # --- The pending actors: a founder of a company under review, and a user asking to join B ---
    pending_founder = RecruiterFactory(pending=True)
    pending_member = JoinRequestFactory(company=company_b, status=JoinRequestStatus.PENDING).user
    # A pending founder of yet another company, for the moderation screens (approve, reject).
    pending_target = RecruiterFactory(
        pending=True, user=RecruiterUserFactory(first_name="Paul", last_name=world.private("NomEnAttente")),
    )

    redirect = Redirect.objects.create(old_path="/zqx-ancien", redirect_link="/", site=Site.objects.first())
    world.markers.append("/zqx-ancien")

    world.actors.update(
        recruiter_a=recruiter_a.user,
        candidate=candidate_1.user,
        anonymous=None,
        pending_founder=pending_founder.user,
        pending_member=pending_member,
        suspended_b=suspended_b.user,
        moderator=moderator,
    )
    world.objects.update(
        company_a=recruiter_a.company, page_a=page_a, company_b=company_b, recruiter_b=recruiter_b,
        recruiter_b_user=recruiter_b.user, suspended_b=suspended_b, page_b=page_b, private_image=private_image,
        document=document, image_upload=image_upload, document_upload=document_upload,
        editing_session=editing_session, candidate_2=candidate_2, experience=experience, education=education,
        draft_offer=draft_offer, published_offer=published_offer, application=application, email_template=template,
        rule=rule, campaign=campaign, question=question, interview=interview, answer=answer,
        contact_request=contact_request, join_request=join_request, invitation=invitation, match_run=match_run,
        folder=folder, saved_search=saved_search, comment=comment, profile_status=status, access_log=access_log,
        contact_message=contact_message, pending_target=pending_target, redirect=redirect,
        site=Site.objects.get(is_default_site=True),
        company_group=CompanyEditorAccess.objects.get(company=company_b).group,
        home_settings=RecruiterHomeSettings.for_site(Site.objects.get(is_default_site=True)),
        any_workflow=Workflow.objects.first(), any_task=Task.objects.first(),
    )
    return world
