"""The words of complaints about courts, in Kazakh, Russian and English, as shared concepts.

A report translated from Russian into Kazakh or English keeps its names and numbers but not one
word: triage compares reports by concept where it can (`senim.triage.signatures`). Each concept
lists the beginnings of its words in the three languages (lower case, «ё» as «е»); a word
belongs to the concept whose beginning it starts with, the longest beginning first, so
«судья» is a judge and «суд» a court. Beginnings are at least 3 letters; the list is the
domain's own vocabulary (bribery, extortion, court staff, money, procedure), not a dictionary:
a word it lacks is compared by its stem and only meets its own language.

Kept small and readable on purpose: a new concept is one line.
"""

from __future__ import annotations

from functools import lru_cache

_CONCEPTS: dict[str, str] = {
    # concept: beginnings, space-separated (ru, kk, en)
    "bribe": "взятк взяток взяточ мзд пара парақор bribe brib kickback",
    "extort": "вымога вымогат бопса extort",
    "demand": "требова потребова потреб талап demand requir",
    "money": "деньг денег денежн ақша ақшас money cash",
    "tenge": "тенге теңге tenge kzt",
    "dollar": "доллар dollar usd",
    "envelope": "конверт конвертк envelop",
    "judge": "судь судей судья judge judg",
    "court": "суд сот court",
    "secretary": "секретар хатшы хатшыс secretari secretary clerk",
    "bailiff": "пристав bailiff",
    "chair": "председател төраға төрағас chairman chair presid",
    "assistant": "помощник көмекші assist",
    "lawyer": "адвокат адвокатт адвокатқ lawyer attorney advoc",
    "prosecutor": "прокурор прокуратур прокурорға prosecut",
    "employee": "сотрудник работник қызметкер employe staff",
    "decision": "решени шешім шешімі decis rule",
    "verdict": "приговор үкім verdict sentenc",
    "favour": "пользу пайдас favour favor",
    "hearing": "заседани отырыс hear session",
    "case": "дело дела делу делом істі ісі іске case",
    "file": "материал файл құжат документ document paper file",
    "appeal": "апелляц шағым апелл appeal complaint жалоб",
    "promise": "обеща уәде promis guarante",
    "speed": "ускор быстр тез жеделд speed quick fast expedit",
    "delay": "затяг отклад волокит кешікт созб delay postpon adjourn",
    "threat": "угрож угроз қорқыт threat intimid",
    "phone": "телефон звони позвони қоңырау phone call",
    "meet": "встреч кездес meet",
    "cafe": "кафе ресторан мейрамхана cafe restaur",
    "office": "кабинет кабинетт кабинетін offic",
    "building": "здани ғимарат build",
    "corridor": "коридор дәліз corridor hallway",
    "car": "машин автомобил көлік car vehicl",
    "transfer": "перевод перевел аудар transfer",
    "card": "карт карта картаға card",
    "account": "счет счёт шот account",
    "gift": "подар сыйлық gift present",
    "relative": "родствен туыс брат ағам ағас relat brother sister",
    "son": "сын сына ұлы son",
    "wife": "жена жене әйел wife",
    "husband": "муж күйеу husband",
    "divorce": "развод ажырас divorc",
    "alimony": "алимент алимент alimoni alimony",
    "custody": "опек қамқор custodi",
    "child": "ребен дет бала child children",
    "apartment": "квартир пәтер apart flat",
    "land": "земельн участ жер учаск land plot",
    "property": "имуществ мүлік propert",
    "inheritance": "наследств мұра inherit",
    "debt": "долг қарыз debt loan",
    "bank": "банк bank",
    "company": "компани фирм тоо серіктест company firm",
    "contract": "договор шарт contract agreement",
    "enforcement": "исполнит орында enforc",
    "arrest": "арест қамау arrest detent",
    "release": "освобожд босат releas",
    "bail": "залог кепіл bail",
    "probation": "условн шартты probat suspend",
    "fine": "штраф айыппұл fine penalti",
    "acquit": "оправда ақта acquit",
    "evidence": "доказательств дәлел evid proof",
    "witness": "свидетел куә witness",
    "expert": "эксперт сараптам expert",
    "queue": "очеред кезек queue line",
    "reception": "прием приём қабылда recept",
    "registration": "регистрац тірке регистр",
    "lose": "проигр ұтыл жеңіл lose lost",
    "win": "выигр ұт жең win won",
    "pay": "плат оплат заплат төле pay paid",
    "give": "переда бер give gave",
    "ask": "проси просил сұра ask",
    "receive": "получ алды receiv took",
    "return": "верну вернул қайтар return",
    "refuse": "отказ refus",
    "pressure": "давлен қысым pressur",
    "interpreter": "переводчик аудармашы interpret translat",
    "insult": "оскорб грубо дөрекі балағат insult rude",
    "drunk": "пьян drunk",
    "camera": "камер видео бейне camera video record",
    "lawsuit": "иск claim lawsuit",
    "plaintiff": "истец талапкер plaintiff claimant",
    "defendant": "ответчик жауапкер подсудим сотталуш defend accus",
    "thousand": "тысяч мың thousand",
    "million": "миллион млн million",
    "week": "недел апта week",
    "month": "месяц ай month",
    "yesterday": "вчера кеше yesterday",
    "morning": "утр таңертең morn",
    "evening": "вечер кеш even",
    "receipt": "квитанц түбіртек receipt",
    "hide": "скры жасыр hide conceal",
    "lost": "потер утер жоғал lost miss",
    "destroy": "уничтож жой destroy",
    "say": "сказал сказа говор айтт айтад дейд said say told tell",
    "need": "нужн надо керек тиіс need must",
    "leave": "остав қалдыр leav",
    "consider": "рассмотр қара consid review",
    "divide": "раздел бөлу бөлі divis divid",
    "half": "половин жарты half",
    "agree": "договорил договорит келіс agre deal",
    "january": "январ қаңтар januar",
    "february": "феврал ақпан februar",
    "march": "март наурыз march",
    "april": "апрел сәуір april",
    "may": "мая май мамыр",
    "june": "июн маусым june",
    "july": "июл шілде juli july",
    "august": "август тамыз august",
    "september": "сентябр қыркүйек septemb",
    "october": "октябр қазан octob",
    "november": "ноябр қараша novemb",
    "december": "декабр желтоқсан decemb",
}
_MIN = 3
_PREFIXES: dict[str, str] = {
    prefix: concept
    for concept, beginnings in _CONCEPTS.items()
    for prefix in beginnings.casefold().split()
    if len(prefix) >= _MIN
}
_LONGEST = max(len(prefix) for prefix in _PREFIXES)


