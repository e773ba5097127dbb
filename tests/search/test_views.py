"""The CVthèque pages in the recruiter space: access, search page, profile, CV, comments, statuses,
folders, saved searches, contact; another company's objects answer 404."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone
from wagtail.admin.menu import admin_menu

from portal.candidates.services import store_cv
from recruiters.choices import CompanyStatus, RecruiterStatus
from search.backends.xapian import forget_readers
from search.choices import AccessKind, AlertFrequency, ProfileStatusValue
from search.models import (
    Comment,
    ContactMessage,
    Folder,
    FolderProfile,
    ProfileAccess,
    ProfileStatus,
    SavedSearch,
)
from search.wagtail_hooks import CvthequeSubmenu
from tests.factories import (
    CommentFactory,
    CompanyFactory,
    FolderFactory,
    FolderProfileFactory,
    ModeratorFactory,
    RecruiterFactory,
    SavedSearchFactory,
    UserFactory,
)
from tests.factories.candidates import docx_bytes, pdf_bytes

from .conftest import reindex

pytestmark = pytest.mark.django_db

SEARCH = "/admin/cvtheque/"
FOLDERS = "/admin/cvtheque/dossiers/"


def profile_url(profile, suffix=""):
    return f"/admin/cvtheque/profils/{profile.pk}/{suffix}"


def folder_url(folder):
    return f"/admin/cvtheque/dossiers/{folder.pk}/"


@pytest.fixture
def profiles(index, make_profile):
    made = {
        "tech": make_profile(headline="Technicienne de maintenance", cv_text="Maintenance préventive, GMAO.",
                             contract_types=["CDI"]),
        "tech2": make_profile(headline="Technicien", cv_text="Maintenance curative.", contract_types=["CDD"], home="riom"),
        "baker": make_profile(headline="Boulangère", cv_text="Pain au levain.", home="lyon"),
    }
    reindex()
    return made


@pytest.fixture
def signed_in(client, recruiter):
    client.force_login(recruiter.user)
    return client


def with_cv(profile, data=None, extension="pdf", name="CV Camille.pdf"):
    profile.cv_file.name = store_cv(data or pdf_bytes("Camille Martin", "Technicienne"), extension)
    profile.cv_original_name = name
    profile.cv_uploaded_at = timezone.now()
    profile.save()
    return profile


# --- Access --------------------------------------------------------------------------------------------------

CVTHEQUE_URLS = [SEARCH, FOLDERS]


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: RecruiterFactory(pending=True).user,
        lambda: RecruiterFactory(status=RecruiterStatus.SUSPENDED).user,
        lambda: RecruiterFactory(company=CompanyFactory(status=CompanyStatus.SUSPENDED)).user,
        lambda: UserFactory(),
        lambda: ModeratorFactory(),
    ],
)
def test_only_validated_recruiters_reach_the_cvtheque(client, profiles, make_user):
    user = make_user()
    user.groups.add(Group.objects.get(name="Recruteurs"))
    client.force_login(user)
    for url in CVTHEQUE_URLS + [profile_url(profiles["tech"]), profile_url(profiles["tech"], "cv/")]:
        response = client.get(url)
        assert response.status_code in {302, 403}, url
    assert ProfileAccess.objects.count() == 0


def test_anonymous_visitors_go_to_the_login(client, profiles):
    response = client.get(SEARCH + "?q=technicien")
    assert response.status_code == 302 and response["Location"].startswith("/espace-recruteur/connexion/")


def test_menu_has_the_cvtheque_with_search_and_saved_searches(recruiter):
    request = RequestFactory().get("/admin/")
    request.user = recruiter.user
    [item] = [item for item in admin_menu.menu_items_for_request(request) if item.name == "cvtheque"]
    # Matching adds its own entries to this menu; ours come first.
    assert [(child.label, child.url) for child in item.menu.menu_items_for_request(request)][:2] == [
        ("Recherche mots-clés", "/admin/cvtheque/"), ("Recherches enregistrées", "/admin/cvtheque/dossiers/")
    ]
    request.user = ModeratorFactory()
    assert not [item for item in admin_menu.menu_items_for_request(request) if isinstance(item, CvthequeSubmenu)]


def test_dashboard_panel_lists_saved_searches_with_new_profiles(signed_in, profiles, recruiter):
    search = SavedSearchFactory(folder=FolderFactory(recruiter=recruiter), name="Techniciens")
    SavedSearch.objects.filter(pk=search.pk).update(last_alert_at=timezone.now() - timedelta(days=1))
    content = signed_in.get("/admin/").content.decode()
    assert "Techniciens" in content and "2 nouveaux profils" in content
    assert 'action="/admin/cvtheque/"' in content
    assert "/admin/recruteur/cvtheque/" not in content  # the placeholder panel is gone


# --- Search page ---------------------------------------------------------------------------------------------


def test_search_page_shows_count_cards_highlights_and_facets(signed_in, profiles, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        response = signed_in.get(SEARCH, {"q": "techniciennes maintenance"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "2 PROFILS" in content
    assert "<mark>Technicienne</mark>" in content and "<mark>Technicien</mark>" in content
    assert "Boulangère" not in content
    assert "Type de contrat" in content and "CDI" in content
    assert 'href="?q=techniciennes+maintenance&amp;contract_type=CDI"' in content


def test_query_count_does_not_grow_with_results(signed_in, index, make_profile, django_assert_max_num_queries):
    for i in range(40):
        make_profile(headline=f"Cariste {i}", experiences=[("Cariste", timezone.localdate().replace(day=1), None)])
    reindex()
    with django_assert_max_num_queries(30):
        response = signed_in.get(SEARCH, {"q": "cariste", "par_page": "50"})
    assert response.status_code == 200 and response.content.decode().count('<li class="cvtheque-card') == 40


def test_ticking_a_facet_narrows_the_results(signed_in, profiles):
    response = signed_in.get(SEARCH, {"q": "technicien", "contract_type": "CDD"})
    content = response.content.decode()
    assert "1 PROFIL" in content and "Technicien<" in content.replace("</mark>", "")
    assert "is-selected" in content


def test_places_and_departments_from_the_form(signed_in, profiles):
    response = signed_in.get(SEARCH, {"commune_label": "Riom", "rayon": "0", "departement": ""})
    assert response.status_code == 200 and "1 PROFIL" in response.content.decode()
    response = signed_in.get(SEARCH, {"departement": "69"})
    assert "Boulangère" in response.content.decode()


@pytest.mark.parametrize(
    "params, message",
    [
        ({"lieu": "99999:10"}, "Commune inconnue"),
        ({"commune_label": "Atlantide", "rayon": "10"}, "Commune inconnue"),
        ({"commune_label": "Riom", "rayon": "500"}, "Rayon invalide"),
        ({"departement": "ZZ"}, "Département inconnu"),
        ({"contract_type": "CDII"}, "Valeur inconnue"),
        ({"tri": "salaire"}, "Tri inconnu"),
        ({"page": "abc"}, "Numéro de page invalide"),
        ({"par_page": "1000"}, "Nombre de profils par page invalide"),
    ],
)
def test_bad_criteria_are_explained_with_a_400(signed_in, profiles, params, message):
    response = signed_in.get(SEARCH, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_bad_words_are_repaired_not_refused(signed_in, profiles):
    response = signed_in.get(SEARCH, {"q": 'technicien "de maintenance'})
    assert response.status_code == 200
    assert "Guillemet fermant ajouté." in response.content.decode()


def test_seen_mark_and_comment_indicator_on_cards(signed_in, profiles, recruiter):
    signed_in.get(profile_url(profiles["tech"]))
    CommentFactory(recruiter=RecruiterFactory(company=recruiter.company), profile=profiles["tech"])
    CommentFactory(profile=profiles["tech2"])  # another company's
    content = signed_in.get(SEARCH, {"q": "technicien"}).content.decode()
    assert content.count("Déjà vu") == 1
    assert content.count("1 commentaire") == 1


def test_pages_and_sorts_links(signed_in, index, make_profile):
    for i in range(12):
        make_profile(headline=f"Soudeur {i}")
    reindex()
    content = signed_in.get(SEARCH, {"q": "soudeur", "par_page": "10"}).content.decode()
    assert "12 PROFILS" in content and 'rel="next"' in content
    second = signed_in.get(SEARCH, {"q": "soudeur", "par_page": "10", "page": "2"}).content.decode()
    assert second.count('<li class="cvtheque-card') == 2
    assert "tri=last_login" in content


# --- Profile page --------------------------------------------------------------------------------------------


def test_profile_page_records_the_access_and_the_seen_status(signed_in, profiles, recruiter,
                                                               django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        response = signed_in.get(profile_url(profiles["tech"]), {"retour": "?q=technicien"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Technicienne de maintenance" in content and 'href="/admin/cvtheque/?q=technicien"' in content
    access = ProfileAccess.objects.get()
    assert (access.company, access.user, access.kind) == (recruiter.company, recruiter.user, AccessKind.PROFILE)
    assert ProfileStatus.objects.get().status == ProfileStatusValue.SEEN
    assert len(mail.outbox) == 0  # the candidate is not told


def test_a_profile_outside_the_cvtheque_is_a_404(signed_in, profiles, make_profile):
    hidden = make_profile(headline="Caché", visible_in_cvtheque=False, consent_at=None)
    assert signed_in.get(profile_url(hidden)).status_code == 404
    assert signed_in.get("/admin/cvtheque/profils/999999/").status_code == 404
    assert ProfileAccess.objects.count() == 0


def test_pdf_cv_inline_and_download_are_logged(signed_in, profiles):
    profile = with_cv(profiles["tech"])
    response = signed_in.get(profile_url(profile, "cv/"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    response = signed_in.get(profile_url(profile, "cv/telecharger/"))
    assert response["Content-Disposition"].startswith("attachment") and "CV Camille.pdf" in response["Content-Disposition"]
    kinds = list(ProfileAccess.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == [AccessKind.CV_VIEW, AccessKind.CV_DOWNLOAD]
    page = signed_in.get(profile_url(profile)).content.decode()
    assert '<iframe class="cvtheque-cv" src="/admin/cvtheque/profils/' in page


def test_docx_cv_shows_its_text_and_downloads(signed_in, profiles):
    profile = with_cv(profiles["tech"], docx_bytes("Camille"), "docx", "cv.docx")
    profile.cv_text = "Texte extrait du CV Word"
    profile.save()
    page = signed_in.get(profile_url(profile)).content.decode()
    assert "Texte extrait du CV Word" in page and "Télécharger le CV (DOCX)" in page
    assert signed_in.get(profile_url(profile, "cv/")).status_code == 404
    response = signed_in.get(profile_url(profile, "cv/telecharger/"))
    assert response.status_code == 200 and "wordprocessingml" in response["Content-Type"]


def test_cv_of_a_profile_without_file_or_outside_the_cvtheque_is_a_404(signed_in, profiles, make_profile):
    assert signed_in.get(profile_url(profiles["baker"], "cv/")).status_code == 404
    hidden = with_cv(make_profile(headline="Caché", visible_in_cvtheque=False, consent_at=None))
    assert signed_in.get(profile_url(hidden, "cv/telecharger/")).status_code == 404
    assert ProfileAccess.objects.count() == 0


# --- Comments, statuses, retain, contact ----------------------------------------------------------------------


def post(client, profile, **data):
    return client.post(profile_url(profile), data)


def test_comments_are_private_to_the_company(signed_in, profiles, recruiter, client):
    response = post(signed_in, profiles["tech"], action="comment", text="À rappeler lundi", retour="?q=x")
    assert response.status_code == 302 and "retour=" in response["Location"]
    comment = Comment.objects.get()
    assert (comment.company, comment.author) == (recruiter.company, recruiter.user)
    other = RecruiterFactory()
    client.force_login(other.user)
    assert "À rappeler lundi" not in client.get(profile_url(profiles["tech"])).content.decode()
    colleague = RecruiterFactory(company=recruiter.company)
    client.force_login(colleague.user)
    assert "À rappeler lundi" in client.get(profile_url(profiles["tech"])).content.decode()


@pytest.mark.parametrize("text, message", [("   ", "Écrivez votre commentaire."), ("x" * 2001, "trop long")])
def test_bad_comments_are_refused(signed_in, profiles, text, message):
    response = post(signed_in, profiles["tech"], action="comment", text=text)
    assert response.status_code == 400 and message in response.content.decode()
    assert Comment.objects.count() == 0


def test_deleting_comments(signed_in, profiles, recruiter):
    mine = CommentFactory(recruiter=recruiter, profile=profiles["tech"])
    colleagues = CommentFactory(recruiter=RecruiterFactory(company=recruiter.company), profile=profiles["tech"])
    foreign = CommentFactory(profile=profiles["tech"])
    assert post(signed_in, profiles["tech"], action="delete_comment", comment=foreign.pk).status_code == 404
    assert post(signed_in, profiles["tech"], action="delete_comment", comment=colleagues.pk).status_code == 403
    assert post(signed_in, profiles["tech"], action="delete_comment", comment=mine.pk).status_code == 302
    assert set(Comment.objects.values_list("pk", flat=True)) == {colleagues.pk, foreign.pk}


def test_statuses(signed_in, profiles, recruiter):
    assert post(signed_in, profiles["tech"], action="status", status="ecarte").status_code == 302
    assert ProfileStatus.objects.get(company=recruiter.company).status == ProfileStatusValue.REJECTED
    assert post(signed_in, profiles["tech"], action="status", status="embauche").status_code == 400
    assert ProfileStatus.objects.get(company=recruiter.company).status == ProfileStatusValue.REJECTED
    content = signed_in.get(SEARCH, {"q": "technicien", "suivi": "ecarte"}).content.decode()
    assert "1 PROFIL" in content and "Écarté" in content


def test_retain_into_an_existing_or_a_new_folder(signed_in, profiles, recruiter):
    folder = FolderFactory(recruiter=recruiter)
    assert post(signed_in, profiles["tech"], action="retain", folder=folder.pk).status_code == 302
    assert post(signed_in, profiles["tech2"], action="retain", new_folder="Maintenance Riom").status_code == 302
    assert set(FolderProfile.objects.values_list("folder__name", "profile__headline")) == {
        (folder.name, "Technicienne de maintenance"), ("Maintenance Riom", "Technicien")
    }
    assert ProfileStatus.objects.filter(status=ProfileStatusValue.RETAINED).count() == 2
    # Retaining twice keeps one entry.
    post(signed_in, profiles["tech"], action="retain", folder=folder.pk)
    assert FolderProfile.objects.filter(folder=folder).count() == 1


def test_retain_refuses_other_companies_and_private_colleague_folders(signed_in, profiles, recruiter):
    foreign = FolderFactory()
    private = FolderFactory(recruiter=RecruiterFactory(company=recruiter.company), shared=False)
    shared = FolderFactory(recruiter=RecruiterFactory(company=recruiter.company), shared=True)
    for folder in (foreign, private):
        response = post(signed_in, profiles["tech"], action="retain", folder=folder.pk)
        assert response.status_code == 400 and "pas accessible" in response.content.decode()
    assert post(signed_in, profiles["tech"], action="retain").status_code == 400
    assert FolderProfile.objects.count() == 0
    assert post(signed_in, profiles["tech"], action="retain", folder=shared.pk).status_code == 302


def test_contact_the_candidate_through_the_platform(signed_in, profiles, recruiter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(signed_in, profiles["tech"], action="contact", subject="Poste à Clermont",
                        body="Bonjour, pouvons-nous échanger ?")
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [profiles["tech"].user.email] and message.reply_to == [recruiter.user.email]
    assert "pouvons-nous échanger" in message.body and message.subject == "Poste à Clermont"
    assert ContactMessage.objects.get().company == recruiter.company
    assert ProfileStatus.objects.get().status == ProfileStatusValue.CONTACTED
    assert "Message envoyé" in signed_in.get(profile_url(profiles["tech"])).content.decode()


def test_contact_with_an_empty_message_is_refused(signed_in, profiles):
    response = post(signed_in, profiles["tech"], action="contact", subject="", body="")
    assert response.status_code == 400 and "Écrivez votre message." in response.content.decode()
    assert ContactMessage.objects.count() == 0 and not mail.outbox


def test_unknown_action(signed_in, profiles):
    assert post(signed_in, profiles["tech"], action="delete_profile").status_code == 400


# --- Folders and saved searches ------------------------------------------------------------------------------


def test_folder_list_shows_own_and_shared_folders_only(signed_in, recruiter, profiles, django_assert_max_num_queries):
    own = FolderFactory(recruiter=recruiter, name="Mes techniciens")
    FolderProfileFactory(folder=own, profile=profiles["tech"])
    FolderFactory(recruiter=RecruiterFactory(company=recruiter.company), name="Partagé", shared=True)
    FolderFactory(recruiter=RecruiterFactory(company=recruiter.company), name="Privé du collègue")
    FolderFactory(name="Autre entreprise", shared=True)
    for i in range(5):
        SavedSearchFactory(folder=own, name=f"Recherche {i}")
    with django_assert_max_num_queries(20):
        content = signed_in.get(FOLDERS).content.decode()
    assert "Mes techniciens" in content and "Partagé" in content
    assert "Privé du collègue" not in content and "Autre entreprise" not in content


def test_create_folder(signed_in, recruiter):
    response = signed_in.post(FOLDERS, {"name": "  Soudeurs   Lyon ", "shared": "on"})
    folder = Folder.objects.get()
    assert response.status_code == 302 and response["Location"] == folder_url(folder)
    assert (folder.name, folder.shared, folder.company, folder.owner) == ("Soudeurs Lyon", True, recruiter.company, recruiter.user)
    response = signed_in.post(FOLDERS, {"name": ""})
    assert response.status_code == 400 and "Donnez un nom au dossier." in response.content.decode()


def test_other_companies_folders_and_private_colleague_folders_are_404(signed_in, recruiter):
    for folder in (FolderFactory(), FolderFactory(shared=True),
                   FolderFactory(recruiter=RecruiterFactory(company=recruiter.company), shared=False)):
        assert signed_in.get(folder_url(folder)).status_code == 404
        assert signed_in.post(folder_url(folder), {"action": "delete"}).status_code == 404
    assert Folder.objects.count() == 3


def test_sharing_opens_a_folder_to_colleagues_of_the_same_company_only(signed_in, recruiter, client, profiles):
    folder = FolderFactory(recruiter=recruiter, name="Poste A")
    FolderProfileFactory(folder=folder, profile=profiles["tech"])
    colleague = RecruiterFactory(company=recruiter.company)
    outsider = RecruiterFactory()
    client.force_login(colleague.user)
    assert client.get(folder_url(folder)).status_code == 404
    client.force_login(recruiter.user)
    assert client.post(folder_url(folder), {"action": "update", "name": "Poste A", "shared": "on"}).status_code == 302
    client.force_login(colleague.user)
    response = client.get(folder_url(folder))
    assert response.status_code == 200 and "Technicienne de maintenance" in response.content.decode()
    # A colleague may use a shared folder but not rename, share or delete it.
    assert client.post(folder_url(folder), {"action": "update", "name": "Renommé"}).status_code == 403
    assert client.post(folder_url(folder), {"action": "delete"}).status_code == 403
    client.force_login(outsider.user)
    assert client.get(folder_url(folder)).status_code == 404
    folder.refresh_from_db()
    assert folder.name == "Poste A" and folder.shared


def test_rename_remove_profile_and_delete_folder(signed_in, recruiter, profiles):
    folder = FolderFactory(recruiter=recruiter, name="Ancien nom")
    FolderProfileFactory(folder=folder, profile=profiles["tech"])
    SavedSearchFactory(folder=folder)
    assert signed_in.post(folder_url(folder), {"action": "update", "name": "Nouveau nom"}).status_code == 302
    assert signed_in.post(folder_url(folder), {"action": "update", "name": ""}).status_code == 400
    folder.refresh_from_db()
    assert folder.name == "Nouveau nom"
    foreign_profile_entry = FolderProfileFactory()
    assert signed_in.post(folder_url(folder), {"action": "remove_profile",
                                               "profile": foreign_profile_entry.profile_id}).status_code == 404
    assert signed_in.post(folder_url(folder), {"action": "remove_profile", "profile": profiles["tech"].pk}).status_code == 302
    assert not FolderProfile.objects.filter(folder=folder).exists()
    assert signed_in.post(folder_url(folder), {"action": "delete"}).status_code == 302
    assert not Folder.objects.filter(pk=folder.pk).exists() and SavedSearch.objects.count() == 0


def test_save_a_search_with_an_alert(signed_in, recruiter, profiles):
    criteria = urlencode([("q", "technicien"), ("lieu", "63113:30"), ("contract_type", "CDI")])
    response = signed_in.post("/admin/cvtheque/enregistrer/", {
        "criteria": criteria, "name": "Techniciens Clermont", "new_folder": "Maintenance", "alert_frequency": "daily",
    })
    saved = SavedSearch.objects.get()
    assert response.status_code == 302 and response["Location"] == folder_url(saved.folder)
    assert saved.criteria["q"] == "technicien" and saved.criteria["places"] == ["63113:30"]
    assert saved.criteria["filters"] == {"contract_type": ["CDI"]}
    assert saved.alert_frequency == AlertFrequency.DAILY and saved.created_by == recruiter.user
    page = signed_in.get(folder_url(saved.folder)).content.decode()
    assert "Techniciens Clermont" in page and "contract_type=CDI" in page


def test_saving_a_search_needs_an_accessible_folder_and_valid_criteria(signed_in, recruiter, profiles):
    foreign = FolderFactory()
    response = signed_in.post("/admin/cvtheque/enregistrer/", {
        "criteria": "q=technicien", "name": "X", "folder": foreign.pk, "alert_frequency": "daily"}, follow=True)
    assert "pas accessible" in response.content.decode()
    response = signed_in.post("/admin/cvtheque/enregistrer/", {
        "criteria": "lieu=99999", "name": "X", "new_folder": "Y", "alert_frequency": "daily"}, follow=True)
    assert "Commune inconnue" in response.content.decode()
    response = signed_in.post("/admin/cvtheque/enregistrer/", {
        "criteria": "q=x", "name": "X", "new_folder": "Y", "alert_frequency": "hourly"}, follow=True)
    assert "inconnue" in response.content.decode()
    assert SavedSearch.objects.count() == 0


def test_edit_and_delete_saved_searches(signed_in, recruiter):
    folder = FolderFactory(recruiter=recruiter)
    search = SavedSearchFactory(folder=folder, alert_frequency=AlertFrequency.NONE)
    prefix = f"s{search.pk}"
    response = signed_in.post(folder_url(folder), {"action": "update_search", "search": search.pk,
                                                   f"{prefix}-name": "Hebdo", f"{prefix}-alert_frequency": "weekly"})
    assert response.status_code == 302
    search.refresh_from_db()
    assert (search.name, search.alert_frequency) == ("Hebdo", AlertFrequency.WEEKLY)
    bad = signed_in.post(folder_url(folder), {"action": "update_search", "search": search.pk,
                                              f"{prefix}-name": "", f"{prefix}-alert_frequency": "weekly"})
    assert bad.status_code == 400
    foreign = SavedSearchFactory()
    assert signed_in.post(folder_url(folder), {"action": "delete_search", "search": foreign.pk}).status_code == 404
    assert signed_in.post(folder_url(foreign.folder), {"action": "delete_search", "search": foreign.pk}).status_code == 404
    assert signed_in.post(folder_url(folder), {"action": "delete_search", "search": search.pk}).status_code == 302
    assert list(SavedSearch.objects.all()) == [foreign]


def test_an_unreadable_index_gives_a_french_503_not_a_500(signed_in, profiles, index):
    target = index.current_directory()
    for table in target.glob("*.glass"):
        table.write_bytes(b"broken")
    forget_readers()
    response = signed_in.get(SEARCH, {"q": "technicien"})
    assert response.status_code == 503
    assert "momentanément indisponible" in response.content.decode()


def test_replace_the_criteria_of_a_saved_search(signed_in, recruiter, profiles):
    mine = SavedSearchFactory(folder=FolderFactory(recruiter=recruiter), name="Ancienne")
    foreign = SavedSearchFactory(name="Autre entreprise")
    response = signed_in.post("/admin/cvtheque/enregistrer/", {
        "criteria": "q=boulanger&departement=69", "name": "Boulangers du Rhône", "replace": mine.pk,
        "alert_frequency": "weekly"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.name, mine.criteria["q"], mine.criteria["departments"]) == ("Boulangers du Rhône", "boulanger", ["69"])
    assert mine.alert_frequency == AlertFrequency.WEEKLY
    response = signed_in.post("/admin/cvtheque/enregistrer/", {
        "criteria": "q=x", "name": "Volée", "replace": foreign.pk, "alert_frequency": "none"}, follow=True)
    assert "pas accessible" in response.content.decode()
    foreign.refresh_from_db()
    assert foreign.name == "Autre entreprise"


def test_history_shows_only_the_company_s_own_actions(signed_in, profiles, recruiter):
    other = RecruiterFactory()
    ProfileAccess.objects.create(company=other.company, user=other.user, user_email=other.user.email,
                                 profile=profiles["tech"])
    content = signed_in.get(profile_url(profiles["tech"])).content.decode()
    assert other.user.email not in content and recruiter.user.email in content


def _between(html, start, end="</div>"):
    begin = html.index(start)
    return html[begin:html.index(end, begin)]


def test_a_place_typed_without_choosing_is_resolved_and_shown_as_understood(signed_in, profiles):
    response = signed_in.get(SEARCH, {"commune": "", "commune_label": "riom", "rayon": "0"})
    assert response.status_code == 200 and "1 PROFIL" in response.content.decode()
    row = _between(response.content.decode(), 'class="cvtheque-place__commune"')
    assert 'value="Riom (63)"' in row and 'value="63300"' in row


def test_a_place_that_cannot_be_resolved_stays_in_its_row_with_the_error_under_it(signed_in, profiles):
    response = signed_in.get(SEARCH, [("q", "technicien"), ("commune", "63113"), ("commune_label", "Clermont-Ferrand (63)"),
                                      ("rayon", "30"), ("commune", ""), ("commune_label", "Atlantide"), ("rayon", "10")])
    assert response.status_code == 400
    html = response.content.decode()
    box = _between(html, 'name="commune_label" value="Atlantide"', ">")
    assert 'aria-invalid="true"' in box and 'aria-describedby="lieu-1-error"' in box
    error = _between(html, 'id="lieu-1-error"', "</p>")
    assert "Commune inconnue : « Atlantide »." in error
    # The other row is kept as chosen, and the typed text as typed.
    assert 'name="commune_label" value="Clermont-Ferrand (63)"' in html
    assert 'name="commune_label" value="Atlantide"' in html
    assert "corrigez le champ signalé" in html


def test_a_radius_out_of_range_and_an_unknown_department_are_said_next_to_them(signed_in, profiles):
    response = signed_in.get(SEARCH, {"commune_label": "Riom", "rayon": "500", "departement": "ZZ"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Rayon invalide pour « Riom »" in _between(html, 'id="rayon-0-error"', "</p>")
    assert 'aria-describedby="rayon-0-error"' in html
    assert "Département inconnu : « ZZ »" in _between(html, 'id="departement-0-error"', "</p>")
    assert 'aria-describedby="departement-0-error"' in html


def test_a_repaired_query_is_explained_under_the_box(signed_in, profiles):
    html = signed_in.get(SEARCH, {"q": 'technicien "de maintenance'}).content.decode()
    assert 'aria-describedby="cvtheque-aide cvtheque-q-notes"' in html
    assert "Guillemet fermant ajouté." in _between(html, 'id="cvtheque-q-notes"')


def test_a_search_that_cannot_be_saved_keeps_the_criteria_and_says_why_next_to_the_field(signed_in, profiles):
    response = signed_in.post("/admin/cvtheque/enregistrer/", {
        "criteria": "q=technicien&lieu=63113:30", "name": "", "new_folder": "", "alert_frequency": "daily"})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<details class="cvtheque-save" open>' in html
    assert "Donnez un nom à la recherche." in html
    assert "Choisissez un dossier ou donnez un nom au nouveau dossier." in html
    assert 'value="technicien"' in html and 'value="Clermont-Ferrand (63)"' in html
    assert SavedSearch.objects.count() == Folder.objects.count() == 0
