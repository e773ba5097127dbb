import io

from pypdf import PdfReader

from portal.demo.catalogue import FAMILIES
from portal.demo.generators import Place, ProfileGenerator, cv_pdf

PLACES = [
    Place("63113", "Clermont-Ferrand", "63", 147_284),
    Place("69123", "Lyon", "69", 522_250),
    Place("03185", "Montluçon", "03", 34_361),
]
PROTECTED = {"gender", "age", "birth_date", "photo", "nationality"}


def test_same_seed_gives_same_profiles():
    first = [ProfileGenerator(seed=7, places=PLACES).profile(i) for i in range(3)]
    again = [ProfileGenerator(seed=7, places=PLACES).profile(i) for i in range(3)]
    other = [ProfileGenerator(seed=8, places=PLACES).profile(i) for i in range(3)]
    assert first == again
    assert first != other


def test_profiles_use_both_genders_several_regions_and_no_protected_field():
    generator = ProfileGenerator(seed=3, places=PLACES)
    profiles = [generator.profile(i) for i in range(300)]
    feminine_titles = {fem for family in FAMILIES for masc, fem in family.titles if masc != fem}
    masculine_titles = {masc for family in FAMILIES for masc, fem in family.titles if masc != fem}
    headlines = " ".join(p["headline"] for p in profiles)
    assert any(title in headlines for title in feminine_titles)
    assert any(title in headlines for title in masculine_titles)
    assert {p["home_commune"] for p in profiles} == {"63113", "69123", "03185"}
    assert all(not (PROTECTED & set(p)) for p in profiles)
    assert len({p["external_ref"] for p in profiles}) == 300


def test_cv_pdf_contains_the_profile_text():
    generator = ProfileGenerator(seed=1, places=PLACES)
    profile = next(p for p in (generator.profile(i) for i in range(50)) if p["experiences"])
    pdf = cv_pdf(profile["cv_text"])
    assert pdf.startswith(b"%PDF-")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert profile["last_name"] in text
    assert profile["experiences"][0]["title"] in text
    assert profile["skills"][0] in text
