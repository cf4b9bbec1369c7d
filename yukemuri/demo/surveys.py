"""アンケート (デモ): 「わたしたちのウェルビーイング調査」 — seed 000's three factors 安心感・共感・達成感 (Likert),
life satisfaction (0–10) and a free-text question, closed and published with made-up answers spread over areas
and age bands (several cells of ten or more, the rest suppressed), its free text sent to broad listening; and
an open survey a demo resident can answer. Every answer is marked as demo. Loaded once (demo keys)."""

import random

from yukemuri.listening import report as listening_report
from yukemuri.regions.models import Area
from yukemuri.surveys import services as surveys
from yukemuri.surveys.models import Kind

WELLBEING = ("わたしたちのウェルビーイング調査（デモ）", "Our well-being survey (demo)",
             "県民の幸福度を、安心感・共感・達成感の三つの因子と生活満足度から測る調査です（デモ。回答は架空のものです）。",
             "A survey of residents' well-being through three factors — a sense of security, empathy and "
             "achievement — and life satisfaction (demo: the answers are made up).")
FACTORS = [  # (text, English): seed 000, わたしたちのウェルビーイング
    ("地域の中に、自分の居場所があり安心できると感じる（安心感）",
     "I feel safe, with a place of my own in the community (sense of security)"),
    ("身近な人と気持ちを分かち合い、ともにあると感じる（共感）",
     "I share my feelings with the people around me and feel we are together (empathy)"),
    ("自分の意志で地域や社会の課題に関わり、役に立っていると感じる（達成感）",
     "Of my own will I take part in my community's problems and feel useful (achievement)"),
]
SATISFACTION = ("全体として、あなたは現在の生活にどの程度満足していますか（0〜10）",
                "Overall, how satisfied are you with your life nowadays? (0–10)")
FREE = ("暮らしている地域がもっと暮らしやすくなるために、必要だと思うことを自由にお書きください",
        "What would make your community a better place to live? (free text)")
TEXTS = [
    "バスの本数が少なく、車を運転できなくなったら通院や買い物ができなくなるのが不安です。",
    "デマンドバスやオンデマンド交通をもっと使いやすくしてほしい。",
    "高齢の親の通院の送迎が大変。地域で乗り合いの仕組みがあると助かります。",
    "子育て中の親が気軽に集まれる場所が近くにほしいです。",
    "子どもの遊び場や放課後の居場所が足りないと感じます。",
    "保育園の送り迎えと仕事の両立が難しい。子育ての相談窓口を増やしてほしい。",
    "祭りや清掃活動で近所の人と顔見知りになれて安心感があります。",
    "地域の行事に若い人がもっと参加しやすい工夫がほしい。",
    "公民館の集まりに参加して、知り合いが増えました。こういう場を続けてほしい。",
    "空き家が増えていて、防犯や景観が心配です。活用する仕組みがほしい。",
    "空き家を若い人の起業やシェアオフィスに使えたら町が元気になると思う。",
    "移住してきた人が地域に溶け込めるような交流の場があるとよい。",
    "地元で働ける場所が少なく、若い人が県外に出てしまう。",
    "テレワークできる環境が整えば、地元に残る若者が増えると思います。",
    "雪かきが年々きつくなっている。地域で助け合える仕組みがほしい。",
    "災害のときに近所で助け合えるよう、日頃からのつながりが大切だと思う。",
    "自分のアイデアを形にできる場があると、地域に関わるやりがいが持てる。",
    "ボランティアに参加したいが、どこで募集しているのか分からない。",
]
# The cells that get enough answers to show (area name, age band, answers), and a spread of small ones.
MAIN_CELLS = [("前橋・佐波伊勢崎", "30s", 16), ("前橋・佐波伊勢崎", "50s", 14), ("前橋・佐波伊勢崎", "70s", 12),
              ("高崎安中", "30s", 15), ("高崎安中", "50s", 13), ("高崎安中", "70s", 11),
              ("太田・邑楽館林", "30s", 12), ("太田・邑楽館林", "50s", 12), ("太田・邑楽館林", "70s", 10)]
SMALL_CELLS = [("甘楽富岡", "60s", 4), ("利根沼田", "40s", 5), ("利根沼田", "80+", 3), ("桐生みどり", "20s", 6),
               ("北群馬渋川", "40s", 5), ("多野藤岡", "60s", 3), ("吾妻", "70s", 4), ("前橋・佐波伊勢崎", "20s", 7),
               ("高崎安中", "10s", 2), ("太田・邑楽館林", "40s", 8)]
UNKNOWN = 6  # answers that did not say their area or age band


