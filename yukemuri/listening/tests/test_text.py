"""The free-text pipeline: tokens, topics, labels, plug-ins. No database, no model downloads."""

import numpy as np
import pytest

from yukemuri.listening.analysis import text, topics

VACANT_HOUSES = [
    "空き家が増えていて、景観や防犯の面で心配です。",
    "空き家を改修して移住者向けの住宅として活用してほしい。",
    "放置された空き家の解体に補助金を出すべきだ。",
    "空き家バンクの登録物件をもっと増やしてください。",
    "古い空き家を若者のシェアハウスに活用できないか。",
    "空き家の所有者が分からず、管理されていない家が多い。",
    "空き家の固定資産税の扱いを見直して、活用を促してほしい。",
    "空き家を地域の交流拠点として活用したい。",
]
CHILD_CARE = [
    "子育て世帯への支援をもっと充実させてほしい。",
    "保育園の待機児童を解消してほしい。",
    "子育て中の親が気軽に相談できる場所が必要です。",
    "子どもの医療費助成を高校生まで拡大してほしい。",
    "放課後に子どもが安心して過ごせる学童保育を増やして。",
    "子育て支援センターの開館時間を延ばしてほしい。",
    "保育士の待遇を改善して、保育園を増やすべきだ。",
    "子育ての経済的な負担を減らすために給付を増やしてほしい。",
]


def test_japanese_comments_on_two_subjects_make_two_topics_with_sensible_labels():
    comments = [c for pair in zip(VACANT_HOUSES, CHILD_CARE, strict=True) for c in pair]  # interleaved
    result = topics(comments, language="ja", seed=0)
    assert result.k == 2
    by_members = {frozenset(comments[i] for i in topic.members): topic for topic in result.topics}
    houses, care = by_members[frozenset(VACANT_HOUSES)], by_members[frozenset(CHILD_CARE)]
    assert houses.terms[0] == "空き家" and "空き家" in houses.label
    assert "子育て" in care.label or "保育園" in care.label
    for topic in (houses, care):
        assert 1 <= len(topic.central) <= 3 and set(topic.central) <= set(topic.members)
    assert result.unassigned == ()


def test_the_same_texts_and_seed_give_the_same_topics():
    comments = VACANT_HOUSES + CHILD_CARE
    assert topics(comments, seed=3) == topics(comments, seed=3)


def test_content_words_in_base_form():
    tokens = text.tokenize("子育て支援を拡充してほしいと思います。バスが少なかった。")
    assert {"子育て", "支援", "拡充", "バス", "少ない"} <= set(tokens)
    assert not {"思う", "為る", "ほしい", "欲しい", "と", "を"} & set(tokens)  # framing verbs, grammar, particles


def test_compound_units_also_count_as_their_parts():
    tokens = text.tokenize("新型コロナウイルス感染症の対策")
    assert "新型コロナウイルス感染症" in tokens and "コロナ" in tokens


def test_text_is_nfkc_normalised_first():
    # Half-width katakana and full-width Latin letters, as pasted from old systems.
    assert "バス" in text.tokenize("ﾊﾞｽの本数")
    assert text.tokenize("ＢＵＳ stops, bus!", language="en") == ["bus", "stops", "bus"]


def test_other_languages_split_on_whitespace():
    tokens = text.tokenize("Le bus du matin, le bus du soir.", language="fr")
    assert tokens == ["le", "bus", "du", "matin", "le", "bus", "du", "soir"]


def test_the_dictionary_is_loaded_once_per_process_and_the_tokenizer_once_per_thread():
    import threading

    first = text.japanese_tokenizer()
    dictionary = text._dictionary
    assert text.japanese_tokenizer() is first
    other = {}
    thread = threading.Thread(target=lambda: other.update(tokenizer=text.japanese_tokenizer(), dictionary=text._dictionary))
    thread.start()
    thread.join()
    assert other["dictionary"] is dictionary and other["tokenizer"] is not first


def test_texts_without_content_words_are_unassigned():
    comments = VACANT_HOUSES + CHILD_CARE + ["。。。", "!!"]
    result = topics(comments)
    assert result.unassigned == (16, 17)
    assert sorted(i for topic in result.topics for i in topic.members) == list(range(16))


def test_a_few_texts_make_one_topic():
    result = topics(VACANT_HOUSES[:3])
    assert result.k == 1 and result.topics[0].terms[0] == "空き家"


def test_an_embedder_and_a_labeller_can_be_plugged_in():
    class Embedder:  # stands in for a local sentence-embedding model
        def embed(self, texts):
            return np.array([[1.0, 0.1] if "空き家" in t else [0.1, 1.0] for t in texts])

    class Labeller:  # stands in for a local LLM
        def __init__(self):
            self.calls = []

        def label(self, terms, examples, *, language):
            self.calls.append((tuple(terms), tuple(examples), language))
            return f"topic about {terms[0]}"

    labeller = Labeller()
    result = topics(VACANT_HOUSES + CHILD_CARE, embedder=Embedder(), labeller=labeller)
    assert result.k == 2
    assert {frozenset(t.members) for t in result.topics} == {frozenset(range(8)), frozenset(range(8, 16))}
    assert labeller.calls and all(call[2] == "ja" for call in labeller.calls)
    assert all(t.label.startswith("topic about ") for t in result.topics)


def test_sub_topics_split_a_topic():
    parking = ["駅前の駐輪場が足りない。", "駐輪場の料金を下げてほしい。", "駐輪場の屋根を直してほしい。",
               "駅の駐輪場をもっと広く。", "駐輪場が遠くて不便。", "無料の駐輪場がほしい。", "駐輪場の照明が暗い。"]
    buses = ["路線バスの本数を増やして。", "バスの運賃が高い。", "路線バスの時刻表が分かりにくい。",
             "バスの停留所にベンチをつけて。", "夜のバスの本数が少ない。", "バスの乗り継ぎが不便。", "バスの終便が早すぎる。"]
    result = topics(parking + buses, max_topics=1)  # one topic asked for: how does it divide?
    (transport,) = result.topics
    assert transport.id == "0" and len(transport.members) == 14
    assert [s.id for s in transport.subtopics] == ["0.0", "0.1"]
    assert {frozenset(s.members) for s in transport.subtopics} == {frozenset(range(7)), frozenset(range(7, 14))}
    assert {s.terms[0] for s in transport.subtopics} == {"駐輪場", "バス"}
    assert transport.silhouette >= text.MIN_SUBTOPIC_SILHOUETTE


@pytest.mark.parametrize("language", ["ja", "en"])
def test_empty_input(language):
    assert topics([], language=language).k == 0
