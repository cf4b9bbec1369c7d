"""Guests everywhere (issue 19), in real Chromium on a 360 px phone (the form also without JavaScript): a visitor
without an account supports an idea and comments on it with a pseudonym and an e-mail address; nothing counts or
shows until the link in the e-mail is followed; then the support counts and the comment waits for a moderator; the
visitor later makes an account with the same address, confirms it, and the support is the account's — counted once.
axe-clean and no sideways scrolling at every step, with screenshots."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from yukemuri.core.models import Visibility
from yukemuri.ideas.models import Comment, Idea, IdeaSupport
from yukemuri.moderation.selectors import moderation_queue

from .helpers import PHONE, checked, sign_up, supporters, ui

EMAIL = "tabibito@example.jp"
CONSENT = ("I agree that my name and e-mail address are kept for this, and that what I do here becomes my "
           "account's if I make one later with this address.")


def _link() -> str:
    found = re.search(r"https?://[^/\s]+(/\S*guest/\S+/)", mail.outbox[-1].body)
    assert found and mail.outbox[-1].to == [EMAIL], mail.outbox[-1].body
    return found.group(1)


def _as_guest(p, *, name, comment=None):
    p.get_by_label(ui("Your name or a pseudonym")).fill(name)
    p.get_by_role("textbox", name=ui("E-mail address")).fill(EMAIL)
    if comment is not None:
        p.get_by_label(ui("Your comment")).fill(comment)
    p.get_by_label(ui(CONSENT)).check()


@pytest.mark.browser
def test_a_guest_supports_and_comments_confirms_by_email_and_keeps_it_with_an_account(
        page, person, make_idea, axe_check, layout_check, screenshot):
    idea = make_idea(person, title="空き家で週末カフェ")
    # Without JavaScript the form works and keeps what was typed (axe-core needs JavaScript: checked below).
    plain = page(viewport=PHONE, javascript=False)
    plain.goto(f"/ideas/{idea.pk}/guest/support/")
    plain.get_by_label(ui("Your name or a pseudonym")).fill("旅人")
    plain.locator("main form").get_by_role("button", name=ui("Support")).click()
    expect(plain.get_by_label(ui("Your name or a pseudonym"))).to_have_value("旅人")
    expect(plain.locator("[aria-invalid=true]")).not_to_have_count(0)
    plain.context.close()
    visitor = page(viewport=PHONE)

    # 1. Support without an account: the form first shows what is missing and keeps what was typed.
    visitor.goto(f"/ideas/{idea.pk}/")
    expect(visitor.locator("main")).to_contain_text(supporters(0))
    visitor.get_by_role("link", name=ui("Support without an account")).click()
    visitor.get_by_label(ui("Your name or a pseudonym")).fill("旅人")
    visitor.locator("main form").get_by_role("button", name=ui("Support")).click()
    expect(visitor.get_by_label(ui("Your name or a pseudonym"))).to_have_value("旅人")
    expect(visitor.locator("[aria-invalid=true]")).not_to_have_count(0)
    checked(visitor, axe_check, layout_check, screenshot, "guest-support-errors")
    _as_guest(visitor, name="旅人")
    visitor.locator("main form").get_by_role("button", name=ui("Support")).click()
    expect(visitor.locator("h1")).to_have_text(ui("Check your e-mail"))
    checked(visitor, axe_check, layout_check, screenshot, "guest-check-email")
    assert Idea.objects.get(pk=idea.pk).support_count == 0  # not before the link

    # 2. The link: a page with a button (opening it changes nothing), the button confirms; the support counts.
    visitor.goto(_link())
    checked(visitor, axe_check, layout_check, screenshot, "guest-confirm")
    assert Idea.objects.get(pk=idea.pk).support_count == 0
    visitor.get_by_role("button", name=ui("Confirm")).click()
    expect(visitor.locator(".messages")).to_contain_text(ui("Thank you: your support counts."))
    expect(visitor.locator("main")).to_contain_text(supporters(1))

    # 3. A comment: after its link it waits for a moderator, and does not show yet.
    visitor.get_by_role("link", name=ui("Comment without an account")).click()
    _as_guest(visitor, name="旅人", comment="土日だけでも開いていると嬉しいです")
    visitor.locator("main form").get_by_role("button", name=ui("Send comment")).click()
    expect(visitor.locator("h1")).to_have_text(ui("Check your e-mail"))
    comment = Comment.objects.get(guest_email=EMAIL)
    assert comment.pk not in [item.target.pk for item in moderation_queue()]
    visitor.goto(_link())
    visitor.get_by_role("button", name=ui("Confirm")).click()
    expect(visitor.locator(".messages")).to_contain_text(ui("Thank you: a moderator reads your comment before it shows."))
    expect(visitor.locator("main")).not_to_contain_text("土日だけでも")
    assert comment.pk in [item.target.pk for item in moderation_queue()]
    assert Comment.objects.get(pk=comment.pk).visibility == Visibility.HELD

    # 4. Later, an account with the same address, confirmed: the support and the comment are the account's.
    sign_up(visitor, email=EMAIL, name="旅人さん")
    visitor.goto(re.search(r"https?://[^/\s]+(/\S*accounts/verify/[^/\s]+/)", mail.outbox[-1].body).group(1))
    visitor.get_by_role("button", name=ui("Confirm my address")).click()
    account = IdeaSupport.objects.get(target=idea).person
    assert account.email == EMAIL and Comment.objects.get(pk=comment.pk).author == account
    visitor.goto(f"/ideas/{idea.pk}/")
    expect(visitor.locator("main")).to_contain_text(supporters(1))  # counted once
    assert Idea.objects.get(pk=idea.pk).support_count == 1
