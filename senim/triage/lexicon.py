"""The words of complaints about courts, in Kazakh, Russian and English, as shared concepts.

A report translated from Russian into Kazakh or English keeps its names and numbers but not one
word: triage compares reports by concept where it can (`senim.triage.signatures`). Each concept
lists the beginnings of its words in the three languages (lower case, «ё» as «е»); a word
belongs to the concept whose beginning it starts with, the longest beginning first, so
«судья» is a judge and «суд» a court. Beginnings are at least 3 letters; the list is the
domain's own vocabulary, not a dictionary: bribery and extortion, the people of a complaint
(court staff, police, investigators, officials, parties, relatives), courts and bodies, law and
procedure (claims, sentences, appeals, parole, custody), things and places (property, vehicles,
offices, cafes), acts (promised, handed over, detained, opened a case), sums and time. A word it
lacks is compared by its stem and only meets its own language. A short beginning that would
swallow unrelated words has its exceptions in `_NO_CONCEPT` («долго» is not a debt).

Kept readable on purpose: a new concept is one line; check a new beginning against a few
unrelated words that start with it.

**A change here changes every signature.** Stored signatures (`AppealSignature`, its bands)
were made with the lexicon of their day, and a report signed with a new lexicon meets an
earlier one signed with the old only on the tokens both lexicons give alike. `manage.py
triage_backfill` signs the appeals that have no signature and skips signed ones, so after a
lexicon change the earlier appeals' signatures are to be cleared and the backfill run again
(the command has no option to re-sign yet).
"""

from __future__ import annotations

from functools import lru_cache

