"""The `senim` command: demo, serve, worker, sweep, seed, load-courts, audit, analytics and
Django's own."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence

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


def _prepare_database(cases: int) -> None:
    from django.core.management import call_command

    from senim.demo.seed import seed
    from senim.organization.services import registry_load

    print("· migrating the database", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    result = registry_load()
    print(
        f"· court registry: {result.courts_created} courts added, {result.courts_kept} kept, "
        f"{result.units_created} units added",
        flush=True,
    )
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

    if args.migrate:
        call_command("migrate", interactive=False)
    call_command("check", deploy=True, fail_level="WARNING")
    return _run_children([_gunicorn(args.bind, args.workers, args.threads)])


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
    from senim.sweep import sweep

    for result in sweep():
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
    serve.add_argument("--workers", type=int, default=int(os.environ.get("SENIM_WORKERS", "3")))
    serve.add_argument("--threads", type=int, default=int(os.environ.get("SENIM_THREADS", "4")))
    serve.add_argument("--migrate", action="store_true", help="apply migrations first")
    serve.set_defaults(func=cmd_serve)

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

    audit = sub.add_parser("audit", help="the audit log")
    audit.add_argument("what", choices=["verify"])
    audit.set_defaults(func=cmd_audit)

    analytics = sub.add_parser("analytics", help="the indicators' roll-up tables")
    analytics.add_argument("what", choices=["rebuild", "refresh"])
    analytics.set_defaults(func=cmd_analytics)

    manage = sub.add_parser("manage", help="Django's management commands", add_help=False)
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
