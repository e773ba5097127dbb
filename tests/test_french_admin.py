"""The admin a recruiter and a moderator walk through reads as French, in Chromium.

Each person starts from the dashboard and follows the links of the sidebar and of each page it leads
to (one object per kind of address), reading the text on screen (what CSS shows, capitals included,
and what the sidebar draws with JavaScript) and the labels assistive technologies read
(aria-label, title, placeholder).
"""

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from cms.services import site_ensure
from tests.cms.conftest import publish_company_page
from tests.factories import ModeratorFactory, RecruiterFactory
from tests.french_text import problems
from tests.search.conftest import (  # noqa: F401 (fixtures: an empty CVthèque index, the pinned lexicon)
    default_lexicon_without_database,
    index,
    reindex,
    vocabulary_lexicon,
)
from tests.test_admin_ui import fresh_matching_state, log_in, recruiter_pages  # noqa: F401 (fixtures)

SHOTS = Path("/tmp/shots/french-text")  # noqa: S108
MAX_PAGES = int(os.environ.get("FRENCH_ADMIN_MAX_PAGES", "80"))
# Not followed: leaving the admin, logging out, Wagtail's previews and downloads (not pages to read).
SKIP = re.compile(r"/logout/|/preview|/download|/cv/|[/?&]export|\.(pdf|docx|odt|csv|xlsx|zip|mp4|webm)$|/documents/")

# Wagtail's own sites, in English: its editor's guide, release notes and documentation.
ENGLISH_SITES = re.compile(r"//(?:guide|docs)\.wagtail\.org\b|//wagtail\.org/")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

READ_PAGE = """() => {
    // The sidebar is drawn from JSON (its sub-menus, such as Help, are not in the page until opened).
    const sidebar = document.getElementById('wagtail-sidebar-props');
    const menu = [];
    const collect = (value) => {
        if (Array.isArray(value)) value.forEach(collect);
        else if (value && typeof value === 'object') {
            if (typeof value.label === 'string') menu.push(value.label);
            Object.values(value).forEach(collect);
        }
    };
    if (sidebar) collect(JSON.parse(sidebar.textContent));
    const labels = [...document.querySelectorAll('[aria-label], [title], [placeholder]')]
        .filter((el) => !el.closest('[hidden], .w-hidden'))
        .map((el) => [el.getAttribute('aria-label'), el.getAttribute('title'), el.getAttribute('placeholder')]
            .filter(Boolean).join(' '));
    const links = [...document.querySelectorAll('a[href]')].map((a) => a.href);
    // Text in closed tabs and collapsed panels (the editor's "Promotion" tab, help texts) counts too.
    const copy = document.body.cloneNode(true);
    // Left out: what nobody reads (hidden counters, aria-hidden), but closed tabs stay in.
    copy.querySelectorAll('script, style, template, svg, [aria-hidden=true], [hidden]:not([role=tabpanel])')
        .forEach((el) => el.remove());
    const hidden = copy.textContent;
    return {text: document.body.innerText, hidden, labels: labels.concat(menu).join(' | '), links};
}"""


def pattern_of(url: str) -> str:
    """One address per kind of page: numbers and tokens stand for any, the query string (sorting,
    pages, filters) is left out."""
    path = re.sub(r"/\d+(?=/|$)", "/N", urlsplit(url).path)
    return re.sub(r"/[0-9a-f-]{20,}(?=/|$)", "/T", path)


def walk(page, live_server, who: str, visited_urls: list, start=()) -> dict[str, list[str]]:
    """Visit the admin breadth-first from the dashboard and the ``start`` addresses (each visited, query
    string included); return the problems found per address."""
    base = live_server.url
    queue, seen, found = [base + "/admin/"] + [base + path for path in start], set(), {}
    visited = 0
    while queue and visited < MAX_PAGES:
        url = queue.pop(0)
        relative = url[len(base):]
        kind = relative if relative in start else pattern_of(url)
        if kind in seen:
            continue
        seen.add(kind)
        response = page.goto(url)
        if response is None or response.status >= 400 or not page.url.startswith(base + "/admin"):
            continue
        visited += 1
        visited_urls.append(f"{who} {relative}")
        page.wait_for_load_state("networkidle")
        read = page.evaluate(READ_PAGE)
        page_problems = sorted(
            set(problems(read["text"]) + problems(read["hidden"]) + [f"label {issue}" for issue in problems(read["labels"])])
        ) + [f"link to Wagtail's English site: {link}" for link in read["links"] if ENGLISH_SITES.search(link)]
        if page_problems:
            found[relative] = page_problems
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"{who}-{visited:02d}.png"))
        for link in read["links"]:
            link = link.split("#")[0]
            if link.startswith(base + "/admin/") and not SKIP.search(link) and pattern_of(link) not in seen:
                queue.append(link)
    return found


@pytest.fixture
def moderation_world(recruiter_pages):  # noqa: F811 (the imported fixture)
    """Besides the recruiter's world: a pending recruiter and a company page waiting for moderation."""
    site_ensure()
    recruiter, _ = recruiter_pages
    RecruiterFactory(pending=True)
    page = publish_company_page(recruiter.company, tagline="Mécanique de précision")
    page.tagline = "Mécanique de précision au pied des volcans"
    page.save_revision(user=recruiter.user)
    page.get_workflow().start(page, recruiter.user)
    return ModeratorFactory(), page


def test_the_admin_of_a_recruiter_and_of_a_moderator_reads_as_french(live_server, page, recruiter_pages,  # noqa: F811
                                                                     moderation_world):
    recruiter, urls = recruiter_pages
    moderator, company_page = moderation_world
    # The company page's editor, reached from the dashboard's moderation panel or "Ma page entreprise".
    editor = [f"/admin/pages/{company_page.pk}/edit/"]
    visited = []
    log_in(page, live_server, recruiter.user)
    found = {
        f"recruteur {url}": issues
        for url, issues in walk(page, live_server, "recruteur", visited, editor + list(urls.values())).items()
    }
    page.context.clear_cookies()
    log_in(page, live_server, moderator)
    found |= {
        f"modérateur {url}": issues for url, issues in walk(page, live_server, "moderateur", visited, editor).items()
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "problems.json").write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    (SHOTS / "visited.txt").write_text("\n".join(visited), encoding="utf-8")
    assert found == {}
