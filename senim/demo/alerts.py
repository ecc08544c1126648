"""Demo alerts and the central department's tools: a wave of reports, and what it sets off.

So that the central department's pages have something to show, the demo lives through one
day's wave of reports, everything through the services the office and the sweep use:

- the administrator subscribes the Almaty department's case register to webhooks, at an
  address on this host (127.0.0.1), and pauses it at once: the receiving system does not run in
  the demo, so nothing is ever sent, and the events are kept for it in order;
- the central department writes a triage rule (reports of bribes in Almaty's courts go to
  central review);
- in the last minutes, people who queued for copies at a district court of Almaty report the
  same secretary on the portal: first one with a photo of the note he wrote (a small PNG
  drawn here), then `FLOOD` others; they are registered one by one, so triage suggests the
  earlier ones and the rule fires;
- the sweep's steps then find the surge (the department's and the court's) and the hotspots
  (the court, the person named);
- a coordinator closes part of the wave (not the photo) as spam, answering the court's
  surge, and reopens it the same day with reasons (the reports name a real office): the two
  decisions stay on record, no case stays closed as spam (the indicators leave spam out), and
  the department's surge is left open;
- the Almaty department's chief asks to read the identity of the reporter who sent the photo
  (the only named one), and the custodian approves; a central coordinator's request to read
  it waits for the custodian.

Only with the demo accounts, guarded by its own seed state: a second run adds nothing. The
reports are part of the demo's total (`FLOOD` + 1 of the cases asked for).
"""

from __future__ import annotations

import contextlib
import io
import time

from PIL import Image, ImageDraw

from senim.accounts.models import User
from senim.cases import reveals, spam, surges
from senim.cases.models import Case, Surge
from senim.cases.registration import appeal_register
from senim.core import clock, drawing
from senim.core.errors import DomainError
from senim.demo.models import SeedState
from senim.intake.drafts import AppealDraft, Identity, Person
from senim.intake.models import AppealKind, Channel
from senim.organization.models import Court, Unit
from senim.triage import hotspots, rules
from senim.triage.models import TriageRule
from senim.webhooks import subscriptions
from senim.webhooks.models import EventKind, Subscription

# The wave's reports besides the one with a photo: above the sweep's floor of a surge
# (SENIM_SURGE_MIN_REPORTS, 20 by default) with the photo's report.
FLOOD = 21
REPORTS = FLOOD + 1
COURT = "DST-75-02"  # a district court of Almaty city: the Almaty department's (REG-75)
OFFICIAL = Person(name="Тұрсынбаев Бауыржан", position="секретарь судебного заседания")
# Who sent the photo, and gave their name so as to be asked about it.
REPORTER = Identity(full_name="Сейдахметов Данияр", phone="+7 701 555 12 34")
CLOSED_AS_SPAM = 6
# An address on this host: the demo's subscriber, never reached (the subscription is paused).
# A name under .example (RFC 2606) never resolves: the demo's subscription reaches nothing, and
# needs no exception to the rule that plain http goes only to the hosts an administrator named.
WEBHOOK_URL = "https://tickets.almaty.example/senim/webhook"

# (subject, text, language): the same complaint in the words of different people.
_WAVE = [
    (
        "Деньги за копию решения",
        "Секретарь Тұрсынбаев в канцелярии требует 5 000 тенге за копию решения, иначе "
        "говорит приходить через месяц.",
        "ru",
    ),
    (
        "Шешімнің көшірмесі үшін ақша",
        "Кеңседегі хатшы Тұрсынбаев шешімнің көшірмесін тез беру үшін 5 000 теңге сұрады.",
        "kk",
    ),
    (
        "Поборы в канцелярии",
        "Сегодня в очереди за копиями всем говорили: без 5 000 тенге секретарю Тұрсынбаеву "
        "копию не выдадут.",
        "ru",
    ),
    (
        "Копия решения за плату",
        "Секретарь судебного заседания Тұрсынбаев берёт деньги за выдачу копий судебных актов.",
        "ru",
    ),
]
_PHOTO = (
    "Записка секретаря с суммой",
    "Прилагаю фото записки, которую секретарь Тұрсынбаев передал мне вместо копии решения: "
    "на ней сумма и номер кабинета.",
    "ru",
)
_RULE = {
    "name": "Алматы соттарындағы пара туралы хабарламалар",
    "words": "пара, ақша, взятка, деньги, конверт",
}
_WEBHOOK_NAME = "Алматы департаментінің істер тізілімі"
# The coordinator's reasons, in Kazakh as the central department writes.
_SPAM_REASON = (
    "Бірнеше минут ішінде әр түрлі мекенжайлардан бір мазмұндағы хабарламалар келді: "
    "ұйымдастырылған жаппай жіберуге ұқсайды."
)
_REOPEN_REASON = (
    "Алматы департаментінің бастығы растады: хабарламалар нақты кеңсе мен хатшыны атайды, "
    "сондықтан олар мәні бойынша қаралады."
)
# The chief writes in Russian, as the Almaty department does; the custodian in Kazakh.
_READING_REASON = (
    "Нужно уточнить у заявителя, при каких обстоятельствах ему передали записку, "
    "и получить её оригинал."
)
_CENTRAL_REASON = "Хабарлаушының бұрын да осы хатшы туралы хабарлаған-хабарламағанын тексеру қажет."
_APPROVAL_REASON = (
    "Негіздеме жеткілікті: тексеру үшін хабарлаушымен байланысу қажет, сұрау бір іске қатысты."
)


