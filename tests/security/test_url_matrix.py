"""The URL matrix: every URL pattern that takes an argument, requested by every actor against another
company's or candidate's object, by GET and by POST.

The URLconf is walked, not listed: a new pattern is filled from what its arguments name (a page id, an
image id, a modeladmin's model, ...) or the test fails until someone says how to fill it or why it is
left out (``DECLARED``). Each actor must be refused (403, 404, 405, or a redirect to a login or to the
admin's home), no response may show a private marker of the foreign world, no request may answer 500,
and no row of the database may change. The few combinations where seeing is legitimate (the moderator on
the screens of moderation; anyone on public pages) are in ``POLICY``, each with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .world import World, build_world

ACTORS = ("recruiter_a", "candidate", "anonymous", "pending_founder", "pending_member", "suspended_b", "moderator")

# --- Filling the arguments ------------------------------------------------------------------------------
# An argument is filled from its name; "pk" and "instance_pk" from the model the pattern serves.

ARGUMENT_OBJECTS = {
    "page_id": "page_b",
    "parent_page_id": "page_b",
    "page_to_move_id": "page_b",
    "page_pk": "page_b",
    "destination_id": "page_a",  # moving B's page under A's: the admin would show B's draft title
    "revision_id": "revision",
    "task_state_id": "task_state",
    "workflow_state_id": "workflow_state",
    "task_id": "task",
    "workflow_pk": "workflow",
    "image_id": "private_image",
    "document_id": "document",
    "doc_id": "document",
    "collection_id": "collection",
    "session_id": "editing_session",
    "redirect_id": "redirect",
    "question_id": "question",
    "object_id": "page_b",
}

# The content type named by app_label/model_name pairs, by the pattern's first segments.
CONTENT_TYPE_ARGUMENTS = {
    "admin/pages/": ("cms", "companypage"),
    "admin/tag-autocomplete/": ("wagtailimages", "image"),
    "admin/bulk/": ("wagtailcore", "page"),
    "admin/settings/": ("recruiters", "recruiterhomesettings"),
    "admin/workflows/tasks/": ("wagtailcore", "groupapprovaltask"),
    "admin/editing-sessions/": ("wagtailcore", "page"),
}
APP_ARGUMENTS = {"app_label", "app_name", "content_type_app_name"}
MODEL_ARGUMENTS = {"model_name", "content_type_model_name"}

# The project's own views take a "pk" their selector scopes; the object each one serves.
PROJECT_PKS = {
    "recruiters_admin:invitation_revoke": "invitation",
    "recruiters_admin:join_request_accept": "join_request",
    "recruiters_admin:join_request_decline": "join_request",
    "recruiters_admin:contact_detail": "contact_request",
    "recruiters_admin:offer_edit": "draft_offer",
    "recruiters_admin:offer_action": "draft_offer",
    "recruiters_admin:application_detail": "application",
    "recruiters_admin:application_cv": "application",
    "recruiters_admin:augmented_edit": "rule",
    "recruiters_admin:visiotalent_campaign": "campaign",
    "recruiters_admin:visiotalent_campaign_edit": "campaign",
    "recruiters_admin:visiotalent_campaign_delete": "campaign",
    "recruiters_admin:visiotalent_application": "application",
    "recruiters_admin:visiotalent_answer_video": "answer",
    "search_admin:profile": "candidate_2",
    "search_admin:cv": "candidate_2",
    "search_admin:cv_download": "candidate_2",
    "search_admin:folder": "folder",
    "matching_admin:offer_match": "draft_offer",
    "matching_admin:profile": "candidate_2",
    "matching_admin:cv": "candidate_2",
    "wagtailadmin_api:pages:detail": "page_b",
    "wagtailadmin_api:pages:action": "page_b",
    "wagtailadmin_api:documents:detail": "document",
    "wagtailadmin_api:images:detail": "private_image",
    # Wagtail's workflow usage view names Page as its model, but its pk is the workflow's.
    "wagtailadmin_workflows:usage": "workflow",
    "wagtailadmin_workflows:usage_results": "workflow",
    "wagtailadmin_workflows:enable": "workflow",
    "wagtailadmin_workflows:edit_task": "task",
    "wagtailadmin_workflows:enable_task": "task",
}

# Which object a model stands for when the world holds several of its kind.
PREFERRED = {
    "recruiters.recruiter": "pending_target",  # approve, reject: a decision only staff may take
    "wagtailcore.page": "page_b",
    "auth.group": "company_group",
}

# Arguments that are not ids, by URL name or argument name.
WORDS = {
    "rule_key": "banniere",
    "filter_spec": "original",
    ("wagtailadmin_api:pages:action", "action_name"): "publish",
    ("wagtailadmin_pages:workflow_action", "action_name"): "approve",
    ("wagtailadmin_pages:collect_workflow_action_data", "action_name"): "approve",
    ("wagtail_bulk_action", "action"): "delete",
    ("recruiters_admin:offer_action", "action"): "publier",
}

# Capability URLs: the secret in the address is the credential. An actor who does not hold it tries a
# forged one against B's user; nothing may be shown or changed.
FORGED = "zqx-forged-token"


def _uid(world: World) -> str:
    return urlsafe_base64_encode(force_bytes(world.objects["recruiter_b_user"].pk))


EXPLICIT = {
    "wagtailadmin_pages:revisions_compare": lambda w: {
        "pk": w.objects["page_b"].pk, "revision_id_a": "live", "revision_id_b": w.objects["revision"].pk},
    "wagtaildocs_serve": lambda w: (w.objects["document"].pk, w.objects["document"].filename),
    "wagtail_serve": lambda w: (w.objects["page_b"].url.lstrip("/"),),
    "wagtailadmin_password_reset_confirm": lambda w: {"uidb64": _uid(w), "token": FORGED},
    "accounts:password_reset_confirm": lambda w: {"uidb64": _uid(w), "token": FORGED},
    "accounts:email_confirm": lambda w: {"token": FORGED},
    "recruiters:invitation_accept": lambda w: {"token": FORGED},
    "recruiters:visiotalent_record": lambda w: {"token": FORGED},
    "recruiters:visiotalent_upload": lambda w: {"token": FORGED, "question_id": w.objects["question"].pk},
    "recruiters:visiotalent_complete": lambda w: {"token": FORGED},
    "offers:detail": lambda w: {"slug": w.objects["draft_offer"].slug},
    "offers:apply": lambda w: {"slug": w.objects["draft_offer"].slug},
}

# Query strings some views read their object from.
QUERIES = {
    "wagtail_bulk_action": lambda w: f"?id={w.objects['page_b'].pk}",
    "cms:published_image": lambda w: f"?image={w.objects['private_image'].pk}",
}

# Patterns left out, each with its reason. A pattern neither filled nor declared here fails the test.
DECLARED = {
    "wagtailcore_authenticate_with_password": "the project sets no password restriction on pages",
    "wagtaildocs_authenticate_with_password": "the project sets no password restriction on documents",
}

# --- Who may see what -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Allowed:
    actors: frozenset
    reason: str


def _moderator(reason):
    return Allowed(frozenset({"moderator"}), reason)


def _everyone(reason):
    return Allowed(frozenset(ACTORS), reason)


MODERATION = _moderator("moderators review recruiter accounts, companies, join and contact requests")
PAGES = _moderator("moderators edit, review and publish every company page and choose its images")
SETTINGS = _moderator("moderators change the recruiter home page settings")
PUBLIC = _everyone("the live company page is public by design (its draft is not: the marker proves it)")

# By URL name (or a regular expression over it), the actors for whom a 200 is legitimate. They are sent
# GET only (a POST would be a legitimate write), and may see the markers.
POLICY = {
    re.compile(r"recruiters_(recruiter|company|joinrequest|contactrequest)_modeladmin_(?!delete).*"): MODERATION,
    re.compile(r"wagtailadmin_pages:.*"): PAGES,
    re.compile(r"wagtailadmin_(explore|explore_results|choose_page_child)"): PAGES,
    re.compile(r"wagtailadmin_api:pages:(detail|action)"): PAGES,
    re.compile(r"wagtail_bulk_action"): PAGES,
    re.compile(r"wagtailadmin_editing_sessions:ping"): PAGES,
    re.compile(r"wagtailadmin_workflows:task_chosen"): _moderator("the moderation task is the moderators' own"),
    re.compile(r"wagtailadmin_api:images:detail"): PAGES,
    # Wagtail counts "delete" as "change" on images, and moderators change images in every collection.
    re.compile(r"wagtailimages:.*"): PAGES,
    re.compile(r"wagtailimages_chooser:.*"): PAGES,
    re.compile(r"cms_(banniere|logo)_chooser:.*"): PAGES,
    re.compile(r"cms:published_image"): PAGES,
    re.compile(r"wagtailadmin_tag_model_autocomplete"): PAGES,
    re.compile(r"wagtailadmin_api:documents:detail"): _moderator(
        "documents are editorial files of the staff, owned by no company (recruiters cannot add any)"),
    re.compile(r"wagtailsettings:.*"): SETTINGS,
    re.compile(r"wagtail_serve"): PUBLIC,
    # The file of a Wagtail document is served to anyone: documents are editorial content, and this
    # one is read to prove its title is not in the response.
    re.compile(r"wagtaildocs_serve"): _everyone("Wagtail documents are public editorial files"),
    re.compile(r"wagtailadmin_password_reset_confirm|accounts:password_reset_confirm|accounts:email_confirm"):
        _everyone("a reset or confirmation link with a forged token shows the French 'invalid link' page"),
    # Releasing an editing session only ever deletes the caller's own (the unchanged table proves it).
    re.compile(r"wagtailadmin_editing_sessions:release"): _everyone("it answers 200 and releases only the caller's"),
}

# A public answer may be any status but 500; for the others, the statuses that refuse.
REFUSALS = {400, 403, 404, 405, 410}
LOGIN_PATHS = ("/compte/connexion/", "/espace-recruteur/connexion/", "/admin/login/")
# Wagtail sends a logged-in user without the permission back to the admin's home with a message; the
# recruiter space sends accounts that are not active to their status page.
REFUSAL_REDIRECTS = ("/admin/", "/espace-recruteur/mon-compte/", "/espace-recruteur/", "/espace-candidat/")

POST_DATA = {
    "action": "comment", "text": "ZQX écrit par un autre", "status": "to_contact", "reason": "other",
    "details": "ZQX", "subject": "ZQX", "body": "ZQX", "name": "ZQX", "title": "ZQX", "confirm": "1",
    "new_password1": "Zqx-Motdepasse-2026!", "new_password2": "Zqx-Motdepasse-2026!",
}


# --- Walking the URLconf --------------------------------------------------------------------------------

@dataclass
class Pattern:
    route: str
    name: str
    regex: re.Pattern
    arguments: list[str]
    callback: object = field(repr=False)

    @property
    def positional(self) -> bool:
        return not self.regex.groupindex and self.regex.groups > 0


def _walk(resolver, prefix="", namespaces=(), regexes=()):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            space = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from _walk(entry, prefix + str(entry.pattern), space, regexes + (entry.pattern.regex.pattern,))
        elif isinstance(entry, URLPattern):
            parts = [re.sub(r"(\\Z|\$)$", "", part.lstrip("^")) for part in regexes + (entry.pattern.regex.pattern,)]
            regex = re.compile("^" + "".join(parts) + "$")
            if regex.groups == 0:
                continue
            name = ":".join(namespaces + (entry.name or entry.lookup_str,))
            yield Pattern(prefix + str(entry.pattern), name, regex, list(regex.groupindex), entry.callback)


def patterns_with_arguments() -> list[Pattern]:
    return list(_walk(get_resolver()))


PATTERNS = patterns_with_arguments()


def _model_of(pattern: Pattern):
    modeladmin = re.match(r"admin/\^(\w+)/(\w+)/", pattern.route)
    if modeladmin:
        return apps.get_model(modeladmin.group(1), modeladmin.group(2))
    view_class = getattr(pattern.callback, "view_class", None)
    model = (getattr(pattern.callback, "view_initkwargs", None) or {}).get("model") or getattr(view_class, "model",
                                                                                                 None)
    if isinstance(model, str):
        model = apps.get_model(model)
    return model if isinstance(model, type) and issubclass(model, models.Model) else None


def _content_type_model(pattern: Pattern):
    if not (APP_ARGUMENTS | MODEL_ARGUMENTS) & set(pattern.arguments):
        return None
    for prefix, (app_label, model_name) in CONTENT_TYPE_ARGUMENTS.items():
        if pattern.route.startswith(prefix):
            return apps.get_model(app_label, model_name)
    return None


def _object_of_model(world: World, model):
    label = model._meta.label_lower
    if label in PREFERRED:
        return world.objects[PREFERRED[label]]
    for value in world.objects.values():
        if isinstance(value, models.Model) and isinstance(value, model):
            return value
    return None


def _fill_argument(world: World, pattern: Pattern, argument: str):
    word = WORDS.get((pattern.name, argument), WORDS.get(argument))
    if word is not None:
        return word
    if argument in APP_ARGUMENTS | MODEL_ARGUMENTS:
        for prefix, (app_label, model_name) in CONTENT_TYPE_ARGUMENTS.items():
            if pattern.route.startswith(prefix):
                return app_label if argument in APP_ARGUMENTS else model_name
        return None
    if argument == "uploaded_file_id":
        return world.objects["image_upload" if "/images/" in pattern.route else "document_upload"].pk
    if argument in ARGUMENT_OBJECTS:
        return world.objects[ARGUMENT_OBJECTS[argument]].pk
    if argument in {"pk", "instance_pk"}:
        if pattern.name in PROJECT_PKS:
            return world.objects[PROJECT_PKS[pattern.name]].pk
        model = _content_type_model(pattern) or _model_of(pattern)
        found = _object_of_model(world, model) if model is not None else None
        return found.pk if found is not None else None
    return None


def _substitute(regex: str, values) -> str:
    """The regex with each outer capturing group replaced by its value (by name, or in order)."""
    positional = iter(values) if isinstance(values, tuple) else None
    out, index = [], 0
    while index < len(regex):
        char = regex[index]
        if char == "\\":
            out.append(regex[index + 1])
            index += 2
        elif char == "(":
            depth, end = 1, index + 1
            while depth:
                depth += {"(": 1, ")": -1}.get(regex[end], 0)
                end += 2 if regex[end] == "\\" else 1
            name = re.match(r"\(\?P<(\w+)>", regex[index:])
            out.append(str(values[name.group(1)] if name else next(positional)))
            index = end
        else:
            out.append(char)
            index += 1
    return "".join(out)


def fill(world: World, pattern: Pattern) -> str | None:
    """The address of the pattern for the foreign world's object, or None when it cannot be filled."""
    if pattern.name in EXPLICIT:
        values = EXPLICIT[pattern.name](world)
    elif pattern.positional:
        return None
    else:
        values = {argument: _fill_argument(world, pattern, argument) for argument in pattern.arguments}
        if any(value is None for value in values.values()):
            return None
    path = _substitute(pattern.regex.pattern[1:-1], values)
    assert pattern.regex.match(path), (pattern.route, path)
    query = QUERIES[pattern.name](world) if pattern.name in QUERIES else ""
    return "/" + path + query


