"""The offer page's structured data (JSON-LD) is escaped like the company page's: whatever a recruiter
writes in an offer cannot end the script element, open an HTML comment in it, or run a script."""

import json
import re

import pytest

from cms.templatetags.cms_tags import json_ld
from recruiters.services_offers import job_offer_publish
from search.offers.views import _job_posting
from tests.factories import CompanyFactory, JobOfferFactory

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = "Soudeur </script><script>alert(1)</script> <!-- & co"
# As the rich text editor stores what was typed: the text is escaped, the paragraph is markup.
HOSTILE_DESCRIPTION = "<p>Missions &lt;!-- &lt;script&gt;alert(2)&lt;/SCRIPT &gt; &amp; co --&gt;</p>"
HOSTILE_COMPANY = "Ateliers <b>&</b> </script><!--"
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S | re.I)


@pytest.fixture
def offer(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return job_offer_publish(offer=JobOfferFactory(
            company=CompanyFactory(name=HOSTILE_COMPANY), title=HOSTILE_TITLE, description=HOSTILE_DESCRIPTION,
        ))


def test_offer_json_ld_cannot_break_out_of_its_script(client, offer):
    response = client.get(f"/offres/{offer.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    [script] = LD_JSON.findall(html)
    assert not set("<>&") & set(script), script
    data = json.loads(script)
    assert data["@type"] == "JobPosting"
    assert data["title"] == HOSTILE_TITLE
    assert data["description"] == HOSTILE_DESCRIPTION
    assert data["hiringOrganization"]["name"] == HOSTILE_COMPANY
    # Nothing the recruiter wrote became markup: the page's only scripts are the JSON-LD and static files.
    assert "<script>alert" not in html
    assert len(re.findall(r"<script\b", html, re.I)) == 1 + len(re.findall(r'<script[^>]*\ssrc="/static/', html))


def test_offer_and_company_pages_escape_json_ld_the_same_way(offer):
    data = json.loads(_job_posting(offer))
    assert _job_posting(offer) == json_ld(data)
