import importlib
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo.bench import (
    DEFAULT_PROFILES,
    SECTIONS,
    BenchContext,
    read_results,
    update_report,
    write_results,
)
from portal.reference.models import Commune

BENCH_DIR_NAME = "bench"
REPORT = Path(settings.BASE_DIR) / "docs" / "benchmarks.md"


class Command(BaseCommand):
    help = (
        "Benchmark the CVthèque and matching on a generated corpus (cached in var/bench/, its own database "
        "and index); writes var/bench/results.json and the generated sections of docs/benchmarks.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", choices=sorted(SECTIONS), help="run only these sections")
        parser.add_argument("--profiles", type=int, default=DEFAULT_PROFILES)
        parser.add_argument("--runs", type=int, default=10, help="runs of each query")
        parser.add_argument("--reuse-index", action="store_true", help="do not rebuild the CVthèque index")
        parser.add_argument("--skip-baselines", action="store_true", help="no Whoosh and ORM baselines")
        parser.add_argument("--no-report", action="store_true", help="do not touch docs/benchmarks.md")

    def handle(self, *args, **options):
        var_dir = Path(settings.VAR_DIR)
        bench_dir = var_dir if var_dir.name == BENCH_DIR_NAME else var_dir / BENCH_DIR_NAME
        if Path(settings.VAR_DIR).resolve() != bench_dir.resolve():
            return self.in_bench_environment(bench_dir)
        if options["profiles"] < 1 or options["runs"] < 1:
            raise CommandError("--profiles and --runs must be positive.")
        if not Commune.objects.filter(latitude__isnull=False).exists():
            raise CommandError("No reference communes in the bench database: run load_reference_data there.")
        context = BenchContext(
            directory=bench_dir, profiles=options["profiles"], runs=options["runs"],
            log=lambda line: self.stdout.write(line), options=options,
        )
        results_path = bench_dir / "results.json"
        results = read_results(results_path)
        for name in options["only"] or list(SECTIONS):
            try:
                module = importlib.import_module(SECTIONS[name])
            except ModuleNotFoundError:
                self.stdout.write(f"{name}: section not available yet")
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(f"== {name} =="))
            if hasattr(module, "run"):
                results[name] = module.run(context)
            else:
                results[name] = module.run_matching_bench(runs=options["runs"], log=context.log)
            write_results(results_path, results)
            if hasattr(module, "markdown") and not options["no_report"]:
                update_report(REPORT, name, module.markdown(results[name]))
        self.stdout.write(self.style.SUCCESS(f"Results in {results_path}" + ("" if options["no_report"] else f" and {REPORT}")))

    def in_bench_environment(self, bench_dir: Path):
        """Run again with the bench var directory (database, index, files), set up once."""
        bench_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "VIVIER_VAR_DIR": str(bench_dir)}
        env.pop("DATABASE_URL", None)
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        self.stdout.write(f"Benchmark environment: {bench_dir}")
        subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True)  # noqa: S603
        check = subprocess.run(  # noqa: S603
            [*manage, "shell", "-c",
             "from portal.reference.models import Commune; print(Commune.objects.exists())"],
            env=env, check=True, capture_output=True, text=True,
        )
        if check.stdout.strip().splitlines()[-1:] != ["True"]:
            subprocess.run([*manage, "load_reference_data"], env=env, check=True)  # noqa: S603
        argv = [arg for arg in sys.argv[1:] if arg != "bench"]
        result = subprocess.run([*manage, "bench", *argv], env=env, check=False)  # noqa: S603
        if result.returncode:
            raise CommandError(f"The benchmark failed (exit status {result.returncode}).")
