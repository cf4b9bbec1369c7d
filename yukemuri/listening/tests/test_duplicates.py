"""Near-identical comments (analysis/duplicates.py): copies, copies with small edits, never unrelated comments."""

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from yukemuri.core.text import fold as site_fold
from yukemuri.listening import cli
from yukemuri.listening.analysis import duplicates, topics
from yukemuri.listening.tests.test_text import CHILD_CARE, VACANT_HOUSES

CAMPAIGN = ("私は前橋市に住む山田太郎です。駅前の再開発計画に反対します。駅前の緑地を残し、子どもが安心して遊べる"
            "公園として整備してください。")
NAMES = ["山田太郎", "鈴木花子", "佐藤一郎", "田中美咲", "高橋健"]
PLACES = ["前橋市", "高崎市", "桐生市", "伊勢崎市"]


def campaign_copy(rng: random.Random) -> str:
    """A copy of the campaign text with a changed name and place, and changed punctuation or spacing."""
    text = CAMPAIGN.replace("山田太郎", rng.choice(NAMES)).replace("前橋市", rng.choice(PLACES))
    return text.replace("。", rng.choice(["。", "．", "! ", "\n"])).replace("、", rng.choice(["、", "，", " "]))


def test_fold_is_the_sites_fold():
    for text in ["ＡＢＣ　ｶﾀｶﾅ", "カタカナとひらがな", "\u202eevil\u202c名前", "Straße", "①②"]:
        assert duplicates.fold(text) == site_fold(text)


def test_exact_copies_are_one_group_with_their_count():
    texts = ["空き家を活用してほしい。"] * 7 + ["保育園を増やしてほしい。"]
    found = duplicates.near_duplicates(texts)
    assert [g.count for g in found.groups] == [7]
    assert set(found.groups[0].members) == set(range(7)) and found.groups[0].representative == 0
    assert found.representatives() == [0, 7]


def test_copies_with_a_changed_name_or_punctuation_are_one_group():
    rng = random.Random(3)
    copies = [campaign_copy(rng) for _ in range(40)]
    found = duplicates.near_duplicates(copies + VACANT_HOUSES + CHILD_CARE)
    assert len(found.groups) == 1
    assert sorted(found.groups[0].members) == list(range(40))


def test_punctuation_width_and_spacing_do_not_count():
    texts = ["ゴミ出しのルールを分かりやすくしてほしい。", "ゴミ出しのルールを、分かりやすくしてほしい！",
             "ｺﾞﾐ出しの ルールを分かりやすく してほしい", "まったく別の話です。道路の補修をお願いします。"]
    found = duplicates.near_duplicates(texts)
    assert [sorted(g.members) for g in found.groups] == [[0, 1, 2]]


def test_unrelated_comments_on_one_subject_are_never_merged():
    found = duplicates.near_duplicates(VACANT_HOUSES + CHILD_CARE)
    assert found.groups == ()
    # …even when they open and close with the same greeting
    greeted = [f"いつもお世話になっております。{text}よろしくお願いいたします。" for text in VACANT_HOUSES]
    assert duplicates.near_duplicates(greeted).groups == ()


def test_the_most_submitted_wording_represents_the_group():
    texts = ["駅前に駐輪場を増やしてください、お願いします", *["駅前に駐輪場を増やしてください。お願いします。"] * 3]
    group = duplicates.near_duplicates(texts).groups[0]
    assert group.representative == 1 and group.count == 4
    assert duplicates.variants(texts, group) == [("駅前に駐輪場を増やしてください。お願いします。", 3),
                                                 ("駅前に駐輪場を増やしてください、お願いします", 1)]


