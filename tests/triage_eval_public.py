"""The second part of the labelled set for duplicate detection: reports retold from real,
public texts about corruption and misconduct in Kazakhstan's courts and justice bodies.

Each matter is one incident published by a news site or a court, anti-corruption or police
press service (its address is the matter's `source`). The report is the one a citizen, a
party, a journalist or an employee could have sent about it: first person, the facts the
source gives (role, court or body, sum, act, date), retold, never copied. Each is told four
ways, as in tests/triage_eval.py: a Russian original, a paraphrase by another reporter, a
Kazakh and an English translation. Surnames are the ones the sources publish; where a source
gives none, the name is invented and listed in `INVENTED_NAMES`.

The true non-duplicates (`neg-*`) are written for this set: the court and the kind of wrong of
one incident, another person, sum or act. Their `source` names the incident they shadow.

The incidents are as reported at the time (a suspicion, a detention, a published complaint),
not findings of guilt; the set uses them only as text.
"""

from __future__ import annotations

from tests.triage_eval import Report

# The court or body of each incident: a code of this set (the incidents' courts are not in the
# other part, so no pair across the parts shares a court).
AST_ECON = "P-AST-SMEC"  # Astana, specialized interdistrict economic court
TURK_CITY = "P-TURK-CITY"  # Turkestan city court
KAZALY = "P-KZO-KAZALY"  # Kazaly district court, Kyzylorda region
MEDEU = "P-ALA-MEDEU"  # Medeu district court, Almaty
PVL_ECON = "P-PVL-SMEC"  # Pavlodar region, specialized interdistrict economic court
SUPREME = "P-SUPREME"  # Supreme Court
TURK_REG = "P-TURK-REG"  # Turkestan regional court
AKT_REG = "P-AKT-REG"  # Aktobe regional court
LAND_CASE = "P-DIST-2020"  # the district court the source does not name
BAITEREK = "P-ZKO-BAITEREK"  # district court No. 2 of Baiterek district, West Kazakhstan
SHYMKENT = "P-SHYM-CITY"  # Shymkent city courts
ALA_CRIM = "P-ALA-SMCC"  # Almaty, specialized interdistrict criminal court
KOSTANAY = "P-KST-2"  # Kostanay court No. 2
AST_CITY = "P-AST-CITY"  # Astana city court
KYZYLZHAR = "P-SKO-KYZYLZHAR"  # Kyzylzhar district police, North Kazakhstan region
SHYM_POLICE = "P-SHYM-LPS"  # Shymkent local police service

# Names the sources do not publish, invented for the set.
INVENTED_NAMES: dict[str, tuple[str, ...]] = {
    "turkestan-dinners": ("Байжанов Нурлан",),
    "land-acquittal": ("Оспанов Ерлан",),
    "kyzylzhar-trucks": ("Алимов Асхат",),
    "neg-ast-econ": ("Жумабеков Руслан",),
    "neg-turk-city": ("Нарбеков Ерболат",),
    "neg-kazaly": ("Есенова Гульнар",),
    "neg-medeu": ("Ким Денис",),
    "neg-shymkent": ("Турсунов Бахтияр",),
    "neg-kostanay": ("Ергалиев Самат",),
}


def _m(
    matter: str, court: str, names: tuple[str, ...], source: str, *versions: tuple[str, str]
) -> list[Report]:
    return [Report(matter, court, subject, text, names, source) for subject, text in versions]


