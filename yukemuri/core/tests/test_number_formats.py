"""Amounts are grouped by thousands in every language of the site (Django's own formats leave vi, tl and zh-hans
ungrouped: ¥170000)."""

import pytest
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import translation

EXPECTED = {"ja": "1,700,000", "en": "1,700,000", "pt-br": "1.700.000", "vi": "1.700.000", "tl": "1,700,000",
            "es": "1\xa0700\xa0000", "zh-hans": "1,700,000", "ja-easy": "1,700,000"}


def test_every_language_has_its_expected_grouping():
    assert set(EXPECTED) == {code for code, _name in settings.LANGUAGES}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_amounts_are_grouped_in_every_language(language):
    with translation.override(language):
        assert intcomma(1_700_000) == EXPECTED[language]
