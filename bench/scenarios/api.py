"""/api/v1 beside the office and the portal: the case list, a case, and registrations.

The issue: "API case-list and case-detail p95 at 1M cases next to the office pages' figures,
and registrations per second through the API vs the portal."

- `api_case_list_central`: `GET /api/v1/cases` (the first page, 25 cases newest first: the
  office's queue page) with a personal access token of ``central``, the coordinator who sees
  every case; beside `office.case_list_central` and `cases.cases_queue_central`.
- `api_case_detail_central`: `GET /api/v1/cases/<id>`, a random case of the table each time
  (the same 5,000 random ids as `cases.cases_page_central`); beside the office's case page.
- `api_registration`: `POST /api/v1/appeals` under the portal submission's load (16 clients,
  25 registrations each, 10 with --quick), each with its own Idempotency-Key, as ``central``
  (who takes appeals in), an anonymous appeal by post with the portal report's text; success
  is a 201 with a registration number. Beside `submission.submission_postgresql`, which posts
  the portal's form with one small file: the API has no file and no CSRF form to fetch, both
  make the reporter's receipt code (the same KDF).

The tokens are made in the bench process through the service the office uses
(`senim.accounts.api_tokens.token_create`), valid for a day. The API's rate limit per token
(SENIM_API_RATE_LIMIT, 120 calls a minute by default) stays as configured, since its cost is
part of every call (the throttle reads one cache slot per allowed call: raising the limit for
the load would make each call dearer, not cheaper); instead each client takes its calls from a
pool of its own tokens in turn, enough that none reaches the limit within the row.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import random
import secrets
from collections.abc import Callable, Sequence

from bench.http import Call, load_calls, status_check
from bench.report import Row
from bench.scenarios import Context
from bench.scenarios.cases import SEED, _case_ids, _metered
from bench.scenarios.submission import CLIENTS, PER_CLIENT, QUICK_PER_CLIENT, REPORT_DATA

CASES = "/api/v1/cases"
APPEALS = "/api/v1/appeals"
CASE_SAMPLE = 5000
USER = "central"
WARMUP = 5  # bench.http.load_calls' default, per client

LIST_LABEL = "API case list page 1 (central)"
DETAIL_LABEL = "API case detail (central)"
REGISTRATION_LABEL = "API registration (PostgreSQL, {clients} clients)"
# What each API row stands beside, in the same run.
COMPARED = {
    LIST_LABEL: ("case list page 1 (central)", "queue page 1 (central)"),
    DETAIL_LABEL: ("case page (central)",),
}

# Calls a token takes in a row at most: below the default limit of 120 a minute.
CALLS_PER_TOKEN = 100


def _bearer_tokens(count: int) -> list[str]:
    """`count` fresh act tokens of the coordinator (fresh: no earlier row's calls count)."""
    from django.contrib.auth import get_user_model

    from senim.accounts.api_tokens import token_create
    from senim.core import clock

    user = get_user_model().objects.get(username=USER)
    stamp = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    found = []
    for n in range(count):
        _token, secret = token_create(
            user=user,
            name=f"bench {stamp} #{n + 1}",
            scope="act",
            expires_at=clock.now() + dt.timedelta(days=1),
        )
        found.append(secret)
    return found


def _pools(clients: int, calls_each: float) -> list[list[str]]:
    """Each client's tokens: twice what an even share of the calls needs (shares vary)."""
    size = max(1, math.ceil(2 * calls_each / CALLS_PER_TOKEN))
    tokens = _bearer_tokens(clients * size)
    return [tokens[i * size : (i + 1) * size] for i in range(clients)]


def _headers(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}", "Accept": "application/json"}


def _get_load(ctx: Context, label: str, paths: Callable[[int], Callable[[], str]]) -> Row:
    pools = _pools(ctx.clients, ctx.requests / ctx.clients + WARMUP)

    def prepare(index: int) -> Callable[[], Call]:
        tokens = itertools.cycle([_headers(secret) for secret in pools[index]])
        next_path = paths(index)
        return lambda: Call("GET", next_path(), None, next(tokens))

    result = load_calls(
        ctx.server.port,
        label,
        prepare,
        check=status_check(frozenset({200})),
        clients=ctx.clients,
        requests=ctx.requests,
        max_seconds=ctx.max_seconds,
    )
    return Row(
        scenario=label,
        clients=ctx.clients,
        latencies_ms=result.latencies_ms,
        errors=result.errors,
        elapsed_s=result.elapsed_s,
        notes=[f"error: {sample}" for sample in result.error_samples],
    )


def api_case_list_central(ctx: Context) -> Row:
    """The first page of every case, newest first, through the API."""

    def measure() -> Row:
        row = _get_load(ctx, LIST_LABEL, lambda _index: lambda: CASES)
        row.notes.insert(0, f"GET {CASES} (25 cases) with a token of {USER}")
        return row

    return _metered(ctx, measure)


def api_case_detail_central(ctx: Context) -> Row:
    """One case through the API, a random case of the table each time."""
    ids = _case_ids(ctx.database_url, CASE_SAMPLE)

    def paths(index: int) -> Callable[[], str]:
        rng = random.Random(f"{SEED}:{index}")
        return lambda: f"{CASES}/{rng.choice(ids)}"

    def measure() -> Row:
        row = _get_load(ctx, DETAIL_LABEL, paths)
        row.notes.insert(
            0,
            f"GET {CASES}/<id> with a token of {USER}, ids drawn from {len(ids):,} random cases",
        )
        return row

    return _metered(ctx, measure)


def _appeal(subject: str) -> bytes:
    fields = {k: v for k, v in REPORT_DATA.items() if not k.startswith(("person_", "identity"))}
    payload = {
        **fields,
        "channel": "post",
        "subject": subject,
        "people": [{"name": "B. clerk", "position": "office clerk"}],
    }
    return json.dumps(payload, ensure_ascii=False).encode()


def _registered(status: int, body: bytes) -> str | None:
    if status == 201 and b'"number"' in body:
        return None
    return f"HTTP {status}: {body[:200].decode('utf-8', 'replace')}"


def api_registration(ctx: Context) -> Row:
    """16 clients registering appeals through the API, each call with a fresh key."""
    clients = CLIENTS
    per_client = QUICK_PER_CLIENT if ctx.quick else PER_CLIENT
    pools = _pools(clients, per_client + 1)
    tag = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"

    def prepare(index: int) -> Callable[[], Call]:
        numbers = itertools.count(1)
        tokens = itertools.cycle([_headers(secret) for secret in pools[index]])

        def next_call() -> Call:
            n = next(numbers)
            headers = {
                **next(tokens),
                "Content-Type": "application/json",
                "Idempotency-Key": f"bench-{tag}-{index:02d}-{n}",
            }
            body = _appeal(f"Bench API registration {tag} client {index:02d} #{n}")
            return Call("POST", APPEALS, body, headers)

        return next_call

    def measure() -> Row:
        result = load_calls(
            ctx.server.port,
            APPEALS,
            prepare,
            check=_registered,
            clients=clients,
            requests=clients * per_client,
            max_seconds=ctx.max_seconds,
            warmup=1,
        )
        notes = [
            f"POST {APPEALS} JSON: the portal report's fields, channel post, anonymous, a unique "
            f"subject and Idempotency-Key; success = 201 with the number; tokens of {USER}",
            f"{clients} clients, {clients * per_client} registrations asked, 1 warm-up each; "
            f"subjects tagged {tag}",
        ]
        notes += [f"error: {sample}" for sample in result.error_samples]
        return Row(
            scenario=REGISTRATION_LABEL.format(clients=clients),
            clients=clients,
            latencies_ms=result.latencies_ms,
            errors=result.errors,
            elapsed_s=result.elapsed_s,
            notes=notes,
        )

    return _metered(ctx, measure)


def summary(rows: Sequence[Row]) -> list[str]:
    """Each API row beside the office's or the portal's of the same run."""
    by_name = {row.scenario: row for row in rows}
    lines = []
    for label, others in COMPARED.items():
        row = by_name.get(label)
        if row is None or not row.requests:
            continue
        beside = [
            f"{name} p50 {by_name[name].p50:,.1f} / p95 {by_name[name].p95:,.1f} ms"
            for name in others
            if name in by_name and by_name[name].requests
        ]
        lines.append(
            f"{label}: p50 {row.p50:,.1f} / p95 {row.p95:,.1f} ms"
            + (f"; office: {'; '.join(beside)}" if beside else "")
        )
    api = next((r for r in rows if r.scenario.startswith("API registration (")), None)
    portal = next((r for r in rows if r.scenario.startswith("portal submission (PostgreSQL")), None)
    if api is not None and api.requests:
        line = (
            f"{api.scenario}: {api.rate:,.1f} registrations/s, p50 {api.p50:,.1f} / "
            f"p95 {api.p95:,.1f} ms, {api.errors} errors"
        )
        if portal is not None and portal.requests:
            line += (
                f"; {portal.scenario}: {portal.rate:,.1f}/s, p50 {portal.p50:,.1f} / "
                f"p95 {portal.p95:,.1f} ms ({api.rate / portal.rate:.2f}× the portal's rate)"
            )
        lines.append(line)
    return lines
