"""Candidates of the demo world: complete profiles of people who live near the companies and want their jobs.

Each candidate belongs to one company's trade and aims at one of the jobs it recruits for, lives in
one of its towns, and has a career that leads there (experiences with other employers of the trade,
the diploma of the job, its skills). Profiles are dicts in the import format (docs/import-format.md)
so that they go through the same importer as real files. Same seed, same people.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import phonenumbers
from faker import Faker

from .companies import CLOSED, DRAFT, CompanySpec
from .trades import Job, Trade

PARIS = ZoneInfo("Europe/Paris")
DEMO_CANDIDATE_EMAIL = "candidate@vivier.localhost"
LANGUAGE_NAMES = {"en": "Anglais", "de": "Allemand", "it": "Italien", "es": "Espagnol", "pt": "Portugais",
                  "ar": "Arabe"}
CEFR = ("A2", "B1", "B2", "C1")
OTHER_LANGUAGES = ("es", "it", "de", "pt", "ar")
# The general diploma before a BTS, a licence or a master, by trade.
BACCALAUREAT = {
    "mecanique": "Baccalauréat STI2D", "plasturgie": "Baccalauréat STI2D", "electricite": "Baccalauréat STI2D",
    "btp": "Baccalauréat STI2D", "numerique": "Baccalauréat général", "sante": "Baccalauréat ST2S",
    "grand_age": "Baccalauréat ST2S", "aide_domicile": "Baccalauréat ST2S", "comptabilite": "Baccalauréat STMG",
    "administration": "Baccalauréat STMG", "logistique": "Baccalauréat STMG", "hotellerie": "Baccalauréat STHR",
    "agroalimentaire": "Baccalauréat STAV", "arboriculture": "Baccalauréat STAV", "confiserie": "Baccalauréat STAV",
    "boulangerie": "Baccalauréat professionnel Boulanger-pâtissier",
}


@dataclass(frozen=True)
class Person:
    """What the seed needs to know about a generated candidate besides their import row."""

    external_ref: str
    email: str
    company: str  # key of the company whose trade they belong to
    job: str  # masculine title of the job they aim at
    feminine: bool
    town: str  # name of their home commune
    years: int  # of experience, as their headline says (0: a young graduate)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum() or c == "-")


def _mobile(rng: random.Random) -> str:
    """A French mobile number that the phone validation accepts (some 06/07 ranges are unassigned)."""
    while True:
        number = f"+33{rng.choice('67')}{rng.randint(10_000_000, 99_999_999)}"
        if phonenumbers.is_valid_number(phonenumbers.parse(number)):
            return number


def _month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


class PeopleGenerator:
    """Candidates for the given companies, round-robin over companies and their open jobs."""

    def __init__(self, *, seed: int, companies: tuple[CompanySpec, ...], today: date):
        if not companies:
            raise ValueError("PeopleGenerator needs at least one company")
        self.seed = seed
        self.companies = companies
        self.today = today
        self.fake = Faker("fr_FR")

    def jobs_of(self, spec: CompanySpec) -> list[Job]:
        """The jobs a company recruits for now, in the order of its openings, without repeats."""
        keys = []
        for opening in spec.openings:
            if opening.status not in (DRAFT, CLOSED) and opening.job not in keys:
                keys.append(opening.job)
        return [spec.trade.job(key) for key in keys]

    def person(self, index: int) -> tuple[dict, Person]:
        """The import row and the facts of candidate number ``index`` (0 is the demo candidate)."""
        # Seeded per person: candidate n is the same whichever others are generated, and in any order.
        rng = random.Random(f"{self.seed}-{index}")
        self.fake.seed_instance(f"{self.seed}-{index}")
        if index == 0:
            return self._demo_candidate(rng)
        spec = self.companies[(index - 1) % len(self.companies)]
        jobs = self.jobs_of(spec)
        job = jobs[((index - 1) // len(self.companies)) % len(jobs)]
        feminine = rng.random() < 0.5
        first = self.fake.first_name_female() if feminine else self.fake.first_name_male()
        last = self.fake.last_name()
        email = f"{_ascii(first)}.{_ascii(last)}.{index}@candidats.example"
        home = rng.choice(spec.towns[: max(2, len(spec.towns))])
        years = job.min_years + rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 18])
        # One in eight keeps their profile out of the CVthèque: consent is theirs to give.
        visible = index % 8 != 5
        return self._row(rng, index=index, spec=spec, job=job, feminine=feminine, first=first, last=last,
                         email=email, home=home, years=years, visible=visible)

    def _demo_candidate(self, rng: random.Random) -> tuple[dict, Person]:
        spec = self.companies[0]
        job = spec.trade.job("Technicien de maintenance industrielle")
        home = next((town for town in spec.towns if town[1] == "Scionzier"), spec.towns[0])
        row, person = self._row(rng, index=0, spec=spec, job=job, feminine=True, first="Camille", last="Rochet",
                                email=DEMO_CANDIDATE_EMAIL, home=home, years=6, visible=True)
        # She would move to the Ain for the right job: her applications reach Oyonnax too.
        row["desired_places"].append({"department": "01"})
        return row, person

    def _row(self, rng, *, index, spec, job, feminine, first, last, email, home, years, visible):
        trade = spec.trade
        title = job.title(feminine)
        experiences = self._experiences(rng, trade=trade, job=job, feminine=feminine, years=years)
        education = self._education(rng, trade=trade, job=job, years=years)
        skills = rng.sample(job.skills, k=min(len(job.skills), rng.randint(4, 6)))
        if rng.random() < 0.6:
            skills.append("Travail en équipe")
        languages = self._languages(rng, job)
        contract_types = sorted(set(job.contracts) | {"CDI"}, key=("CDI", "CDD", "INTERIM", "ALTERNANCE").index)
        places = [{"commune": home[0], "radius_km": rng.choice([20, 30, 30, 40, 50])}]
        if home[0][:2] != spec.insee[:2]:
            places.append({"department": spec.insee[:2]})
        created = self.today - timedelta(days=rng.randint(40, 650))
        last_login = max(created, self.today - timedelta(days=rng.choice([0, 1, 2, 5, 9, 15, 30, 60])))
        if years:
            headline = f"{title} – {years} an{'s' if years > 1 else ''} d'expérience"
        else:
            headline = f"{title} – jeune diplômé{'e' if feminine else ''}"
        row = {
            "external_ref": f"demo-{index:04d}",
            "first_name": first,
            "last_name": last,
            "email": email,
            "phone": _mobile(rng),
            "headline": headline,
            "home_commune": home[0],
            "desired_places": places,
            "desired_jobs": [job.masculine],
            "contract_types": contract_types,
            "working_time": ["FULL_TIME", "PART_TIME"] if job.part_time else ["FULL_TIME"],
            "experiences": experiences,
            "education": education,
            "skills": skills,
            "languages": languages,
            "sectors": sorted({spec.naf, *(e["sector"] for e in experiences)}),
            "driving_licence": rng.random() < 0.88,
            "availability": (self.today + timedelta(days=rng.choice([0, 0, 15, 30, 60]))).isoformat(),
            "salary_min": round(job.salary[0] * rng.uniform(0.95, 1.1) / 500) * 500,
            "visible_in_cvtheque": visible,
            "last_login": self._moment(rng, last_login),
            "created": self._moment(rng, created),
            "updated": self._moment(rng, max(created, last_login - timedelta(days=rng.randint(0, 20)))),
        }
        return row, Person(row["external_ref"], email, spec.key, job.masculine, feminine, home[1], years)

    def _experiences(self, rng, *, trade: Trade, job: Job, feminine: bool, years: int) -> list[dict]:
        employers = rng.sample(trade.employers, k=len(trade.employers))
        # The jobs of the trade one may hold before this one: those asking no more experience.
        earlier = [j for j in trade.jobs if j.min_years <= max(0, job.min_years - 1) and j is not job] or [job]
        still_employed = rng.random() < 0.65
        end = None if still_employed else self.today - timedelta(days=rng.randint(30, 200))
        cursor = end or self.today
        if years == 0:
            # A young graduate: the work-study contract of their diploma.
            start = cursor - timedelta(days=rng.randint(12, 24) * 30)
            return [{
                "title": job.title(feminine), "employer": employers[0], "sector": trade.naf_codes[0],
                "start": _month(start), "end": _month(cursor),
                "description": "En alternance. " + self._missions(rng, job),
            }]
        remaining = years * 12
        experiences = []
        for position in range(4):
            if remaining <= 0:
                break
            months = min(remaining, rng.randint(18, 84))
            if position == 3 or remaining - months < 12:
                months = remaining  # no stub job of a few months at the start of a career
            start = cursor - timedelta(days=months * 30)
            held = job if position == 0 or rng.random() < 0.4 else rng.choice(earlier)
            experiences.append({
                "title": held.title(feminine), "employer": employers[position % len(employers)],
                "sector": rng.choice(trade.naf_codes),
                "start": _month(start), "end": _month(cursor) if (position or end) else None,
                "description": self._missions(rng, held),
            })
            remaining -= months
            cursor = start - timedelta(days=rng.randint(0, 90))
        return experiences

    def _missions(self, rng, job: Job) -> str:
        picked = rng.sample(job.missions, k=min(3, len(job.missions)))
        return " ".join(f"{mission}." for mission in picked)

    def _education(self, rng, *, trade: Trade, job: Job, years: int) -> list[dict]:
        level, title = job.diploma
        year = self.today.year - years - rng.randint(0, 1)
        rows = [{"level": level, "title": title, "school": rng.choice(trade.schools), "year": year}]
        if level >= 5:
            rows.append({"level": 4, "title": BACCALAUREAT[trade.key], "school": rng.choice(trade.schools),
                         "year": year - {5: 2, 6: 3, 7: 5, 8: 8}[level]})
        return rows

    def _languages(self, rng, job: Job) -> list[dict]:
        required = dict(job.languages)
        languages = []
        # English on every CV, at the level the job asks for or a school level.
        floor = CEFR.index(required["en"]) if "en" in required else 0
        languages.append({"code": "en", "level": CEFR[min(len(CEFR) - 1, floor + rng.randint(0, 1))]})
        for code, level in job.languages:
            if code != "en":
                languages.append({"code": code, "level": level})
        if rng.random() < 0.25:
            other = rng.choice([c for c in OTHER_LANGUAGES if c not in required])
            languages.append({"code": other, "level": rng.choice(CEFR)})
        return languages

    def _moment(self, rng, d: date) -> str:
        return datetime(d.year, d.month, d.day, rng.randint(7, 21), rng.randint(0, 59), tzinfo=PARIS).isoformat()
