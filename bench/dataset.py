"""The benchmark data set, written with PostgreSQL COPY (a few minutes for ~1.5 million rows).

Sizes follow the issue: 100,000 people, 20,000 issues and ideas, 200,000 comments (one idea with
exactly 1,000) and 1,000,000 supports. Texts are Japanese, built from word lists; body_html and
search_text are made by the application's own functions, and every denormalised counter equals the
rows it counts. A fixed seed makes every fill the same.
"""

import enum
import json
import os
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

PEOPLE, ISSUES, IDEAS, COMMENTS, BIG_THREAD = 100_000, 10_000, 10_000, 200_000, 1_000
IDEA_SUPPORTS, ISSUE_SUPPORTS = 600_000, 400_000
SEED = 20261124


@dataclass(frozen=True)
class Sizes:
    people: int = PEOPLE
    issues: int = ISSUES
    ideas: int = IDEAS
    comments: int = COMMENTS
    big_thread: int = BIG_THREAD
    idea_supports: int = IDEA_SUPPORTS
    issue_supports: int = ISSUE_SUPPORTS


FULL = Sizes()
# The smoke run of the test suite: the same code on a data set that fills in well under a second.
TINY = Sizes(people=300, issues=30, ideas=30, comments=200, big_thread=60, idea_supports=400, issue_supports=300)

PLACES = ["駅前", "商店街", "中山間地域", "温泉街", "団地", "旧市街", "農村部", "川沿い", "小学校区", "観光地"]
PROBLEMS = ["空き家が増えている", "バスの本数が少ない", "子どもの居場所が足りない", "高齢者の見守りが手薄",
            "担い手が不足している", "外国人住民に情報が届かない", "耕作放棄地が広がっている", "買い物が不便",
            "若者が地域を離れていく", "災害時の避難が不安", "観光客が滞在しない", "空き店舗が目立つ"]
IDEA_VERBS = ["をつなぐプラットフォーム", "で開くマルシェ", "の見守りネットワーク", "を活かす学びの場",
              "でのシェアサイクル", "を使ったワークショップ", "の多言語情報発信", "でつくるコミュニティ食堂"]
THEMES = ["空き家", "交通", "子育て", "高齢者", "農業", "観光", "防災", "多文化共生", "商店街", "教育",
          "環境", "DX", "移住", "健康", "文化", "スポーツ", "福祉", "起業", "森林", "エネルギー"]
SENTENCES = ["地域の人と一緒に考えたい。", "まずは小さく試してみる。", "行政と民間が協力して進める。",
             "**関係人口**の力も借りたい。", "月に一度、集まって話し合う。", "データを集めて見える化する。",
             "- 情報を集める\n- 人をつなぐ\n- 小さく始める", "若い世代の声を大切にする。"]


def is_filled(conn, sizes: Sizes = FULL) -> bool:
    """The fill's people (and the organiser the signed-in pass adds), comments and issue supports are there:
    the signed-in pass of bench/pages.py changes its people's supports of ideas, which must not cause a refill."""
    counts = conn.execute(
        "SELECT (SELECT count(*) FROM people_user WHERE email LIKE 'person%%@bench.example.jp'), "
        "(SELECT count(*) FROM ideas_comment), (SELECT count(*) FROM issues_issuesupport)"
    ).fetchone()
    return counts == (sizes.people, sizes.comments, sizes.issue_supports)


def _body(rng) -> str:
    return "\n\n".join(rng.sample(SENTENCES, 3))


def _models() -> dict:
    """Table name → model, with Django set up for its metadata only (no database is opened here)."""
    import django
    from django.apps import apps

    if not apps.ready:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yukemuri.settings")
        os.environ.setdefault("DEBUG", "1")  # settings need no secret key for metadata
        django.setup()
    return {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}


def defaults_for(table: str, columns: list[str]) -> dict[str, object]:
    """The values the application itself would give the NOT NULL columns that `columns` leaves out, read from
    the models: COPY bypasses Django, so a column added later (people_user.portfolio_url once) would otherwise
    fail the fill with a NotNullViolation. A column with no default is an error that names it."""
    from django.db.models import NOT_PROVIDED, JSONField
    from psycopg.types.json import Jsonb

    model = _models().get(table)
    if model is None:
        raise RuntimeError(f"bench/dataset.py: no model has the table {table}")
    known = {field.column for field in model._meta.local_concrete_fields}
    unknown = sorted(set(columns) - known)
    if unknown:
        raise RuntimeError(f"bench/dataset.py: {table} has no column {', '.join(unknown)}")
    values = {}
    for field in model._meta.local_concrete_fields:
        if field.column in columns or field.null or field.primary_key:
            continue
        if getattr(field, "db_default", NOT_PROVIDED) is not NOT_PROVIDED:
            continue  # the database fills it
        value = field.get_default()
        if value is None:
            raise RuntimeError(f"bench/dataset.py: {table}.{field.column} is required and has no default; "
                               "give it a value in the fill")
        if isinstance(value, enum.Enum):  # a TextChoices member: COPY wants its plain value
            value = value.value
        values[field.column] = Jsonb(value) if isinstance(field, JSONField) else value
    return values


