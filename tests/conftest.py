import shutil

import pytest


def pytest_collection_modifyitems(config, items):
    # e2e tests need Debian's chromium; without it they are skipped with a plain reason.
    if shutil.which("chromium"):
        return
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium chromium-driver)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)
