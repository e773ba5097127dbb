from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage

HOME_TITLE = "Trouvez votre prochain emploi en région"
HOME_INTRO = "<p>Offres d'emploi, entreprises qui recrutent près de chez vous et un profil pour être trouvé.</p>"


@transaction.atomic
def site_ensure() -> HomePage:
    """Make sure the page tree has its root, the home page and a default site (idempotent).

    The cms data migration does this on a fresh database; tests that flush the database and
    `seed_demo` call it again.
    """
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        if root is None:
            locale, _ = Locale.objects.get_or_create(language_code="fr")
            root = Page.add_root(instance=Page(title="Racine", slug="root", locale=locale))
        home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="accueil", intro=HOME_INTRO))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Vivier")
    elif site.root_page_id != home.id:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home
