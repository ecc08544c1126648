"""Demo corpus: invented example appeals and notes for seeding the demo; not real cases."""

from __future__ import annotations

from typing import Final

# category -> language -> list of (subject, body)
REPORTS: Final[dict[str, dict[str, list[tuple[str, str]]]]] = {
    "bribery": {
        "kk": [
            (
                "Сот отырысының хатшысы істі тез қарау үшін ақша сұрады",
                (
                    "Ақпан айында аудандық сотқа алимент өндіру туралы талап арыз бердім. Сот "
                    "отырысының хатшысы үшінші қабаттағы дәлізде маған істің жазға дейін жатып "
                    "қалуы мүмкін екенін, ал 40 000 теңге берсем, отырыс келесі аптаға "
                    "тағайындалатынын айтты. Мен бас тарттым. Кезекте тұрған басқа адамдар да оған "
                    "ақша бергендерін айтты, соны тексеруді сұраймын."
                ),
            ),
            (
                "Судья көмекшісі «мәселені шешу» үшін 300 мың теңге сұрады",
                (
                    "Мен қарызды өндіру туралы азаматтық іс бойынша жауапкермін. Наурыздағы "
                    "отырыстан кейін істі қарап жатқан судьяның көмекшісі мені шығар есіктің "
                    "алдында тоқтатып, 300 000 теңге берсем, судья істі «басқаша қарайтынын» "
                    "айтты. Ақшаны қолма-қол, конвертке салып әкелу керектігін, өзіне телефон "
                    "соқпауды ескертті. Мен ақша берген жоқпын, түсініктеме беруге дайынмын."
                ),
            ),
            (
                "Сот приставы сотталушыларға сәлемдеме өткізу үшін ақша алады",
                (
                    "Жасырын хабарлама. Қалалық сотта отырыс залдарының жанында кезекшілік ететін "
                    "сот приставтарының бірі туыстарынан 5–10 мың теңге алып, сотталушыларға "
                    "темекі, тамақ, кейде тіпті телефон өткізіп береді. Мұны 22 ақпанда түс "
                    "кезінде бүйір кіреберістің жанында өз көзіммен көрдім. Кезекте тұрған туыстар "
                    "мұның бәріне бұрыннан белгілі екенін айтады."
                ),
            ),
            (
                "Татуласу келісімін бекіту үшін «алғыс» сұралды",
                (
                    "Көршіммен жер телімі туралы дауымызды бітіммен аяқтауға келістік. Бірақ "
                    "татуласу келісімін бекіту туралы өтінішімізді тапсырғанда, судьяның көмекшісі "
                    "құжаттардың «ұзақ жатып қалатынын» айтып, әрқайсымыздан 25 000 теңгеден "
                    "«алғыс» беруді ұсынды. Бұл мамыр айында аудандық соттың екінші қабатында "
                    "болды. Біз ақша бермедік, келісім әлі күнге дейін бекітілген жоқ."
                ),
            ),
            (
                "Сот қызметкері шартты жаза үшін бір жарым миллион теңге сұрады",
                (
                    "Ұлым ұрлық жасады деп айыпталып отыр. Отырыстан кейін бізге бір ер адам "
                    "келіп, өзін сот аппаратының қызметкері ретінде таныстырды да, 1 500 000 "
                    "теңгеге шартты жазаны «келісіп беретінін» айтты. Ол отырыста жарияланбаған "
                    "мәліметтерді білді. Оның шынымен сотта істейтінін білмеймін, бірақ іс "
                    "материалдарына кімнің қолы жеткенін тексеруді сұраймын."
                ),
            ),
        ],
        "ru": [
            (
                "Секретарь судьи требует деньги за ускорение рассмотрения иска",
                (
                    "В январе я подала иск о взыскании алиментов в районный суд. Секретарь "
                    "судебного заседания судьи Н. в коридоре на третьем этаже сказала, что дело "
                    "пролежит до лета, но если я «отблагодарю» на 40 000 тенге, его назначат к "
                    "рассмотрению на следующей неделе. Я отказалась. Прошу проверить, потому что "
                    "люди в очереди говорили, что платили ей."
                ),
            ),
            (
                "Помощник судьи предложил «решить вопрос» за 300 тысяч",
                (
                    "Я ответчик по гражданскому делу о взыскании долга. После заседания в марте "
                    "помощник судьи К. догнал меня у выхода и сказал, что судья «может посмотреть "
                    "на дело по-другому», если я передам через него 300 000 тенге. Деньги нужно "
                    "принести наличными в конверте, звонить ему на телефон нельзя. Деньги я не "
                    "передавал, готов дать пояснения."
                ),
            ),
            (
                "Судебный пристав берёт деньги за передачи подсудимым",
                (
                    "Анонимно. В городском суде один из судебных приставов, дежурящих у залов, за "
                    "5–10 тысяч тенге передаёт подсудимым от родственников сигареты, еду, а иногда "
                    "и телефон. Сама видела это 22 февраля около полудня у бокового входа. "
                    "Родственники в очереди говорят, что об этом давно всем известно и что "
                    "«по-другому тут не бывает»."
                ),
            ),
            (
                "Требовали деньги за выдачу исполнительного листа",
                (
                    "Решение по моему делу вступило в силу в апреле. Когда я пришёл за "
                    "исполнительным листом, специалист канцелярии сказал, что лист «ещё не готов» "
                    "и готовится месяц, но за 20 000 тенге его можно забрать завтра. На мой "
                    "вопрос, куда платить, ответил: «Мне лично». Записал дату и время — 17 апреля, "
                    "около 10:30, кабинет на первом этаже."
                ),
            ),
            (
                "Человек из суда предлагает условный срок за полтора миллиона",
                (
                    "Мой сын обвиняется в краже. После заседания к нам подошёл мужчина, "
                    "представился сотрудником аппарата суда и сказал, что может «договориться» об "
                    "условном сроке за 1 500 000 тенге. Он знал подробности дела, которые на "
                    "заседании не оглашались. Не знаю, работает ли он на самом деле в суде, но "
                    "прошу проверить, у кого был доступ к материалам."
                ),
            ),
        ],
        "en": [
            (
                "Secretary of judge N. asked for 50,000 tenge to schedule my hearing sooner",
                (
                    "In February I filed a divorce and property claim at the district court. When "
                    "I came to ask about the hearing date, the court session secretary of judge N. "
                    "told me in the corridor on the 2nd floor that the case would wait about three "
                    "months, but for 50,000 tenge she could 'arrange' a date within two weeks. I "
                    "refused. Since then my hearing has been postponed twice without any clear "
                    "reason."
                ),
            ),
            (
                "Bailiff takes money to pass parcels to defendants before hearings",
                (
                    "Anonymous. At the city court, one of the court bailiffs on duty near the "
                    "courtrooms regularly takes 5,000-10,000 tenge from relatives to pass food, "
                    "cigarettes or even a phone to defendants brought in for hearings. I saw it "
                    "myself on 14 March around 11:00 near the side entrance; the money was handed "
                    "over inside a folder. Other relatives in the queue said this is normal "
                    "practice there."
                ),
            ),
            (
                "Office clerk demanded payment for a copy of the judgment",
                (
                    "I needed a certified copy of the decision in my labour dispute. The "
                    "specialist of the court office on the ground floor said copies take up to ten "
                    "working days, but if I paid 15,000 tenge 'for the toner' she would give it to "
                    "me the same day. No receipt was offered, and I had already paid the state fee "
                    "through the bank. I believe this is an illegal demand and that other visitors "
                    "are paying it."
                ),
            ),
            (
                "Judge's assistant hinted that the outcome of my case can be 'settled'",
                (
                    "I am the defendant in a debt collection case in the specialized interdistrict "
                    "economic court. After the preliminary hearing in April, the assistant of "
                    "judge K. approached me outside the building and said that a favourable "
                    "decision would cost 500,000 tenge, half in advance. He told me not to call "
                    "his work phone and to meet him in a cafe instead. I did not pay and I am "
                    "afraid this will now affect the ruling."
                ),
            ),
            (
                "A man from the court offered to get my brother a suspended sentence for money",
                (
                    "My brother's criminal case is being heard in the district court. A man who "
                    "said he works in the court apparatus met us in the lobby after the hearing "
                    "and said that for 1,000,000 tenge he would 'talk to the judge' so the "
                    "sentence would be suspended. I do not know if he really works there, but he "
                    "knew details of the case that were never read out in court. Please check who "
                    "had access to the file."
                ),
            ),
        ],
    },
    "abuse": {
        "kk": [
            (
                "Аппарат басшысы қызметкерлерді жеке шаруасына жұмсайды",
                (
                    "Мен облыстық сотта жұмыс істеймін. Сот аппаратының басшысы жұмыс уақытында "
                    "жүргізушіні және жас мамандарды өз шаруасына жиі жұмсайды: балаларын мектепке "
                    "апару, сатып алған заттарын тасу, саяжайындағы жөндеуге көмектесу. Бас "
                    "тартқандарға қосымша жүктеме береді, аттестациядан өтпейсің деп қорқытады. "
                    "Бұл күзден бері жалғасып келеді, бірнеше әріптесім растай алады."
                ),
            ),
            (
                "Сот отырысының хаттамасы бұрмаланды",
                (
                    "12 наурыздағы отырыста талапкердің куәгері шарттың кейінірек жасалғанын ашық "
                    "мойындады. Хатшы жасаған хаттамада бұл сөздер жоқ, ал дыбыс жазбасы "
                    "«техникалық ақаудың салдарынан сақталмапты». Хаттамаға ескертулерімді бердім, "
                    "бір айдан бері жауап жоқ. Хаттама екінші тараптың пайдасына әдейі өзгертілген "
                    "деп санаймын."
                ),
            ),
            (
                "Қызметтік көлік демалыс күндері жеке мақсатқа пайдаланылады",
                (
                    "Аудандық соттың қызметтік көлігін шаруашылық бөлімінің меңгерушісі демалыс "
                    "сайын дерлік үйіне алып кетеді. Жанармай талондары облыстық сотқа пошта "
                    "жеткізу сапары ретінде есептен шығарылады, бірақ поштаны бір жылдан бері "
                    "курьерлік қызмет тасиды. Мен сот қызметкерімін, жол парақтарын көрдім: "
                    "жүрілген жол қызметтік сапарларға сәйкес келмейді."
                ),
            ),
            (
                "Кеңсе маманы ішкі дерекқордағы мәліметтерді таныстарына береді",
                (
                    "Аудандық сот кеңсесінің бір маманы ішкі дерекқорға қолжетімділігін "
                    "пайдаланып, таныстарына кімнің кімге талап қойғанын, тараптардың мекенжайын, "
                    "тіпті жабық отбасылық істердің мазмұнын айтып береді. Бұрынғы күйеуім баланың "
                    "тұрғылықты жері туралы жабық отырыста қаралған ісімнің егжей-тегжейін біліп "
                    "отыр, оны «сотта істейтін бір танысы» айтқанын өзі мойындады."
                ),
            ),
            (
                "Судья көршісімен дауда лауазымын пайдаланды",
                (
                    "Біздің аудандық соттың судьясы саяжайдағы көршісімен болған дауда әкімдікке "
                    "және полицияға хабарласып, өзін судья ретінде таныстырып, көршіге «шара "
                    "қолдануды» талап еткен. Бұл туралы әкімдік қызметкерлерінің өздері айтты. Сол "
                    "көрші — мен. Бұл лауазымды пайдаланып қысым жасау деп ойлаймын. Түсініктеме "
                    "беруге дайынмын, бірақ деректерімді жария етпеуді сұраймын."
                ),
            ),
        ],
        "ru": [
            (
                "Судья использует должность в личном споре с соседом",
                (
                    "Судья нашего районного суда в споре с соседом по даче звонил в акимат и в "
                    "полицию, представлялся судьёй и требовал «принять меры» к соседу. Об этом "
                    "рассказали сами сотрудники акимата. Я и есть этот сосед. Считаю это давлением "
                    "с использованием служебного положения. Готов дать пояснения, но прошу не "
                    "раскрывать мои данные."
                ),
            ),
            (
                "Секретарь исказил протокол судебного заседания",
                (
                    "На заседании 12 марта свидетель истца прямо сказал, что договор подписывали "
                    "задним числом. В протоколе, который составил секретарь, этих слов нет, а "
                    "аудиозапись, как мне сказали, «не сохранилась из-за сбоя». Я подал замечания "
                    "на протокол, ответа нет уже месяц. Считаю, что протокол намеренно исправлен в "
                    "пользу другой стороны."
                ),
            ),
            (
                "Начальник отдела собирает с сотрудников деньги «на мероприятия»",
                (
                    "Я работаю специалистом в городском суде. Каждый месяц начальник нашего отдела "
                    "собирает с сотрудников по 5 000 тенге «на мероприятия и подарки руководству». "
                    "Отчёта о расходах никто не видел. Тем, кто не сдаёт, урезают премию и дают "
                    "самые неудобные поручения. Прошу провести проверку так, чтобы меня не "
                    "вычислили, нас в отделе всего семь человек."
                ),
            ),
            (
                "Служебный автомобиль суда используется для личных поездок",
                (
                    "Служебный автомобиль районного суда почти каждые выходные забирает домой "
                    "заведующий хозяйственным отделом. Талоны на бензин списываются как поездки с "
                    "почтой в областной суд, хотя почту уже год возит курьерская служба. Я "
                    "сотрудник суда и видел путевые листы: пробег не совпадает со служебными "
                    "поездками. Прошу проверить путевые листы за январь–март."
                ),
            ),
            (
                "Сотрудница архива выдаёт дела адвокату без разрешения",
                (
                    "В архиве суда одна из сотрудниц разрешает конкретному адвокату выносить дела "
                    "из читального зала на день-два, в том числе дела, в которых он не участвует. "
                    "Остальные ждут ознакомления неделями. Я дважды в мае приходил знакомиться со "
                    "своим делом, мне говорили, что оно «в работе», а потом я увидел эту папку на "
                    "столе у адвоката в соседнем здании."
                ),
            ),
        ],
        "en": [
            (
                "Head of the court apparatus uses staff for personal errands",
                (
                    "I work at the regional court. The head of the apparatus, Zh., regularly sends "
                    "the driver and junior specialists during working hours to take his children "
                    "to school, pick up his shopping and even help with repairs at his dacha. "
                    "Those who refuse get extra duties or are threatened with a poor appraisal. "
                    "This has been going on since last autumn, and several colleagues can confirm "
                    "it."
                ),
            ),
            (
                "Secretary left out key testimony from the hearing record",
                (
                    "At my hearing in the district court on 12 March I clearly heard the "
                    "plaintiff's witness admit that the contract was signed later than the date on "
                    "it. That statement is missing from the record prepared by the court session "
                    "secretary, and the audio recording, I was told, 'was not saved due to a "
                    "technical failure'. I filed remarks on the record a month ago and have had no "
                    "response."
                ),
            ),
            (
                "Senior bailiff lets acquaintances in through the service door",
                (
                    "The senior court bailiff at the entrance to the city court lets his "
                    "acquaintances park in the staff area and come in without the metal detector "
                    "check, while ordinary visitors stand in line outside in the rain. On Tuesday "
                    "around 9:00 I saw him walk a man in through the service door and take him "
                    "straight to the office of judge T. It looks as if access to judges is being "
                    "traded."
                ),
            ),
            (
                "Court employee looks up cases in the database for acquaintances",
                (
                    "A specialist of the district court office uses her access to the internal "
                    "case database to look up information for acquaintances: who is suing whom, "
                    "the addresses of parties, even the contents of closed family cases. My "
                    "ex-husband knew details of my custody case, heard in a closed session, that "
                    "only the court could have had, and he admitted that a friend 'who works in "
                    "the court' told him. This happened in May."
                ),
            ),
            (
                "Head of the office backdated an appeal to cover a missed deadline",
                (
                    "I am an employee of the court office. Last week the head of the office "
                    "ordered me to re-register an incoming appeal with an earlier date, because it "
                    "had been lying unregistered for twelve days and the deadline for sending it "
                    "to the regional court was missed. I refused, so she did it herself in the "
                    "system under my login, which she knows. I have screenshots of the log and am "
                    "ready to hand them over."
                ),
            ),
        ],
    },
    "conflict": {
        "kk": [
            (
                "Судья өз жиенінің компаниясына қатысты істі қарап жатыр",
                (
                    "Мамандандырылған ауданаралық экономикалық сотта біздің серіктестік пен бір "
                    "құрылыс компаниясы арасындағы дауды судья А. қарап отыр. Кейін білдік, ол "
                    "компанияның директоры — судьяның туған жиені. Судья өздігінен бас тартпады, "
                    "ал біздің қарсылық білдіру туралы өтінішімізді ешқандай дәлелсіз екі минутта "
                    "қабылдамай тастады. Туыстық байланысты тексеруді сұраймын."
                ),
            ),
            (
                "Хаттаманы жүргізетін хатшы — жауапкер өкілінің жұбайы",
                (
                    "Жұмыс берушімен еңбек дауымызда хаттаманы жүргізетін хатшы жауапкер "
                    "компанияның заңгеріне тұрмысқа шыққан болып шықты. Заңгердің өзі біздің "
                    "көзімізше оны атымен атап, қашан босайтынын сұрады. Бұл іске әсер ете ме, "
                    "білмейміз, бірақ ол бұл туралы хабарлап, процеске қатыспауы керек еді деп "
                    "есептейміз. Отырыстар наурыз айынан бері жүріп жатыр."
                ),
            ),
            (
                "Кеңсе маманы келушілерге бір заң фирмасын ұсынады",
                (
                    "Аудандық соттың қабылдау бөлмесінде кеңсе маманы бір заң фирмасының "
                    "визиткаларын таратып, «солармен іс тезірек жүреді» дейді. Бір келуші әйел "
                    "маған бұл маманның күйеуі сол фирмада істейтінін айтты. 5 маусымда талап арыз "
                    "тапсыруға келгенімде маған да сондай визитка берді. Бұл пайданы бөлісу "
                    "схемасына ұқсайды."
                ),
            ),
            (
                "Тазалау келісімшарты қызметкердің інісінің фирмасына берілді",
                (
                    "Мен сот қызметкерімін. Биылғы жылы ғимаратты тазалау және күтіп-ұстау "
                    "жөніндегі келісімшартты конкурсқа екі ай қалғанда ғана тіркелген шағын фирма "
                    "жеңіп алды. Оның құрылтайшысы — техникалық ерекшелікті дайындаған маманның "
                    "інісі. Бағасы былтырғыдан жоғары, сапасы нашар. Конкурс нөмірін ресми арна "
                    "арқылы бере аламын."
                ),
            ),
            (
                "Судья бұрынғы серіктесі қатысатын істерді қарайды",
                (
                    "Жасырын. Аудандық соттың судьясы С. тағайындалғанға дейін бір кеңес беру "
                    "компаниясының құрылтайшыларының бірі болған. Қазір сол компания оның "
                    "қарауындағы бірнеше істе кредитор ретінде шығып, әр жолы жеңіп жүр. Үлесі әлі "
                    "бар ма, білмеймін, бірақ ол отырыстарда бұл байланыс туралы бірде-бір рет "
                    "айтқан жоқ."
                ),
            ),
        ],
        "ru": [
            (
                "Судья рассматривает иск своего кума",
                (
                    "В районном суде судья Б. рассматривает иск о выселении моей матери. Истец — "
                    "его кум, они крестили детей друг у друга, это знает весь посёлок. Судья об "
                    "этом не сообщил, а наше ходатайство об отводе отклонил, сказав, что они «не "
                    "являются родственниками». Формально, может быть, и так, но рассчитывать на "
                    "беспристрастность мы не можем. Прошу проверить."
                ),
            ),
            (
                "Помощник судьи за деньги консультирует стороны по делам своего суда",
                (
                    "Мне порекомендовали «юриста, который знает всё изнутри». На встрече в кафе "
                    "оказалось, что это помощник судьи того самого суда, где рассматривается моё "
                    "дело. Он предложил за 80 000 тенге подготовить возражения и «подсказать, что "
                    "понравится судье». Я отказался. Считаю, что сотрудник суда не может так "
                    "подрабатывать, тем более по делам своего же суда."
                ),
            ),
            (
                "Госзакупки суда выиграла фирма брата сотрудника",
                (
                    "Я работник суда. Договор на уборку и обслуживание здания на этот год получила "
                    "небольшая фирма, зарегистрированная за два месяца до конкурса. Её учредитель "
                    "— брат специалиста, который готовил техническую спецификацию. Цена выше "
                    "прошлогодней, качество хуже. Номер конкурса и другие подробности могу "
                    "сообщить по официальному каналу."
                ),
            ),
            (
                "Секретарь заседания — супруга представителя ответчика",
                (
                    "В нашем трудовом споре с работодателем протокол ведёт секретарь, которая, как "
                    "выяснилось, замужем за юристом компании-ответчика. Он сам при нас называл её "
                    "по имени и спрашивал, во сколько она освободится. Мы не знаем, влияет ли это "
                    "на дело, но считаем, что она должна была сообщить об этом и не участвовать в "
                    "процессе."
                ),
            ),
            (
                "Ответчик арендует офис у супруги судьи",
                (
                    "Анонимно. Компания, которая является ответчиком по нашему иску в "
                    "экономическом суде, арендует офис в здании, принадлежащем супруге судьи, "
                    "который рассматривает дело. Об этом нам рассказали арендаторы соседних "
                    "помещений, это легко проверить по договорам аренды. О конфликте интересов на "
                    "заседании никто не объявлял, самоотвод не заявлен."
                ),
            ),
        ],
        "en": [
            (
                "Judge is hearing a case involving her sister's husband's company",
                (
                    "In the economic court, judge A. is hearing a dispute between our company and "
                    "a construction firm. We found out that the director of this firm is married "
                    "to the judge's sister; there are photos of them together at a family "
                    "celebration posted online. The judge did not recuse herself, and our motion "
                    "for recusal was rejected in two minutes without any reasons. Please check the "
                    "family ties."
                ),
            ),
            (
                "Judge's assistant is the son of the opposing party's lawyer",
                (
                    "After the second hearing I learned that the assistant to the judge in my "
                    "inheritance case is the son of the lawyer representing my cousin, who is the "
                    "other party. The assistant prepares draft documents and handles the case "
                    "file. I am not accusing anyone of anything yet, but I think such a situation "
                    "should at least be declared, and he should not be working on this file."
                ),
            ),
            (
                "Office staff recommend one law firm to every visitor",
                (
                    "At the reception of the district court, a specialist of the office openly "
                    "hands out business cards of one law firm and says that 'with them the case "
                    "goes faster'. Another visitor told me that the specialist's husband works at "
                    "that firm. On 5 June I was given such a card when I came to file a claim. It "
                    "looks like a kickback scheme, and people without legal knowledge trust such "
                    "advice."
                ),
            ),
            (
                "Court cleaning contract went to a firm owned by a staff member's brother",
                (
                    "I am an employee of the court. This year's contract for cleaning and "
                    "maintenance of the building was awarded to a small company registered two "
                    "months before the tender. Its founder is the brother of the specialist who "
                    "prepared the technical specification. The price is higher than last year and "
                    "the quality is worse. I can provide the tender number through an official "
                    "channel."
                ),
            ),
            (
                "Judge's former business partner keeps winning cases before him",
                (
                    "Anonymous. Before his appointment, judge S. of the district court was a "
                    "co-founder of a consulting company. Now that same company appears as a "
                    "creditor in several cases he handles and wins every time. I do not know "
                    "whether he still holds a share, but he has never mentioned the connection at "
                    "the start of the hearings, and the other parties have no way of knowing."
                ),
            ),
        ],
    },
    "procedure": {
        "kk": [
            (
                "Отырыс туралы хабарламай, менің қатысуымсыз шешім шығарды",
                (
                    "Маған қатысты талап бойынша шешім 20 ақпанда шығарылыпты. Мен бұл туралы "
                    "банктегі шотым бұғатталғанда ғана білдім. Кеңсе хабарлама SMS арқылы "
                    "жіберілді дейді, бірақ іс материалдарындағы телефон нөмірімнің бір цифры "
                    "қате, оны мен емес, хатшы енгізген. Мен өзімді қорғау мүмкіндігінен "
                    "айырылдым. Хабарлау қалай жүргізілгенін тексеруді сұраймын."
                ),
            ),
            (
                "Кеңсе талап арызымды себебін айтпай қабылдамады",
                (
                    "3 сәуірде аудандық сот кеңсесіне өтемақы өндіру туралы талап арыз тапсыруға "
                    "келдім. Кеңсе маманы оны қарап шығып, «үлгіге сай емес» деп, жазбаша бас "
                    "тартусыз қабылдамай қойды. Нақты не дұрыс емес екенін сұрасам, заңгерге "
                    "барыңыз деді. Менің білуімше, кеңсе арызды тіркеуге міндетті, ал оны қайтару "
                    "туралы мәселені судья шешеді."
                ),
            ),
            (
                "Шешімнің көшірмесі шағымдану мерзімі біткенде берілді",
                (
                    "Тұрғын үй ісім бойынша шешім 15 мамырда жарияланды, бірақ толық мәтінін маған "
                    "тек 19 маусымда берді, ол кезде бір айлық шағымдану мерзімі бітуге таяп "
                    "қалған еді. Әр хабарласқан сайын хатшы судья әлі қол қойған жоқ дейтін. Енді "
                    "мерзімді қалпына келтіруді сұрауға мәжбүрмін. Дәлізде басқа адамдар да дәл "
                    "осындай жағдайға шағымданды."
                ),
            ),
            (
                "Ашық сот отырысына тұрғындарды кіргізбеді",
                (
                    "Бүкіл ауылымызға қатысты жер дауы бойынша ашық сот отырысына келдік. Сот "
                    "приставы мені және тағы төрт тұрғынды залға кіргізбей, судья «бөгде адамдарды "
                    "кіргізбеуді» тапсырды деді. Отырысты жабық өткізу туралы ешқандай ұйғарым "
                    "жарияланған жоқ. Үшінші қабаттағы дәлізде екі сағат күттік. Мұның "
                    "заңды-заңсыздығын тексеруді сұраймын."
                ),
            ),
            (
                "Отырыстың дыбыс-бейне жазбасы «жоғалып кетті»",
                (
                    "Қысқаша жазамын. 7 наурыз, аудандық сот, қылмыстық іс. Апелляциялық шағым "
                    "дайындау үшін отырыстың дыбыс-бейне жазбасын сұрадым. Екі аптадан кейін хатшы "
                    "файлдың бүлініп қалғанын айтты. Өткен айда басқа бір сотталушымен де дәл "
                    "осындай жағдай болған. Біреуге ыңғайсыз жазбалар жоғалып кетеді деп ойлаймын, "
                    "серверді тексеруді сұраймын."
                ),
            ),
        ],
        "ru": [
            (
                "Повестка пришла уже после вынесения решения",
                (
                    "Повестку на заседание 4 марта я получил по почте 11 марта, когда решение уже "
                    "было вынесено. На конверте штамп отправки от 3 марта. Секретарь на мой вопрос "
                    "ответила, что «всё отправлено в срок». Считаю, что решение вынесено с "
                    "нарушением моих прав, и прошу проверить, как в этом суде организовано "
                    "извещение сторон."
                ),
            ),
            (
                "Защитнику не дают ознакомиться с материалами дела",
                (
                    "Я подсудимый по уголовному делу, нахожусь под домашним арестом. Мой защитник "
                    "трижды подавал заявление об ознакомлении с протоколами и материалами дела, но "
                    "помощник судьи каждый раз отвечает, что дело «у судьи». Прошло больше месяца, "
                    "скоро прения. Без ознакомления с материалами полноценно защищаться "
                    "невозможно."
                ),
            ),
            (
                "Не выдают определение о возврате иска",
                (
                    "Мой иск вернули, но само определение мне не выдали, только устно сказали в "
                    "канцелярии, что «не хватает документов». Без определения я не могу его "
                    "обжаловать и не понимаю, что именно нужно исправить. В апреле приходила три "
                    "раза, каждый раз говорят прийти завтра. Прошу разобраться, почему мне не "
                    "выдают документ."
                ),
            ),
            (
                "Заседания начинаются с опозданием на несколько часов",
                (
                    "Уже третье заседание подряд по моему делу начинается на 2–3 часа позже "
                    "назначенного времени. Стороны и свидетели ждут в коридоре, никто ничего не "
                    "объясняет. В последний раз заседание просто отложили в 17:30, так и не "
                    "выслушав свидетеля, который приехал из другого района. Прошу обратить "
                    "внимание на организацию работы в этом составе."
                ),
            ),
            (
                "Секретарь отказалась принять письменное ходатайство",
                (
                    "Перед заседанием 20 мая я хотел передать письменное ходатайство о вызове "
                    "свидетеля. Секретарь его не приняла, сказав, что всё подаётся только «через "
                    "судью на заседании», а на заседании судья сказал, что ходатайство нужно было "
                    "подать заранее через канцелярию. В итоге оно так и не рассмотрено. Считаю это "
                    "нарушением моих процессуальных прав."
                ),
            ),
        ],
        "en": [
            (
                "I was not notified and the case was decided in my absence",
                (
                    "The decision on a claim against me was made on 20 February. I only learned "
                    "about it when my bank account was frozen. The court office says a notice was "
                    "sent by SMS, but my phone number in the file is wrong by one digit, and it "
                    "was entered by the secretary, not by me. I was deprived of the chance to "
                    "defend myself. Please check how the notification was actually done."
                ),
            ),
            (
                "The office refused to accept my claim without explanation",
                (
                    "On 3 April I came to the district court office to file a claim for "
                    "compensation. The clerk leafed through it, said it was 'not in the right "
                    "form' and refused to accept it, without giving any written refusal. When I "
                    "asked what exactly was wrong, she told me to go to a lawyer. As far as I "
                    "know, the office must register the claim and it is for the judge to decide "
                    "whether to return it."
                ),
            ),
            (
                "Full text of the decision handed over after the appeal deadline",
                (
                    "The decision in my housing case was announced on 15 May, but the full text "
                    "was given to me only on 19 June, when the one-month appeal period was almost "
                    "over. Each time I called, the secretary said the judge had not signed it yet. "
                    "Now I have to ask for the deadline to be restored. Other people in the "
                    "corridor complained of exactly the same thing, so it seems to be common at "
                    "this court."
                ),
            ),
            (
                "Residents were not allowed into an open hearing",
                (
                    "We came to attend an open hearing on a land dispute that concerns our whole "
                    "village. The court bailiff did not let me and four other residents into the "
                    "courtroom, saying the judge had ordered 'no outsiders'. No ruling on holding "
                    "the hearing behind closed doors was announced. We waited in the corridor on "
                    "the 3rd floor for two hours. I ask you to check whether this was lawful."
                ),
            ),
            (
                "Audio recording of my hearing was 'lost'",
                (
                    "Briefly. Hearing of 7 March, criminal case, district court. I requested the "
                    "audio and video recording to prepare my appeal. Two weeks later the secretary "
                    "told me the file was damaged and cannot be restored. The same thing happened "
                    "to another defendant last month. I believe recordings disappear when they are "
                    "inconvenient for someone, and I ask for the server logs to be checked."
                ),
            ),
        ],
    },
    "ethics": {
        "kk": [
            (
                "Судья отырыста қарт анама айқайлады",
                (
                    "11 сәуірде 72 жастағы анам азаматтық іс бойынша куәгер ретінде жауап берді. "
                    "Судья оның сөзін бөліп, дауысын көтеріп, жауаптарын «мағынасыз» деп атады, "
                    "соттың уақытын босқа алып отырсыз деді. Анам залдан жылап шығып, кейін жүрегі "
                    "ауырды. Судьяның жұмысы көп екенін түсінемін, бірақ жұрттың көзінше мұндай "
                    "мінез-құлық — қорлау, әрі судья әдебіне қайшы деп есептеймін."
                ),
            ),
            (
                "Судья іс бойынша тараптың тойында болды",
                (
                    "Өткен демалыста судья Е. біздің жер телімін бөлу туралы ісіміз бойынша "
                    "талапкердің ұлының үйлену тойында қонақ болды. Той бейнежазбасы әлеуметтік "
                    "желіде жарияланған, онда судья тост айтып тұр. Екі аптадан кейін отырыс "
                    "болады. Іс бейтарап қаралатынына сеніміміз жоқ, сондықтан осы жағдайға баға "
                    "беруді сұраймыз."
                ),
            ),
            (
                "Судья әлеуметтік желіде қаралып жатқан істер туралы жазады",
                (
                    "Аудандық соттың бір судьясы өзінің ашық парақшасында қарап жатқан істері "
                    "туралы жиі жазады, тараптардың аты-жөнін атамайды, бірақ оларды оңай "
                    "танитындай етіп келемеждейді. Жақында алимент дауындағы бір әйелді мазақ "
                    "еткен жазба шықты. Бұл соттың беделіне нұқсан келтіреді және судья әдебінің "
                    "талаптарын бұзады деп ойлаймын."
                ),
            ),
            (
                "Судья көмекшісі телефонда дөрекі сөйледі",
                (
                    "Отырыстың күнін білу үшін судьяның қабылдау бөлмесіне қоңырау шалдым. "
                    "Көмекшісі дөрекі жауап беріп, «күнде бекер қоңырау шала бересіз» деді, "
                    "аты-жөнін сұрағанымда балағат сөз айтып, тұтқаны қойып тастады. Қоңырау 2 "
                    "қазанда, сағат 15:30 шамасында болды. Олардың жүктемесі ауыр екенін "
                    "түсінемін, бірақ сот қызметкерінен қарапайым құрмет күтемін."
                ),
            ),
            (
                "Судья отырыс алдында бір тараппен оңаша сөйлесті",
                (
                    "Қысқаша жазамын. 18 қаңтардағы отырыс алдында судья талапкердің адвокатын "
                    "кабинетіне жалғыз шақырып, шамамен он бес минут сөйлесті, ал біз сыртта "
                    "күттік. Отырыс басталғанда судья шешімін алдын ала қабылдап қойған сияқты "
                    "көрінді, біздің уәждерімізді тыңдамады да. Тек бір тараппен оңаша байланыс "
                    "жасау дұрыс емес деп ойлаймын."
                ),
            ),
        ],
        "ru": [
            (
                "Судья оскорбительно высказывался о национальности стороны",
                (
                    "На заседании 9 апреля судья, обращаясь к моему отцу, сказал, что «такие, как "
                    "вы, всегда пытаются обмануть», а позже пошутил о его акценте. В зале были "
                    "другие люди, думаю, всё есть на аудиозаписи. Отец пожилой человек, ему было "
                    "очень унизительно. Прошу проверить запись и дать оценку поведению судьи с "
                    "точки зрения судейской этики."
                ),
            ),
            (
                "Судья была гостем на свадьбе у стороны по делу",
                (
                    "В прошлые выходные судья Е. была гостем на свадьбе сына истца по нашему делу "
                    "о разделе земельного участка. Видео со свадьбы выложено в соцсетях, судья там "
                    "произносит тост. Через две недели у нас заседание. Мы не уверены, что дело "
                    "будет рассмотрено беспристрастно, и просим оценить такое поведение судьи. "
                    "Ходатайство об отводе пока не подавали."
                ),
            ),
            (
                "Судья разговаривает по телефону во время заседания",
                (
                    "Коротко. На заседании по моему делу 14 февраля судья несколько раз выходил из "
                    "зала, чтобы ответить на звонки, а один раз разговаривал по телефону прямо в "
                    "зале, пока я давал показания. Создалось впечатление, что ему совершенно "
                    "неинтересно, что говорят стороны. Считаю такое поведение неуважением к "
                    "участникам процесса."
                ),
            ),
            (
                "Судья вёл заседание в нетрезвом состоянии",
                (
                    "После обеда 22 декабря, накануне праздников, судья вёл заседание явно в "
                    "нетрезвом состоянии: путал фамилии, от него пахло алкоголем, через пять минут "
                    "он закрыл заседание и отложил дело. Это видели все, кто был в зале, в том "
                    "числе прокурор. Считаю это недопустимым для судьи и прошу провести проверку."
                ),
            ),
            (
                "Помощник судьи грубит посетителям",
                (
                    "Помощник судьи М. в районном суде постоянно грубо разговаривает с "
                    "посетителями: может накричать, бросить документы на стол, сказать «не мешайте "
                    "работать». 3 октября при мне она довела до слёз пожилую женщину, которая "
                    "пришла узнать дату заседания. Прошу напомнить ей о нормах этики для "
                    "сотрудников суда."
                ),
            ),
        ],
        "en": [
            (
                "Judge shouted at my elderly mother during the hearing",
                (
                    "On 11 April my 72-year-old mother testified as a witness in a civil case. The "
                    "judge kept interrupting her, raised his voice, called her answers 'nonsense' "
                    "and said she was wasting the court's time. My mother left the courtroom in "
                    "tears and felt unwell afterwards. I understand judges are busy, but such "
                    "behaviour in front of everyone is humiliating and, I believe, contrary to the "
                    "code of judicial ethics."
                ),
            ),
            (
                "Judge seen dining with a party to her case",
                (
                    "Last Friday evening I saw judge M. of the city court having dinner with the "
                    "director of a company that is a party in a case she is currently hearing. "
                    "They sat together for more than two hours and the director paid the bill. I "
                    "recognised both of them because I am a participant in the same case. I have "
                    "no photos, but I can name the restaurant and the time."
                ),
            ),
            (
                "Judge mocks parties to pending cases on social media",
                (
                    "A judge of the district court regularly posts on his public social media page "
                    "about cases he is hearing, with sarcastic remarks about the parties. He uses "
                    "no names, but people are easy to recognise. A recent post mocked a woman in "
                    "an alimony dispute. I think this damages the authority of the court and "
                    "violates the ethics rules for judges."
                ),
            ),
            (
                "Judge's assistant was rude and swore at me on the phone",
                (
                    "I called the reception of judge B. to find out the date of my hearing. The "
                    "assistant answered rudely, said I was 'calling every day for nothing', and "
                    "when I asked for his name, he swore at me and hung up. The call was on 2 "
                    "October at about 15:30. I understand they are overloaded, but I expect basic "
                    "respect from a court employee, especially one who answers the public."
                ),
            ),
            (
                "Judge talked privately with one side before the hearing",
                (
                    "Short report. Before our hearing on 18 January the judge invited the "
                    "plaintiff's lawyer into her office alone for about fifteen minutes while we "
                    "waited outside. When the hearing began, the judge seemed to have already made "
                    "up her mind and barely listened to our arguments. Private contact with only "
                    "one side seems improper to me and I ask that it be checked."
                ),
            ),
        ],
    },
    "red_tape": {
        "kk": [
            (
                "Кеңсе қызметкері заңда жоқ «рәсімдеу ақысын» талап етеді",
                (
                    "Шешімнің заңды күшіне енгені туралы белгі алуға келгенімде, 104-кабинеттегі "
                    "кеңсе қызметкері «қағаз бен мөр үшін» 3 000 теңгені қолма-қол өзіне төлеу "
                    "керектігін айтты. Заңдық негізін және түбіртек сұрағанымда, ешқандай түсінік "
                    "бермеді. Менің алдымда бірнеше адам төледі. Мемлекеттік бажды мен банк арқылы "
                    "заң бойынша төлеп қойғанмын."
                ),
            ),
            (
                "Үш аптадан бері бір терезеден екіншісіне жібереді",
                (
                    "Атқару парағының телнұсқасын алуым керек, өйткені түпнұсқасы сот "
                    "орындаушысында жоғалып кетті. Үш аптадан бері аудандық сот кеңсесі мені бір "
                    "маманнан екіншісіне жіберіп келеді: алдымен арыз, содан кейін мемлекеттік "
                    "баждың жаңа түбіртегі, кейін сот орындаушысынан анықтама, соңында қайтадан "
                    "басқа үлгідегі арыз сұрады. Бір маман «ризашылықпен тезірек болар еді» деп "
                    "ишара жасады."
                ),
            ),
            (
                "Хаттаманы «жедел» дайындау үшін ақы сұрайды",
                (
                    "Апелляция үшін сот отырысы хаттамасының көшірмесін сұрадым. Кеңседе хаттама "
                    "екі апта ішінде дайындалатынын, ал «жедел, үш күнде» керек болса, хатшыға 10 "
                    "000 теңге беру керектігін айтты. Ресми түрде мұндай қызмет жоқ, түбіртекті "
                    "ешкім бермейді. Шағымдану мерзімі өтіп бара жатқандықтан төледім, енді "
                    "өкінемін."
                ),
            ),
            (
                "Алыс ауылдан бірнеше рет келуге мәжбүрлейді",
                (
                    "Мен аудан орталығынан 120 шақырым жердегі ауылда тұрамын. Шешімнің көшірмесін "
                    "поштамен немесе электрондық кабинет арқылы жіберуді сұрадым, бірақ хатшы өзім "
                    "келуім керек деп талап етеді: алдымен «журналға қол қою үшін», сосын "
                    "«көшірмені алу үшін». Екі рет бардым, екі ретте де көшірме дайын болмады. "
                    "Неге тиісті тәртіппен жіберуге болмайды?"
                ),
            ),
            (
                "Судьяның қабылдауына жазылу кіреберісте сатылады",
                (
                    "Интернет арқылы судьяның қабылдауына жазылу мүмкін емес, барлық бос уақыт "
                    "бірнеше минутта толып кетеді. Ал облыстық соттың кіреберісінде бір ер адам 10 "
                    "000 теңгеге «кепілді жазылуды» ұсынады, ол күзетшілермен де, қабылдау "
                    "бөлмесінің қызметкерлерімен де жақсы таныс сияқты. Кезек қалай бөлінетінін "
                    "тексеруді сұраймын."
                ),
            ),
        ],
        "ru": [
            (
                "Платная «срочность» изготовления протокола",
                (
                    "Я просил копию протокола судебного заседания для апелляции. В канцелярии "
                    "ответили, что протокол изготавливается две недели, а «срочно, за три дня» — "
                    "за 10 000 тенге, которые надо отдать секретарю. Официально такой услуги нет, "
                    "квитанцию никто не выдаёт. Я заплатил, потому что истекал срок обжалования, и "
                    "теперь жалею об этом."
                ),
            ),
            (
                "Каждый раз требуют новую справку",
                (
                    "Подаю заявление о выдаче дубликата исполнительного листа уже в четвёртый раз. "
                    "Каждый раз специалист канцелярии находит новую причину: то не та форма, то "
                    "нужна справка от судебного исполнителя, то квитанция не того образца. Каждый "
                    "визит — полдня без работы. В последний раз мне намекнули, что «с "
                    "благодарностью будет быстрее»."
                ),
            ),
            (
                "Запись на приём к судье «продаётся» у входа",
                (
                    "Записаться на приём через интернет невозможно — все слоты разбирают за пару "
                    "минут. Зато у входа в областной суд мужчина предлагает «гарантированную "
                    "запись» за 10 000 тенге и, судя по всему, хорошо знаком с охраной и "
                    "сотрудниками приёмной. Прошу проверить, как распределяется очередь и кто "
                    "имеет доступ к записи."
                ),
            ),
            (
                "Иск не принимают без «проверки» у платного консультанта",
                (
                    "На первом этаже городского суда сидит «консультант», к которому сотрудники "
                    "канцелярии отправляют на обязательную проверку документов. Без его подписи на "
                    "заявлении иск не принимают, а его услуга стоит 7 000 тенге. Я спросил, на "
                    "каком основании, — ответили, что «так заведено». Насколько я знаю, закон "
                    "ничего подобного не требует."
                ),
            ),
            (
                "Заставляют несколько раз приезжать за копией решения",
                (
                    "Я живу в отдалённом ауле, до районного суда 120 километров. Просил направить "
                    "копию решения по почте или через электронный кабинет, но секретарь "
                    "настаивает, чтобы я приехал лично: сначала «расписаться в журнале», потом "
                    "«забрать копию». Уже дважды ездил, и оба раза копия не была готова. Почему "
                    "нельзя выслать её, как положено?"
                ),
            ),
        ],
        "en": [
            (
                "Clerk demands an 'administrative fee' that is not in any law",
                (
                    "When I came to get a mark that the decision had entered into force, the clerk "
                    "in room 104 told me there is an 'administrative fee' of 3,000 tenge, payable "
                    "to her in cash. I asked for the legal basis and a receipt, and she said it "
                    "was 'for the paper and the stamp'. Several people paid in front of me. I had "
                    "already paid the state fee through the bank as the law requires."
                ),
            ),
            (
                (
                    "The office will not register my application until I bring an impossible "
                    "certificate"
                ),
                (
                    "To register my application for a deferral of payment under the court's "
                    "decision, the office clerk demands a bank certificate in a form the bank says "
                    "does not exist. I have been back four times since 10 March, and each time "
                    "there is a new requirement. On my last visit the clerk said, half-jokingly, "
                    "that such problems are 'solved quickly by people who understand'. I think he "
                    "is waiting for money."
                ),
            ),
            (
                "Copies accepted only from the kiosk in the court lobby",
                (
                    "At the district court, visitors are told that copies of documents must be "
                    "made at a kiosk in the lobby for 200 tenge a page, while across the street it "
                    "costs 20 tenge. Staff refuse to accept copies made elsewhere, saying they are "
                    "'not readable'. Yesterday a pensioner in front of me paid almost 6,000 tenge "
                    "for copying a short file. Somebody clearly profits from this arrangement."
                ),
            ),
            (
                "Extra documents demanded to register my appeal",
                (
                    "To accept my appeal, the court office demanded a notarised copy of my ID "
                    "card, a certificate of residence and a printed copy of the decision 'with a "
                    "stamp', none of which I believe is required. I was told to come back next "
                    "week, although the appeal deadline was running out. When I insisted, the "
                    "clerk said she could take it today 'if we come to an agreement'. I refused "
                    "and filed the appeal online."
                ),
            ),
            (
                "Charged for a 'registration stamp' on motions",
                (
                    "Anonymous. The specialist at window 2 of the district court stamps incoming "
                    "motions only after a 'registration fee' of 2,000 tenge. Those who refuse are "
                    "told to file through the e-filing system, which she says 'takes a month to be "
                    "seen'. There is no price list and no receipt. This has been going on for at "
                    "least two months, mostly with elderly visitors who do not use the internet."
                ),
            ),
        ],
    },
    "retaliation": {
        "kk": [
            (
                "Әріптесімнің ақша алатынын хабарлаған соң мені мұрағатқа ауыстырды",
                (
                    "Мен аудандық сот кеңсесінің маманымын. Қаңтарда сенім телефонына бір "
                    "әріптесімнің құжаттарды тез беру үшін ақша алатынын хабарладым. Екі аптадан "
                    "кейін аппарат басшысы мені бұйрықсыз жертөледегі мұрағатқа ауыстырып, "
                    "сыйақымнан айырды және «ұжымға сыймайсыз» деді. Құпиялылығымның бұзылғаны "
                    "анық. Мені қорғауды және атым қалай белгілі болғанын тексеруді сұраймын."
                ),
            ),
            (
                "Қызметтік тексерісте түсініктеме бергеннен кейін қысым көрсетілуде",
                (
                    "Судьяның іс бойынша тараптан сыйлық алғаны туралы қызметтік тексеріс кезінде "
                    "түсініктеме бердім. Содан бері тікелей басшым маған орындау мүмкін емес "
                    "мерзіммен тапсырма береді, әр минут кешіккенімді жазып отырады, екі рет сөгіс "
                    "жариялады. Әріптестерге менімен сөйлеспеу тапсырылған. Сотта тоғыз жыл бойы "
                    "бірде-бір жазасыз жұмыс істедім."
                ),
            ),
            (
                "Шағымнан кейін судья көмекшісі лауазымынан төмендетілдім",
                (
                    "Наурызда мен бірге жұмыс істеген судьяның кешке келушілерді оңаша "
                    "қабылдайтыны туралы шағым жаздым. Сәуірде маған көмекші лауазымының «қайта "
                    "ұйымдастырылатынын» хабарлап, кеңседегі жалақысы 40 пайызға төмен лауазымды "
                    "ұсынды. Шын мәнінде лауазым қысқартылмады, бір айдан кейін оған басқа адам "
                    "алынды. Мұны хабарламам үшін кек алу деп санаймын."
                ),
            ),
            (
                "Сот приставына қоқан-лоқы көрсетілуде",
                (
                    "Мен сот приставымын. Аға әріптесімнің сотталушылардың туыстарынан ақша "
                    "алатынын хабарладым. Содан бері ол және тағы екеуі киім ауыстыратын бөлмеде "
                    "«сатқындар мұнда ұзақ жұмыс істемейді» деп айтып жүр, кезекшілік кестемді тек "
                    "түнгі етіп өзгертті, ал өткен жұмада сот тұрағында көлігімнің дөңгелектерін "
                    "тесіп кетті. Шұғыл шара қабылдауды және деректерімді жария етпеуді сұраймын."
                ),
            ),
            (
                "Әріптесімді «өз еркімен» жұмыстан кетуге мәжбүрлеп жатыр",
                (
                    "Өзі жазудан қорқатын әріптесімнің атынан жазып отырмын. Ол соттағы "
                    "мемлекеттік сатып алу кезіндегі заң бұзушылықтар туралы хабарлағаннан кейін "
                    "басшылық оны күн сайын әңгімеге шақырып, «өз еркімен» жұмыстан шығу туралы "
                    "өтініш жазуды талап етіп жүр. Ол баласын жалғыз тәрбиелеп отыр, жұмыссыз қала "
                    "алмайды. Ол көніп қалмай тұрғанда араласуларыңызды сұраймыз."
                ),
            ),
        ],
        "ru": [
            (
                "После моего сообщения начались внеплановые проверки",
                (
                    "Я секретарь судебного заседания. В феврале я сообщила на телефон доверия, что "
                    "коллега берёт деньги за ускорение выдачи копий. Через неделю руководитель "
                    "аппарата назначил внеплановую проверку всех моих дел за три года, нашли "
                    "мелкие недочёты и объявили выговор. Мне прямо сказали, что «не надо было "
                    "выносить сор из избы». Значит, моя анонимность была нарушена."
                ),
            ),
            (
                "Меня переводят в суд отдалённого района",
                (
                    "Я главный специалист районного суда. После того как я дал объяснения в ходе "
                    "служебной проверки о подарках, которые получал судья, мне предложили "
                    "«ротацию» в суд отдалённого района за 300 километров. Семья у меня здесь, "
                    "дети ходят в школу. Официально это кадровое решение, но никому из моих коллег "
                    "подобного не предлагали."
                ),
            ),
            (
                "Давление на судебного пристава после сообщения",
                (
                    "Я судебный пристав. Сообщил, что старший коллега берёт деньги с родственников "
                    "подсудимых. После этого мне поставили одни ночные дежурства, в раздевалке "
                    "говорят, что «стукачи здесь долго не работают», а в прошлую пятницу мне "
                    "прокололи колёса на стоянке суда. Прошу срочно принять меры и больше нигде не "
                    "раскрывать мои данные."
                ),
            ),
            (
                "Коллегу вынуждают уволиться «по собственному желанию»",
                (
                    "Пишу за коллегу, которая боится писать сама. После того как она сообщила о "
                    "нарушениях при госзакупках суда, руководство каждый день вызывает её на "
                    "беседы и требует написать заявление об увольнении «по собственному желанию». "
                    "Она одна воспитывает ребёнка и не может потерять работу. Просим вмешаться, "
                    "пока она не сдалась."
                ),
            ),
            (
                "Угрозы по телефону и отстранение от работы после обращения",
                (
                    "После того как я, работник канцелярии суда, сообщил о поборах при выдаче "
                    "документов, мне дважды звонили с незнакомого номера и советовали «забрать "
                    "заявление, пока не поздно». Затем меня без всякого приказа отстранили от "
                    "работы с входящей корреспонденцией. Считаю, что это связано с моим "
                    "сообщением, и прошу защиты как лицу, сообщившему о коррупции."
                ),
            ),
        ],
        "en": [
            (
                "After I reported a colleague's extortion, I was moved to the archive",
                (
                    "I am a specialist of the district court office. In January I told the trust "
                    "line that a colleague takes money for speeding up the issue of documents. Two "
                    "weeks later the head of the apparatus moved me to the archive in the basement "
                    "without any order, took away my bonus and said I 'do not fit into the team'. "
                    "My confidentiality was obviously broken. Please protect me and find out how "
                    "my name became known."
                ),
            ),
            (
                "Pressure on me after I testified in an internal check",
                (
                    "I gave explanations during an internal check into gifts a judge received from "
                    "a party to a case. Since then my direct supervisor gives me tasks with "
                    "impossible deadlines, records every minute I am late and has already issued "
                    "two reprimands. My colleagues were told not to talk to me. I have worked at "
                    "the court for nine years without a single penalty before this."
                ),
            ),
            (
                "Demoted from judge's assistant after my complaint",
                (
                    "In March I wrote a complaint that the judge I worked for was receiving "
                    "visitors privately in the evenings. In April I was told that my assistant "
                    "position was being 'reorganised' and was offered a lower post in the office "
                    "with a salary 40% lower. The position was not actually abolished: another "
                    "person was hired to it within a month. I consider this revenge for my report."
                ),
            ),
            (
                "Removed from the training list and denied a bonus after my report",
                (
                    "I am a judge's assistant at the city court. Last autumn I reported that a "
                    "colleague was passing case information to a lawyer. Since then I have been "
                    "removed from the advanced training list, which I had been promised for two "
                    "years, and I was the only one in the department without the quarterly bonus. "
                    "My appraisal, previously excellent, now says 'insufficient initiative'. I "
                    "have kept all the documents."
                ),
            ),
            (
                "My colleagues were told that I am 'under investigation'",
                (
                    "I am an office specialist. After I reported to the trust line in March that a "
                    "colleague was taking money, the head of the department told the team at a "
                    "meeting that I myself was 'under investigation' and warned everyone not to "
                    "share anything with me. Nobody was actually investigating me. I am isolated "
                    "at work and the stress is affecting my health. I ask for this to be recorded "
                    "as retaliation."
                ),
            ),
        ],
    },
    "other": {
        "kk": [
            (
                "Сот кеңсесінде кезек өте ұзақ, отыратын орын жоқ",
                (
                    "Бұл сыбайлас жемқорлық емес, қызмет көрсету туралы шағым. Аудандық сотта "
                    "құжат тапсыру үшін адамдар бірінші қабаттағы дәлізде 2–3 сағат күтеді, тек "
                    "екі терезе ашық, орындық жоқ, қарт кісілер тік тұрып күтеді. Электрондық "
                    "кезек терминалы бір айдан бері істемейді. Адам көп кезде қосымша терезе ашуды "
                    "қарастыруды сұраймын."
                ),
            ),
            (
                "Сот сайтында отырыстың күні қате көрсетілген",
                (
                    "Соттың сайтында отырысым 14 мамыр, сағат 10:00 деп көрсетілген еді, бірақ "
                    "келсем, ол 13-іне ауыстырылып, менсіз өтіп кеткенін айтты. Кеңседегілер сайт "
                    "«уақытында жаңартылмайды» деді. Осындай қателіктердің кесірінен адамдар "
                    "ісінен ұтылып қалуы мүмкін, сондықтан мұны жауапты адамдарға жеткізуді "
                    "сұраймын."
                ),
            ),
            (
                "Ұсыныс: сенім телефоны туралы ақпаратты көрнекі жерге ілу керек",
                (
                    "Қалалық сотта сенім телефоны туралы хабарландыру тек бір жерде, қабылдау "
                    "бөлмесі есігінің артында ілулі тұр және тек орыс тілінде жазылған. Оны "
                    "кіреберіске және кеңсе терезелерінің жанына екі тілде іліп, жасырын "
                    "хабарласуға болатынын көрсетуді ұсынамын. Көп адам пара талап етілсе, қайда "
                    "хабарлау керегін білмейді."
                ),
            ),
            (
                "Кіреберістегі күзетші келушілермен дөрекі сөйлеседі",
                (
                    "Қалалық соттың кіреберісіндегі күзетші келушілермен дөрекі сөйлеседі, "
                    "нұсқауды түсінбеген адамдарға айқайлайды, менің әкемді жұрттың көзінше "
                    "белбеуі мен аяқ киімін шешуге мәжбүрледі. Бұл адамның ар-намысына тиеді. Сот "
                    "басшылығы күзет ұйымына келушілерге әдепті қарау керектігін ескертсе екен. "
                    "Бұл 10 сәуірде, таңғы тоғызда болды."
                ),
            ),
            (
                "Кеңсе маманына алғыс айтқым келеді",
                (
                    "Шағым емес, алғыс. 15 мамырда аудандық сот кеңсесінің 3-терезесіндегі маман "
                    "маған, қарт адамға, интернет арқылы арыз беруді асықпай түсіндіріп, үлгісін "
                    "толтыруға көмектесті және бұл үшін ештеңе сұраған жоқ. Мұндай қызметкерлердің "
                    "бар екенін басшылық білсін және оны көтермелесін деп жазып отырмын. Рахмет!"
                ),
            ),
        ],
        "ru": [
            (
                "В суде нет пандуса, лифт не работает",
                (
                    "Пишу не о коррупции, а об условиях. В районном суде на входе нет пандуса, а "
                    "лифт не работает с зимы. Мой отец на инвалидной коляске не смог подняться на "
                    "заседание на третий этаж, его заносили на руках сами посетители. Прошу "
                    "передать руководству суда, чтобы решили вопрос доступности здания для людей с "
                    "инвалидностью."
                ),
            ),
            (
                "Судебный кабинет не работает по вечерам",
                (
                    "Судебный кабинет и сайт суда почти каждый вечер после 19:00 недоступны, а "
                    "днём я на работе. Не могу ни подать документы, ни посмотреть движение дела. "
                    "Служба поддержки отвечает, что «проводятся технические работы». Предлагаю "
                    "хотя бы заранее предупреждать о таких работах и проводить их ночью или в "
                    "выходные."
                ),
            ),
            (
                "Разместите информацию о телефоне доверия на двух языках",
                (
                    "В городском суде информация о телефоне доверия висит только в одном месте, за "
                    "дверью приёмной, и только на русском языке. Предлагаю разместить её у входа и "
                    "у окон канцелярии на казахском и русском и указать, что можно обращаться "
                    "анонимно. Многие просто не знают, куда сообщить о вымогательстве, и молча "
                    "платят."
                ),
            ),
            (
                "Нет ответа на обращение больше двух месяцев",
                (
                    "Ещё в феврале я направил в суд заявление о разъяснении решения. Прошло больше "
                    "двух месяцев, ответа нет. По телефону приёмной никто не берёт трубку, а в "
                    "канцелярии говорят, что не знают, у кого моё заявление. Понимаю, что это не "
                    "коррупция, но прошу помочь узнать, на каком этапе находится моё обращение и "
                    "кто за него отвечает."
                ),
            ),
            (
                "Благодарность специалисту канцелярии",
                (
                    "Хочу не пожаловаться, а поблагодарить. Специалист канцелярии районного суда "
                    "(окно № 3) 15 мая очень терпеливо объяснила мне, пожилому человеку, как "
                    "подать заявление через интернет, помогла заполнить форму и ничего за это не "
                    "просила. Пусть руководство знает, что есть такие сотрудники, и поощрит её. "
                    "Спасибо."
                ),
            ),
        ],
        "en": [
            (
                "Long queues at the court office and nowhere to sit",
                (
                    "Not about corruption, but about service. At the district court people wait "
                    "2-3 hours in the first-floor corridor to hand in documents; only two windows "
                    "are open and there are no chairs, so elderly people stand the whole time. The "
                    "electronic queue terminal has been broken for a month. Please consider "
                    "opening another window during the busiest hours, at least in the mornings."
                ),
            ),
            (
                "Court website showed the wrong hearing date",
                (
                    "The court website showed my hearing on 14 May at 10:00, but when I arrived I "
                    "was told it had been moved to the 13th and held without me. The office said "
                    "the website 'is not always updated in time'. Please pass this on to whoever "
                    "is responsible, because people can lose their cases because of such errors. I "
                    "had no SMS or letter about the change either."
                ),
            ),
            (
                "Suggestion: a plain-language table of state fees at the entrance",
                (
                    "A suggestion rather than a complaint. Many visitors at the district court do "
                    "not understand how much state fee to pay and where, and the office staff are "
                    "too busy to explain. So people ask strangers in the lobby for help and "
                    "sometimes pay them for it. A simple printed table of fees with payment "
                    "details and examples at the entrance would save everyone time and leave less "
                    "room for abuse."
                ),
            ),
            (
                "Rude security guard at the city court entrance",
                (
                    "The security guard at the entrance to the city court (I think he is from a "
                    "private security company, not a bailiff) speaks rudely to visitors, shouts at "
                    "people who do not understand his instructions, and made my father take off "
                    "his belt and shoes in front of everyone. It was humiliating. Perhaps the "
                    "court could remind the contractor about proper treatment of visitors."
                ),
            ),
            (
                "No confirmation that my online report was received",
                (
                    "I sent a report through the online form two weeks ago and have not received "
                    "any confirmation or reference number. I do not know whether it was registered "
                    "or lost. Please confirm that it was received and tell me how long the review "
                    "usually takes. It would help if the website sent an automatic reference "
                    "number, so people do not have to call and ask."
                ),
            ),
        ],
    },
}