def _wellbeing(staff):
    title, title_en, intro, intro_en = WELLBEING
    survey = surveys.survey_create(by=staff, title=title, title_en=title_en, intro=intro, intro_en=intro_en,
                                   anonymous=True, demo=True)
    questions = [surveys.question_save(survey=survey, by=staff, kind=Kind.LIKERT, text=ja, text_en=en, required=True)
                 for ja, en in FACTORS]
    questions.append(surveys.question_save(survey=survey, by=staff, kind=Kind.SCALE, text=SATISFACTION[0],
                                           text_en=SATISFACTION[1], required=True))
    questions.append(surveys.question_save(survey=survey, by=staff, kind=Kind.TEXT, text=FREE[0], text_en=FREE[1]))
    surveys.survey_open(survey=survey, by=staff)
    rng = random.Random(16)
    areas = {area.name: area for area in Area.objects.all()}
    cells = [(areas[name], band, n) for name, band, n in MAIN_CELLS + SMALL_CELLS] + [(None, "", UNKNOWN)]
    written = 0
    for area, band, count in cells:
        # Older people and some areas answer a little differently, so weighting moves the figures.
        lift = {"30s": -0.3, "50s": 0.0, "70s": 0.4}.get(band, 0.0) + (0.3 if area and "高崎" in area.name else 0.0)
        for _n in range(count):
            values = {q.pk: str(min(5, max(1, round(rng.gauss(3.3 + lift, 1.0))))) for q in questions[:3]}
            values[questions[3].pk] = str(min(10, max(0, round(rng.gauss(6.2 + 2 * lift, 1.8)))))
            if rng.random() < 0.45:
                values[questions[4].pk] = TEXTS[written % len(TEXTS)]
                written += 1
            surveys.submit(survey=survey, values=values, area=area, age_band=band, demo=True)
    surveys.survey_close(survey=survey, by=staff)
    surveys.survey_publish(survey=survey, by=staff)
    for conversation in surveys.send_to_listening(survey=survey, by=staff):
        listening_report.refresh(conversation)
    return survey


def _activities(staff):
    survey = surveys.survey_create(
        by=staff, title="地域活動についてのアンケート（デモ）", title_en="Local activities survey (demo)",
        intro="この1年の地域活動への参加についてお聞きします（デモ）。", anonymous=True, demo=True)
    joined = surveys.question_save(survey=survey, by=staff, kind=Kind.SINGLE, text="この1年に地域の活動に参加しましたか",
                                   text_en="Did you take part in a local activity this past year?", required=True,
                                   choices=[("はい", "Yes"), ("いいえ", "No")])
    surveys.question_save(survey=survey, by=staff, kind=Kind.MULTIPLE, text="参加した活動をすべて選んでください",
                          text_en="Which ones? (all that apply)", required=True, condition_question=joined,
                          condition_values=["1"], choices=[("祭り・行事", "Festivals and events"),
                                                           ("清掃・美化", "Clean-ups"), ("子育て・見守り", "Childcare"),
                                                           ("防災・雪かき", "Disaster prevention, snow")])
    surveys.question_save(survey=survey, by=staff, kind=Kind.LIKERT, text=FACTORS[2][0], text_en=FACTORS[2][1])
    surveys.question_save(survey=survey, by=staff, kind=Kind.TEXT, text="ご意見があればお書きください",
                          text_en="Anything else you would like to say?")
    return surveys.survey_open(survey=survey, by=staff)


def load_survey_demo(get, once) -> None:
    """`get(key)` finds a demo object, `once(key, make)` makes it the first time only (demo.loader.Loader)."""
    staff = get("p-sato")  # 県職員 (municipal staff): runs surveys and opens listening conversations
    once("survey-wellbeing", lambda: _wellbeing(staff))
    once("survey-activities", lambda: _activities(staff))
    _published_tables(get("survey-wellbeing"), staff)


# Answers to the first items of the demo's published table of comments (パブリックコメントの結果).
TABLE_ANSWERS = ["いただいた御意見は、来年度の施策の検討に活用します（デモ）。",
                 "関係課と連携し、実施できるものから取り組みます（デモ）。"]


def _published_tables(survey, staff) -> None:
    """The survey's free text, sent to broad listening, as a published table of comments and answers, made
    once (a table already there is left as it is)."""
    from yukemuri.listening import tables
    from yukemuri.listening.models import ResultTable

    for question in survey.questions.filter(conversation__isnull=False):
        conversation = question.conversation
        if ResultTable.objects.filter(conversation=conversation).exists():
            continue
        table = tables.draft(conversation=conversation, by=staff)
        for item, answer in zip(tables.items_of(table), TABLE_ANSWERS, strict=False):
            tables.item_edit(item=item, by=staff, summary=item.summary, answer=answer)
        tables.publish(table=table, by=staff, published=True)
