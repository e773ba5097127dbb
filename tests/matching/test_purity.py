"""The engine stays pure: no Django, labels in step with the reference choices, bench runs."""

import subprocess
import sys

from matching.bench import bench_engine
from matching.engine import CONTRACT_LABELS, CONTRACT_NEIGHBOURS, DIPLOMA_LABELS, WORKING_TIME_LABELS
from matching.features import CEFR_LEVELS
from portal.reference.choices import CefrLevel, ContractType, DiplomaLevel, WorkingTime


def test_engine_imports_no_django():
    code = (
        "import sys, matching.engine, matching.features, matching.bench; "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'wagtail', 'haystack'}); "
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_labels_match_the_reference_choices():
    assert dict(DIPLOMA_LABELS) == dict(DiplomaLevel.choices)
    assert dict(CONTRACT_LABELS) == dict(ContractType.choices)
    assert dict(WORKING_TIME_LABELS) == dict(WorkingTime.choices)
    assert tuple(CefrLevel.values) == CEFR_LEVELS
    assert set(CONTRACT_NEIGHBOURS) == set(ContractType.values)


def test_bench_reports_its_figures():
    figures = bench_engine(n_profiles=300, seed=1, runs=3)
    assert figures["profiles"] == 300
    assert figures["array_bytes"] > 0
    for key in ("score_top30", "threshold_top30", "explain_30", "upsert_one"):
        assert set(figures[key]) == {"min_ms", "p50_ms", "p95_ms"}