# language -> short investigator notes / findings summaries used when a case is concluded
FINDINGS: Final[dict[str, list[str]]] = {
    "kk": [
        (
            "Тексеріс кеңсе маманының сот шешімінің көшірмесін беру үшін ақша талап еткенін "
            "растады; материалдар Сыбайлас жемқорлыққа қарсы қызметке жіберілді."
        ),
        (
            "Фактілер расталмады: шешім көшірмесін беру кеңсенің жұмыс жүктемесіне байланысты "
            "кешіккен; өтініш берушіге түсіндірме берілді."
        ),
        (
            "Сот отырысы хатшысының тараптарды хабардар ету тәртібін бұзғаны расталды; оған "
            "тәртіптік жаза қолданылды."
        ),
        (
            "Судьяның мүдделер қақтығысы бола тұра өздігінен бас тартпағаны анықталды; материалдар "
            "Сот жюриіне жіберілді."
        ),
        (
            "Хабарлаушыны қудалау фактілері расталды: ауыстыру туралы бұйрықтың күші жойылды, "
            "аппарат басшысы тәртіптік жауапкершілікке тартылды."
        ),
        (
            "Мәліметтер ішінара расталды: сот приставы өткізу режимінің қағидаларын бұзған, бірақ "
            "сыйақы алу белгілері анықталған жоқ."
        ),
        (
            "Өтініш сот қызметкерлеріне емес, жеке сот орындаушысының әрекеттеріне қатысты "
            "болғандықтан, тиесілігі бойынша жіберілді."
        ),
        (
            "Заң бұзушылық анықталған жоқ: отырыстың дыбыс жазбасы мұрағаттан табылып, өтініш "
            "берушіге берілді."
        ),
    ],
    "ru": [
        (
            "Проверкой подтверждено, что специалист канцелярии требовал деньги за выдачу "
            "исполнительного листа; материалы направлены в Антикоррупционную службу."
        ),
        (
            "Факты не подтвердились: задержка выдачи копии решения вызвана загруженностью "
            "канцелярии; заявителю даны разъяснения."
        ),
        (
            "Подтверждено нарушение секретарём судебного заседания порядка извещения сторон; "
            "применено дисциплинарное взыскание."
        ),
        (
            "Установлено, что судья не заявил самоотвод при наличии конфликта интересов; материалы "
            "направлены в Судебное жюри."
        ),
        (
            "Факты преследования заявителя подтвердились: приказ о переводе отменён, руководитель "
            "аппарата привлечён к дисциплинарной ответственности."
        ),
        (
            "Сведения подтвердились частично: нарушены правила пропускного режима, признаков "
            "получения вознаграждения не выявлено."
        ),
        (
            "Обращение направлено по подведомственности, так как касается действий частного "
            "судебного исполнителя, а не работников суда."
        ),
        "Нарушений не выявлено: аудиозапись заседания найдена в архиве и предоставлена заявителю.",
    ],
    "en": [
        (
            "The check confirmed that the office clerk demanded payment for issuing a copy of the "
            "judgment; the materials were sent to the Anti-Corruption Service."
        ),
        (
            "Facts not confirmed: the delay in issuing the decision was caused by the workload of "
            "the office; the reporter was given an explanation."
        ),
        (
            "The secretary's failure to notify the party of the hearing was confirmed; a "
            "disciplinary penalty was imposed and the notification procedure was reviewed."
        ),
        (
            "The judge's undeclared family tie with a party was confirmed; the materials were sent "
            "to the Judicial Jury for consideration."
        ),
        (
            "Retaliation against the reporter was confirmed; the transfer order was cancelled and "
            "the head of the apparatus was held disciplinarily liable."
        ),
        (
            "Partially confirmed: the bailiff breached the rules of access to the building, but no "
            "evidence of payment was found."
        ),
        (
            "The report concerned a private enforcement officer rather than court staff and was "
            "forwarded to the competent authority."
        ),
        (
            "No violations found: the audio recording of the hearing was located in the archive "
            "and provided to the applicant."
        ),
    ],
}

