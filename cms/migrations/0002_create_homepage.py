from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    # Wagtail's first migration leaves a placeholder "Welcome" page at depth 2: replace it.
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    homepage_content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    homepage = HomePage.objects.create(
        title="Trouvez votre prochain emploi en région",
        draft_title="Trouvez votre prochain emploi en région",
        slug="accueil",
        content_type=homepage_content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=Locale.objects.get_or_create(language_code="fr")[0],
        intro="<p>Offres d'emploi, entreprises qui recrutent près de chez vous et un profil pour être trouvé.</p>",
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": homepage.id, "site_name": "Vivier"},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("cms.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