def allowed_for(name: str) -> Allowed | None:
    for key, allowed in POLICY.items():
        if key.fullmatch(name):
            return allowed
    return None


# --- The database, before and after ---------------------------------------------------------------------

# Rows an actor's own visit creates or touches: its session, its Wagtail profile, its editing session.
# Renditions are resized copies of an image made on first display: a cache, owned by nobody.
NEW_ROWS_ALLOWED = {
    "sessions.session", "wagtailusers.userprofile", "wagtailadmin.editingsession", "wagtailcore.pagesubscription",
    "wagtailimages.rendition",
}
# A new row of these tables is the actor's own when this column names the actor.
NEW_ROWS_OWNED = {"candidates.candidateprofile": "user_id"}
IGNORED_TABLES = {"sessions.session"}
# Wagtail fills an image's size and hash the first time it needs them. On PostgreSQL, a search of the
# admin refreshes every index entry's title_norm (a ranking weight computed from all titles' lengths).
IGNORED_COLUMNS = {
    "accounts.user": {"last_login"},
    "wagtailimages.image": {"file_size", "file_hash"},
    "wagtailsearch.indexentry": {"title_norm"},
}


def snapshot() -> dict:
    state = {}
    for model in apps.get_models():
        meta = model._meta
        if not meta.managed or meta.proxy or meta.label_lower in IGNORED_TABLES:
            continue
        ignored = IGNORED_COLUMNS.get(meta.label_lower, set())
        columns = tuple(f.attname for f in meta.concrete_fields if f.attname not in ignored)
        pk_index = columns.index(meta.pk.attname)
        rows = model._base_manager.order_by().values_list(*columns)
        state[meta.label_lower] = (columns, {row[pk_index]: row for row in rows})
    return state


