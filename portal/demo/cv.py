"""A one-page PDF CV for a demo profile (reportlab), laid out as people lay out theirs.

The text of the PDF is the profile itself (identity, experiences, education, skills, languages), so
what the importer extracts, what the CVthèque indexes and what the recruiter opens agree.
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from .people import LANGUAGE_NAMES

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
LEVELS = {3: "CAP / BEP", 4: "Bac", 5: "Bac+2", 6: "Bac+3", 7: "Bac+5", 8: "Doctorat"}
MARGIN = 50
ACCENT = HexColor("#1f4e79")
MUTED = HexColor("#555555")


def french_date(day: date) -> str:
    """« 1er mars 2027 », « 9 janvier 2027 »."""
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def _month(value: str | None) -> str:
    if not value:
        return "aujourd'hui"
    year, month = value.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def _phone(e164: str) -> str:
    national = "0" + e164[3:] if e164.startswith("+33") else e164
    return " ".join(national[i : i + 2] for i in range(0, len(national), 2))


class _Page:
    def __init__(self, pdf: canvas.Canvas):
        self.pdf = pdf
        self.width, self.height = A4
        self.y = self.height - 150

    def ensure(self, needed: float) -> None:
        if self.y - needed < MARGIN:
            self.pdf.showPage()
            self.y = self.height - MARGIN

    def section(self, title: str) -> None:
        self.ensure(40)
        self.y -= 12
        self.pdf.setFillColor(ACCENT)
        self.pdf.setFont("Helvetica-Bold", 12)
        self.pdf.drawString(MARGIN, self.y, title.upper())
        self.pdf.setStrokeColor(ACCENT)
        self.pdf.setLineWidth(1)
        self.pdf.line(MARGIN, self.y - 4, self.width - MARGIN, self.y - 4)
        self.y -= 22

    def text(self, text: str, *, font="Helvetica", size=10, color=None, indent=0, leading=13.5) -> None:
        lines = simpleSplit(text, font, size, self.width - 2 * MARGIN - indent)
        self.ensure(leading * len(lines))
        self.pdf.setFillColor(color or HexColor("#222222"))
        self.pdf.setFont(font, size)
        for line in lines:
            self.pdf.drawString(MARGIN + indent, self.y, line)
            self.y -= leading

    def entry(self, title: str, dates: str) -> None:
        self.ensure(30)
        self.pdf.setFillColor(HexColor("#111111"))
        self.pdf.setFont("Helvetica-Bold", 10.5)
        self.pdf.drawString(MARGIN, self.y, title)
        self.pdf.setFont("Helvetica", 9.5)
        self.pdf.setFillColor(MUTED)
        self.pdf.drawRightString(self.width - MARGIN, self.y, dates)
        self.y -= 14


def profile_cv_pdf(profile: dict, *, town: str) -> bytes:
    """The CV of a profile in the import format (docs/import-format.md), as PDF bytes."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    name = f"{profile['first_name']} {profile['last_name']}"
    pdf.setTitle(f"CV {name}")
    width, height = A4
    pdf.setFillColor(ACCENT)
    pdf.rect(0, height - 120, width, 120, stroke=0, fill=1)
    pdf.setFillColor(white)
    pdf.setFont("Helvetica-Bold", 24)
    pdf.drawString(MARGIN, height - 58, name)
    pdf.setFont("Helvetica", 13)
    pdf.drawString(MARGIN, height - 80, profile.get("headline", ""))
    pdf.setFont("Helvetica", 9.5)
    contact = [town, profile["email"]]
    if profile.get("phone"):
        contact.append(_phone(profile["phone"]))
    if profile.get("driving_licence"):
        contact.append("Permis B")
    pdf.drawString(MARGIN, height - 102, "  ·  ".join(contact))

    page = _Page(pdf)
    page.section("Expériences professionnelles")
    for experience in profile.get("experiences", []):
        page.entry(f"{experience['title']} – {experience['employer']}",
                   f"{_month(experience['start'])} – {_month(experience['end'])}")
        if experience.get("description"):
            page.text(experience["description"], indent=10, color=MUTED, size=9.5)
        page.y -= 6
    page.section("Formation")
    for education in profile.get("education", []):
        page.entry(education["title"], str(education.get("year", "")))
        school = education.get("school", "")
        level = LEVELS.get(education.get("level"))
        page.text(f"{school} ({level})" if level else school, indent=10, color=MUTED, size=9.5)
        page.y -= 4
    page.section("Compétences")
    page.text(", ".join(profile.get("skills", [])))
    if profile.get("languages"):
        page.section("Langues")
        page.text(", ".join(f"{LANGUAGE_NAMES.get(lang['code'], lang['code'])} : {lang['level']}"
                            for lang in profile["languages"]))
    pdf.save()
    return buffer.getvalue()
