from django.apps import apps
from django.core.management import call_command

from yukemuri.demo.loader import load_demo
from yukemuri.ideas.models import Idea
from yukemuri.organisations.models import Organisation
from yukemuri.people.models import User

SEED_IDEAS = ["SNS活用（吉岡町の親父たち）", "子供のやりたい応援隊！", "アキヤデアキナイ", "広げようグループの輪",
              "みんなの未来を共に創る尾瀬の郷倶楽部", "17色のひもかわプロジェクト"]


def snapshot():
    """Every row of every yukemuri table, as values."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in {"regions", "topics", "people", "organisations", "issues", "ideas", "moderation",
                                     "teams", "funding", "notifications", "startups", "matching", "listening",
                                     "demo", "attachments"}:
            rows[model._meta.label] = sorted(map(repr, model.objects.values_list()))
    return rows


def test_demo_loads_the_real_workshop_ideas_and_is_marked(db):
    assert load_demo() > 40
    titles = set(Idea.objects.values_list("title", flat=True))
    assert set(SEED_IDEAS) <= titles
    akiya = Idea.objects.get(title="アキヤデアキナイ")
    assert akiya.municipality.name == "渋川市" and akiya.issues.get().title == "空き家が増え、活用が進まない"
    assert Idea.objects.get(title="子供のやりたい応援隊！").area.name == "北群馬渋川"
    assert akiya.support_count == akiya.supports.count() == 4
    assert User.objects.filter(is_demo=False).count() == 0
    assert all(o.is_demo and "デモ" in o.name for o in Organisation.objects.all())
    assert all(not u.has_usable_password() for u in User.objects.all())  # nobody can log in as a demo person
    _demo_issues_have_official_answers()


def _demo_issues_have_official_answers():
    """公式回答 (デモ): answers in every state, each after its issue, the latest one the issue's."""
    from yukemuri.issues.models import AnswerState, Issue, OfficialAnswer

    assert set(OfficialAnswer.objects.values_list("state", flat=True)) == set(AnswerState.values)
    shops = Issue.objects.get(title="中心市街地のにぎわいが戻らない")
    assert shops.answer_state == AnswerState.DONE and shops.official_answers.count() == 2
    assert all(a.created_at > a.issue.created_at for a in OfficialAnswer.objects.select_related("issue"))
    assert OfficialAnswer.objects.get(state=AnswerState.NOT_POSSIBLE).reason


def test_demo_ideas_stand_at_believable_stages(db):
    from yukemuri.funding.models import Campaign
    from yukemuri.kpi.coordinator import stalled_ideas
    from yukemuri.kpi.indicators import cocreation_initiatives

    load_demo()
    stage = dict(Idea.objects.values_list("title", "stage"))
    assert stage["みんなの未来を共に創る尾瀬の郷倶楽部"] == "running" == stage["17色のひもかわプロジェクト"]
    assert stage["アキヤデアキナイ"] == "funding" and stage["SNS活用（吉岡町の親父たち）"] == "seed"
    himokawa = Campaign.objects.get(idea__title="17色のひもかわプロジェクト")
    assert himokawa.status == "succeeded" and himokawa.confirmed_yen >= himokawa.goal_yen
    assert Campaign.objects.get(idea__title="アキヤデアキナイ").is_open
    assert cocreation_initiatives().total == 5
    assert {item.idea.title for item in stalled_ideas()} >= {"子供のやりたい応援隊！", "広げようグループの輪"}


def test_demo_campaigns_say_where_money_goes_and_that_it_is_a_demo(db, client):
    from yukemuri.funding.models import Campaign

    load_demo()
    campaigns = list(Campaign.objects.all())
    assert campaigns and all(c.has_bank_account and "デモ" in c.bank_name and "架空" in c.payment_instructions
                             for c in campaigns)
    akiya = Campaign.objects.get(idea__title="アキヤデアキナイ")
    page = client.get(akiya.get_absolute_url()).content.decode()
    assert "デモ銀行（架空）" in page and "1234567" in page and "実際には振り込まないでください" in page
    # a demo loaded before campaigns had payment details gets them on the next load
    Campaign.objects.update(bank_name="", bank_branch="", account_type="", account_number="", account_holder="",
                            payment_instructions="")
    load_demo()
    assert all(c.has_bank_account for c in Campaign.objects.all())


