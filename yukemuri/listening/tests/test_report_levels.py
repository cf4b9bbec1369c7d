"""The report's free comments at every level: topics → sub-topics → summary items (御意見の概要), the items
folded away, each with its comment count, a representative comment and its distinctive terms."""

import re

from django.urls import reverse
from django.utils import translation

from yukemuri.listening import report, services
from yukemuri.listening.tests.test_text import CHILD_CARE, VACANT_HOUSES


def _item(identifier, label, size, comment, terms):
    return {"id": identifier, "label": label, "level": "item", "terms": terms, "size": size, "central": [comment],
            "subtopics": []}


TOPICS = [
    {"id": "0", "label": "交通", "level": "topic", "terms": ["バス", "駐輪場"], "size": 9, "central": ["交通の意見"],
     "submitted": [], "opinions": 9, "subtopics": [
         {"id": "0.0", "label": "バス路線", "level": "subtopic", "terms": ["バス"], "size": 5, "central": ["バス"],
          "subtopics": [_item("0.0.0", "バスの本数", 3, "バスの本数を増やしてほしい。", ["本数", "増便"]),
                        _item("0.0.1", "バス停の屋根", 2, "バス停に屋根を付けてほしい。", ["屋根"])]},
         {"id": "0.1", "label": "駐輪場整備", "level": "subtopic", "terms": ["駐輪場"], "size": 4, "central": ["駐輪場"],
          "subtopics": [_item("0.1.0", "駅前の駐輪場", 4, "駅前に駐輪場を増やしてください。", ["駐輪場", "駅前"])]}]},
    {"id": "1", "label": "空き家", "level": "topic", "terms": ["空き家"], "size": 6, "central": ["空き家の意見"],
     "submitted": [], "opinions": 6, "subtopics": [
         _item("1.0", "空き家の活用", 4, "空き家を交流拠点に活用したい。", ["活用", "交流拠点"]),
         _item("1.1", "空き家の解体", 2, "空き家の解体に補助金を出すべきだ。", ["解体", "補助金"])]},
]


def _section(page: str) -> str:
    return page[page.index('id="topics-title"'):page.index("</section>", page.index('id="topics-title"'))]


def test_the_report_nests_topics_subtopics_and_folded_items(client, coordinator):
    conversation = services.conversation_create(by=coordinator, title="まちづくり", question="ご意見を",
                                                seeds=["a", "b"])
    conversation.analysis = {**report.EMPTY, "topics": TOPICS}
    conversation.save(update_fields=["analysis"])
    with translation.override("en"):
        page = _section(client.get(reverse("conversation_report", args=[conversation.pk])).content.decode())
    transport, vacant = page.split('class="h3">空き家 ', 1)
    # Topic 0: two sub-topics, each with its own items folded in <details>; the items are not sub-topics.
    assert transport.count("Sub-topics") == 1 and transport.count('<details class="items">') == 2
    subtopics = transport[transport.index('<ul class="subtopics">'):]
    bus, bicycle = subtopics.split("駐輪場整備", 1)
    assert "バス路線" in bus and "バスの本数" in bus and "バス停の屋根" in bus and "駅前の駐輪場" not in bus
    assert "駅前の駐輪場" in bicycle and "バスの本数" not in bicycle
    # Each item: its count, its representative comment, its distinctive terms.
    assert re.search(r"バスの本数</strong>\s*<span class=\"kana\">\(3 comments\)", bus)
    assert "<blockquote>バスの本数を増やしてほしい。</blockquote>" in bus and "本数・増便" in bus
    # Topic 1 has no sub-topics: its items are listed (folded) right under it, not as sub-topics.
    assert "Sub-topics" not in vacant and vacant.count('<details class="items">') == 1
    assert "2 summary items" in vacant and "<blockquote>空き家の解体に補助金を出すべきだ。</blockquote>" in vacant
    assert "解体・補助金" in vacant


def test_the_stored_topics_say_which_children_are_summary_items(coordinator):
    conversation = services.conversation_create(by=coordinator, title="まちづくり", question="ご意見を",
                                                seeds=["a", "b"])
    services.opinions_import(conversation=conversation, by=coordinator, rows=VACANT_HOUSES + CHILD_CARE)
    data = report.refresh(conversation).analysis

    def walk(node, depth):
        yield node, depth
        for child in node["subtopics"]:
            yield from walk(child, depth + 1)

    nodes = [pair for topic in data["topics"] for pair in walk(topic, 0)]
    assert {node["level"] for node, depth in nodes if depth == 0} == {"topic"}
    # The deepest level is always the items, and only the deepest: an item has no children.
    assert all(node["level"] == "item" for node, _ in nodes if not node["subtopics"])
    assert all(not node["subtopics"] for node, _ in nodes if node["level"] == "item")
    assert all(node["level"] == "subtopic" for node, depth in nodes if node["subtopics"] and depth > 0)
