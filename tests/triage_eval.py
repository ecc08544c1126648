"""A labelled set for duplicate detection (issue 16, triage): reports of the same matter and
reports that only look alike.

Written for this set in the style of real complaints to a court system's anti-corruption line
(the public complaint pages of courts and prosecutors: a named clerk or judge, a sum, a place, a
date, a request): each matter is told four ways, an original in Russian, a paraphrase by
another reporter, a Kazakh and an English translation; the true non-duplicates share the court,
the kind of wrong and most of the words with a matter but name another person, sum or act.

Every pair of reports is labelled: the same matter (a duplicate, to suggest) or not. The score
is the one registration uses: a candidate found through a shared LSH band or person named,
then `senim.triage.duplicates.likely_same` on the signatures' similarity, the court and the
people named. `evaluate()` returns precision and recall;
`python -m tests.triage_eval` and `make bench` print them, tests/test_triage.py asserts them.

This module's `REPORTS` is the written part. The second part, `tests/triage_eval_public.py`,
retells incidents from public texts (news, press releases, published complaints; each matter
keeps its source's address). `evaluate()` scores both parts together (every pair of the union:
no court is shared across the parts), `evaluate(part)` one part; `report()` prints each part
and the whole.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

A, B, C = "DST-75-02", "DST-71-01", "REG-75"


@dataclass(frozen=True)
class Report:
    matter: str
    court: str
    subject: str
    text: str
    names: tuple[str, ...] = ()
    source: str = ""  # where the matter was published (the public part)


def _m(matter: str, court: str, names: tuple[str, ...], *versions: tuple[str, str]) -> list[Report]:
    return [Report(matter, court, subject, text, names) for subject, text in versions]


REPORTS: list[Report] = [
    *_m(
        "clerk-envelope",
        A,
        ("Жаксылыков Ерлан",),
        (
            "Секретарь суда требовал деньги",
            "15 марта секретарь судебного заседания Жаксылыков Е. сказал, что за ускорение "
            "рассмотрения моего дела о разделе имущества нужно передать 300 000 тенге в конверте. "
            "Деньги он просил оставить в кабинете 214.",
        ),
        (
            "Вымогательство со стороны секретаря",
            "Секретарь Жаксылыков в марте потребовал у меня 300 000 тенге в конверте, обещал "
            "ускорить моё дело о разделе имущества. Передать нужно было в его кабинете 214.",
        ),
        (
            "Сот хатшысы ақша талап етті",
            "15 наурызда сот отырысының хатшысы Жақсылықов Е. мүлікті бөлу туралы ісімді тез "
            "қарау үшін конвертке салып 300 000 теңге беру керек екенін айтты. Ақшаны 214 "
            "кабинетте қалдыруды сұрады.",
        ),
        (
            "Court secretary demanded money",
            "On 15 March the court hearing secretary Zhaksylykov E. said that to speed up my "
            "property division case I had to hand over 300 000 tenge in an envelope. He asked "
            "to leave the money in office 214.",
        ),
    ),
    *_m(
        "judge-alimony",
        A,
        ("Омарова Гульнара",),
        (
            "Судья обещала решение за деньги",
            "Судья Омарова Г. через своего помощника передала, что решение по алиментам будет в "
            "мою пользу, если я заплачу 500 000 тенге. Помощник звонил мне дважды на телефон.",
        ),
        (
            "Помощник судьи просит деньги за решение",
            "Мне дважды звонил помощник судьи Омаровой и говорил, что решение по алиментам "
            "вынесут в мою пользу за 500 000 тенге.",
        ),
        (
            "Судья ақшаға шешім уәде етті",
            "Судья Омарова Г. көмекшісі арқылы алимент бойынша шешім менің пайдама болатынын, "
            "егер 500 000 теңге төлесем, айтты. Көмекші маған телефонмен екі рет қоңырау шалды.",
        ),
        (
            "Judge promised a decision for money",
            "Judge Omarova G., through her assistant, told me the alimony decision would be in my "
            "favour if I paid 500 000 tenge. The assistant called my phone twice.",
        ),
    ),
    *_m(
        "bailiff-car",
        B,
        ("Сериков Данияр",),
        (
            "Судебный исполнитель вымогает взятку",
            "Судебный исполнитель Сериков Д. требует 200 000 тенге, чтобы снять арест с моего "
            "автомобиля. Встречу назначил в кафе возле здания суда.",
        ),
        (
            "Исполнитель требует деньги за снятие ареста",
            "Сериков, судебный исполнитель, за снятие ареста с машины попросил 200 000 тенге и "
            "предложил встретиться в кафе рядом с судом.",
        ),
        (
            "Сот орындаушысы пара талап етуде",
            "Сот орындаушысы Сериков Д. көлігімнен қамауды алу үшін 200 000 теңге талап етеді. "
            "Кездесуді сот ғимаратының жанындағы кафеде белгіледі.",
        ),
        (
            "Bailiff extorting a bribe",
            "Bailiff Serikov D. demands 200 000 tenge to lift the arrest on my car. He set the "
            "meeting in a cafe next to the court building.",
        ),
    ),
    *_m(
        "lost-evidence",
        B,
        ("Нурланов Асхат",),
        (
            "Из дела пропали доказательства",
            "Из материалов уголовного дела пропали видеозаписи с камеры, которые доказывают мою "
            "невиновность. Секретарь Нурланов А. сказал, что вернёт их за 1 000 000 тенге.",
        ),
        (
            "Секретарь прячет видео из дела",
            "Секретарь Нурланов прячет видеозапись с камеры из моего уголовного дела и за её "
            "возвращение требует 1 000 000 тенге.",
        ),
        (
            "Істен дәлелдер жоғалды",
            "Қылмыстық іс материалдарынан менің кінәсіз екенімді дәлелдейтін камера бейнежазбалары "
            "жоғалды. Хатшы Нурланов А. оларды 1 000 000 теңгеге қайтаратынын айтты.",
        ),
        (
            "Evidence lost from the case file",
            "Camera video recordings proving my innocence were lost from the criminal case file. "
            "Secretary Nurlanov A. said he would return them for 1 000 000 tenge.",
        ),
    ),
    *_m(
        "chair-land",
        C,
        ("Бекмуханов Серик",),
        (
            "Председатель суда давит на судью по земельному делу",
            "Председатель суда Бекмуханов С. оказывает давление на судью по делу о земельном "
            "участке в пользу компании ТОО «Алтын Жер». Родственник председателя работает в этой "
            "компании.",
        ),
        (
            "Давление председателя в пользу ТОО Алтын Жер",
            "Бекмуханов, председатель суда, давит на судью, чтобы земельный участок отсудили "
            "ТОО «Алтын Жер», где работает его родственник.",
        ),
        (
            "Сот төрағасы жер ісі бойынша қысым жасауда",
            "Сот төрағасы Бекмуханов С. жер учаскесі туралы іс бойынша «Алтын Жер» ЖШС пайдасына "
            "судьяға қысым көрсетуде. Төрағаның туысы осы компанияда жұмыс істейді.",
        ),
        (
            "Court chairman pressures a judge in a land case",
            "Court chairman Bekmukhanov S. is putting pressure on the judge in the land plot case "
            "in favour of Altyn Zher LLP. A relative of the chairman works in this company.",
        ),
    ),
    *_m(
        "interpreter-drunk",
        C,
        ("Ахметова Динара",),
        (
            "Переводчик в суде требовал плату",
            "Переводчик Ахметова Д. на заседании по делу моего сына потребовала 50 000 тенге за "
            "перевод, который должен быть бесплатным, и пришла на заседание пьяной.",
        ),
        (
            "Переводчица пьяная требовала деньги",
            "Переводчица Ахметова пришла на заседание по делу сына пьяной и потребовала 50 000 "
            "тенге, хотя перевод бесплатный.",
        ),
        (
            "Сотта аудармашы ақы талап етті",
            "Аудармашы Ахметова Д. ұлымның ісі бойынша отырыста тегін болуы тиіс аударма үшін "
            "50 000 теңге талап етті және отырысқа мас күйде келді.",
        ),
        (
            "Court interpreter demanded payment",
            "Interpreter Akhmetova D. at the hearing of my son's case demanded 50 000 tenge for "
            "interpretation that must be free, and came to the hearing drunk.",
        ),
    ),
    *_m(
        "queue-reception",
        A,
        ("Касымов Нурлан",),
        (
            "Очередь на прием за деньги",
            "Сотрудник канцелярии Касымов Н. регистрирует иски без очереди только за 10 000 тенге. "
            "Без оплаты заявление лежит неделями.",
        ),
        (
            "Канцелярия берет деньги за регистрацию иска",
            "В канцелярии Касымов берет 10 000 тенге, чтобы зарегистрировать иск без очереди, "
            "иначе ждешь неделями.",
        ),
        (
            "Қабылдау кезегі ақшаға",
            "Кеңсе қызметкері Касымов Н. талап арыздарды кезексіз тек 10 000 теңгеге тіркейді. "
            "Төлемсіз арыз апталап жатады.",
        ),
        (
            "Queue at reception for money",
            "Registry employee Kasymov N. registers lawsuits without the queue only for 10 000 "
            "tenge. Without payment an application waits for weeks.",
        ),
    ),
    *_m(
        "lawyer-judge",
        B,
        ("Жумабаев Арман",),
        (
            "Адвокат говорит, что договорился с судьей",
            "Адвокат Жумабаев А. сказал, что договорился с судьей о условном сроке для моего "
            "брата за 2 000 000 тенге, половину надо отдать до приговора.",
        ),
        (
            "Адвокат собирает деньги для судьи",
            "Жумабаев, адвокат моего брата, просит 2 000 000 тенге для судьи за условный "
            "приговор, половину до вынесения приговора.",
        ),
        (
            "Адвокат судьямен келісті дейді",
            "Адвокат Жумабаев А. ағама шартты жаза үшін судьямен 2 000 000 теңгеге келіскенін "
            "айтты, жартысын үкімге дейін беру керек.",
        ),
        (
            "Lawyer says he made a deal with the judge",
            "Lawyer Zhumabayev A. said he agreed with the judge on a suspended sentence for my "
            "brother for 2 000 000 tenge, half to be paid before the verdict.",
        ),
    ),
    # Added after the thresholds were chosen, and kept whatever they scored: a check that the
    # thresholds were not fitted to the reports above only.
    *_m(
        "archive-copy",
        B,
        ("Сагинтаев Марат",),
        (
            "Архив требует деньги за копию приговора",
            "Сотрудник архива суда Сагинтаев М. сказал, что копию приговора по делу отца я получу "
            "не раньше чем через месяц, а за 30 000 тенге выдаст завтра.",
        ),
        (
            "Платная выдача копии приговора в архиве",
            "В архиве суда Сагинтаев предложил выдать копию приговора отца на следующий день за "
            "30 000 тенге, иначе ждать месяц.",
        ),
        (
            "Мұрағат үкімнің көшірмесі үшін ақша талап етеді",
            "Сот мұрағатының қызметкері Сагинтаев М. әкемнің ісі бойынша үкімнің көшірмесін бір "
            "айдан кейін ғана алатынымды, ал 30 000 теңгеге ертең беретінін айтты.",
        ),
        (
            "Archive demands money for a copy of the verdict",
            "Court archive employee Sagintayev M. said I would get a copy of my father's verdict "
            "in a month at the earliest, but for 30 000 tenge he would issue it tomorrow.",
        ),
    ),
    *_m(
        "judge-brother-company",
        C,
        ("Каримов Даурен",),
        (
            "Судья рассматривает дело компании своего брата",
            "Судья Каримов Д. рассматривает спор с ТОО «Береке Строй», директором которого "
            "является его родной брат, и не заявил самоотвод.",
        ),
        (
            "Конфликт интересов судьи Каримова",
            "Каримов, судья, не взял самоотвод по делу ТОО «Береке Строй», хотя компанией "
            "руководит его брат.",
        ),
        (
            "Судья ағасының компаниясының ісін қарап жатыр",
            "Судья Каримов Д. директоры өзінің туған ағасы болып табылатын «Береке Строй» ЖШС-мен "
            "дауды қарап жатыр және өзіне қарсылық білдірмеді.",
        ),
        (
            "Judge hears the case of his brother's company",
            "Judge Karimov D. is hearing a dispute with Bereke Stroy LLP, whose director is his "
            "own brother, and did not recuse himself.",
        ),
    ),
    *_m(
        "bailiff-threat",
        A,
        ("Ержанов Бауыржан",),
        (
            "Судебный исполнитель угрожает изъять квартиру",
            "Судебный исполнитель Ержанов Б. угрожает описать и изъять мою квартиру, если я не "
            "заплачу ему лично 400 000 тенге, хотя долг уже погашен.",
        ),
        (
            "Исполнитель Ержанов вымогает 400 тысяч",
            "Ержанов, судебный исполнитель, требует лично ему 400 000 тенге и грозит забрать "
            "квартиру, хотя я погасил долг.",
        ),
        (
            "Сот орындаушысы пәтерді алып қоямын деп қорқытады",
            "Сот орындаушысы Ержанов Б. қарыз өтелген болса да, оған 400 000 теңге төлемесем, "
            "пәтерімді тізімдеп алып қоямын деп қорқытады.",
        ),
        (
            "Bailiff threatens to seize the apartment",
            "Bailiff Yerzhanov B. threatens to seize my apartment unless I pay him personally "
            "400 000 tenge, although the debt has been repaid.",
        ),
    ),
    *_m(
        "hearing-postponed",
        C,
        ("Тлеубаев Ерлан",),
        (
            "Секретарь обещает отложить заседание за деньги",
            "Секретарь Тлеубаев Е. сказал, что если я заплачу 100 000 тенге, заседание по моему "
            "иску отложат и ответчик не успеет подготовиться.",
        ),
        (
            "Деньги за отложение заседания",
            "Тлеубаев, секретарь судьи, просит 100 000 тенге за то, чтобы заседание по иску "
            "отложили.",
        ),
        (
            "Хатшы ақшаға отырысты кейінге қалдыруды уәде етеді",
            "Хатшы Тлеубаев Е. 100 000 теңге төлесем, талап арызым бойынша отырысты кейінге "
            "қалдыратынын айтты.",
        ),
        (
            "Secretary promises to postpone the hearing for money",
            "Secretary Tleubayev E. said that if I pay 100 000 tenge the hearing on my lawsuit "
            "will be postponed and the defendant will not have time to prepare.",
        ),
    ),
    # True non-duplicates: the same courts, the same kind of wrong, the same words.
    Report(
        "neg-1",
        A,
        "Секретарь суда требовал деньги",
        "Секретарь судебного заседания Мусин Т. требовал 150 000 тенге за выдачу копии "
        "решения по моему трудовому спору. Деньги просил перевести на карту.",
        ("Мусин Тимур",),
    ),
    Report(
        "neg-2",
        A,
        "Судья вымогает деньги",
        "Судья Абенов К. через адвоката требует 700 000 тенге за отмену штрафа моей "
        "компании. Адвокат звонил мне по телефону.",
        ("Абенов Канат",),
    ),
    Report(
        "neg-3",
        B,
        "Судебный исполнитель требует взятку",
        "Судебный исполнитель Тулегенов Б. требует 80 000 тенге, чтобы не описывать "
        "имущество в моей квартире по долгу перед банком.",
        ("Тулегенов Берик",),
    ),
    Report(
        "neg-4",
        B,
        "Из дела пропали документы",
        "Из гражданского дела о наследстве пропали документы на квартиру. Секретарь "
        "Искакова Ж. говорит, что не знает, где они.",
        ("Искакова Жанар",),
    ),
    Report(
        "neg-5",
        C,
        "Сот хатшысы ақша сұрады",
        "Сот хатшысы Оспанов Р. ажырасу туралы іс бойынша шешімнің көшірмесін беру үшін "
        "40 000 теңге сұрады.",
        ("Оспанов Руслан",),
    ),
    Report(
        "neg-6",
        C,
        "Judge's assistant asked for money",
        "The assistant of judge Sadykova M. asked me for 250 000 tenge to put my custody "
        "case on the schedule earlier.",
        ("Sadykova Madina",),
    ),
    Report(
        "neg-7",
        A,
        "Грубость в канцелярии",
        "Сотрудник канцелярии Касымова А. грубо разговаривала со мной и отказалась "
        "принимать заявление без объяснения причин.",
        ("Касымова Айгерим",),
    ),
    Report(
        "neg-8",
        B,
        "Затягивание дела",
        "Судья Жумабаева С. уже полгода откладывает заседание по моему иску о взыскании "
        "долга, а ответчик хвастается, что всё решил.",
        ("Жумабаева Сауле",),
    ),
    Report(
        "neg-9",
        C,
        "Председатель суда и строительная компания",
        "Председатель суда Бекмуханов С. пришел на открытие офиса строительной компании, "
        "которая выиграла у города спор о сносе домов.",
        ("Бекмуханов Серик",),
    ),
    # Added with the four matters above.
    Report(
        "neg-10",
        C,
        "Грубый секретарь",
        "Секретарь Тлеубаева А. грубо ответила мне по телефону и отказалась сообщить дату "
        "заседания.",
        ("Тлеубаева Асель",),
    ),
    Report(
        "neg-11",
        B,
        "Копия решения за деньги",
        "В канцелярии суда Омаров Н. попросил 30 000 тенге за быструю выдачу копии решения "
        "о разводе.",
        ("Омаров Нурлан",),
    ),
    Report(
        "neg-12",
        A,
        "Исполнитель забрал чужую машину",
        "Судебный исполнитель Ержанов Б. забрал мой автомобиль по долгу моего соседа, "
        "документы на машину он не смотрел.",
        ("Ержанов Бауыржан",),
    ),
    Report(
        "neg-13",
        A,
        "Judge's assistant demanded money",
        "The assistant of judge Nurpeisova A. demanded 300 000 tenge for a favourable "
        "decision in my land dispute.",
        ("Nurpeisova Aigul",),
    ),
    Report(
        "neg-14",
        C,
        "Судья затягивает дело об алиментах",
        "Судья Каримова Д. третий месяц не назначает заседание по моему иску об алиментах.",
        ("Каримова Динара",),
    ),
    Report(
        "neg-15",
        B,
        "Мұрағат қызметкері ақша сұрады",
        "Сот мұрағатының қызметкері Жанатов С. шешімнің көшірмесін тез беру үшін 30 000 "
        "теңге сұрады.",
        ("Жанатов Серик",),
    ),
]


@dataclass(frozen=True)
class Scores:
    pairs: int
    positives: int
    true_positives: int
    false_positives: int
    precision: float
    recall: float
    misses: list[tuple[str, str]]
    false_alarms: list[tuple[str, str]]


def parts() -> dict[str, list[Report]]:
    """The parts of the set by name: the written one and the one retold from public texts."""
    from tests import triage_eval_public

    return {"written": REPORTS, "public": triage_eval_public.REPORTS}


def evaluate(reports: Sequence[Report] | None = None) -> Scores:
    """Every pair scored as registration scores it: likely the same matter or not. By default
    the whole set (both parts)."""
    from senim.triage import duplicates, signatures

    if reports is None:
        reports = [r for part in parts().values() for r in part]
    signed = [duplicates.sign(subject=r.subject, text=r.text, names=list(r.names)) for r in reports]
    tp = fp = positives = 0
    misses: list[tuple[str, str]] = []
    alarms: list[tuple[str, str]] = []
    for (i, one), (j, other) in itertools.combinations(enumerate(reports), 2):
        same = one.matter == other.matter
        positives += same
        score = signatures.similarity(signed[i].signature, signed[j].signature)
        same_person = bool(set(signed[i].people) & set(signed[j].people))
        # As the lookup finds it: a candidate only through a shared band or person named.
        candidate = same_person or bool(set(signed[i].bands) & set(signed[j].bands))
        predicted = candidate and duplicates.likely_same(
            score, same_court=one.court == other.court, same_person=same_person
        )
        if predicted and same:
            tp += 1
        elif predicted:
            fp += 1
            alarms.append((f"{one.matter}:{i}", f"{other.matter}:{j} {score:.2f}"))
        elif same:
            misses.append((f"{one.matter}:{i}", f"{other.matter}:{j} {score:.2f}"))
    pairs = len(reports) * (len(reports) - 1) // 2
    return Scores(
        pairs=pairs,
        positives=positives,
        true_positives=tp,
        false_positives=fp,
        precision=tp / (tp + fp) if tp + fp else 1.0,
        recall=tp / positives if positives else 1.0,
        misses=misses,
        false_alarms=alarms,
    )


def _line(name: str, reports: Sequence[Report], s: Scores) -> str:
    matters = len({r.matter for r in reports})
    return (
        f"{name}: {len(reports)} reports of {matters} matters, {s.pairs} pairs, "
        f"{s.positives} of the same matter: precision {s.precision:.2f}, recall {s.recall:.2f} "
        f"({s.true_positives} found, {s.false_positives} false, {len(s.misses)} missed)"
    )


def report() -> str:
    """Precision and recall of each part and of both together, one line each."""
    lines = ["duplicate detection on tests/triage_eval.py + tests/triage_eval_public.py"]
    every: list[Report] = []
    for name, reports in parts().items():
        lines.append(_line(f"  {name}", reports, evaluate(reports)))
        every += reports
    lines.append(_line("  both", every, evaluate(every)))
    return "\n".join(lines)


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senim.settings")
    django.setup()
    print(report())
    scores = evaluate()
    for miss in scores.misses:
        print("missed", *miss)
    for alarm in scores.false_alarms:
        print("false", *alarm)
