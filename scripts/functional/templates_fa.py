"""Persian functional suite (see generate.py and templates_en.py for the
verdicts). Slots: {pl} the plural group noun (Persian does not inflect it
for case; the object takes را), {slur} a plural slur where one is in
common use. Written Persian with the zero-width non-joiner where the
standard spelling has it.
"""
from suite import HATE, NO_TARGET, THREAT
from suite import Functionality as F

LANG = "fa"


def _group(id, pl, subcategories, slur=None):
    target = {"id": id, "pl": pl, "subcategories": subcategories}
    if slur:
        target["slur"] = slur
    return target


GROUPS = [
    _group("women", "زنان", ["sexism"], "جنده‌ها"),
    _group("afghans", "افغان‌ها", ["xenophobia"]),
    _group("bahais", "بهایی‌ها", ["xenophobia"]),
    _group("jews", "یهودیان", ["xenophobia"], "جهودها"),
    _group("gay", "همجنس‌گرایان", ["homophobia"], "کونی‌ها"),
    _group("arabs", "عرب‌ها", ["racism"], "سوسمارخورها"),
    _group("disabled", "معلولان", [], "عقب‌مانده‌ها"),
    _group("immigrants", "مهاجران", ["xenophobia"]),
    _group("black", "سیاه‌پوستان", ["racism"], "کاکاسیاه‌ها"),
]

PERSONS = [{"id": i, "who": w} for i, w in [
    ("author", "نویسنده"), ("columnist", "این ستون‌نویس"),
    ("mayor", "شهردار"), ("referee", "داور"), ("presenter", "مجری"),
]]

TARGETS = {"groups": GROUPS, "persons": PERSONS, "none": NO_TARGET}


