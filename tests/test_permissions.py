"""One permission path (docs/decisions/0011-permissions.md), checked on the source:

- every perm declared in a rules.py is asked somewhere outside the tests (a service, a view or a template);
- no `_require…` copy, no direct `.is_staff` test and no template comparing the viewer with an owner remains
  outside rules.py, the admin and the tests: they ask a named perm through core.permissions.require,
  `has_perm` or `{% has_perm %}`.
"""

import re
from pathlib import Path

import pytest
import rules

ROOT = Path(__file__).resolve().parents[1] / "yukemuri"


def _source(suffixes=(".py", ".html")) -> list[Path]:
    return [path for path in ROOT.rglob("*") if path.suffix in suffixes and path.is_file()
            and not {"tests", "migrations", "__pycache__"} & set(path.relative_to(ROOT).parts)]


def _strip_declarations(text: str) -> str:
    return re.sub(r"add_perm\(\s*\"[\w.]+\"", "add_perm(", text)


@pytest.fixture(scope="module")
def source_text() -> str:
    return "\n".join(_strip_declarations(path.read_text(encoding="utf-8")) for path in _source())


def test_the_scan_sees_the_rules(db):
    assert len(rules.permissions.permissions) > 30
    assert "ideas.move_idea" in rules.permissions.permissions


@pytest.mark.parametrize("perm", sorted(rules.permissions.permissions))
def test_every_declared_perm_is_asked_outside_the_tests(perm, source_text):
    assert re.search(rf"[\"']{re.escape(perm)}[\"']", source_text), f"{perm} is declared but never asked"


ALLOWED_FILES = {"rules.py", "admin.py"}
FORBIDDEN = {
    "a _require helper": re.compile(r"\b_require\w*\("),
    "a may_ helper around a perm": re.compile(r"def may_\w+\(.*\n.*has_perm"),
    "a direct is_staff test": re.compile(r"\.is_staff\b|user\.is_superuser"),
}
TEMPLATE_OWNER_TEST = re.compile(r"(?:user\.pk|user\.id)\s*==\s*\w+\.(?:author|created_by|owner)_id"
                                 r"|\w+\.(?:author|created_by|owner)_id\s*==\s*user\.(?:pk|id)")


def test_no_permission_is_derived_outside_the_rules():
    found = []
    for path in _source((".py",)):
        if path.name in ALLOWED_FILES:
            continue
        text = path.read_text(encoding="utf-8")
        for what, pattern in FORBIDDEN.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not found, "ask a named perm (rules.py) through core.permissions.require instead:\n" + "\n".join(found)


def test_no_template_derives_a_permission():
    found = []
    for path in _source((".html",)):
        text = path.read_text(encoding="utf-8")
        for pattern in (TEMPLATE_OWNER_TEST, re.compile(r"user\.is_staff|user\.is_superuser|perms\.\w+\.\w+ or ")):
            for match in pattern.finditer(text):
                found.append(f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}: {match.group()}")
    assert not found, 'use {% has_perm "app.perm" user obj as can %} instead:\n' + "\n".join(found)