_CONCEPTS: dict[str, str] = {
    # concept: beginnings, space-separated (ru, kk, en)
    "bribe": "взятк взяток взяточ мзд пара парақор bribe brib kickback",
    "extort": "вымога вымогат бопса extort",
    "demand": "треб потреб талап demand requir",
    "money": "деньг денег денежн ақша ақшас money cash",
    "tenge": "тенге теңге tenge kzt",
    "dollar": "доллар dollar usd",
    "envelope": "конверт конвертк envelop",
    "judge": "судь судей судья judge judg judic",
    "court": "суд сот court",
    "secretary": "секретар хатшы хатшыс secretari secretary clerk",
    "chair": "председател төраға төрағас chairman chair presid",
    "assistant": "помощник көмекші assist",
    "lawyer": "адвокат защитник юрист заңгер lawyer attorney advoc defenc defens counsel",
    "prosecutor": "прокурор прокуратур прокурорға prosecut",
    "employee": "сотрудник работник қызметкер employe staff officer",
    "decision": "решени шешім decis rule judgment judgement",
    "verdict": "приговор үкім verdict sentenc",
    "favour": "пользу пайда favour favor",
    "use": "использ пайдалан use",
    "hearing": "заседани отырыс hear session",
    "case": "дело дела делу делом істі ісі іске істер істің case",
    "file": "материал файл құжат документ document paper file",
    "appeal": "апелляц апелл кассац жалоб жалу шағым appeal complaint complain cassat",
    "promise": "обеща пообеща уәде promis guarante",
    "speed": "ускор быстр тез жеделд speed quick fast expedit",
    "delay": "затяг отклад отлож перенос перенес задержк волокит кешікт созб delay postpon adjourn",
    "threat": "угрож угроз қорқыт threat intimid",
    "phone": "телефон звони позвони қоңырау phone call",
    "meet": "встреч встрет кездес meet met",
    "cafe": "кафе ресторан мейрамхана cafe restaur",
    "office": "кабинет офис offic",
    "building": "здани ғимарат build",
    "corridor": "коридор дәліз corridor hallway",
    "car": "машин автомобил грузовик фура фуры фуру көлік car vehicl truck lorri lorry",
    "transfer": "перевод переве аудар ауыстыр transfer",
    "card": "карт карта картаға card",
    "account": "счет счёт шот account",
    "gift": "подар сыйлық gift present",
    "relative": "родствен родны туыс брат ағам ағас інім інісі relative brother sister",
    "son": "сын сына ұлы son",
    "wife": "жена жене әйел wife",
    "husband": "муж күйеу husband",
    "divorce": "развод ажырас divorc",
    "alimony": "алимент алимент alimoni alimony",
    "custody": "опек қамқор custod guardian",
    "child": "ребен дет бала child children",
    "apartment": "квартир пәтер apart flat",
    "land": "земельн земл участ жер учаск land plot",
    "local": "местн жергілікті local",
    "property": "имуществ жылжымайт мүлік propert asset",
    "inheritance": "наследств мұра inherit",
    "debt": "долг должник кредит займ заем қарыз несие борышкер debt loan credit",
    "bank": "банк bank",
    "contract": "договор шарт contract agreement",
    "enforcement": "исполнит пристав орында enforc bailiff",
    "arrest": "арест задерж стражу стражей қамау ұстал ұстады ұсталды arrest detain detent",
    "release": "освобожд освобод отпуст босат releas free",
    "bail": "залог кепіл bail",
    "probation": "условн шартты probat suspend",
    "fine": "штраф айыппұл fine penalt",
    "acquit": "оправда ақта acquit",
    "evidence": "доказательств дәлел evid proof",
    "witness": "свидетел куә witness",
    "expert": "эксперт сараптам expert",
    "queue": "очеред кезек queue line",
    "reception": "прием приём қабылда recept",
    "registration": "регистрац регистр тірке regist",
    "lose": "проигр ұтыл жеңіліс lose",
    "win": "выигр ұт жең win won",
    "pay": "плат оплат оплач заплат выплат уплат погас төле өтеді өтеу өтеп pay paid repay repaid",
    "give": "переда дать дали дала беру берді берген беріп береді берсе берем give gave hand",
    "ask": "проси попрос просьб сұра ask",
    "receive": "получ взя возьм берет берут алды алған алып алады алу receiv took take got",
    "return": "верну вернет вернут возвра қайтар return",
    "refuse": "отказ refus",
    "pressure": "давлен қысым pressur",
    "interpreter": "переводчик аудармашы interpret translat",
    "insult": "оскорб грубо дөрекі балағат insult rude",
    "drunk": "пьян drunk",
    "camera": "камер видео бейне camera video record",
    "lawsuit": "иск claim lawsuit",
    "plaintiff": "истец талапкер plaintiff claimant",
    "defendant": "ответчик жауапкер подсудим обвин сотталуш айыпта defend accus",
    "thousand": "тысяч мың thousand",
    "million": "миллион млн million",
    "week": "недел апта week",
    "month": "месяц ай month",
    "yesterday": "вчера кеше yesterday",
    "morning": "утро утром утра утрен таңертең morn",
    "evening": "вечер кеш evening",
    "receipt": "квитанц түбіртек receipt",
    "hide": "скры жасыр hide conceal",
    "lost": "потер утер утрат пропал жоғал lost miss",
    "destroy": "уничтож жой destroy",
    "say": "сказал сказа говор айтт айтад дейд said say told tell",
    "need": "нужн надо керек тиіс need must",
    "leave": "остав қалдыр leav",
    "consider": "рассмотр қарау қарал қарап қарады consid review",
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
    # People and bodies
    "police": "полиц полицейск милиц правоохран участков учаскелік police policeman constabl",
    "investigation": "следств следовател расследов дознан тергеу тергеуш investig inquiri",
    "official": "чиновник госслужащ должностн шенеунік official servant функционер",
    "head": "начальник начальств руковод глава главу бастық басшы head chief boss director manager",
    "deputy": "заместител замакима орынбасар deputi deputy",
    "president": "президент president",
    "government": "правительств үкімет министр government ministr",
    "akim": "акимат акима акиму акимом әкімі әкімдік әкімнің әкімге akim mayor",
    "citizen": "гражданин гражданам граждан азамат citizen",
    "people": "человек людей люди адам адамдар people person",
    "entrepreneur": "предпринимат бизнес кәсіпкер entrepreneur business",
    "family": "семья семьи семье семью семьей отбасы отбасым отбас family",
    "father": "отец отца отцу отцом әкем әкесі әкесін әкеме father",
    "mother": "мать матери мама анам анасы анамның mother",
    "daughter": "дочь дочер қызым daughter",
    "colleague": "коллег әріптес colleagu",
    "board": "коллегия коллегии коллегией коллегию алқа board collegium panel",
    "victim": "потерпевш жәбірленуш victim",
    "convict": "осужд сотталған сотталды сотталып convict",
    "prisoner": "тюрьм колони заключенн түрме prison jail",
    "journalist": "журналис журналист",
    "guard": "охран күзет guard",
    "safety": "безопасн қауіпсіз safeti safety secur",
    "subordinate": "подчин subordin",
    "participant": "участник участи қатысушы participa",
    # Courts and law
    "district": "район райсуд аудан district",
    "interdistrict": "межрайон ауданаралық interdistrict",
    "region": "област облсуд облыс oblast region",
    "city": "город горсуд қаласы қаласын қалалық қалада қаладағы қалаға city town",
    "village": "село ауыл village",
    "supreme": "верховн жоғарғы supreme",
    "economic": "экономич экономикалық econom",
    "criminal": "уголовн преступ қылмыс criminal crime",
    "civil": "гражданск азаматтық civil",
    "administrative": "административн әкімшілік administr",
    "specialized": "специализир мамандандыр specializ specialis",
    "trial": "процесс процес trial proceed",
    "law": "закон заңды заңы law legal",
    "illegal": "незакон неправомер заңсыз illegal unlaw",
    "right": "права правам правах право құқы right",
    "justice": "правосуд әділет әділдік justic",
    "violate": "наруш бұзу бұзып бұзад бұзған violat breach infring",
    "ethics": "этик әдеп ethic",
    "corruption": "коррупц антикор сыбайлас жемқор corrupt",
    "abuse": "злоупотреб превыш асыра abus exceed",
    "power": "полномоч өкілеттік власт билік power authorit",
    "fraud": "мошенни алаяқ fraud swindl",
    "theft": "хищени хитил растрат краж украл ұрла ұрлық theft embezzl steal stole",
    "damage": "ущерб залал damag harm",
    "state": "государств мемлекет state",
    "budget": "бюджет budget",
    "tax": "налог салық tax",
    "petition": "заявлени заявк ходатай арыз өтініш мәлімдеме petition motion applicat statement",
    "suspect": "подозр күдік suspect suspicion",
    "restraint": "пресечен бұлтартпау restraint",
    "parole": "досрочн мерзімінен parole",
    "mitigate": "смягч мягк мягч жеңіл жеңілдет mitigat soften lighter lenien",
    "punishment": "наказан жазасы жазаны жазаға жазаның punish",
    "innocent": "невиновн кінәсіз innocen",
    "guilt": "виновн вина вину кінә guilt",
    "overturn": "отмен күшін overturn quash revers cancel annul",
    "stop": "прекрат прекращ закры останов остановл тоқтат stop halt close terminat dismiss drop",
    "open": "возбуд открыл открыт открыва қозға ашты ашыл open initiat",
    "check": "провер проверк тексер check inspect audit",
    "search": "обыск тінту search",
    "seize": "изъят изъя конфиск тәркіле seiz confisc",
    "summons": "повестк вызов шақыр summon",
    "position": "должност лауазым position post",
    "appoint": "назнач тағайында appoint",
    "service": "служб қызмет service",
    "department": "отдел управлени департамент бөлім басқарма department agenc",
    "registry": "канцеляр кеңсе registri registry chancel",
    "archive": "архив мұрағат archiv",
    "copy": "копи көшірм copy copies",
    "certificate": "справк анықтама certific",
    "protocol": "протокол хаттама protocol",
    "letter": "письм хат letter",
    "language": "язык тілі тілін тілде тілге тілінде language",
    "company": "компани фирм тоо жшс акционер серіктест company firm llp jsc",
    "accident": "дтп авари апат accident crash",
    "salary": "зарплат жалақ salari salary wage",
    "pension": "пенси зейнет pension",
    "work": "работ жұмыс work job",
    "dispute": "спор дауы дауды даулы дау dispute",
    "reward": "вознагражд сыйақы reward",
    "violence": "насили избил избиен зорлық ұрып violen beat",
    "torture": "пытк азапта tortur",
    "force": "застав принужд вынужд мәжбүр forc coerc compel",
    "help": "помог помощь помощи көмек help",
    "shout": "крич накрич айқай shout yell",
    "humiliate": "униж унизи қорла humiliat",
    "fear": "боюсь боимся страх қорқам қорқамын afraid fear",
    "buy": "купи покуп купл сатып buy bought purchas",
    "sell": "прода сатты сатқан сату sell sold",
    "found": "нашли найден обнаруж табыл found discover",
    "come": "приех пришл пришел приход келді келдік келіп келген came arriv come",
    "wait": "жда ждал күт wait",
    "send": "отправ направ жібер send sent",
    "report": "сообщ хабарла report",
    "personal": "лично личн жеке personal",
    "former": "бывш бұрынғы former",
    "billion": "миллиард млрд billion",
    "sum": "сумм сома сомас sum amount",
    "house": "дом дома домой үйі үйім үйде үйге үйден үйлер house home",
    "parking": "парковк стоянк автотұрақ parking park",
    "entrance": "входа входе кіреберіс entranc",
    "door": "двер есік есіг door",
    "street": "улиц көше street",
    "meal": "обед ужин түскі lunch dinner meal",
    "today": "сегодня бүгін today",
    "tomorrow": "завтра ертең tomorrow",
    "night": "ночь ночью ночн түнде түнгі night",
    "day": "день дня дней күн күні day",
    "year": "год года году жыл жылы year",
    "hour": "часа часов сағат hour",
}
# Longer beginnings of unrelated words that a concept's short beginning would swallow: a word
# starting with one of these belongs to no concept («долго» is not a debt, «спорт» not a
# dispute, «career» not a car).
_NO_CONCEPT = """
    делат делал делае делаю долго долгий долгое долгая долгих долгим потребител отдельн
    спорт страхов годн алдын алдында кешір кешен детал баланс майор дауыс
    carri carry care career cargo handl handwrit summer summar taxi soldier foundat
"""
_MIN = 3
_PREFIXES: dict[str, str] = {
    prefix: concept
    for concept, beginnings in _CONCEPTS.items()
    for prefix in beginnings.casefold().split()
    if len(prefix) >= _MIN
}
_PREFIXES.update(dict.fromkeys(_NO_CONCEPT.split(), ""))
_LONGEST = max(len(prefix) for prefix in _PREFIXES)


@lru_cache(maxsize=200_000)
def concept_of(word: str) -> str | None:
    """The concept a normalised word belongs to, or None."""
    for length in range(min(len(word), _LONGEST), _MIN - 1, -1):
        concept = _PREFIXES.get(word[:length])
        if concept is not None:
            return concept or None
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