def changes(before: dict, after: dict, *, actors: set[int]) -> list[str]:
    found = []
    for table, (columns, rows) in after.items():
        old = before.get(table, (columns, {}))[1]
        for pk in old.keys() - rows.keys():
            found.append(f"{table} #{pk} deleted")
        for pk in rows.keys() & old.keys():
            if rows[pk] != old[pk]:
                changed = [column for column, a, b in zip(columns, old[pk], rows[pk], strict=True) if a != b]
                found.append(f"{table} #{pk} changed ({', '.join(changed)})")
        if table in NEW_ROWS_ALLOWED:
            continue
        owner = columns.index(NEW_ROWS_OWNED[table]) if table in NEW_ROWS_OWNED else None
        found += [f"{table} #{pk} created" for pk in rows.keys() - old.keys()
                  if owner is None or rows[pk][owner] not in actors]
    return found


# --- Fixtures -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The two-company world, built once for the module inside a transaction rolled back after it (each
    test then runs in a savepoint of it, so one pattern's writes never reach the next)."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            built = build_world()
            clients = {}
            for actor in ACTORS:
                client = Client(raise_request_exception=False)
                user = built.actors[actor]
                if user is not None:
                    client.force_login(user)
                clients[actor] = client
            built.objects["clients"] = clients
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _refused(actor: str, response) -> bool:
    if response.status_code in REFUSALS:
        return True
    if response.status_code in (301, 302, 303):
        location = urlsplit(response["Location"]).path
        if location.startswith(LOGIN_PATHS):
            return True
        return actor != "anonymous" and location in REFUSAL_REDIRECTS
    return False


