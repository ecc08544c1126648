"""The `senim` command: demo, serve, setup, staff, worker, sweep, seed, load-courts, registry,
audit, analytics and Django's own."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence

from senim.core.env import env_int

DEFAULT_DEMO_CASES = 3000


def _setup(env: str | None = None) -> None:
    if env is not None:
        os.environ["SENIM_ENV"] = env
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senim.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as problem:
        print(f"senim: cannot start: {problem}", file=sys.stderr)
        raise SystemExit(2) from problem


# The key of the PostgreSQL advisory lock around `senim setup`: any constant that no other
# application on the same database server uses for its own lock.
SETUP_LOCK_KEY = 0x53454E494D  # "SENIM"


@contextlib.contextmanager
def _setup_lock() -> Iterator[None]:
    """One host at a time prepares the database. On PostgreSQL, hosts started together each
    run `senim serve --migrate`: two concurrent `migrate` runs would both try to create the
    same tables, and two registry loads the same courts. A session-level advisory lock lets
    the first do the work and the others find it done. (SQLite is one host's file, whose
    writers queue anyway.)"""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [SETUP_LOCK_KEY])
        if not cursor.fetchone()[0]:
            print("· waiting for another host to finish its setup", flush=True)
            cursor.execute("SELECT pg_advisory_lock(%s)", [SETUP_LOCK_KEY])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [SETUP_LOCK_KEY])


def _prepare_instance(*, static_files: bool) -> None:
    """What a fresh database and host need before serving, each step idempotent: migrations,
    the database cache table (throttles and caches use it; a no-op when Redis is the cache),
    the static files (production serves them from STATIC_ROOT only) and the court registry
    (only what is missing is added). A second run changes nothing and takes seconds."""
    from django.core.management import call_command
    from django.db import connection, connections
    from django.db.migrations.executor import MigrationExecutor

    from senim.organization.services import registry_load

    with _setup_lock():
        executor = MigrationExecutor(connection)
        pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
        print(f"· migrations: {pending} to apply", flush=True)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        print("· cache table: ready", flush=True)
        if static_files:
            report = io.StringIO()
            call_command("collectstatic", interactive=False, verbosity=1, stdout=report)
            summary = report.getvalue().strip().splitlines()[-1]
            print(f"· static files: {summary}", flush=True)
        result = registry_load()
        print(
            f"· court registry: {result.courts_created} courts added, {result.courts_kept} kept, "
            f"{result.units_created} units added",
            flush=True,
        )
    # The processes started next open their own connections; this one would sit idle.
    connections.close_all()


def _prepare_database(cases: int) -> None:
    from senim.demo.seed import seed

    print("· preparing the database", flush=True)
    # The demo serves static files from the packages (WHITENOISE_USE_FINDERS): none to collect.
    _prepare_instance(static_files=False)
    seed(cases=cases, demo_accounts=True, progress=True)


def _print_demo_banner(host: str, port: int) -> None:
    from django.conf import settings
    from django.utils import translation

    from senim.demo.seed import demo_accounts_table

    base = f"http://{host}:{port}"
    print()
    print("Senim demo is running:")
    print(f"  public portal   {base}/")
    print(f"  staff office    {base}/office/")
    print(f"  health check    {base}/healthz")
    print()
    print(f"Demo logins (password: {settings.SENIM_DEMO_PASSWORD}):")
    with translation.override("en"):
        rows = demo_accounts_table()
    width = max(len(r[0]) for r in rows)
    print(f"  {'login'.ljust(width)}  role / unit")
    for login, role, unit in rows:
        print(f"  {login.ljust(width)}  {role} / {unit}")
    print()
    print("Second factor: demo accounts sign in with the password alone; to try it, sign in")
    print(f"and open {base}/office/security/ to add an authenticator app (any TOTP app, or the")
    print("key typed in by hand) or a security key. From then on that account asks for it.")
    print()
    print("Stop with Ctrl-C.", flush=True)


def _gunicorn(bind: str, workers: int, threads: int) -> list[str]:
    # No access log: it would record reporters' IP addresses.
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "senim.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--graceful-timeout",
        "10",
        "--log-level",
        "warning",
    ]


def _run_children(commands: list[list[str]]) -> int:
    children = [subprocess.Popen(command) for command in commands]

    def stop(signum: int, _frame: object) -> None:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    finally:
        stop(signal.SIGTERM, None)
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
    return max((child.returncode or 0) for child in children)


def cmd_demo(args: argparse.Namespace) -> int:
    _setup("demo")
    _prepare_database(args.cases)
    if args.no_serve:
        return 0
    _print_demo_banner(args.host, args.port)
    return _run_children(
        [
            _gunicorn(f"{args.host}:{args.port}", workers=2, threads=4),
            [sys.executable, "-m", "senim.cli", "worker", "--sweep-interval", "60"],
        ]
    )


def cmd_serve(args: argparse.Namespace) -> int:
    _setup(os.environ.get("SENIM_ENV", "production"))
    from django.core.management import call_command

    # The configuration first: a host that would refuse to serve touches no database.
    call_command("check", deploy=True, fail_level="WARNING")
    if args.migrate:
        _prepare_instance(static_files=True)
    return _run_children([_gunicorn(args.bind, args.workers, args.threads)])


def cmd_setup(args: argparse.Namespace) -> int:
    """`senim serve --migrate` without serving: a deploy step run once per release."""
    _setup(os.environ.get("SENIM_ENV", "production"))
    from django.conf import settings
    from django.core.management import call_command

    # Production's deployment checks as `senim serve` runs them; a development database may be
    # set up too (its settings would fail those checks by design).
    call_command("check", deploy=settings.PRODUCTION, fail_level="WARNING")
    _prepare_instance(static_files=True)
    return 0


def _read_password() -> str:
    """Asked twice at a terminal; otherwise the first line of standard input (for scripts:
    never an argument, which `ps` and the shell's history would show)."""
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise ValueError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def cmd_staff(args: argparse.Namespace) -> int:
    """`senim staff add`: a staff account in a unit with a role, through the same service the
    office uses. In production it is how the first administrator comes to exist (demo
    accounts are refused there, and `createsuperuser` makes no staff member)."""
    _setup()
    from django.utils import translation

    # The operator's messages in English, as Django's own commands give them.
    with translation.override("en"):
        return _staff_add(args)


def _staff_add(args: argparse.Namespace) -> int:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from senim.core.errors import DomainError
    from senim.organization.models import Role, Unit
    from senim.organization.services import staff_create

    if args.role not in Role.values:
        print(f"senim: no role {args.role!r}; one of: {', '.join(Role.values)}", file=sys.stderr)
        return 2
    unit = Unit.objects.filter(code=args.unit).first()
    if unit is None:
        codes = ", ".join(Unit.objects.values_list("code", flat=True)[:5])
        print(f"senim: no unit {args.unit!r} (e.g. {codes}, ...)", file=sys.stderr)
        return 2
    if get_user_model().objects.filter(username=args.username).exists():
        print(f"senim: {args.username!r} already exists", file=sys.stderr)
        return 1
    try:
        password = _read_password()
        validate_password(password)
    except ValueError as problem:
        print(f"senim: {problem}", file=sys.stderr)
        return 1
    except ValidationError as problem:
        print(f"senim: {' '.join(problem.messages)}", file=sys.stderr)
        return 1
    try:
        staff_create(
            username=args.username,
            unit=unit,
            role=args.role,
            password=password,
            first_name=args.first_name,
            last_name=args.last_name,
            email=args.email,
        )
    except DomainError as refused:
        print(f"senim: {refused.message}", file=sys.stderr)
        return 1
    print(f"staff account {args.username!r} added: {args.role} in {unit.code}")
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """The task worker, plus the sweep on a timer (for the demo and single-host installs)."""
    _setup()
    worker = subprocess.Popen([sys.executable, "-m", "senim.cli", "manage", "db_worker"])
    stopping = False

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    next_sweep = time.monotonic()
    while not stopping and worker.poll() is None:
        if args.sweep_interval > 0 and time.monotonic() >= next_sweep:
            _sweep_once(quiet=True)
            next_sweep = time.monotonic() + args.sweep_interval
        time.sleep(1)
    stop(signal.SIGTERM, None)
    return worker.wait()


def _sweep_once(*, quiet: bool) -> None:
    from senim.sweep import sweep_if_free

    results = sweep_if_free()
    if results is None:
        print("sweep: another process is sweeping now; skipped", flush=True)
        return
    for result in results:
        if not quiet or result.handled:
            print(f"sweep: {result.name}: {result.handled}", flush=True)


def cmd_sweep(args: argparse.Namespace) -> int:
    _setup()
    _sweep_once(quiet=False)
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    _setup()
    from django.conf import settings

    from senim.demo.seed import seed
    from senim.organization.services import registry_load

    registry_load()
    seed(cases=args.cases, demo_accounts=settings.SENIM_ENV != "production", progress=True)
    return 0


def cmd_load_courts(args: argparse.Namespace) -> int:
    _setup()
    from senim.organization.services import registry_load

    result = registry_load()
    print(
        f"courts added: {result.courts_created}, kept: {result.courts_kept}, "
        f"units added: {result.units_created}"
    )
    return 0


def cmd_registry(args: argparse.Namespace) -> int:
    """`senim registry import FILE.csv [--apply]`: a dry run unless --apply (docs/registry.md)."""
    _setup()
    from django.utils import translation

    # Like the rest of the command's output, in English whatever language a caller had active.
    with translation.override("en"):
        return _registry_import(args)


def _registry_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from senim.organization.registry_file import registry_file_read
    from senim.organization.registry_import import registry_import

    path = Path(args.file)
    if not path.is_file():
        print(f"senim: no such file: {path}", file=sys.stderr)
        return 2
    actor = None
    if args.actor:
        from senim.accounts.models import User

        actor = User.objects.filter(username=args.actor, staff__role="administrator").first()
        if actor is None:
            print(f"senim: {args.actor} is not an administrator's account", file=sys.stderr)
            return 2
    rows, errors = registry_file_read(path)
    result = None
    if not errors:
        result = registry_import(rows=rows, apply=args.apply, actor=actor, label=path.name)
        errors = result.errors
    if errors:
        for error in sorted(errors, key=lambda e: e.line):
            print(f"{path.name}:{error.line}: {error.message}", file=sys.stderr)
        print(f"{len(errors)} bad row(s): nothing was applied", file=sys.stderr)
        return 1
    assert result is not None
    mode = "applied" if args.apply else "dry run, nothing changed (add --apply to apply)"
    print(f"registry import {path.name}: {mode}")
    for change in result.changes:
        print(f"  line {change.line}: {change.kind} {change.code}: {change.detail}")
    counts = ", ".join(f"{kind} {number}" for kind, number in result.counts().items())
    print(f"{counts}, unchanged {result.unchanged}")
    return 0


REGISTRY_IMPORT_HELP = """\
Bring the court registry in line with a CSV file (UTF-8, a header row; docs/registry.md).
Columns: code, level (supreme|cassation|regional|district), parent (the higher court's code),
name_kk, name_ru, name_en, source (the act's number and date, or a URL) are required;
region_iso, city, specialisation, valid_from, valid_to (the last day), merged_into (the
successor's code), name_from (the first day of the names given) are optional.
A new code adds a court; other names than the registry's rename it from name_from; valid_to on
an active court merges it into merged_into the next day, or without one abolishes it.
Without --apply nothing is changed: what would be added, renamed, merged or abolished is
printed. A bad row is reported with its line number and nothing is applied. Applying the same
file again changes nothing.
"""


def cmd_audit(args: argparse.Namespace) -> int:
    """`senim audit verify`: walk the hash chain; exit 1 at the first bad entry."""
    _setup()
    from senim.core.audit import audit_verify

    result = audit_verify()
    if result.ok:
        print(f"audit log intact: {result.checked} entries checked")
        return 0
    print(
        f"audit log BROKEN at entry {result.first_bad_seq}: {result.problem} "
        f"({result.checked} entries verified before it)",
        file=sys.stderr,
    )
    return 1


def cmd_analytics(args: argparse.Namespace) -> int:
    """`senim analytics rebuild|refresh`: recount the roll-ups from scratch, or what is stale."""
    _setup()
    import time

    from senim.analytics import rollups

    started = time.perf_counter()
    if args.what == "rebuild":
        rows = rollups.rebuild()
        print(f"roll-ups rebuilt: {rows} rows in {time.perf_counter() - started:.1f} s")
    else:
        recounted = rollups.refresh()
        print(
            f"roll-ups refreshed: {recounted} court-months in {time.perf_counter() - started:.1f} s"
        )
    return 0


def cmd_eotinish(args: argparse.Namespace) -> int:
    """`senim eotinish import FILE [--dry-run]`: register a batch of appeals from e-Otinish;
    exit 1 (nothing registered) when an item is bad, each listed with its position."""
    _setup()
    from django.utils import translation

    # Like the rest of the command's output, in English whatever language a caller had active.
    with translation.override("en"):
        return _eotinish_import(args)


def _eotinish_import(args: argparse.Namespace) -> int:
    from senim.integrations.eotinish import appeals_import

    try:
        with open(args.file, "rb") as handle:
            data = handle.read()
    except OSError as problem:
        print(f"senim: cannot read {args.file}: {problem.strerror}", file=sys.stderr)
        return 2
    result = appeals_import(data, dry_run=args.dry_run)
    for bad in result.problems:
        where = f"item {bad.position}" if bad.position else "file"
        number = f" ({bad.number})" if bad.number else ""
        field = f" {bad.field}:" if bad.field else ""
        print(f"{where}{number}:{field} {bad.message}", file=sys.stderr)
    if result.problems:
        print(f"nothing registered: {len(result.problems)} problem(s)", file=sys.stderr)
        return 1
    for item in result.items:
        if item.outcome == "registered":
            print(f"item {item.position} ({item.number}): registered as {item.registration_number}")
        else:
            print(f"item {item.position} ({item.number}): {item.outcome}")
    verb = "would register" if args.dry_run else "registered"
    count = sum(item.outcome != "skipped" for item in result.items)
    print(f"{verb}: {count}, skipped (imported before): {len(result.skipped)}")
    return 0


def cmd_telephony(args: argparse.Namespace) -> int:
    """`senim telephony extension EXT USERNAME`: the operator that call events name by EXT."""
    _setup()
    from senim.core.errors import DomainError
    from senim.integrations.telephony import extension_set

    try:
        extension_set(extension=args.extension, username=args.username)
    except DomainError as refused:
        print(f"senim: {refused.message}", file=sys.stderr)
        return 1
    print(f"extension {args.extension} rings {args.username}")
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senim.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["senim manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="senim", description="Senim: trust line and cases.")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="prepare demo data and serve it with a worker")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--cases", type=int, default=DEFAULT_DEMO_CASES)
    demo.add_argument("--no-serve", action="store_true", help="prepare the data only")
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="serve in production mode (secrets required)")
    serve.add_argument("--bind", default=os.environ.get("SENIM_BIND", "0.0.0.0:8000"))
    serve.add_argument("--workers", type=int, default=env_int("SENIM_WORKERS", 3, minimum=1))
    serve.add_argument("--threads", type=int, default=env_int("SENIM_THREADS", 4, minimum=1))
    serve.add_argument(
        "--migrate",
        action="store_true",
        help="first do what `senim setup` does (migrations, cache table, static files, courts)",
    )
    serve.set_defaults(func=cmd_serve)

    setup = sub.add_parser(
        "setup",
        help="prepare the database and this host: migrations, cache table, static files, courts",
    )
    setup.set_defaults(func=cmd_setup)

    staff = sub.add_parser("staff", help="staff accounts")
    staff_sub = staff.add_subparsers(dest="what", required=True)
    staff_add = staff_sub.add_parser(
        "add", help="add a staff account (password asked, or read from standard input)"
    )
    staff_add.add_argument("username")
    staff_add.add_argument("--unit", required=True, help="unit code: CENTRAL or TD-<court>")
    staff_add.add_argument("--role", required=True, help="administrator, coordinator, chief, ...")
    staff_add.add_argument("--email", default="")
    staff_add.add_argument("--first-name", default="")
    staff_add.add_argument("--last-name", default="")
    staff_add.set_defaults(func=cmd_staff)

    worker = sub.add_parser("worker", help="run background tasks (and the sweep on a timer)")
    worker.add_argument(
        "--sweep-interval", type=int, default=0, help="seconds between sweeps; 0 = never"
    )
    worker.set_defaults(func=cmd_worker)

    sweep = sub.add_parser("sweep", help="run the timed work once (idempotent)")
    sweep.set_defaults(func=cmd_sweep)

    seed = sub.add_parser("seed", help="fill the database with reproducible demo activity")
    seed.add_argument("--cases", type=int, default=DEFAULT_DEMO_CASES)
    seed.set_defaults(func=cmd_seed)

    load = sub.add_parser("load-courts", help="load the court registry shipped with Senim")
    load.set_defaults(func=cmd_load_courts)

    registry = sub.add_parser("registry", help="the court registry")
    registry_sub = registry.add_subparsers(dest="what", required=True)
    registry_import = registry_sub.add_parser(
        "import",
        help="add, rename, merge or abolish courts from a CSV file (a dry run unless --apply)",
        description=REGISTRY_IMPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    registry_import.add_argument("file", help="the CSV file")
    registry_mode = registry_import.add_mutually_exclusive_group()
    registry_mode.add_argument(
        "--dry-run",
        dest="apply",
        action="store_false",
        help="print what would change and change nothing (the default)",
    )
    registry_mode.add_argument("--apply", action="store_true", help="make the changes")
    registry_import.add_argument(
        "--actor", default="", help="the administrator's username recorded in the audit log"
    )
    registry_import.set_defaults(func=cmd_registry, apply=False)

    audit = sub.add_parser("audit", help="the audit log")
    audit.add_argument("what", choices=["verify"])
    audit.set_defaults(func=cmd_audit)

    analytics = sub.add_parser("analytics", help="the indicators' roll-up tables")
    analytics.add_argument("what", choices=["rebuild", "refresh"])
    analytics.set_defaults(func=cmd_analytics)

    eotinish = sub.add_parser("eotinish", help="the national e-appeals system (e-Otinish)")
    eotinish_sub = eotinish.add_subparsers(dest="what", required=True)
    eotinish_import = eotinish_sub.add_parser(
        "import", help="register a batch file of appeals (docs/eotinish.md)"
    )
    eotinish_import.add_argument("file")
    eotinish_import.add_argument(
        "--dry-run", action="store_true", help="check and report only; register nothing"
    )
    eotinish_import.set_defaults(func=cmd_eotinish)

    telephony = sub.add_parser("telephony", help="the call centre's system (docs/telephony.md)")
    telephony_sub = telephony.add_subparsers(dest="what", required=True)
    extension = telephony_sub.add_parser(
        "extension", help="the trust-line operator whom call events name by an extension"
    )
    extension.add_argument("extension")
    extension.add_argument("username")
    extension.set_defaults(func=cmd_telephony)

    manage = sub.add_parser("manage", help="Django's management commands", add_help=False)
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from django.core.exceptions import ImproperlyConfigured

    try:
        parser = build_parser()
    except ImproperlyConfigured as problem:  # a bad SENIM_WORKERS or SENIM_THREADS
        print(f"senim: cannot start: {problem}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
