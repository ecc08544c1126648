"""An e-mail backend for tests that run the real worker as a separate process.

Each letter takes SENIM_TEST_MAIL_SECONDS to send, as over a slow SMTP link, and is written as
one file into SENIM_TEST_OUTBOX: a marker `<id>.sending` when the send starts, the letter
`<id>.eml` when it has gone out. A test can then kill the worker while a letter is in flight
(SENIM_TEST_MAIL_HOLD_AT holds one for SENIM_TEST_MAIL_HOLD_SECONDS) and count afterwards what
really left.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage


class SlowOutbox(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        outbox = Path(os.environ["SENIM_TEST_OUTBOX"])
        delay = float(os.environ.get("SENIM_TEST_MAIL_SECONDS", "0.3"))
        # The letter started as number HOLD_AT takes HOLD_SECONDS: however slow the machine, a
        # test that kills the worker then finds that very letter in flight.
        hold_at = int(os.environ.get("SENIM_TEST_MAIL_HOLD_AT", "0"))
        hold = float(os.environ.get("SENIM_TEST_MAIL_HOLD_SECONDS", "0"))
        for message in email_messages:
            number = _claim(outbox, f"{message.subject}\n{os.getpid()}")
            time.sleep(hold if number == hold_at else delay)
            letter = outbox / f"{number:05d}.eml"
            with letter.open("wb") as out:
                out.write(message.message().as_bytes())
                out.flush()
                os.fsync(out.fileno())
        return len(email_messages)


def _claim(outbox: Path, marker: str) -> int:
    """The letter's number in the order sends started: its marker file `NNNNN.sending` is
    created exclusively, so two workers sending at once never take the same number. The
    marker holds the subject and the sending process's id."""
    number = started(outbox) + 1
    while True:
        try:
            handle = os.open(outbox / f"{number:05d}.sending", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            number += 1
            continue
        with os.fdopen(handle, "w") as out:
            out.write(marker)
        return number


def holder(outbox: Path, number: int) -> int:
    """The id of the process that started letter `number`."""
    return int((outbox / f"{number:05d}.sending").read_text().rsplit("\n", 1)[-1])


def letters(outbox: Path) -> list[str]:
    """The subjects of the letters that went out."""
    from email import message_from_bytes

    return [str(message_from_bytes(p.read_bytes())["Subject"]) for p in outbox.glob("*.eml")]


def started(outbox: Path) -> int:
    return len(list(outbox.glob("*.sending")))


__all__ = ["SlowOutbox", "letters", "started"]
