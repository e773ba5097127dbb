"""The embedded SQLite database never answers "database is locked" to one person's concurrent saves.

The Wagtail editor's autosave and a click on "Enregistrer le brouillon" are two requests that each
read the page, then write a revision, inside one transaction. SQLite lets many readers in but one
writer; a transaction that began DEFERRED and has read cannot wait for the write lock (in WAL its
snapshot would be stale once the other commits), so SQLite fails it at once with "database is
locked", whatever the busy timeout. The settings begin every transaction IMMEDIATE on SQLite: the
second save waits for the first at BEGIN, then reads the first one's result.

These tests run the real settings (``portal.settings.dev`` with an empty var directory: the
embedded default, a file database in WAL) in a fresh interpreter, with several threads each holding
its own connection, as the threads of the web server do.
"""

import json
import subprocess
import sys

import pytest

from tests.settings.test_env import ROOT, clean_env

WRITERS = 4


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict:
    var_dir = tmp_path_factory.mktemp("var")
    out = subprocess.run(
        [sys.executable, "-m", "tests.settings.sqlite_writers", str(WRITERS)],
        cwd=ROOT,
        env=clean_env(DJANGO_SETTINGS_MODULE="portal.settings.dev", VIVIER_VAR_DIR=str(var_dir)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return {"var_dir": var_dir, **json.loads(out.stdout.strip().splitlines()[-1])}


def test_concurrent_saves_all_succeed_on_the_embedded_database(runs):
    result = runs["configured"]
    assert result["name"] == str(runs["var_dir"] / "db.sqlite3")
    assert result["journal_mode"] == "wal"
    assert result["options"]["transaction_mode"] == "IMMEDIATE"
    assert result["options"]["timeout"] >= 5
    assert result["outcomes"] == ["saved"] * WRITERS
    # Serialised, each save read the previous one's write: none was lost.
    assert result["revisions"] == WRITERS


def test_the_same_saves_fail_with_deferred_transactions(runs):
    """The control experiment: without IMMEDIATE the very same workload loses saves."""
    result = runs["deferred"]
    assert "transaction_mode" not in result["options"]
    failures = [outcome for outcome in result["outcomes"] if outcome != "saved"]
    assert failures, result
    assert all("database is locked" in failure for failure in failures), failures
