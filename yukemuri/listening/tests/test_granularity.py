"""Summary items, the finest level of `topics` (issue 18): their size, their agreement with a hand-made
grouping beside a plain baseline, determinism, campaigns, and the CLI's JSON. No database.

The data set is yukemuri/listening/tests/data/public_comments.csv (made by bench/public_comments.py: 301
comments in 66 items in 8 topics); the measure is bench/granularity.py, which the benchmark prints too.
"""

import json

import pytest

from bench import granularity
from yukemuri.listening import cli
from yukemuri.listening.analysis import text, topics


@pytest.fixture(scope="module")
def data():
    return granularity.load()


@pytest.fixture(scope="module")
def result(data):
    return topics(data[0], language="ja", seed=0)


def _walk(topic, depth=0):
    yield topic, depth
    for sub in topic.subtopics:
        yield from _walk(sub, depth + 1)


def _items(result):
    return [t for top in result.topics for t, _ in _walk(top) if not t.subtopics]


def test_the_finest_level_is_summary_items_of_about_four_or_five_opinions(data, result):
    texts = data[0]
    opinions = len(texts) - sum(g.count - 1 for g in result.near_duplicates) - len(result.unassigned)
    items = _items(result)
    assert all(item.level == "item" for item in items)
    assert len(items) == int(opinions / text.ITEM_SIZE + 0.5)  # the rule: round(opinions / 4.5)
    assert 4.0 <= len(texts) / len(items) <= 6.5  # comments per item, copies included
    # Every item has its comments, a representative (central) comment among them, and distinctive terms.
    assert all(item.members and item.central[0] in item.members and item.terms for item in items)
    # The levels nest: every comment is in exactly one item, inside its topic.
    assert sorted(i for item in items for i in item.members) == sorted(i for t in result.topics for i in t.members)
    for top in result.topics:
        for node, _ in _walk(top):
            assert set(node.members) == {i for sub in node.subtopics for i in sub.members} or not node.subtopics


@pytest.fixture(scope="module")
def agreement(data):
    """The agreement by level with and without the word vectors, each computed once for the module's tests."""
    return {vectors: granularity.agreement(*data, seed=0, **granularity.options_for(vectors))
            for vectors in ("ja_ginza", "none")}


@pytest.mark.parametrize("vectors", ["ja_ginza", "none"])  # the site's default, and TF-IDF + LSA alone
def test_every_level_agrees_with_people_at_least_as_well_as_the_plain_baseline(agreement, vectors):
    rows = agreement[vectors]
    assert [r["level"] for r in rows] == [1, 2, 3]
    for row in rows:
        assert row["ari"] >= row["ari_baseline"], row
        assert row["ami"] >= row["ami_baseline"], row
    assert rows[2]["ari"] >= 0.4  # not only relative: people's items are mostly found


def test_the_default_word_vectors_agree_better_than_tfidf_alone_at_every_level(agreement):
    # What made them the default (docs/listening.md, "Word vectors"); if this stops holding, so does the choice.
    with_vectors, alone = agreement["ja_ginza"], agreement["none"]
    for mine, plain in zip(with_vectors, alone, strict=True):
        assert mine["ari"] > plain["ari"] and mine["ami"] > plain["ami"], (mine, plain)


def test_the_same_texts_and_seed_give_the_same_levels(data, result):
    assert topics(data[0], language="ja", seed=0) == result


def test_a_copied_campaign_is_one_opinion_in_one_item(data, result):
    campaign = "駅前の再開発に反対します。{}に住む者として、緑地を残して子どもの遊べる公園にしてください。"
    towns = ["湯元市", "北山町", "南浜市", "川辺村", "中央区", "西原町"]
    texts = data[0] + [campaign.format(towns[n % len(towns)]) for n in range(40)]
    with_campaign = topics(texts, language="ja", seed=0)
    copies = set(range(len(data[0]), len(texts)))
    holding = [item for item in _items(with_campaign) if copies & set(item.members)]
    assert len(holding) == 1 and copies <= set(holding[0].members)
    assert len(_items(with_campaign)) <= len(_items(result)) + 1  # 40 copies add one opinion, not nine items


def test_the_cli_writes_items_as_the_deepest_subtopics(tmp_path, data):
    path = granularity.DATA
    out = tmp_path / "topics.json"
    assert cli.main(["topics", "--comments", str(path), "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert set(document) == {"k", "topics", "unassigned", "near_duplicates"}

    def leaves(node):
        assert set(node) <= {"id", "label", "terms", "size", "central", "comments", "subtopics"}
        return [leaf for sub in node.get("subtopics", []) for leaf in leaves(sub)] if "subtopics" in node else [node]

    items = [leaf for topic in document["topics"] for leaf in leaves(topic)]
    assert 50 <= len(items) <= 80
    assert sorted(c for item in items for c in item["comments"]) == sorted(
        c for topic in document["topics"] for c in topic["comments"])
    assert all(item["terms"] and item["central"][0] in item["comments"] for item in items)