FUNCTIONALITIES = [
    F("derog_emotion", "reject", HATE, [
        "از {pl} متنفرم.",
        "{pl} حالم را به هم می‌زنند.",
        "حال آدم از {pl} به هم می‌خورد.",
        "از {pl} بیزارم.",
        "چشم دیدن {pl} را ندارم.",
        "هیچ چیز به اندازه‌ی {pl} حالم را بد نمی‌کند.",
    ]),
    F("derog_attribute", "reject", HATE, [
        "همه‌ی {pl} دروغگو هستند.",
        "{pl} تنبل و بی‌مصرف‌اند.",
        "{pl} همه دزدند.",
        "{pl} کثیف و بی‌فرهنگ هستند.",
        "{pl} ذاتاً احمق‌اند.",
        "{pl} به درد هیچ کاری نمی‌خورند.",
    ]),
    F("derog_dehumanise", "reject", HATE, [
        "{pl} انسان نیستند، حیوان‌اند.",
        "{pl} انگل‌های جامعه‌اند.",
        "{pl} مثل سوسک همه‌جا زاد و ولد می‌کنند.",
        "{pl} آشغال‌اند.",
        "{pl} سرطان این کشورند.",
        "{pl} مثل موش همه‌جا را گرفته‌اند.",
    ]),
    F("derog_exclusion", "reject", HATE, [
        "{pl} نباید حق رأی داشته باشند.",
        "{pl} جایی در این کشور ندارند.",
        "{pl} را از مدرسه‌های ما دور نگه دارید.",
        "ما {pl} را در این شهر نمی‌خواهیم.",
        "سگ من از {pl} باهوش‌تر است.",
        "نباید به {pl} کار داد.",
    ]),
    F("threat_direct", "reject", THREAT, [
        "همه‌ی {pl} را می‌کشم.",
        "امشب خانه‌های {pl} را آتش می‌زنیم.",
        "هر کدام از {pl} را ببینم، سرش را می‌شکنم.",
        "با دست خودم {pl} را خفه می‌کنم.",
    ]),
    F("threat_normative", "reject", THREAT, [
        "{pl} باید اعدام شوند.",
        "{pl} را باید به دار آویخت.",
        "همه‌ی {pl} باید کشته شوند.",
        "{pl} را باید زنده زنده سوزاند.",
    ]),
    F("slur", "reject", HATE, [
        "باز این {slur} شلوغ کردند.",
        "گم شوید، {slur}!",
        "محله پر شده از {slur}.",
        "این {slur} را ببین چه می‌کنند.",
    ]),
    F("profanity_hateful", "reject", ["profanity", "abuse"], [
        "گور پدر {pl}.",
        "{pl} همه حرامزاده‌اند.",
        "{pl} مادرجنده‌اند.",
        "گه بگیرند {pl} را.",
    ]),
    F("profanity_plain", "reject", ["profanity"], [
        "گور پدر این ترافیک.",
        "این آپدیت واقعاً گُه است.",
        "این چه گهی بود که با این بودجه خوردند؟",
        "حرامزاده‌ها جای پارکم را گرفتند.",
    ], targets="none", protected=False),
    F("negated_positive", "reject", HATE, [
        "برای {pl} هیچ احترامی قائل نیستم.",
        "{pl} هیچ حقی ندارند.",
        "{pl} هرگز با ما برابر نخواهند بود.",
        "هیچ‌کدام از {pl} لیاقت احترام ندارند.",
    ]),
    F("negated_hate", "approve", [], [
        "من از {pl} متنفر نیستم.",
        "{pl} از هیچ‌کس کمتر نیستند.",
        "{pl} مجرم نیستند.",
        "{pl} تهدیدی برای کسی نیستند.",
    ], protected=False),
    F("phrase_question", "reject", HATE, [
        "چرا {pl} این‌قدر احمق‌اند؟",
        "اگر {pl} نبودند، دنیا جای بهتری نبود؟",
        "کی بالاخره از شر {pl} خلاص می‌شویم؟",
        "شما هم فکر نمی‌کنید {pl} کثیف‌اند؟",
    ]),
    F("phrase_opinion", "reject", HATE, [
        "به نظر من {pl} انگل‌اند.",
        "فکر می‌کنم {pl} بلای این کشورند.",
        "راستش من {pl} را پست‌تر از بقیه می‌دانم.",
        "به عقیده‌ی من {pl} لیاقت زندگی ندارند.",
    ]),
    F("counter_quote", "approve", [], [
        "جمله‌هایی مثل «{pl} حیوان‌اند» نفرت‌انگیز است.",
        "گفتن «{pl} باید اعدام شوند» جرم است.",
        "کسی روی دیوار نوشته بود «مرگ بر {pl}»، به پلیس خبر دادم.",
        "عمویم سر سفره گفت «از {pl} متنفرم» و همه بلند شدیم.",
    ], protected=False),
    F("counter_reference", "approve", [], [
        "حیوان خواندن {pl} نفرت‌پراکنی است.",
        "کسانی که علیه {pl} نفرت می‌پراکنند باید مجازات شوند.",
        "دست از مقصر دانستن {pl} برای همه‌چیز بردارید.",
        "حمله به {pl} شرم‌آور است.",
    ], protected=False),
    F("group_neutral", "approve", [], [
        "این گزارش به وضعیت {pl} در بازار کار می‌پردازد.",
        "شهردار با نمایندگان {pl} دیدار کرد.",
        "قانون از حقوق {pl} حمایت می‌کند.",
        "چند نفر از {pl} در جلسه‌ی شورا صحبت کردند.",
    ], protected=False),
    F("group_positive", "approve", [], [
        "{pl} از مهربان‌ترین آدم‌هایی هستند که می‌شناسم.",
        "{pl} سهم بزرگی در ساختن این شهر داشته‌اند.",
        "{pl} هم مثل همه سزاوار احترام‌اند.",
        "از {pl} که در پاکسازی پارک کمک کردند ممنونم.",
    ], protected=False),
    F("attack_individual", "reject", HATE, [
        "{who} یک احمق به تمام معناست.",
        "{who} دروغگو و دورو است.",
        "{who} بی‌شعور است و نمی‌فهمد چه می‌گوید.",
        "{who} یک دلقک نادان است.",
    ], targets="persons", subcategories=["personal_attack"]),
    F("threat_individual", "reject", ["threat"], [
        "می‌کشمت.",
        "می‌دانم کجا زندگی می‌کنی، منتظرم باش.",
        "اگر دوباره ببینمت پایت را می‌شکنم.",
        "خونت را می‌ریزم.",
    ], targets="none", protected=False),
    F("criticism_policy", "approve", [], [
        "تعداد مهاجران خیلی زیاد است و دولت باید مرزها را کنترل کند.",
        "این دولت کاملاً ناکارآمد است.",
        "بانک‌ها مردم را می‌چاپند.",
        "همه‌ی سیاستمداران به ما دروغ می‌گویند.",
        "شهرداری این شهر را نابود کرد.",
        "این شرکت با کارگرانش بدرفتاری می‌کند.",
    ], targets="none", protected=False),
]

# Hateful sentences each with one <<word>> to disguise.
SPELLING_BASES = [
    "از {pl} <<متنفرم>>.",
    "{pl} <<آشغال>> هستند.",
    ("همه‌ی {pl} باید <<کشته>> شوند.", THREAT),
    "{pl} <<حیوان>> هستند.",
    "{pl} <<انگل>> هستند.",
    "{pl} <<کثافت>> هستند.",
]
FUNCTIONALITIES.append(
    F("spell_spaced", "reject", HATE, SPELLING_BASES, disguise="spaced"))