REPORTS: list[Report] = [
    *_m(
        "kenzhaev-econ",
        AST_ECON,
        ("Кенжаев Абдулла",),
        "https://www.zakon.kz/4581895-v-astane-zaderzhan-sudja-mezhrajjonnogo.html",
        (
            "Судья экономического суда требует деньги",
            "Я предприниматель, моё дело рассматривает судья специализированного межрайонного "
            "экономического суда Астаны Кенжаев А. Он пообещал, что исход дела будет в мою "
            "пользу, и попросил за это 750 тысяч тенге. Передать деньги нужно утром у здания суда.",
        ),
        (
            "Взятка судье экономического суда",
            "Судья Кенжаев из межрайонного экономического суда столицы попросил у меня 750 000 "
            "тенге за положительное решение по делу моей фирмы. Встретиться договорились у входа "
            "в суд перед началом рабочего дня.",
        ),
        (
            "Экономикалық сот судьясы ақша талап етуде",
            "Мен кәсіпкермін, ісімді Астананың мамандандырылған ауданаралық экономикалық сотының "
            "судьясы Кенжаев А. қарап жатыр. Ол іс менің пайдама шешілетінін уәде етіп, бұл үшін "
            "750 мың теңге сұрады. Ақшаны таңертең сот ғимаратының жанында беру керек.",
        ),
        (
            "Economic court judge demands money",
            "I run a business, and my case is heard by judge Kenzhayev A. of the Astana "
            "specialized interdistrict economic court. He promised the case would go my way and "
            "asked for 750 thousand tenge for it. The money is to be handed over in the morning "
            "outside the court building.",
        ),
    ),
    *_m(
        "serikbaev-sentence",
        TURK_CITY,
        ("Серикбаев Омар",),
        "https://otyrar.kz/2017/12/astaninskij-sud-vydal-sankciyu-na-arest-sudi-iz-turkestana",
        (
            "Председатель суда требует деньги за мягкий приговор",
            "Председатель Туркестанского городского суда Серикбаев О.Н. потребовал у нашей семьи "
            "3 миллиона тенге за смягчение приговора моему брату, который сейчас подсудимый.",
        ),
        (
            "Вымогательство в Туркестанском горсуде",
            "Глава городского суда Туркестана Серикбаев сказал, что приговор брату будет мягче, "
            "если мы заплатим ему 3 млн тенге.",
        ),
        (
            "Сот төрағасы жеңіл үкім үшін ақша талап етуде",
            "Түркістан қалалық сотының төрағасы Серікбаев О.Н. қазір сотталушы болып отырған "
            "інімнің үкімін жеңілдету үшін біздің отбасымыздан 3 миллион теңге талап етті.",
        ),
        (
            "Court chairman demands money for a lighter sentence",
            "The chairman of the Turkestan city court, Serikbayev O.N., demanded 3 million tenge "
            "from our family to soften the sentence of my brother, who is on trial.",
        ),
    ),
    *_m(
        "abdykalykov-suspended",
        KAZALY,
        ("Абдыкалыков Даурен",),
        "https://www.inform.kz/ru/zaderzhan-predsedatel-rayonnogo-suda-v-kizilordinskoy-oblasti-016c4a",
        (
            "Деньги председателю районного суда за условный срок",
            "Мой родственник осуждён за мошенничество и получил условный срок. Перед приговором "
            "наша семья передала председателю Казалинского районного суда Абдыкалыкову Д. "
            "6 миллионов тенге, чтобы наказание смягчили.",
        ),
        (
            "Председатель Казалинского суда взял 6 млн",
            "Абдыкалыков, председатель районного суда в Казалинске, получил от родных подсудимого "
            "6 млн тенге, после чего тому дали условное наказание по делу о мошенничестве.",
        ),
        (
            "Аудандық сот төрағасына шартты жаза үшін ақша",
            "Туысым алаяқтық үшін сотталып, шартты жаза алды. Үкімге дейін отбасымыз жазаны "
            "жеңілдету үшін Қазалы аудандық сотының төрағасы Әбдіқалықов Д.-ға 6 миллион теңге "
            "берді.",
        ),
        (
            "Money to a district court chairman for a suspended sentence",
            "My relative was convicted of fraud and got a suspended sentence. Before the verdict "
            "our family gave 6 million tenge to the chairman of the Kazaly district court, "
            "Abdykalykov D., so that the punishment would be reduced.",
        ),
    ),
    *_m(
        "zholmanova-dollars",
        MEDEU,
        ("Жолманова Светлана",),
        "https://respublika.kz.media/archives/44683",
        (
            "Судья Медеуского суда и крупные суммы в долларах",
            "28 апреля стало известно, что судью Медеуского районного суда Алматы Жолманову С. "
            "подозревают в мошенничестве в особо крупном размере. Говорят, в её кабинете нашли "
            "4,5 тысячи долларов, в машине 600 тысяч, дома 2,8 миллиона долларов. Прошу "
            "проверить, за какие решения она получала эти деньги.",
        ),
        (
            "Доллары у судьи Жолмановой",
            "У судьи Жолмановой из Медеуского райсуда, по сообщениям, нашли миллионы долларов: "
            "600 тысяч в автомобиле и 2,8 млн дома. Её проверяют по статье о мошенничестве. Я "
            "считаю, что проверить надо и её решения по делам.",
        ),
        (
            "Медеу сотының судьясы және ірі долларлық сомалар",
            "28 сәуірде Алматының Медеу аудандық сотының судьясы Жолманова С. аса ірі мөлшердегі "
            "алаяқтыққа күдікті екені белгілі болды. Оның кабинетінен 4,5 мың доллар, көлігінен "
            "600 мың, үйінен 2,8 миллион доллар табылғаны айтылады. Бұл ақшаны қандай шешімдер "
            "үшін алғанын тексеруді сұраймын.",
        ),
        (
            "Medeu court judge and large sums in dollars",
            "On 28 April it became known that judge Zholmanova S. of the Medeu district court of "
            "Almaty is suspected of large-scale fraud. Reportedly 4.5 thousand dollars were found "
            "in her office, 600 thousand in her car and 2.8 million dollars at home. I ask you to "
            "check which decisions she was paid for.",
        ),
    ),
    *_m(
        "tagazhai-businessman",
        PVL_ECON,
        ("Тагажай Талгат",),
        "https://respublika.kz.media/?p=28476",
        (
            "Председатель экономического суда встречался с бизнесменом",
            "Председатель специализированного межрайонного экономического суда Павлодарской "
            "области Тагажай Т. вне процесса встречался с бизнесменом, который ждал от суда "
            "нужного решения, и получил от него деньги. Пять месяцев шло расследование о взятке, "
            "а потом дело прекратили. Прошу проверить заново.",
        ),
        (
            "Дело о взятке председателю суда развалилось",
            "Антикор пять месяцев расследовал получение взятки председателем Павлодарского "
            "экономического суда Тагажаем: непроцессуальный контакт с заинтересованным "
            "предпринимателем и деньги были, но дело закрыли. Почему его никто не проверяет?",
        ),
        (
            "Экономикалық сот төрағасы кәсіпкермен кездесті",
            "Павлодар облысының мамандандырылған ауданаралық экономикалық сотының төрағасы "
            "Тағажай Т. процестен тыс шешімге мүдделі кәсіпкермен кездесіп, одан ақша алды. Пара "
            "туралы тергеу бес ай жүрді, кейін іс тоқтатылды. Қайта тексеруді сұраймын.",
        ),
        (
            "Economic court chairman met a businessman",
            "The chairman of the specialized interdistrict economic court of Pavlodar region, "
            "Tagazhai T., met outside the proceedings with a businessman who wanted a favourable "
            "decision and took money from him. The bribery investigation went on for five months "
            "and then the case was dropped. Please look into it again.",
        ),
    ),
    *_m(
        "zhanguttinov-transfer",
        SUPREME,
        ("Жангуттинов Мейрам", "Тургунбаева Лиза"),
        "https://acca.media/en/kazakhstan-a-judge-who-bribed-a-judge-of-the-supreme-court-was-detained",
        (
            "Судья Верховного суда взял деньги за перевод судьи",
            "Судья Верховного суда Жангуттинов М.К. получил 8 000 долларов за содействие в "
            "переводе судьи Тургунбаевой Л.Т. из суда Аль-Фарабийского района Шымкента в другой "
            "суд без конкурса.",
        ),
        (
            "Взятка за перевод судьи",
            "Тургунбаева, судья из Шымкента, заплатила судье Верховного суда Жангуттинову "
            "8 тысяч долларов, чтобы её перевели на другую должность вне конкурса.",
        ),
        (
            "Жоғарғы Сот судьясы судьяны ауыстыру үшін ақша алды",
            "Жоғарғы Сот судьясы Жанғұттинов М.К. судья Тұрғынбаева Л.Т.-ны Шымкенттің "
            "Әл-Фараби аудандық сотынан басқа сотқа конкурссыз ауыстыруға көмектескені үшін "
            "8 000 доллар алды.",
        ),
        (
            "Supreme Court judge took money for a judge's transfer",
            "Supreme Court judge Zhanguttinov M.K. received 8,000 dollars for helping to transfer "
            "judge Turgunbayeva L.T. from the Al-Farabi district court of Shymkent to another "
            "court without a competition.",
        ),
    ),
    *_m(
        "tashenova-fikarel",
        SUPREME,
        ("Ташенова Алмаз", "Джакишев Сайлаубек"),
        "http://respublika-kz.blogspot.com/2011/04/blog-post_4976.html",
        (
            "Судьи Верховного суда вынесли решение в пользу компании за вознаграждение",
            "Председатель надзорной коллегии по гражданским и административным делам Верховного "
            "суда Ташенова А. и судья Джакишев С. за незаконное вознаграждение злоупотребили "
            "полномочиями в пользу АО «Фикарел». Государству причинён ущерб на 212 миллионов "
            "тенге.",
        ),
        (
            "Ущерб 212 млн тенге от решения по АО «Фикарел»",
            "Ташенова и Джакишев из Верховного суда за деньги решили дело в пользу акционерного "
            "общества «Фикарел», из-за чего бюджет потерял 212 млн тенге.",
        ),
        (
            "Жоғарғы Сот судьялары сыйақы үшін компания пайдасына шешім шығарды",
            "Жоғарғы Соттың азаматтық және әкімшілік істер жөніндегі қадағалау алқасының "
            "төрағасы Ташенова А. мен судья Жақышев С. заңсыз сыйақы үшін «Фикарел» АҚ пайдасына "
            "лауазымдық өкілеттіктерін асыра пайдаланды. Мемлекетке 212 миллион теңге залал "
            "келтірілді.",
        ),
        (
            "Supreme Court judges ruled for a company in exchange for a reward",
            "The chair of the Supreme Court's supervisory board for civil and administrative "
            "cases, Tashenova A., and judge Dzhakishev S. abused their powers in favour of JSC "
            "Fikarel for an illegal reward. The state suffered damage of 212 million tenge.",
        ),
    ),
    *_m(
        "turkestan-dinners",
        TURK_REG,
        INVENTED_NAMES["turkestan-dinners"],
        "https://acca.media/en/in-kazakhstan-officials-again-were-caught-in-corruption",
        (
            "Судьи Верховного суда за счёт областных судей",
            "Во время командировки в Туркестан судьи Верховного суда обедали и ужинали в "
            "VIP-зале ресторана за счёт судей Туркестанского областного суда, получали в подарок "
            "книги и ездили по личным делам на их машинах. Всё организовал председатель коллегии "
            "по гражданским делам облсуда Байжанов Н.",
        ),
        (
            "Подарки и рестораны для проверяющих из Верховного суда",
            "Председатель гражданской коллегии Туркестанского областного суда Байжанов оплачивал "
            "приезжим судьям Верховного суда обеды в дорогом ресторане, дарил им книги и давал "
            "машины для личных поездок.",
        ),
        (
            "Жоғарғы Сот судьялары облыстық судьялардың есебінен",
            "Түркістанға іссапар кезінде Жоғарғы Сот судьялары Түркістан облыстық сотының "
            "судьяларының есебінен мейрамхананың VIP-залында түскі және кешкі ас ішті, сыйлыққа "
            "кітаптар алып, олардың көліктерін жеке мақсатта пайдаланды. Мұның бәрін облыстық "
            "соттың азаматтық істер жөніндегі алқасының төрағасы Байжанов Н. ұйымдастырды.",
        ),
        (
            "Supreme Court judges at the expense of regional judges",
            "On a business trip to Turkestan, Supreme Court judges had lunches and dinners in the "
            "VIP room of a restaurant paid for by judges of the Turkestan regional court, received "
            "books as gifts and used their cars for personal trips. It was all arranged by the "
            "chairman of the regional court's civil board, Baizhanov N.",
        ),
    ),
    *_m(
        "aketai-letter",
        AKT_REG,
        ("Акетай Муратгали",),
        "https://zagranburo.org/%d0%b2%d0%be%d0%b9%d0%bd%d0%b0-%d0%b2-%d1%81%d1%83%d0%b4%d0%b5%d0%b1%d0%bd%d0%be%d0%b9-%d1%81%d0%b8%d1%81%d1%82%d0%b5%d0%bc%d0%b5",
        (
            "Председатель областного суда нарушает права судей",
            "Мы, судьи Актюбинского областного суда, в том числе председатели коллегий, жалуемся "
            "на председателя облсуда Акетая М.А.: он грубо нарушает требования Конституции и "
            "давит на судей, мы работаем как на зоне. Письмо подписали девять судей.",
        ),
        (
            "Девять судей против председателя облсуда",
            "Девять судей Актюбинского областного суда написали председателю Верховного суда, что "
            "их председатель Акетай грубо нарушает Конституцию и обращается с ними как с "
            "заключёнными.",
        ),
        (
            "Облыстық сот төрағасы судьялардың құқығын бұзуда",
            "Біз, Ақтөбе облыстық сотының судьялары, оның ішінде алқа төрағалары, облыстық сот "
            "төрағасы Ақетай М.А.-ға шағымданамыз: ол Конституция талаптарын өрескел бұзып, "
            "судьяларға қысым көрсетеді, біз түрмедегідей жұмыс істейміз. Хатқа тоғыз судья қол "
            "қойды.",
        ),
        (
            "Regional court chairman violates judges' rights",
            "We, judges of the Aktobe regional court, including the chairs of its boards, complain "
            "about the regional court chairman Aketai M.A.: he grossly violates the requirements "
            "of the Constitution and puts pressure on judges; we work as if in a prison camp. "
            "Nine judges signed the letter.",
        ),
    ),
    *_m(
        "land-acquittal",
        LAND_CASE,
        INVENTED_NAMES["land-acquittal"],
        "https://patriotnownews.com/corruption-in-kazakhstans-judiciary",
        (
            "Судья оправдал чиновника за взятку",
            "В 2020 году судья Оспанов Е. по делу о взятке вынес оправдательный приговор "
            "госслужащему, который незаконно сдал в аренду земельный участок, и получил за это "
            "26 тысяч долларов. Апелляция отменила оправдание, и теперь судья возвращает деньги.",
        ),
        (
            "Оправдательный приговор за 26 000 долларов",
            "Госслужащего, незаконно оформившего аренду земли, судья Оспанов оправдал за 26 000 "
            "долларов. После того как апелляционный суд приговор отменил, судья стал возвращать "
            "взятку.",
        ),
        (
            "Судья шенеунікті пара үшін ақтады",
            "2020 жылы судья Оспанов Е. жер учаскесін заңсыз жалға берген мемлекеттік "
            "қызметшіні пара алу ісі бойынша ақтап, бұл үшін 26 мың доллар алды. Апелляция "
            "ақтау үкімін бұзды, енді судья ақшаны қайтарып жатыр.",
        ),
        (
            "Judge acquitted an official for a bribe",
            "In 2020 judge Ospanov E. acquitted in a bribery case a civil servant who had "
            "illegally leased out a land plot, and received 26 thousand dollars for it. The appeal "
            "court overturned the acquittal, and now the judge is returning the money.",
        ),
    ),
    *_m(
        "sidorova-bullying",
        BAITEREK,
        (),
        "https://ratel.kz/raw/sudja_iz_zko_rasskazala_o_bullinge_iz_za_neznanija_kazahskogo_jazyka",
        (
            "Травля судьи из-за незнания казахского языка",
            "Я судья районного суда №2 района Байтерек (село Дарьинское) Западно-Казахстанской "
            "области. Четыре года руководство суда устраивает мне травлю и притесняет из-за того, "
            "что я не владею государственным языком, и не пускает меня на должность "
            "председателя. В 2018 году мне отказали в зачислении в кадровый резерв.",
        ),
        (
            "Судью в Дарьинском не продвигают по службе",
            "Судью районного суда №2 Байтерекского района четвёртый год травят коллеги и "
            "начальство: из-за незнания казахского языка ей отказывают в карьерном росте и в "
            "кадровом резерве на должность председателя.",
        ),
        (
            "Қазақ тілін білмегені үшін судьяны қудалау",
            "Мен Батыс Қазақстан облысы Бәйтерек ауданының №2 аудандық сотының (Дарьинское "
            "ауылы) судьясымын. Төрт жыл бойы сот басшылығы мемлекеттік тілді білмейтінім үшін "
            "мені қудалап, қысым көрсетіп келеді және төраға лауазымына жібермейді. 2018 жылы "
            "кадр резервіне алудан бас тартты.",
        ),
        (
            "Judge bullied for not knowing Kazakh",
            "I am a judge of district court No. 2 of Baiterek district (Darinskoye village), West "
            "Kazakhstan region. For four years the court's management has been bullying and "
            "pressuring me because I do not speak the state language, and will not let me become "
            "chair. In 2018 I was refused a place in the personnel reserve.",
        ),
    ),
    *_m(
        "karabaev-tongue",
        SHYMKENT,
        ("Карабаев Абинур",),
        "https://www.zakon.kz/sobytiia/6487842-sudya-po-delu-zamakima-shymkenta-pokazal-yazyk-zhurnalistke.html",
        (
            "Судья показал язык журналистке",
            "18 августа 2025 года на процессе по делу о покушении на заместителя акима Шымкента "
            "Берденова председательствующий судья Карабаев А. показал мне, журналистке, язык. "
            "Момент снят на видео. Прошу проверить его на нарушение Кодекса судейской этики.",
        ),
        (
            "Неэтичное поведение судьи в Шымкенте",
            "На заседании по делу о покушении на замакима Шымкента судья Абинур Карабаев высунул "
            "язык в сторону журналистки Омаровой. Это есть на видео.",
        ),
        (
            "Судья журналиске тілін көрсетті",
            "2025 жылғы 18 тамызда Шымкент қаласы әкімінің орынбасары Берденовке қастандық жасау "
            "ісі бойынша процесте төрағалық етуші судья Қарабаев А. маған, журналиске, тілін "
            "көрсетті. Бұл сәт бейнеге түсті. Оны Судья әдебі кодексін бұзу тұрғысынан "
            "тексеруді сұраймын.",
        ),
        (
            "Judge stuck his tongue out at a journalist",
            "On 18 August 2025, at the trial over the attempt on Shymkent deputy mayor Berdenov, "
            "presiding judge Karabayev A. stuck his tongue out at me, a journalist. The moment was "
            "caught on video. I ask that he be checked for breaching the Code of Judicial Ethics.",
        ),
    ),
    *_m(
        "bakirbaev-bars",
        ALA_CRIM,
        ("Бакирбаев Бахытжан",),
        "https://www.zakon.kz/obshestvo/6487970-teper-v-almaty-deystviya-eshche-odnogo-sudi-vyzvali-voprosy-v-seti.html",
        (
            "Судья показал пальцами решётку",
            "На видео судья специализированного межрайонного суда по уголовным делам Алматы "
            "Бакирбаев Б. показывает пальцами «решётку» подсудимым. Это было в 2024 году, когда "
            "суд рассматривал ходатайство об изменении меры пресечения трём подсудимым.",
        ),
        (
            "Жест «решётка» от алматинского судьи",
            "Бахытжан Бакирбаев, судья уголовного суда Алматы, во время заседания о мере "
            "пресечения для трёх подсудимых сложил пальцы решёткой, намекая на арест.",
        ),
        (
            "Судья саусақпен «тор» көрсетті",
            "Бейнежазбада Алматы қаласы қылмыстық істер жөніндегі мамандандырылған ауданаралық "
            "сотының судьясы Бәкірбаев Б. сотталушыларға саусақпен «тор» көрсетіп отыр. Бұл "
            "2024 жылы сот үш сотталушының бұлтартпау шарасын өзгерту туралы өтінішті қараған "
            "кезде болды.",
        ),
        (
            "Judge showed 'bars' with his fingers",
            "A video shows judge Bakirbayev B. of the Almaty specialized interdistrict criminal "
            "court making 'prison bars' with his fingers at defendants. It happened in 2024, when "
            "the court was hearing a motion to change the measure of restraint for three "
            "defendants.",
        ),
    ),
    *_m(
        "papasheva-parole",
        KOSTANAY,
        ("Аманжулов Мерей", "Папашева Гульмира"),
        "https://acca.media/en/5708/kazakhstan-corruption-crimes-increased-by-70",
        (
            "Условно-досрочное по ложной справке судебного исполнителя",
            "8 июля 2020 года судья суда №2 Костаная Аманжулов М. освободил условно-досрочно "
            "Ундаганова, бывшего главу управления спорта ЗКО, осуждённого за хищение. Основанием "
            "стало заявление судебного исполнителя Папашевой Г., что он погасил свою долю долга "
            "перед государством в 345 000 долларов.",
        ),
        (
            "Освобождение Ундаганова вызывает сомнения",
            "Судебный исполнитель Папашева подтвердила, будто Ундаганов выплатил свою долю ущерба "
            "в 345 тысяч долларов, и на этом основании судья Аманжулов в Костанае отпустил его по "
            "УДО, хотя тот отсидел только 7 лет.",
        ),
        (
            "Сот орындаушысының жалған мәлімдемесі бойынша шартты түрде мерзімінен бұрын босату",
            "2020 жылғы 8 шілдеде Қостанайдың №2 сотының судьясы Аманжолов М. ұрлық үшін "
            "сотталған БҚО спорт басқармасының бұрынғы басшысы Ұндағановты шартты түрде "
            "мерзімінен бұрын босатты. Бұған сот орындаушысы Папашева Г.-ның ол мемлекет "
            "алдындағы 345 000 доллар қарыздың өз үлесін өтеді деген мәлімдемесі негіз болды.",
        ),
        (
            "Parole on a bailiff's false statement",
            "On 8 July 2020 judge Amanzhulov M. of Kostanay court No. 2 released on parole "
            "Undaganov, the former head of the West Kazakhstan sports department convicted of "
            "embezzlement. The grounds were bailiff Papasheva G.'s statement that he had paid off "
            "his share of a 345,000 dollar debt to the state.",
        ),
    ),
    *_m(
        "supreme-reception",
        SUPREME,
        ("Асанов Жакип",),
        "https://tirek.info/?p=14838",
        (
            "Не пускают на приём в Верховный суд",
            "23 сентября около десяти человек, не согласных с решениями судов, пришли к зданию "
            "Верховного суда в Нур-Султане. Охрана не открыла нам дверь приёмной, ночью приехали "
            "полиция и акимат и потребовали уйти. Я третий день не могу попасть на приём к "
            "председателю Асанову.",
        ),
        (
            "Закрытая приёмная Верховного суда",
            "Граждане из разных регионов несколько дней не могут попасть к председателю "
            "Верховного суда Асанову: приёмная закрыта, охрана не впускает, а ночью людей "
            "прогнала полиция.",
        ),
        (
            "Жоғарғы Соттың қабылдауына кіргізбейді",
            "23 қыркүйекте сот шешімдерімен келіспейтін он шақты адам Нұр-Сұлтандағы Жоғарғы "
            "Сот ғимаратына келдік. Күзет қабылдау бөлмесінің есігін ашпады, түнде полиция мен "
            "әкімдік келіп, кетуді талап етті. Мен үшінші күн төраға Асановтың қабылдауына кіре "
            "алмай жүрмін.",
        ),
        (
            "Denied a reception at the Supreme Court",
            "On 23 September about ten people who disagree with court decisions came to the "
            "Supreme Court building in Nur-Sultan. The guards would not open the reception door, "
            "and at night the police and the akimat came and demanded that we leave. For the "
            "third day I cannot get an appointment with the chairman, Asanov.",
        ),
    ),
    *_m(
        "semenova-lrt",
        AST_CITY,
        ("Семёнова Виктория",),
        "https://ratel.kz/raw/sudja_i_advokaty_po_delu_astana_lrt_pereshli_v_otkrytuju_konfrontatsiju",
        (
            "Судья унижает участников процесса по делу Astana LRT",
            "На процессе по делу ТОО «Astana LRT» о хищении 5,8 млрд тенге председательствующая "
            "судья Семёнова В. постоянно отчитывает подсудимых, адвокатов и свидетелей, "
            "запрещает любые эмоции и останавливает онлайн-заседание, если не видит чьё-то лицо "
            "на экране.",
        ),
        (
            "Поведение судьи Семёновой в деле LRT",
            "Судья Семёнова в столичном суде по делу Astana LRT больше времени тратит на выговоры "
            "подсудимым и защитникам, чем на допросы: нельзя улыбаться, процесс прерывают, если "
            "кого-то не видно в онлайн-конференции.",
        ),
        (
            "Судья Astana LRT ісі бойынша процеске қатысушыларды қорлайды",
            "5,8 млрд теңге ұрлау туралы «Astana LRT» ЖШС ісі бойынша процесте төрағалық етуші "
            "судья Семёнова В. сотталушыларға, адвокаттарға және куәларға үнемі ескерту жасап, "
            "кез келген эмоцияға тыйым салады және экраннан біреудің бетін көрмесе, онлайн "
            "отырысты тоқтатады.",
        ),
        (
            "Judge humiliates participants in the Astana LRT trial",
            "At the trial of Astana LRT LLP over the theft of 5.8 billion tenge, presiding judge "
            "Semyonova V. keeps reprimanding defendants, lawyers and witnesses, forbids any show "
            "of emotion and halts the online hearing if she cannot see someone's face on the "
            "screen.",
        ),
    ),
    *_m(
        "kyzylzhar-trucks",
        KYZYLZHAR,
        INVENTED_NAMES["kyzylzhar-trucks"],
        "https://www.zakon.kz/proisshestviia/6508374-politseyskiy-nachalnik-zapodozren-v-korruptsii-na-severe-kazakhstana.html",
        (
            "Начальник полиции берёт деньги за проезд фур",
            "Начальник отдела общественной безопасности отдела полиции Кызылжарского района СКО "
            "Алимов А. берёт у меня, предпринимателя, взятку за то, чтобы мои грузовики "
            "беспрепятственно ездили по дорогам области.",
        ),
        (
            "Поборы с перевозчиков в Кызылжарском районе",
            "Полицейский начальник Алимов из Кызылжарского района вымогает деньги у владельцев "
            "грузовиков за покровительство: без оплаты фуры по области не пропускают.",
        ),
        (
            "Полиция бастығы жүк көліктерінің жүруі үшін ақша алады",
            "СҚО Қызылжар ауданы полиция бөлімінің қоғамдық қауіпсіздік бөлімшесінің бастығы "
            "Алимов А. менен, кәсіпкерден, жүк көліктерім облыс жолдарымен кедергісіз жүруі үшін "
            "пара алады.",
        ),
        (
            "Police chief takes money for trucks to pass",
            "The head of the public safety unit of the Kyzylzhar district police department in "
            "North Kazakhstan region, Alimov A., takes bribes from me, a businessman, so that my "
            "trucks can drive on the region's roads without obstruction.",
        ),
    ),
    *_m(
        "bukharbaev-purchases",
        SHYM_POLICE,
        ("Бухарбаев Мухтар",),
        "https://acca.media/en/kazakhstan-purge-of-law-enforcement-agencies-from-corrupt-officials-continues",
        (
            "Начальник заставляет подчинённых покупать ему вещи",
            "Я, командир первой роты службы участковых Шымкента Аймбетов А., сообщаю, что "
            "начальник службы участковых полиции Бухарбаев М. заставлял меня покупать ему "
            "дорогие вещи: гаджеты, духи, одежду и даже мебель. Я уже записал видеообращение "
            "президенту.",
        ),
        (
            "Поборы начальника участковых Шымкента",
            "Мухтар Бухарбаев, руководивший местной полицейской службой Шымкента, вынуждал "
            "подчинённого Аймбетова покупать ему гаджеты, парфюм, одежду и мебель.",
        ),
        (
            "Бастық қол астындағыларды өзіне зат сатып алуға мәжбүрлейді",
            "Мен, Шымкент учаскелік полиция қызметінің бірінші ротасының командирі Аймбетов А., "
            "учаскелік полиция қызметінің бастығы Бұхарбаев М. мені өзіне қымбат заттар: "
            "гаджеттер, әтір, киім, тіпті жиһаз сатып алуға мәжбүрлегенін хабарлаймын. "
            "Президентке бейнеүндеу жазып қойдым.",
        ),
        (
            "Boss forces subordinates to buy him things",
            "I, Aimbetov A., commander of the first company of the Shymkent local police service, "
            "report that the head of the local police service, Bukharbayev M., forced me to buy "
            "him expensive things: gadgets, perfume, clothes and even furniture. I have already "
            "recorded a video appeal to the President.",
        ),
    ),
    # True non-duplicates: the court and the kind of wrong of an incident above, another
    # person, sum or act (written for the set; the names are invented).
    Report(
        "neg-ast-econ",
        AST_ECON,
        "Судья экономического суда требует деньги",
        "Судья межрайонного экономического суда Астаны Жумабеков Р. требует 2 миллиона тенге с "
        "моей компании, чтобы отменить штраф налоговой. Деньги просил передать через знакомого "
        "юриста.",
        INVENTED_NAMES["neg-ast-econ"],
        "constructed: the court and wrong of kenzhaev-econ",
    ),
    Report(
        "neg-turk-city",
        TURK_CITY,
        "Помощник судьи просит деньги за оправдание",
        "Помощник судьи Туркестанского городского суда Нарбеков Е. просит 1 миллион тенге, чтобы "
        "моего сына оправдали по делу о ДТП.",
        INVENTED_NAMES["neg-turk-city"],
        "constructed: the court and wrong of serikbaev-sentence",
    ),
    Report(
        "neg-kazaly",
        KAZALY,
        "Сот хатшысы судьяға беру үшін ақша сұрады",
        "Қазалы аудандық сотының хатшысы Есенова Г. ұлымның ісі бойынша судьяға беру үшін менен "
        "300 мың теңге сұрады.",
        INVENTED_NAMES["neg-kazaly"],
        "constructed: the court and wrong of abdykalykov-suspended",
    ),
    Report(
        "neg-medeu",
        MEDEU,
        "Канцелярия Медеуского суда требует деньги",
        "Сотрудник канцелярии Медеуского районного суда Алматы Ким Д. требует 200 тысяч тенге, "
        "чтобы быстрее выдать мне исполнительный лист.",
        INVENTED_NAMES["neg-medeu"],
        "constructed: the court of zholmanova-dollars",
    ),
    Report(
        "neg-shymkent",
        SHYMKENT,
        "Shymkent judge shouted at a lawyer",
        "At a hearing in Shymkent city court, judge Tursunov B. shouted at the defence lawyer "
        "and ordered journalists out of the courtroom without any reason.",
        INVENTED_NAMES["neg-shymkent"],
        "constructed: the court and wrong of karabaev-tongue",
    ),
    Report(
        "neg-kostanay",
        KOSTANAY,
        "Судебный исполнитель скрыл долг по алиментам",
        "Судебный исполнитель Костаная Ергалиев С. выдал справку, что мой бывший муж погасил долг "
        "по алиментам в 2 миллиона тенге, хотя я не получила ни тенге. По этой справке суд №2 "
        "снял с него ограничения.",
        INVENTED_NAMES["neg-kostanay"],
        "constructed: the court and wrong of papasheva-parole",
    ),
]

SOURCES: dict[str, str] = {r.matter: r.source for r in REPORTS}