def probe(world: World, pattern: Pattern, url: str) -> list[str]:
    """Every actor, GET then POST; the failures as readable lines."""
    failures = []
    allowed = allowed_for(pattern.name)
    markers = [marker.encode() for marker in world.markers]
    for actor in ACTORS:
        client = world.objects["clients"][actor]
        legitimate = allowed is not None and actor in allowed.actors
        methods = ("GET",) if legitimate and allowed.actors != frozenset(ACTORS) else ("GET", "POST")
        for method in methods:
            response = client.get(url) if method == "GET" else client.post(url, POST_DATA)
            status = response.status_code
            body = _body(response)
            where = f"{pattern.route} [{pattern.name}] as {actor} {method} {url} -> {status}"
            if response.has_header("Location"):
                where += f" {response['Location']}"
            if status >= 500:
                failures.append(f"{where}: server error")
                continue
            public = legitimate and allowed.actors == frozenset(ACTORS)
            if legitimate and not public:
                continue
            shown = [m.decode() for m in markers if m in body]
            if shown:
                failures.append(f"{where}: shows {', '.join(shown)}")
            elif not public and not _refused(actor, response):
                failures.append(f"{where}: not refused")
    return failures


# --- Tests ----------------------------------------------------------------------------------------------

def _actor_ids(world: World) -> set[int]:
    return {user.pk for user in world.actors.values() if user is not None}


