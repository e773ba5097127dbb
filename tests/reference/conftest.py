import io
import shutil

import pytest
from django.db import transaction

from portal.reference import geo
from portal.reference.services import reference_data_load


@pytest.fixture(scope="package")
def reference_data(request, django_db_setup, django_db_blocker):
    """The real reference data, loaded once for the tests of this package and rolled back after them.

    Tests reach it through `loaded`: each then runs in a savepoint inside this outer transaction.
    """
    if shutil.which("chromium") and any("e2e" in item.keywords for item in request.session.items):
        # Playwright's sync API gives the code after its start another database connection; start it
        # first so that the whole package uses one connection.
        request.getfixturevalue("browser")
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            report = reference_data_load(stream=io.StringIO())
        except BaseException:
            outer.__exit__(None, None, None)
            raise
    geo.reset()
    yield report
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    geo.reset()


@pytest.fixture
def loaded(reference_data, db):
    return reference_data