def test_loading_the_demo_twice_changes_nothing(db, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the demo's photos
    call_command("load_demo")
    before = snapshot()
    assert load_demo() == 0
    assert snapshot() == before
    _demo_photos_show_without_their_metadata(client)
    _demo_points_show_in_a_wallet_and_balance(client)


def _demo_points_show_in_a_wallet_and_balance(client):
    """幸福ポイント (デモ): 嬬恋村 gave points, one was redeemed at the farm shop; loading again gives nothing twice."""
    from yukemuri.points.models import Account, Transaction
    from yukemuri.points.selectors import differences, total_balance

    yui = User.objects.get(email="demo-yui@example.jp")
    wallet = Account.objects.get(person=yui)
    assert wallet.balance == 300 + 200 - 120 and Transaction.objects.count() == 4
    assert differences() == [] and total_balance() == 0
    assert Account.objects.get(kind="issuer").name.endswith("（デモ）")
    client.force_login(yui)
    page = client.get("/me/points/").content.decode()
    assert "キャベツ収穫のお手伝い（デモ）" in page and wallet.code in page


def test_the_demo_wellbeing_survey_shows_weighted_cells_and_topics(db):
    """わたしたちのウェルビーイング調査 (デモ): closed and published, answers marked as demo, several cells of ten or
    more shown and the small ones suppressed, its free text a listening conversation with topics."""
    from yukemuri.surveys import results
    from yukemuri.surveys.models import Response, Survey

    load_demo()
    survey = Survey.objects.get(title__startswith="わたしたちのウェルビーイング調査")
    assert survey.results_public and survey.is_demo
    assert Response.objects.filter(survey=survey).count() > 150
    assert not Response.objects.filter(survey=survey, is_demo=False).exists()
    data = results.build(survey)
    shown = [cell for cell in data["cells"] if not cell["suppressed"]]
    assert len(shown) >= 6 and any(cell["suppressed"] for cell in data["cells"])
    factor = data["questions"][0]
    assert factor["weighted"]["low"] < factor["weighted"]["value"] < factor["weighted"]["high"]
    conversation = survey.questions.get(kind="text").conversation
    assert conversation is not None and conversation.analysis["topics"]
    activities = Survey.objects.get(title__startswith="地域活動についてのアンケート")
    assert activities.is_open and activities.access == "link"
    table = conversation.result_table  # its free text as a published table of comments and answers
    assert table.published and table.items.count() >= 2
    assert all(item.answer for item in table.items.order_by("position")[:2])
    assert conversation.opinions.filter(item__isnull=True).count() == 0
    before = Response.objects.count()
    placed = list(conversation.opinions.values_list("pk", "item_id"))
    load_demo()
    assert Response.objects.count() == before  # loading again makes nothing
    assert list(conversation.opinions.values_list("pk", "item_id")) == placed and type(table).objects.count() == 1


def test_the_demo_map_has_boundaries_points_and_a_shared_issue(db, client):
    """地図 (issue 20): 35 boundaries, marked demo posts, and a 広域 issue counted in its three municipalities."""
    from yukemuri.issues.models import Issue
    from yukemuri.regions.models import Boundary

    load_demo()
    assert Boundary.objects.count() == 35
    assert Issue.objects.filter(latitude__isnull=False).count() >= 3
    assert Idea.objects.filter(latitude__isnull=False).count() >= 2
    shared = Issue.objects.get(title__startswith="渋川・吉岡・榛東")
    assert sorted(m.code for m in shared.municipalities.all()) == ["103446", "103454"]
    page = client.get("/map/", {"municipality": "103446"})
    assert page.status_code == 200
    assert "渋川・吉岡・榛東をまたぐ路線バスが減っている" in [item.title for item in page.context["map"].items]


def _demo_photos_show_without_their_metadata(client):
    """写真 (デモ): a few posts carry photos; the shared place is kept on the attachment, not in the file."""
    from PIL import Image

    from yukemuri.attachments.models import Attachment
    from yukemuri.attachments.selectors import place_of

    photos = Attachment.objects.all()
    assert photos.count() == 3
    for photo in photos:
        with photo.file.open("rb") as stored:
            assert len(Image.open(stored).getexif()) == 0
    akiya = photos.get(alt__startswith="瓦屋根")
    assert place_of("issue", akiya.object_id) == (36.3219, 139.0033)
    assert f"/attachments/{akiya.pk}/thumbnail/" in client.get("/issues/").content.decode()
