"""Concurrent read-then-write transactions against the configured SQLite file database.

Run in a fresh interpreter by tests/settings/test_sqlite_concurrency.py:

    python -m tests.settings.sqlite_writers WRITERS

Each writer does what a page save does: inside ``transaction.atomic()`` it reads a row, then writes
it back changed. The writers meet after their read (a barrier) so that, when SQLite lets them, they
all hold a read snapshot before any of them writes: the case where a deferred transaction fails.
The workload runs twice: with the settings as they are, then with their ``transaction_mode``
dropped (connections read it when they open), to show what the option prevents. Prints one JSON
line: for each run, what each writer got and the final value.
"""

import contextlib
import json
import sys
import threading

import django
from django.conf import settings

# A writer waits this long for the others to have read; under IMMEDIATE they cannot (they wait at
# BEGIN for the lock), so the meeting is given up and the writer goes on.
MEETING_SECONDS = 2.0


def run(writers: int) -> dict:
    from django.db import OperationalError, connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS draft")
        cursor.execute("CREATE TABLE draft (id INTEGER PRIMARY KEY, revisions INTEGER NOT NULL)")
        cursor.execute("INSERT INTO draft (id, revisions) VALUES (1, 0)")
    connection.close()

    start = threading.Barrier(writers)
    all_read = threading.Barrier(writers, timeout=MEETING_SECONDS)
    outcomes: list[str] = []

    def save_draft() -> None:
        start.wait()
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT revisions FROM draft WHERE id = 1")
                (revisions,) = cursor.fetchone()
                with contextlib.suppress(threading.BrokenBarrierError):
                    all_read.wait()
                cursor.execute("UPDATE draft SET revisions = %s WHERE id = 1", [revisions + 1])
            outcomes.append("saved")
        except OperationalError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=save_draft) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connection.cursor() as cursor:
        cursor.execute("SELECT revisions FROM draft WHERE id = 1")
        (revisions,) = cursor.fetchone()
        cursor.execute("PRAGMA journal_mode")
        (journal_mode,) = cursor.fetchone()
    return {
        "outcomes": sorted(outcomes),
        "revisions": revisions,
        "journal_mode": journal_mode,
        "options": dict(connection.settings_dict["OPTIONS"]),
        "name": str(connection.settings_dict["NAME"]),
    }


def main(writers: int) -> dict:
    django.setup()
    configured = run(writers)
    settings.DATABASES["default"]["OPTIONS"].pop("transaction_mode", None)
    return {"configured": configured, "deferred": run(writers)}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
