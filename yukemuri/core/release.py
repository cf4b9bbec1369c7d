"""The release — 版: which code is serving, as a short digest every app server of one release agrees on.

The page cache keys its pages by it (core/pagecache.py): a deploy that changes a template or a view must not
leave the old pages of the previous release in Redis for PAGE_CACHE_SECONDS. The digest is of the package's own
files (code, templates, translations, static), so two servers with the same code compute the same value without
being told; YUKEMURI_RELEASE (a commit id, a build number) names it outright where reading the files is unwanted.
"""

import functools
import hashlib
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
SUFFIXES = frozenset({".py", ".html", ".txt", ".mo", ".css", ".js", ".svg", ".json"})
SKIPPED_DIRECTORIES = frozenset({"__pycache__", "tests"})


@functools.cache
def release() -> str:
    """12 hexadecimal digits naming the code that is running (YUKEMURI_RELEASE's digest when it is set)."""
    named = os.environ.get("YUKEMURI_RELEASE", "").strip()
    digest = hashlib.sha256()
    if named:
        digest.update(named.encode())
        return digest.hexdigest()[:12]
    for path in sorted(_files()):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _files():
    for folder, directories, names in os.walk(PACKAGE):
        directories[:] = [d for d in directories if d not in SKIPPED_DIRECTORIES]
        for name in names:
            path = Path(folder) / name
            if path.suffix in SUFFIXES:
                yield path
