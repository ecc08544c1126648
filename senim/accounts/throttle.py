"""Login throttling through Django's cache API, so it holds across processes and hosts.

Wrong passwords are counted per username *and* client (LOGIN_THROTTLE_ATTEMPTS in the window):
someone elsewhere failing with a chief's username does not lock the chief out. A client is
also limited across usernames (LOGIN_THROTTLE_CLIENT_ATTEMPTS failures in the window), so it
cannot try a few passwords on every username. Both keys are hourly HMACs (of the address, and
of the address with the username), so neither an address nor a username is stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from senim.core import throttle
from senim.core.throttle import Client, Limit

PAIR = Limit("login", "LOGIN_THROTTLE_ATTEMPTS", "LOGIN_THROTTLE_WINDOW")
CLIENT = Limit("login-client", "LOGIN_THROTTLE_CLIENT_ATTEMPTS", "LOGIN_THROTTLE_WINDOW")


class LoginThrottled(Exception):
    """Too many failures of this client, or of this client with this username: wait."""


@contextmanager
def login_attempt(*, client: Client, username: str) -> Iterator[None]:
    """One login attempt: the block checks the password and raises when it is wrong.

    Raises LoginThrottled, before the block runs, when this client has failed
    LOGIN_THROTTLE_CLIENT_ATTEMPTS times in the window with any usernames, or
    LOGIN_THROTTLE_ATTEMPTS times with this one. The attempt takes its slots before the
    password is checked, so that concurrent tries cannot all pass the check at once; a failure
    keeps them, a success gives them back and forgets the pair's earlier failures (not the
    client's: one account of one's own must not reset a ceiling meant for trying others').
    """
    pair = client.paired(username.strip().casefold())
    slots = [throttle.take(CLIENT, client), throttle.take(PAIR, pair)]
    if None in slots:
        for slot in slots:
            if slot is not None:
                throttle.give_back(slot)
        raise LoginThrottled
    yield  # an exception from the block leaves both slots taken: the failure is counted
    for slot in slots:
        if slot is not None:
            throttle.give_back(slot)
    throttle.forget(PAIR, pair)