# language -> short trust-line consultation topics (calls that end without a case)
CONSULTATION_TOPICS: Final[dict[str, list[str]]] = {
    "kk": [
        "Сот шешіміне қалай шағымдануға болады",
        "Мемлекеттік бажды қайда және қалай төлеу керек",
        "Азаматтарды күнделікті қабылдау кестесі",
        "Сот актісінің көшірмесін қалай алуға болады",
        "Істің барысын сот кабинеті арқылы қалай білуге болады",
        "Сыбайлас жемқорлық туралы жасырын хабарлауға бола ма",
        "Сыбайлас жемқорлық туралы хабарлаған адамдарды қорғау кепілдіктері",
        "Талап арызды қай сотқа беру керек",
    ],
    "ru": [
        "Как обжаловать решение суда",
        "Куда и как оплатить госпошлину",
        "График ежедневного приёма граждан",
        "Как получить копию судебного акта",
        "Как узнать движение дела через судебный кабинет",
        "Можно ли сообщить о коррупции анонимно",
        "Гарантии защиты лиц, сообщивших о коррупции",
        "В какой суд подавать иск",
    ],
    "en": [
        "How to appeal a judgment",
        "Where and how to pay the state fee",
        "Hours of the daily reception of citizens",
        "How to get a copy of a court decision",
        "How to track a case online",
        "Can a corruption report be anonymous",
        "Protection for people who report corruption",
        "Which court to file a claim with",
    ],
}
