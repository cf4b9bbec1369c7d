"""The axe_check fixture on a page opened with JavaScript off: axe-core waits on timers that never fire there, so
a plain run would hang for ever (issue 18's browser test did); the fixture checks a copy of the page's DOM."""

import time

import pytest

from .helpers import PHONE


@pytest.mark.browser
def test_axe_check_finishes_and_finds_problems_on_a_page_without_javascript(page, axe_check):
    phone = page(viewport=PHONE, javascript=False)
    phone.goto("/")
    started = time.monotonic()
    axe_check(phone)  # the home page is clean
    # A synchronous edit of the DOM still works with JavaScript off: an image without a text alternative.
    phone.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/static/no.png\">')")
    with pytest.raises(AssertionError, match="image-alt"):
        axe_check(phone)
    assert time.monotonic() - started < 60
    assert phone.evaluate("document.querySelectorAll('main img:not([alt])').length") == 1  # the page itself is as it was
