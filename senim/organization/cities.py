"""Names of the registry's cities in Kazakh and Russian.

The registry file writes a court's seat once, in English transliteration (`Court.city`); a page
shows it in its own language. Official Kazakh and Russian names (the state onomastic register:
Oral is Уральск in Russian, Oskemen Усть-Каменогорск, Petropavl Петропавловск). A seat missing
here shows as written in the registry.
"""

from __future__ import annotations

from django.utils.translation import get_language

# English (as in the registry) -> (Kazakh, Russian)
CITIES: dict[str, tuple[str, str]] = {
    "Astana": ("Астана", "Астана"),
    "Almaty": ("Алматы", "Алматы"),
    "Shymkent": ("Шымкент", "Шымкент"),
    "Aktau": ("Ақтау", "Актау"),
    "Aktobe": ("Ақтөбе", "Актобе"),
    "Atyrau": ("Атырау", "Атырау"),
    "Karaganda": ("Қарағанды", "Караганда"),
    "Kokshetau": ("Көкшетау", "Кокшетау"),
    "Konayev": ("Қонаев", "Конаев"),
    "Kosshy": ("Қосшы", "Косшы"),
    "Kostanay": ("Қостанай", "Костанай"),
    "Kyzylorda": ("Қызылорда", "Кызылорда"),
    "Oral": ("Орал", "Уральск"),
    "Oskemen": ("Өскемен", "Усть-Каменогорск"),
    "Pavlodar": ("Павлодар", "Павлодар"),
    "Petropavl": ("Петропавл", "Петропавловск"),
    "Rudny": ("Рудный", "Рудный"),
    "Semey": ("Семей", "Семей"),
    "Taldykorgan": ("Талдықорған", "Талдыкорган"),
    "Taraz": ("Тараз", "Тараз"),
    "Turkistan": ("Түркістан", "Туркестан"),
    "Zhezkazgan": ("Жезқазған", "Жезказган"),
    "Glubokoye": ("Глубокое", "Глубокое"),
    "Zhaksy": ("Жақсы", "Жаксы"),
    "Ekibastuz": ("Екібастұз", "Экибастуз"),
    "Temirtau": ("Теміртау", "Темиртау"),
    "Balkhash": ("Балқаш", "Балхаш"),
    "Satbayev": ("Сәтбаев", "Сатпаев"),
    "Stepnogorsk": ("Степногор", "Степногорск"),
    "Kentau": ("Кентау", "Кентау"),
    "Arys": ("Арыс", "Арыс"),
    "Zhanaozen": ("Жаңаөзен", "Жанаозен"),
    "Kulsary": ("Құлсары", "Кульсары"),
    "Aksu": ("Ақсу", "Аксу"),
    "Shchuchinsk": ("Щучинск", "Щучинск"),
    "Lisakovsk": ("Лисаковск", "Лисаковск"),
    "Arkalyk": ("Арқалық", "Аркалык"),
    "Saran": ("Саран", "Сарань"),
    "Shakhtinsk": ("Шахтинск", "Шахтинск"),
    "Ridder": ("Риддер", "Риддер"),
    "Kaskelen": ("Қаскелең", "Каскелен"),
    "Esik": ("Есік", "Есик"),
    "Talgar": ("Талғар", "Талгар"),
    "Zharkent": ("Жаркент", "Жаркент"),
    "Tekeli": ("Текелі", "Текели"),
    "Ayagoz": ("Аягөз", "Аягоз"),
    "Kurchatov": ("Курчатов", "Курчатов"),
    "Zaysan": ("Зайсан", "Зайсан"),
    "Baikonur": ("Байқоңыр", "Байконур"),
    "Aral": ("Арал", "Аральск"),
    "Kazaly": ("Қазалы", "Казалинск"),
    "Shieli": ("Шиелі", "Шиели"),
    "Kandyagash": ("Қандыағаш", "Кандыагаш"),
    "Khromtau": ("Хромтау", "Хромтау"),
    "Shu": ("Шу", "Шу"),
    "Karatau": ("Қаратау", "Каратау"),
    "Zhanatas": ("Жаңатас", "Жанатас"),
    "Saryagash": ("Сарыағаш", "Сарыагаш"),
    "Lenger": ("Ленгер", "Ленгер"),
    "Zhetysai": ("Жетісай", "Жетысай"),
    "Aksay": ("Ақсай", "Аксай"),
    "Beyneu": ("Бейнеу", "Бейнеу"),
    "Priozersk": ("Приозерск", "Приозерск"),
    "Karkaraly": ("Қарқаралы", "Каркаралинск"),
    "Abai": ("Абай", "Абай"),
    "Derzhavinsk": ("Державинск", "Державинск"),
    "Atbasar": ("Атбасар", "Атбасар"),
    "Makinsk": ("Макинск", "Макинск"),
    "Serebryansk": ("Серебрянск", "Серебрянск"),
    "Shemonaikha": ("Шемонаиха", "Шемонаиха"),
    "Altai": ("Алтай", "Алтай"),
    "Zhem": ("Жем", "Жем"),
    "Emba": ("Ембі", "Эмба"),
    "Shalkar": ("Шалқар", "Шалкар"),
    "Alga": ("Алға", "Алга"),
    "Kapshagay": ("Қапшағай", "Капшагай"),
    "Ushtobe": ("Үштөбе", "Уштобе"),
    "Sarkand": ("Сарқан", "Сарканд"),
    "Zhanakorgan": ("Жаңақорған", "Жанакорган"),
    "Kazalinsk": ("Қазалы", "Казалинск"),
    "Mamlyutka": ("Мамлют", "Мамлютка"),
    "Bulaevo": ("Булаев", "Булаево"),
    "Sergeyevka": ("Сергеев", "Сергеевка"),
    "Tayynsha": ("Тайынша", "Тайынша"),
    "Fort-Shevchenko": ("Форт-Шевченко", "Форт-Шевченко"),
}


def city_name(english: str, language: str | None = None) -> str:
    """`english` (a registry seat) in `language` (the active one by default)."""
    names = CITIES.get(english.strip())
    language = (language or get_language() or "en")[:2]
    if names is None or language not in ("kk", "ru"):
        return english
    return names[0] if language == "kk" else names[1]
