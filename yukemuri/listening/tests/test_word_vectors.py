"""Word vectors (単語ベクトル) beside TF-IDF in the topics of free text (issue 18). Most tests drive the code with a
small table built here, deterministically (each subject's words share one direction plus a little noise of their
own, as related words do in word2vec); the last ones read the real table shipped in ja-ginza (a base requirement)."""

import csv
import json

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from yukemuri.listening import cli
from yukemuri.listening.analysis import text, topics, word_vectors
from yukemuri.listening.analysis.word_vectors import WordVectors

# Three subjects; no two comments share a content word but 心配 (in all of them, so TF-IDF drops it): TF-IDF
# alone sees 36 unrelated comments.
SUBJECTS = {
    "transport": ["バス", "電車", "鉄道", "運賃", "時刻表", "駅前", "路線", "停留所", "乗り換え", "タクシー", "踏切", "線路"],
    "library": ["図書館", "読書", "書籍", "司書", "蔵書", "閲覧室", "絵本", "雑誌", "貸出", "返却", "書架", "辞典"],
    "parks": ["公園", "遊具", "芝生", "花壇", "噴水", "広場", "ベンチ", "砂場", "滑り台", "ブランコ", "木陰", "散歩道"],
}
DIMENSIONS = 16


def table(noise: float = 0.3, seed: int = 7) -> dict[str, np.ndarray]:
    """term → vector, keyed by the engine's own tokens of each word (Sudachi's normalised forms)."""
    rng = np.random.default_rng(seed)
    vectors = {}
    for words in SUBJECTS.values():
        centre = rng.normal(size=DIMENSIONS)
        for word in words:
            for term in text.tokenize(word):
                vectors.setdefault(term, centre + noise * rng.normal(size=DIMENSIONS))
    return vectors


def comments() -> tuple[list[str], list[str]]:
    texts, truth = [], []
    for number in range(12):  # interleaved, so order gives nothing away
        for subject, words in SUBJECTS.items():
            texts.append(f"{words[number]}が心配です。")
            truth.append(subject)
    return texts, truth


def top_level(result, n: int) -> list[str | None]:
    out = [None] * n
    for topic in result.topics:
        for i in topic.members:
            out[i] = topic.id
    return out


def test_every_test_word_is_one_known_term():
    # Otherwise the comments below would share a part (e.g. 書 in 書籍 and 書架) and the test would prove less.
    terms = [term for words in SUBJECTS.values() for word in words for term in text.tokenize(word)]
    assert len(terms) == len(set(terms)) == 36


def test_word_vectors_find_subjects_that_share_no_word():
    texts, truth = comments()
    alone = topics(texts, language="ja", seed=0, deduplicate=False)
    with_vectors = topics(texts, language="ja", seed=0, deduplicate=False, word_vectors=WordVectors(table(), DIMENSIONS))
    assert adjusted_rand_score(truth, top_level(with_vectors, len(texts))) == pytest.approx(1.0)
    assert adjusted_rand_score(truth, top_level(alone, len(texts))) < 0.5
    # Terms still come from the comments' words: each topic's are of its own subject (and 心配, which every
    # comment uses: with no word used twice in a topic, its most used words are its terms).
    for topic in with_vectors.topics:
        subject = truth[topic.members[0]]
        own = set(topic.terms) - {"心配"}
        assert own and own <= set(SUBJECTS[subject]) | {t for w in SUBJECTS[subject] for t in text.tokenize(w)}


def test_same_input_same_topics_and_unknown_words_change_nothing():
    texts, _ = comments()
    vectors = table()
    first = topics(texts, seed=2, word_vectors=WordVectors(vectors, DIMENSIONS))
    assert first == topics(texts, seed=2, word_vectors=WordVectors(dict(vectors), DIMENSIONS))
    # A lookup function works like a mapping; terms it does not know are left out of the mean.
    asked = []

    def lookup(term):
        asked.append(term)
        return vectors.get(term)

    assert topics(texts, seed=2, word_vectors=WordVectors(lookup, DIMENSIONS)) == first
    assert len(asked) == len(set(asked))  # each term looked up once


