"""Scenarios: one small function each, taking a `Context` and returning a `Row`.

To add one, write a function in a module of this package and append it to `SCENARIOS` in
bench/run.py. Most HTTP scenarios are one call::

    def registry_page(ctx: Context) -> Row:
        return ctx.get("court registry (central)", "/office/registry/", user="central")

`Context.get` logs in (one session per client, cached for the run), runs the closed-loop load
of `bench.http.load` with the run's client count, request budget and time limit, and turns the
result into a row. Anything else (a raw SQL timing, a POST flow) builds a `Row` itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bench.http import DEFAULT_OK, Server, load, login
from bench.report import Row


@dataclass
class Context:
    """What a scenario may use: the running server, the database and the run's budgets."""

    server: Server
    database_url: str
    clients: int
    requests: int
    max_seconds: float
    password: str
    quick: bool
    _sessions: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def sessions(self, username: str, count: int) -> list[dict[str, str]]:
        """`count` logged-in sessions of `username` (cookies), reused across scenarios.

        One session per client, as real users each have their own: the session row is
        written on every request (SESSION_SAVE_EVERY_REQUEST), and a shared one would make
        the clients queue on its row lock.
        """
        have = self._sessions.setdefault(username, [])
        while len(have) < count:
            have.append(login(self.server.port, username, self.password))
        return have[:count]

    def get(
        self,
        scenario: str,
        path: str,
        *,
        user: str | None = None,
        clients: int | None = None,
        requests: int | None = None,
        ok_statuses: frozenset[int] | None = None,
        headers: Mapping[str, str] | None = None,
        baseline: bool = False,
    ) -> Row:
        """GET `path` under load and return the row; logged in as `user` when given.

        With a user, only 200 counts as success by default: a logged-out client would be
        redirected to the login page (302) and look fast while measuring nothing.
        """
        clients = clients or self.clients
        cookies = self.sessions(user, clients) if user else None
        if ok_statuses is None:
            ok_statuses = frozenset({200}) if user else DEFAULT_OK
        result = load(
            self.server.port,
            path,
            clients=clients,
            requests=requests or self.requests,
            max_seconds=self.max_seconds,
            cookies=cookies,
            ok_statuses=ok_statuses,
            headers=headers,
        )
        notes = [f"GET {path}" + (f" as {user}" if user else "")]
        notes += [f"error: {sample}" for sample in result.error_samples]
        return Row(
            scenario=scenario,
            clients=clients,
            latencies_ms=result.latencies_ms,
            errors=result.errors,
            elapsed_s=result.elapsed_s,
            baseline=baseline,
            notes=notes,
        )


Scenario = Callable[[Context], Row]