def test_no_chain_of_small_edits_walks_from_one_opinion_to_another():
    # Step i replaces the i-th of eight segments: each step is near the one before, the first and the last
    # share nothing. Every member of a group must be near its representative, not merely near another member.
    old = ["市役所の", "窓口業務", "の時間を", "夜間まで", "延長して", "ほしいと", "強く願い", "ますです"]
    new = ["公園整備", "予算拡大", "図書館に", "新刊図書", "多く入れ", "駐車場も", "広げたい", "お願いだ"]
    texts = ["".join(new[:i] + old[i:]) for i in range(len(old) + 1)]
    found = duplicates.near_duplicates(texts)
    for group in found.groups:
        head = duplicates.shingles(duplicates.key(texts[group.representative]))
        for i in group.members:
            assert duplicates.jaccard(head, duplicates.shingles(duplicates.key(texts[i]))) >= duplicates.LEADER_SIMILARITY
    assert not any(0 in g.members and len(texts) - 1 in g.members for g in found.groups)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(VACANT_HOUSES + CHILD_CARE), min_size=1, max_size=30), st.randoms())
def test_property_groups_are_exactly_the_repeated_comments(chosen, rng):
    """From distinct unrelated comments, repeated and shuffled: one group per comment given twice or more."""
    rng.shuffle(chosen)
    found = duplicates.near_duplicates(chosen)
    expected = {text: [i for i, t in enumerate(chosen) if t == text] for text in set(chosen)}
    assert sorted(sorted(g.members) for g in found.groups) == sorted(m for m in expected.values() if len(m) > 1)
    assert sum(g.count for g in found.groups) + len(found.representatives()) - len(found.groups) == len(chosen)


def test_a_copied_campaign_collapses_into_one_item_in_the_topics():
    rng = random.Random(5)
    texts = [campaign_copy(rng) for _ in range(110)] + VACANT_HOUSES * 1 + CHILD_CARE
    result = topics(texts, language="ja", seed=0)
    [campaign] = result.near_duplicates
    assert campaign.count == 110 and sorted(campaign.members) == list(range(110))
    # every copy stays traceable in a topic; the campaign counted once did not swallow the other comments
    members = sorted(i for t in result.topics for i in t.members) + list(result.unassigned)
    assert sorted(members) == list(range(len(texts)))
    holding = [t for t in result.topics if 0 in t.members]
    assert len(holding) == 1 and set(range(110)) <= set(holding[0].members)
    assert any(set(VACANT_HOUSES_IDX) <= set(t.members) - set(range(110)) for t in result.topics)


VACANT_HOUSES_IDX = range(110, 110 + len(VACANT_HOUSES))


def test_cli_topics_lists_near_duplicates_largest_first(tmp_path):
    rng = random.Random(2)
    rows = [campaign_copy(rng) for _ in range(12)] + ["保育園を増やしてほしい。"] * 3 + VACANT_HOUSES + CHILD_CARE
    path = tmp_path / "comments.csv"
    path.write_text("comment-id,comment-body\n" + "".join(
        f'{100 + i},"{text}"\n' for i, text in enumerate(rows)), encoding="utf-8")
    document = cli.topics_result(topics(rows, language="ja", seed=0), [str(100 + i) for i in range(len(rows))])
    assert [g["count"] for g in document["near_duplicates"]] == [12, 3]
    assert sorted(document["near_duplicates"][0]["comments"]) == [str(100 + i) for i in range(12)]
    assert cli.main(["topics", "--comments", str(path), "--out", str(tmp_path / "t.json")]) == 0
    assert '"near_duplicates"' in (tmp_path / "t.json").read_text(encoding="utf-8")


def test_ten_thousand_comments_in_a_few_seconds():
    rng = random.Random(0)
    subjects = VACANT_HOUSES + CHILD_CARE
    kana = [chr(c) for c in range(0x3041, 0x3094)] + list("市町村道路公園駅学校病院税金子育空家交通医療福祉観光農業")
    texts = ["".join(rng.choice(kana) for _ in range(rng.randrange(8, 30))) + rng.choice(subjects) for _ in range(9_000)]
    texts += [campaign_copy(rng) for _ in range(1_000)]
    start = time.perf_counter()
    found = duplicates.near_duplicates(texts)
    assert time.perf_counter() - start < 60  # 1–4 s measured; generous for a shared, busy machine
    assert found.groups[0].count == 1_000 and set(found.groups[0].members) == set(range(9_000, 10_000))
