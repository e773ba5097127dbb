from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # The database cache (settings CACHES, env CACHE_URL) holds the sign-up and reset throttles shared
    # by every worker: its table exists as soon as the database is migrated, with no extra command.
    # createcachetable skips tables that exist and caches that are not database caches.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_cache_tables, migrations.RunPython.noop, elidable=False),
    ]
