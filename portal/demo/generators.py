"""Deterministic generators of realistic French candidate profiles (import format) and CV files.

Profiles are plain dicts in the JSON Lines import format (docs/import-format.md), so demo data,
benchmark corpora and real imports all go through the same validation and import code.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from faker import Faker
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from portal.reference.french import de

from .catalogue import CEFR, CONTRACT_WEIGHTS, CONTRACTS, FAMILIES, LANGUAGES, Family

PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class Place:
    insee: str
    name: str
    department: str
    population: int


class ProfileGenerator:
    """Generate profiles from a seed: the same seed and places always give the same profiles."""

    def __init__(self, *, seed: int, places: Sequence[Place], today: date | None = None):
        if not places:
            raise ValueError("ProfileGenerator needs at least one place (load the reference data first)")
        self.rng = random.Random(seed)
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(seed)
        self.today = today or date(2026, 11, 1)
        self.places = list(places)
        # Bigger towns get more candidates, without crushing small ones.
        self.place_weights = [max(p.population, 500) ** 0.6 for p in self.places]
        self.by_department: dict[str, list[Place]] = {}
        for place in self.places:
            self.by_department.setdefault(place.department, []).append(place)

    def _place(self) -> Place:
        return self.rng.choices(self.places, weights=self.place_weights, k=1)[0]

    def _month(self, d: date) -> str:
        return f"{d.year:04d}-{d.month:02d}"

    def profile(self, index: int, *, ref_prefix: str = "demo") -> dict:
        rng = self.rng
        family: Family = rng.choice(FAMILIES)
        feminine = rng.random() < 0.5
        first_name = self.fake.first_name_female() if feminine else self.fake.first_name_male()
        last_name = self.fake.last_name()
        title_pair = rng.choice(family.titles)
        title = title_pair[1] if feminine else title_pair[0]
        home = self._place()

        years_total = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25])
        experiences = []
        cursor = self.today - timedelta(days=rng.randint(0, 300))
        remaining = years_total * 12
        current = True
        while remaining > 0 and len(experiences) < 4:
            months = min(remaining, rng.randint(12, 72))
            start = cursor - timedelta(days=months * 30)
            pair = title_pair if not experiences else rng.choice(family.titles)
            experiences.append(
                {
                    "title": pair[1] if feminine else pair[0],
                    "employer": rng.choice(family.employers),
                    "sector": rng.choice(family.sectors),
                    "start": self._month(start),
                    "end": None if current else self._month(cursor),
                    "description": self._mission_text(family, rng),
                }
            )
            current = False
            remaining -= months
            cursor = start - timedelta(days=rng.randint(0, 120))

        level, diploma_title = rng.choice(family.diplomas)
        grad_year = max(1985, self.today.year - years_total - rng.randint(0, 3))
        education = [{"level": level, "title": diploma_title, "school": self._school(home, rng), "year": grad_year}]

        skills = rng.sample(family.skills, k=min(len(family.skills), rng.randint(2, 6)))
        languages = [
            {"code": code, "level": rng.choice(CEFR)}
            for code, weight in LANGUAGES
            if rng.random() < weight / 100
        ]
        contract_types = sorted(
            set(rng.choices(CONTRACTS, weights=CONTRACT_WEIGHTS, k=rng.randint(1, 3))), key=CONTRACTS.index
        )
        working_time = ["FULL_TIME"] if rng.random() < 0.8 else rng.choice([["PART_TIME"], ["FULL_TIME", "PART_TIME"]])
        desired_places: list[dict] = [{"commune": home.insee, "radius_km": rng.choice([10, 20, 30, 50])}]
        if rng.random() < 0.3:
            desired_places.append({"department": rng.choice(list(self.by_department))})

        created = self.today - timedelta(days=rng.randint(30, 1400))
        last_login = self.today - timedelta(days=int(rng.expovariate(1 / 150)))
        last_login = max(last_login, created)
        updated = min(self.today, last_login + timedelta(days=rng.randint(0, 10)))
        availability = self.today + timedelta(days=rng.choice([0, 15, 30, 60, 90]))
        profile = {
            "external_ref": f"{ref_prefix}-{index:06d}",
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{ref_prefix}-{index:06d}@candidats.example.org",
            "phone": f"+336{rng.randint(10, 38)}{rng.randint(0, 999_999):06d}",
            "headline": f"{title} – {years_total} an{'s' if years_total > 1 else ''} d'expérience"
            if years_total
            else f"{title} débutant{'e' if feminine else ''}",
            "home_commune": home.insee,
            "desired_places": desired_places,
            "desired_jobs": [title_pair[0]],
            "contract_types": contract_types,
            "working_time": working_time,
            "experiences": experiences,
            "education": education,
            "skills": skills,
            "languages": languages,
            "sectors": sorted({e["sector"] for e in experiences}) or [family.sectors[0]],
            "driving_licence": rng.random() < 0.8,
            "availability": availability.isoformat(),
            "salary_min": rng.randrange(20_000, 60_000, 1000),
            "visible_in_cvtheque": rng.random() < 0.92,
            "last_login": self._dt(last_login),
            "created": self._dt(created),
            "updated": self._dt(updated),
        }
        profile["cv_text"] = cv_text(profile, place_name=home.name)
        return profile

    def _dt(self, d: date) -> str:
        moment = datetime(d.year, d.month, d.day, self.rng.randint(7, 21), self.rng.randint(0, 59), tzinfo=PARIS)
        return moment.isoformat()

    def _school(self, home: Place, rng: random.Random) -> str:
        kind = rng.choice(["Lycée", "IUT", "Université", "CFA", "École"])
        return f"{kind} {de(home.name)}"

    def _mission_text(self, family: Family, rng: random.Random) -> str:
        picked = rng.sample(family.skills, k=min(3, len(family.skills)))
        verbs = ["Mise en œuvre", "Suivi", "Gestion", "Amélioration", "Prise en charge"]
        return ". ".join(f"{rng.choice(verbs)} : {skill.lower()}" for skill in picked) + "."


def cv_text(profile: dict, *, place_name: str = "") -> str:
    """The plain text of a CV for a profile: what a PDF CV of this candidate would contain."""
    lines = [f"{profile['first_name']} {profile['last_name']}", profile.get("headline", "")]
    if place_name:
        lines.append(place_name)
    lines += ["", "EXPÉRIENCES PROFESSIONNELLES"]
    for exp in profile.get("experiences", []):
        end = exp["end"] or "aujourd'hui"
        lines.append(f"{exp['start']} – {end} : {exp['title']}, {exp['employer']}")
        lines.append(exp.get("description", ""))
    lines += ["", "FORMATION"]
    for edu in profile.get("education", []):
        lines.append(f"{edu['year']} : {edu['title']} – {edu['school']}")
    lines += ["", "COMPÉTENCES", ", ".join(profile.get("skills", []))]
    if profile.get("languages"):
        lines += ["", "LANGUES", ", ".join(f"{lang['code']} ({lang['level']})" for lang in profile["languages"])]
    if profile.get("driving_licence"):
        lines.append("Permis B")
    return "\n".join(line for line in lines if line is not None)


def cv_pdf(text: str) -> bytes:
    """Render CV text as a real one- or two-page PDF (reportlab)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    y = height - 60
    for number, line in enumerate(text.splitlines()):
        if y < 60:
            pdf.showPage()
            y = height - 60
        font = "Helvetica-Bold" if number == 0 or line.isupper() else "Helvetica"
        pdf.setFont(font, 16 if number == 0 else 10.5)
        # Long lines wrap at about 95 characters.
        chunks = [line[i : i + 95] for i in range(0, len(line), 95)] or [""]
        for chunk in chunks:
            pdf.drawString(50, y, chunk)
            y -= 20 if number == 0 else 14
    pdf.save()
    return buffer.getvalue()