def alerts_ensure() -> int:
    """The wave of reports and everything it sets off; how many reports were registered."""
    state, _ = SeedState.objects.get_or_create(key="alerts")
    if state.value:
        return 0
    central = User.objects.filter(username="central", is_demo=True).first()
    admin = User.objects.filter(username="admin", is_demo=True).first()
    court = Court.objects.filter(code=COURT).first()
    if central is None or admin is None or court is None:
        return 0
    unit = Unit.objects.get(court__code="REG-75")
    _webhook(admin, unit)
    _rule(central, court)
    wave = _wave(court)
    # The sweep's own steps, as the demo's worker runs them every minute.
    surges.surges_detect()
    _spam_closed_and_reopened(central, wave[1 : CLOSED_AS_SPAM + 1])
    hotspots.hotspots_detect()
    _reading_approved(wave[0])
    state.value = 1
    state.save(update_fields=["value"])
    return len(wave)


def _webhook(admin: User, unit: Unit) -> None:
    """A subscription of the Almaty department's register, paused at once.

    Its address is on this host, which a subscription may only name when the administrator
    trusts the host (SENIM_WEBHOOK_HTTP_HOSTS): trusted here, for this creation alone. Paused,
    it is never delivered to; resumed, delivery checks the address again under the real
    settings and refuses it unless the host is trusted there."""
    if Subscription.objects.exists():
        return
    created = subscriptions.subscription_create(
        user=admin,
        name=_WEBHOOK_NAME,
        url=WEBHOOK_URL,
        kinds=[EventKind.REGISTERED, EventKind.ASSIGNED, EventKind.STATUS],
        unit=unit,
    )
    subscriptions.subscription_pause(user=admin, subscription_id=created.subscription.pk)


def _rule(central: User, court: Court) -> None:
    if TriageRule.objects.exists():
        return
    rules.rule_create(
        user=central,
        name=_RULE["name"],
        words=_RULE["words"],
        categories=["bribery"],
        courts=[court, court.parent] if court.parent else [court],
        action=TriageRule.Action.CENTRAL_REVIEW,
    )


def _photo() -> bytes:
    """A photo of a handwritten note, drawn here (no file is read or downloaded)."""
    image = Image.new("RGB", (480, 300), (250, 246, 232))
    draw = ImageDraw.Draw(image)
    font = drawing.font(34)
    for y in range(40, 300, 36):
        draw.line((20, y, 460, y), fill=(190, 205, 225), width=1)
    draw.text((60, 70), "5 000 ₸", fill=(30, 40, 120), font=font)
    draw.text((60, 150), "каб. 214", fill=(30, 40, 120), font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _draft(court: Court, subject: str, text: str, language: str, **more: object) -> AppealDraft:
    return AppealDraft(
        channel=Channel.PORTAL,
        kind=AppealKind.VIOLATION,
        category="bribery",
        language=language,
        court=court,
        subject=subject,
        text=text,
        occurred_when="сегодня",
        occurred_where="канцелярия, кабинет 214",
        people=(OFFICIAL,),
        **more,  # type: ignore[arg-type]
    )


def _wave(court: Court) -> list[Case]:
    """The reports, registered one by one as the portal registers them, all in one window of
    the surge count: a wave that would straddle the turn of the window waits for it."""
    window_end = surges.window_start_of(clock.now()) + surges.window_width()
    left = (window_end - clock.now()).total_seconds()
    if left < 30:
        time.sleep(max(left, 0) + 1)
    # The photo first: the oldest of the department's new reports, at the top of its inbox.
    subject, text, language = _PHOTO
    photo = _draft(
        court, subject, text, language, identity=REPORTER, files=(("записка.png", _photo()),)
    )
    made = [appeal_register(draft=photo).case]
    for i in range(FLOOD):
        subject, text, language = _WAVE[i % len(_WAVE)]
        made.append(appeal_register(draft=_draft(court, subject, text, language)).case)
    return made


def _spam_closed_and_reopened(central: User, cases: list[Case]) -> None:
    """Part of the wave closed as spam, answering the court's surge, and reopened."""
    court_surge = Surge.objects.filter(
        scope=Surge.Scope.COURT, court__code=COURT, state=Surge.State.OPEN
    ).first()
    ids = [case.pk for case in cases]
    spam.cases_close_as_spam(
        user=central,
        case_ids=ids,
        reason=_SPAM_REASON,
        surge_id=court_surge.pk if court_surge else None,
    )
    spam.cases_reopen_from_spam(user=central, case_ids=ids, reason=_REOPEN_REASON)


def _reading_approved(photo: Case) -> None:
    """The Almaty chief asks to read the identity of the named reporter who sent the photo,
    and the custodian approves: the chief may read it for SENIM_REVEAL_VALID_MINUTES from
    now (then the approval has expired, as approvals do). A coordinator's request waits."""
    chief = User.objects.filter(username="chief-almaty", is_demo=True).first()
    custodian = User.objects.filter(username="custodian", is_demo=True).first()
    if chief is None or custodian is None:
        return
    try:
        asked = reveals.reveal_request(user=chief, case_id=photo.pk, reason=_READING_REASON)
        reveals.reveal_approve(user=custodian, request_id=asked.pk, reason=_APPROVAL_REASON)
    except DomainError:
        pass  # e.g. the chief is excluded from the case: the demo goes on without it
    # A request left for the custodian to decide, whatever the drawn cases hold.
    central = User.objects.filter(username="central", is_demo=True).first()
    if central is not None:
        with contextlib.suppress(DomainError):  # e.g. excluded from the case
            reveals.reveal_request(user=central, case_id=photo.pk, reason=_CENTRAL_REASON)
