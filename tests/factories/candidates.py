"""Candidate profile factories, and builders of real CV files (PDF, DOCX, ODT) for upload tests.

``CandidateProfileFactory()`` is a visible profile (consented, active today) living in
Clermont-Ferrand; use ``CandidateProfileFactory(hidden=True)`` for one outside the CVthèque.
"""

from __future__ import annotations

import io
from datetime import date

import docx
import factory
from django.utils import timezone
from odf.opendocument import OpenDocumentText
from odf.text import H, P
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from portal.accounts.choices import Role
from portal.candidates.models import CandidateLanguage, CandidateProfile, DesiredPlace, Education, Experience
from portal.reference.choices import CefrLevel, ContractType, DiplomaLevel, WorkingTime

from .accounts import UserFactory
from .reference import CommuneFactory, LanguageFactory


def pdf_bytes(*lines: str, pages: int = 1) -> bytes:
    """A real PDF (reportlab) whose text is ``lines``, repeated on each page."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(pages):
        y = 800
        for line in lines:
            pdf.drawString(60, y, line)
            y -= 18
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def docx_bytes(*lines: str, table: list[list[str]] | None = None) -> bytes:
    """A real DOCX (python-docx): one paragraph per line, and an optional table."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row_index, row in enumerate(table):
            for col_index, value in enumerate(row):
                grid.cell(row_index, col_index).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(*lines: str, heading: str = "") -> bytes:
    """A real ODT (odfpy): an optional heading then one paragraph per line."""
    document = OpenDocumentText()
    if heading:
        document.text.addElement(H(outlinelevel=1, text=heading))
    for line in lines:
        document.text.addElement(P(text=line))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


class CandidateUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"candidat{n}@example.org")
    role = Role.CANDIDATE


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateProfile
        skip_postgeneration_save = True

    class Params:
        hidden = factory.Trait(visible_in_cvtheque=False, consent_at=None)

    user = factory.SubFactory(CandidateUserFactory)
    external_ref = None
    headline = "Technicienne de maintenance industrielle"
    desired_jobs = factory.LazyFunction(lambda: ["Technicien de maintenance"])
    home_commune = factory.SubFactory(CommuneFactory)
    contract_types = factory.LazyFunction(lambda: [ContractType.CDI.value])
    working_time = factory.LazyFunction(lambda: [WorkingTime.FULL_TIME.value])
    driving_licence = True
    skills = factory.LazyFunction(lambda: ["Électrotechnique", "GMAO"])
    visible_in_cvtheque = True
    consent_at = factory.LazyFunction(timezone.now)
    last_active_at = factory.LazyFunction(timezone.now)
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experience

    profile = factory.SubFactory(CandidateProfileFactory)
    title = "Technicienne de maintenance"
    employer = "Michelin"
    start_date = date(2018, 3, 1)
    end_date = None
    description = "Maintenance préventive et curative des lignes de production."


class EducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Education

    profile = factory.SubFactory(CandidateProfileFactory)
    level = DiplomaLevel.BAC_2
    title = "BTS Maintenance des systèmes"
    school = "Lycée La Fayette, Clermont-Ferrand"
    year = 2017


class CandidateLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateLanguage

    profile = factory.SubFactory(CandidateProfileFactory)
    language = factory.SubFactory(LanguageFactory)
    level = CefrLevel.B2


class DesiredPlaceFactory(factory.django.DjangoModelFactory):
    """A commune with a radius by default; pass ``commune=None, radius_km=None, department=...``."""

    class Meta:
        model = DesiredPlace

    profile = factory.SubFactory(CandidateProfileFactory)
    commune = factory.SubFactory(CommuneFactory)
    radius_km = 30
    department = None