def _pattern_id(pattern: Pattern) -> str:
    return pattern.name


@pytest.mark.django_db
def test_every_pattern_with_an_argument_is_filled_or_declared(world):
    unknown = [f"URL pattern {p.route} [{p.name}] takes an id but the matrix does not know how to fill it"
               for p in PATTERNS if p.name not in DECLARED and fill(world, p) is None]
    assert not unknown, "\n".join(unknown)
    stale = set(DECLARED) - {p.name for p in PATTERNS}
    assert not stale, f"declared patterns that no longer exist: {sorted(stale)}"


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", [p for p in PATTERNS if p.name not in DECLARED], ids=_pattern_id)
def test_foreign_object_is_refused_and_unchanged(world, pattern):
    url = fill(world, pattern)
    if url is None:
        pytest.fail(f"URL pattern {pattern.route} [{pattern.name}] takes an id but the matrix cannot fill it")
    before = snapshot()
    failures = probe(world, pattern, url)
    failures += [f"{pattern.route} [{pattern.name}]: {change}" for change in changes(before, snapshot(), actors=_actor_ids(world))]
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_the_world_is_what_the_matrix_assumes(world):
    """The probes mean something only if the foreign objects exist as described."""
    objects = world.objects
    assert objects["page_b"].live and objects["page_b"].has_unpublished_changes
    assert objects["private_image"].collection == objects["collection"] and not objects["collection"].is_root()
    assert not objects["candidate_2"].visible_in_cvtheque
    assert isinstance(objects["document"], get_document_model())
    assert isinstance(objects["private_image"], get_image_model())
    assert Group.objects.filter(pk=objects["company_group"].pk).exists()
    assert objects["suspended_b"].status == "suspended"
    assert world.actors["pending_member"].join_requests.filter(company=objects["company_b"]).exists()


@pytest.mark.django_db
def test_the_owner_sees_what_the_others_are_refused(world):
    """A positive control: company B's own recruiter opens the same addresses and sees the markers, so a
    refusal in the matrix is a refusal and not a broken address or a logged-out client."""
    owner = Client()
    owner.force_login(world.objects["recruiter_b_user"])
    by_name = {p.name: p for p in PATTERNS}
    for name, marker in [
        ("recruiters_admin:application_detail", "MessageCandidature"),
        ("recruiters_admin:contact_detail", "ObjetContact"),
        ("recruiters_admin:visiotalent_campaign", "QuestionVideo"),
        ("search_admin:folder", "Dossier"),
        ("wagtailadmin_pages:edit", "BrouillonAccroche"),
    ]:
        response = owner.get(fill(world, by_name[name]))
        assert response.status_code == 200, (name, response.status_code)
        assert f"ZQX{marker}".encode() in response.content, name
    staff = world.objects["clients"]["moderator"]
    inspect = by_name["recruiters_recruiter_modeladmin_inspect"]
    assert b"ZQXNomEnAttente" in staff.get(fill(world, inspect)).content
