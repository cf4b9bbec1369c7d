"""公式回答 (デモ, issue 20): municipalities and organisations answer some demo issues, in each state, with a history.
Loaded once: a second load finds every answer by its demo key and creates nothing."""

from datetime import timedelta

from yukemuri.issues import services as issues
from yukemuri.issues.models import OfficialAnswer

# key, issue key, answering person key, days after the issue was posted, state, text, reason
ANSWERS = [
    ("ans-shinto-1", "i-shinto-info", "p-sato", 3, "received",
     "ご投稿ありがとうございます。榛東村 企画課で受け付けました（デモ）。", ""),
    ("ans-shinto-2", "i-shinto-info", "p-sato", 24, "in_progress",
     "村の公式 LINE に**困りごと相談**の窓口を設ける準備を始めました。来月から試験運用します（デモ）。", ""),
    ("ans-tomioka-1", "i-tomioka-shops", "p-sato", 9, "considering",
     "商工会と一緒に、製糸場から商店街への回遊ルートを検討しています（デモ）。", ""),
    ("ans-tomioka-2", "i-tomioka-shops", "p-sato", 60, "done",
     "- 回遊マップを作りました\n- 週末の歩行者天国を始めました\n\nご協力ありがとうございました（デモ）。", ""),
    ("ans-children-1", "i-children", "p-sato", 14, "not_possible",
     "県として新しい施設を設けることはできません（デモ）。",
     "居場所づくりは市町村の事業で、県は補助の窓口を案内する立場です。渋川市・吉岡町の窓口をご紹介します（デモ）。"),
]


def load_answers_demo(get, once) -> None:
    """`get(key)` finds a demo object, `once(key, make)` makes it the first time only (demo.loader.Loader)."""
    for key, issue_key, person_key, days, state, body, reason in ANSWERS:
        issue = get(issue_key)

        def make(issue=issue, person_key=person_key, state=state, body=body, reason=reason):
            return issues.answer_issue(issue=issue, by=get(person_key), state=state, body=body, reason=reason)

        answer = once(key, make)
        when = issue.created_at + timedelta(days=days)
        if answer.created_at != when:  # dated after the issue, as the demo's posts are spread over the years
            OfficialAnswer.objects.filter(pk=answer.pk).update(created_at=when)