@lru_cache(maxsize=200_000)
def concept_of(word: str) -> str | None:
    """The concept a normalised word belongs to, or None."""
    for length in range(min(len(word), _LONGEST), _MIN - 1, -1):
        concept = _PREFIXES.get(word[:length])
        if concept is not None:
            return concept
    return None


# Function words and the formulae of every complaint: they join unrelated reports.
_STOPWORDS = """
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее
    мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть
    был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть
    надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда
    кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас
    были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот
    через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед
    иногда лучше чуть том нельзя такой им более всегда конечно всю между это также который
    которая которые которого котором прошу просим прошу просьба уважаемые уважаемый являюсь
    мой моего моей моих нам наш нашего нашей свой своего своей свои также данный данного
    және мен бен пен да де та те бұл осы сол ол мен біз сіз сен олар оның менің біздің сіздің
    үшін туралы бойынша арқылы кейін дейін бірақ әрі немесе яғни өз өзі өзінің маған бізге
    оған оны мені бізді сізді еді болды болып болса бар жоқ деп деді сұраймын өтінемін
    құрметті екен екенін екенін етті етеді етуде етіп жатыр болатынын
    the a an and or of to in on at by for with from as is was were be been are this that
    these those it its he she they them his her their my me we our you your i not no but so
    if then than there here which who whom what when where why how also about into over
    after before under again very just please dear request sir madam would could should
    will can may might did does do had has have
    """
STOPWORDS = frozenset(_STOPWORDS.split())