def _copy(conn, table, columns, rows):
    extra = defaults_for(table, columns)
    names, tail = [*columns, *extra], tuple(extra.values())
    with conn.cursor().copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row((*row, *tail))


def _sample_targets(rng, n_targets, total, n_people):
    """Spread `total` supports over targets with a long tail (a few popular, most modest), each
    person at most once per target."""
    weights = [1 / (i + 10) for i in range(n_targets)]
    scale = total / sum(weights)
    counts = [max(1, int(w * scale)) for w in weights]
    counts[0] += total - sum(counts)  # the remainder to the most popular target
    order = list(range(1, n_targets + 1))
    rng.shuffle(order)
    for target, count in zip(order, counts, strict=True):
        yield target, rng.sample(range(1, n_people + 1), count)


def fill(conn, sizes: Sizes = FULL):
    from yukemuri.core.markdown import render_markdown
    from yukemuri.core.text import fold

    _models()
    PEOPLE, ISSUES, IDEAS, COMMENTS, BIG_THREAD = (
        sizes.people, sizes.issues, sizes.ideas, sizes.comments, sizes.big_thread)
    IDEA_SUPPORTS, ISSUE_SUPPORTS = sizes.idea_supports, sizes.issue_supports
    rng = random.Random(SEED)
    now = datetime.now(UTC)
    conn.execute(
        "TRUNCATE people_user, people_consent, issues_issue, ideas_idea, ideas_comment, ideas_ideasupport, "
        "issues_issuesupport, ideas_follow, topics_theme, issues_issue_sdgs, issues_issue_themes, ideas_idea_sdgs, "
        "ideas_idea_themes, ideas_idea_issues, django_session RESTART IDENTITY CASCADE"
    )
    # The 17 goals come from a data migration; a database flushed since (the test suite's) has lost them.
    from yukemuri.topics.sdgs import SDG_GOALS

    with conn.cursor() as cursor:
        cursor.executemany("INSERT INTO topics_sdggoal (number, name_ja, name_en, colour) VALUES (%s, %s, %s, %s) "
                           "ON CONFLICT (number) DO NOTHING", SDG_GOALS)
    municipalities = conn.execute(
        "SELECT m.id, m.area_id, m.prefecture_id, m.name FROM regions_municipality m ORDER BY m.code"
    ).fetchall()
    # Cities have more people and posts than villages: weight by position in the code order (cities first).
    weights = [3 if i < 12 else 1 for i in range(len(municipalities))]

    # People: one shared password hash (hashing 100,000 times would measure PBKDF2, not us).
    password = "!unusable-benchmark-password"
    _copy(conn, "people_user", ["id", "password", "is_superuser", "email", "display_name", "preferred_language",
                                "relation", "bio", "languages", "gender", "profile_public", "is_demo", "is_active",
                                "is_staff", "date_joined", "home_municipality_id"],
          ((i, password, False, f"person{i}@bench.example.jp", f"参加者{i}", "ja",
            rng.choice(["resident", "resident", "works", "elsewhere"]), "", json.dumps(["ja"]), "",
            i % 10 < 6, False, True, False, now - timedelta(days=i % 900),
            rng.choices(municipalities, weights)[0][0]) for i in range(1, PEOPLE + 1)))
    _copy(conn, "people_consent", ["person_id", "purpose", "granted_at", "policy_version"],
          ((i, purpose, now, "2026-11") for i in range(1, PEOPLE + 1)
           for purpose in (["terms", "public_profile"] if i % 10 < 6 else ["terms"])))
    _copy(conn, "topics_theme", ["id", "name"], ((i + 1, name) for i, name in enumerate(THEMES)))

    def posts(n, kind):
        for i in range(1, n + 1):
            municipality_id, area_id, prefecture_id, name = rng.choices(municipalities, weights)[0]
            if kind == "issue":
                title = f"{name}の{rng.choice(PLACES)}で{rng.choice(PROBLEMS)}"
            else:
                title = f"{rng.choice(THEMES)}{rng.choice(IDEA_VERBS)}（{name}）"
            body = _body(rng)
            yield (i, title, body, municipality_id, area_id, prefecture_id, rng.randint(1, PEOPLE),
                   now - timedelta(minutes=i * 37))

    supports = {"issue": [0] * (ISSUES + 1), "idea": [0] * (IDEAS + 1)}
    for kind, n, table in (("issue", ISSUES, "issues_issuesupport"), ("idea", IDEAS, "ideas_ideasupport")):
        total = ISSUE_SUPPORTS if kind == "issue" else IDEA_SUPPORTS

        def rows(kind=kind, n=n, total=total):
            for target, people in _sample_targets(rng, n, total, PEOPLE):
                supports[kind][target] = len(people)
                for person in people:
                    yield person, target, now
        _copy(conn, table, ["person_id", "target_id", "created_at"], rows())

    # Comments: one idea gets exactly BIG_THREAD, the rest spread over other ideas; a third are replies.
    big_idea = 1
    comment_counts = [0] * (IDEAS + 1)

    def comments():
        roots: dict[int, list[int]] = {}
        for cid in range(1, COMMENTS + 1):
            idea = big_idea if cid <= BIG_THREAD else rng.randint(2, IDEAS)
            comment_counts[idea] += 1
            parent = root = None
            depth = 0
            if roots.get(idea) and rng.random() < 0.33:
                root = parent = rng.choice(roots[idea][-20:])
                depth = 1
            else:
                roots.setdefault(idea, []).append(cid)
            body = rng.choice(["いいですね！", "手伝えます。", "私の町でもやりたいです。", "詳しく教えてください。"])
            yield (cid, "published", "", depth, body, render_markdown(body), now - timedelta(seconds=COMMENTS - cid),
                   rng.randint(1, PEOPLE), parent, root, idea)
    _copy(conn, "ideas_comment", ["id", "visibility", "moderation_reason", "depth", "body", "body_html",
                                  "created_at", "author_id", "parent_id", "root_id", "idea_id"], comments())

    issue_rows = list(posts(ISSUES, "issue"))
    _copy(conn, "issues_issue", ["id", "visibility", "moderation_reason", "title", "body", "body_html", "search_text",
                                 "support_count", "created_at", "updated_at", "status", "area_id", "author_id",
                                 "municipality_id", "prefecture_id"],
          ((i, "published", "", t, b, render_markdown(b), fold(f"{t}\n{b}"), supports["issue"][i], c, c,
            rng.choice(["open", "open", "addressed", "resolved"]), a, au, m, p)
           for i, t, b, m, a, p, au, c in issue_rows))
    idea_rows = list(posts(IDEAS, "idea"))
    _copy(conn, "ideas_idea", ["id", "visibility", "moderation_reason", "title", "body", "body_html", "search_text",
                               "support_count", "created_at", "updated_at", "stage", "comment_count", "follower_count",
                               "area_id", "author_id", "municipality_id", "prefecture_id"],
          ((i, "published", "", t, b, render_markdown(b), fold(f"{t}\n{b}"), supports["idea"][i], c, c, "seed",
            comment_counts[i], 1, a, au, m, p) for i, t, b, m, a, p, au, c in idea_rows))
    _copy(conn, "ideas_follow", ["idea_id", "person_id", "created_at"], ((i, au, now) for i, *_x, au, _c in idea_rows))
    for table, key, n in (("issues_issue", "issue_id", ISSUES), ("ideas_idea", "idea_id", IDEAS)):
        _copy(conn, f"{table}_sdgs", [key, "sdggoal_id"],
              ((i, goal) for i in range(1, n + 1) for goal in rng.sample(range(1, 18), rng.randint(1, 3))))
        _copy(conn, f"{table}_themes", [key, "theme_id"],
              ((i, theme) for i in range(1, n + 1) for theme in rng.sample(range(1, len(THEMES) + 1), 2)))
    _copy(conn, "ideas_idea_issues", ["idea_id", "issue_id"], ((i, rng.randint(1, ISSUES)) for i in range(1, IDEAS + 1)))

    for table in ("people_user", "issues_issue", "ideas_idea", "ideas_comment", "topics_theme"):
        conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    conn.commit()
    conn.autocommit = True
    conn.execute("VACUUM ANALYZE" if sizes == FULL else "ANALYZE")  # a tiny set needs the statistics only
    conn.autocommit = False