def test_document_vectors_are_centred_tfidf_weighted_means():
    vectors = {"a": np.array([1.0, 0.0]), "b": np.array([0.0, 2.0]), "c": np.array([3.0, 4.0])}
    words = WordVectors(vectors, 2)
    out = words.documents([["a", "a", "b"], ["c"], ["zzz"], ["a", "zzz"]])
    # "zzz" has no vector: that document is a zero row, and an unknown word adds nothing to another's mean.
    assert not out[2].any()
    assert np.allclose(np.linalg.norm(out[[0, 1, 3]], axis=1), 1.0)
    # By hand: sublinear TF-IDF (smooth idf, rows of unit length) times the unit word vectors, centred over
    # the three documents with a known word.
    n, df = 4, {"a": 2, "b": 1, "c": 1, "zzz": 2}
    idf = {t: np.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
    rows = [{"a": (1 + np.log(2)) * idf["a"], "b": idf["b"]}, {"c": idf["c"]}, {"a": idf["a"], "zzz": idf["zzz"]}]
    means = []
    for row in rows:
        length = np.sqrt(sum(w * w for w in row.values()))
        means.append(sum(w / length * vectors[t] / np.linalg.norm(vectors[t]) for t, w in row.items() if t in vectors))
    means = np.array(means) - np.mean(means, axis=0)
    expected = means / np.linalg.norm(means, axis=1, keepdims=True)
    assert np.allclose(out[[0, 1, 3]], expected)


def test_the_combined_cosine_is_the_weighted_sum_of_the_two():
    rng = np.random.default_rng(0)
    vocabulary = [f"w{i}" for i in range(30)]
    words = WordVectors({w: rng.normal(size=8) for w in vocabulary[:25]}, 8, weight=0.3)
    token_lists = [list(rng.choice(vocabulary, size=5)) for _ in range(12)]
    lsa = rng.normal(size=(12, 5))
    both = words.combine(token_lists, lsa)
    unit = lsa / np.linalg.norm(lsa, axis=1, keepdims=True)
    word_part = words.documents(token_lists)
    assert np.allclose(both @ both.T, 0.7 * unit @ unit.T + 0.3 * word_part @ word_part.T)
    assert np.allclose(WordVectors(words.vector, 8, weight=1.0).combine(token_lists, lsa), word_part)
    with pytest.raises(ValueError):
        WordVectors({}, 8, weight=0.0)


def test_loading_a_package_that_is_not_there_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(word_vectors.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(word_vectors.WordVectorsUnavailable, match="make setup"):
        word_vectors.load("ja_ginza")
    with pytest.raises(ValueError, match="unknown word vectors"):
        word_vectors.load("word2vec-from-the-internet")


def _write_comments(path, texts):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["comment-id", "comment-body"])
        writer.writerows([number, body] for number, body in enumerate(texts))


def test_the_command_line_option_uses_the_package_vectors(tmp_path, monkeypatch):
    texts, truth = comments()
    _write_comments(tmp_path / "comments.csv", texts)
    loaded = []
    monkeypatch.setattr(cli, "load_word_vectors", lambda name: loaded.append(name) or WordVectors(table(), DIMENSIONS))
    out = tmp_path / "topics.json"
    assert (
        cli.main(["topics", "--comments", str(tmp_path / "comments.csv"), "--out", str(out), "--word-vectors", "none"]) == 0
    )
    assert loaded == []  # none: TF-IDF + LSA alone
    plain = json.loads(out.read_text(encoding="utf-8"))
    assert cli.main(["topics", "--comments", str(tmp_path / "comments.csv"), "--out", str(out)]) == 0
    assert loaded == ["ja_ginza"]  # the default
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result != plain
    assert set(result) == set(plain)  # the same document, other groups
    assert sorted(sorted(truth[int(i)] for i in t["comments"]) for t in result["topics"]) == [
        ["library"] * 12,
        ["parks"] * 12,
        ["transport"] * 12,
    ]


def test_the_command_line_without_the_package_exits_2(tmp_path, monkeypatch, capsys):
    _write_comments(tmp_path / "comments.csv", comments()[0])
    monkeypatch.setattr(word_vectors.importlib.util, "find_spec", lambda name: None)
    assert cli.main(["topics", "--comments", str(tmp_path / "comments.csv"), "--out", "-"]) == 2
    assert "ja_ginza is not installed (make setup)" in capsys.readouterr().err


def test_the_setting_chooses_the_vectors(settings, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from yukemuri.listening import topic_options

    topic_options._loaded.cache_clear()
    loaded = WordVectors(table(), DIMENSIONS)
    real_load = word_vectors.load
    monkeypatch.setattr(word_vectors, "load", lambda name: loaded)
    settings.YUKEMURI = {**settings.YUKEMURI, "LISTENING_WORD_VECTORS": None}
    assert topic_options.topic_options() == {}  # "none": TF-IDF alone
    settings.YUKEMURI = {**settings.YUKEMURI, "LISTENING_WORD_VECTORS": "ja_ginza"}
    assert topic_options.topic_options() == {"word_vectors": loaded}
    # Set, but not installed: a configuration error that names the setting, not a silent fallback.
    topic_options._loaded.cache_clear()
    monkeypatch.setattr(word_vectors, "load", real_load)
    monkeypatch.setattr(word_vectors.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ImproperlyConfigured, match="LISTENING_WORD_VECTORS"):
        topic_options.topic_options()
    topic_options._loaded.cache_clear()


def test_the_report_uses_the_vectors_the_setting_names(settings, monkeypatch, coordinator):
    from yukemuri.listening import report, services, topic_options

    conversation = services.conversation_create(
        by=coordinator, title="まちづくり", question="まちについて", seeds=["駅前を再開発すべき", "緑地を残すべき"]
    )
    texts, truth = comments()
    services.opinions_import(conversation=conversation, by=coordinator, rows=texts)
    topic_options._loaded.cache_clear()
    monkeypatch.setattr(word_vectors, "load", lambda name: WordVectors(table(), DIMENSIONS))

    def subjects(topic_list):
        return sorted(sorted(truth[texts.index(c)] for c in t["central"]) for t in topic_list)

    settings.YUKEMURI = {**settings.YUKEMURI, "LISTENING_WORD_VECTORS": None}
    plain = report.opinion_topics(conversation)
    settings.YUKEMURI = {**settings.YUKEMURI, "LISTENING_WORD_VECTORS": "ja_ginza"}
    with_vectors = report.opinion_topics(conversation)
    topic_options._loaded.cache_clear()
    assert sorted(t["size"] for t in with_vectors) == [12, 12, 12]
    assert all(len(set(pair)) == 1 for pair in subjects(with_vectors))  # each topic's central comments: one subject
    assert sorted(t["size"] for t in plain) != [12, 12, 12]


def test_the_benchmark_compares_tfidf_alone_with_each_weight(monkeypatch, capsys):
    from bench import granularity

    monkeypatch.setattr(word_vectors, "load", lambda name: WordVectors(table(), DIMENSIONS, name=name))
    texts, truth = comments()
    monkeypatch.setattr(granularity, "load", lambda: (texts, truth, truth))
    granularity.main(["--vectors", "ja_ginza", "--weight", "0.5", "--weight", "1"])
    out = capsys.readouterr().out
    assert "100.0% of the content words have a vector" not in out  # 心配 has none
    rows = [line for line in out.splitlines() if line.startswith(("TF-IDF + LSA alone", "+ ja_ginza"))]
    assert [row.split("  ")[0] for row in rows] == ["TF-IDF + LSA alone", "+ ja_ginza (w 0.5)", "+ ja_ginza (w 1)"]
    topic_ari = [float(row.split()[5]) for row in rows]  # a name of four words, then the topics' groups, ARI, AMI
    assert topic_ari[0] < 0.5 and topic_ari[1] == topic_ari[2] == 1.0


def test_the_setting_defaults_to_the_shipped_vectors_and_none_turns_them_off():
    import os

    from django.conf import settings

    from yukemuri import settings as site_settings

    assert site_settings.word_vectors_setting("ja_ginza") == "ja_ginza"
    for off in ("none", "None", "off", "", " 0 "):
        assert site_settings.word_vectors_setting(off) is None
    # Without the variable (as in CI) the site uses the shipped vectors.
    expected = site_settings.word_vectors_setting(os.environ.get("LISTENING_WORD_VECTORS", "ja_ginza"))
    assert settings.YUKEMURI["LISTENING_WORD_VECTORS"] == expected
    if "LISTENING_WORD_VECTORS" not in os.environ:
        assert expected == "ja_ginza"


def test_the_hash_is_spacys():
    # spaCy's documentation: nlp.vocab.strings["coffee"] == 3197928453018144401 (MurmurHash64A, seed 1).
    assert word_vectors.spacy_hash("coffee") == 3197928453018144401
    # Every tail length (0–7 bytes after the 8-byte blocks) and multi-byte UTF-8 give distinct 64-bit keys.
    keys = {word_vectors.spacy_hash("a" * n) for n in range(17)} | {word_vectors.spacy_hash("子育て支援")}
    assert len(keys) == 18 and all(0 <= key < 2**64 for key in keys)


def test_the_shipped_table_is_read_without_spacy():
    import importlib.util
    import json as json_module
    import sys

    vectors = word_vectors.load("ja_ginza")
    assert "spacy" not in sys.modules and importlib.util.find_spec("spacy") is None
    assert vectors.dimensions == 300
    directory = word_vectors._package_vocab("ja_ginza")
    table, key2row = word_vectors.read_vocab(directory)
    assert table.shape == (20_000, 300) and len(key2row) == 480_443
    # The package's own strings: nearly every key is the hash of one of them (the rest are strings spaCy keeps
    # elsewhere), which is what proves the hash right for this table, not only for "coffee".
    strings = json_module.loads((directory / "strings.json").read_text(encoding="utf-8"))
    found = sum(word_vectors.spacy_hash(s) in key2row for s in strings[::10])
    assert found / len(strings[::10]) > 0.75
    # Related words are nearer than unrelated ones, in the engine's own terms (Sudachi's normalised forms).
    def cos(a, b):
        a, b = vectors.vector(a), vectors.vector(b)
        return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))

    assert cos("バス", "電車") > cos("バス", "図書館") + 0.1
    assert cos("公園", "遊具") > cos("公園", "運賃") + 0.1
    assert vectors.vector("ゆけむりたまごぷらっとほーむ") is None


def test_the_shipped_vectors_group_subjects_that_share_no_word():
    # The same 36 comments as above, with the real table: no word in common, and still three subjects.
    texts, truth = comments()
    plain = topics(texts, language="ja", seed=0, deduplicate=False)
    shipped = topics(texts, language="ja", seed=0, deduplicate=False, word_vectors=word_vectors.load("ja_ginza"))
    n = len(texts)
    assert adjusted_rand_score(truth, top_level(shipped, n)) > adjusted_rand_score(truth, top_level(plain, n)) + 0.3
