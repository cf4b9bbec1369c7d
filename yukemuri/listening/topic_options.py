"""The topics engine's options from the settings (the engine reads no settings: the "engines" contract).

YUKEMURI["LISTENING_WORD_VECTORS"]: the package whose word vectors are used beside TF-IDF (analysis/word_vectors.py,
"ja_ginza", the default), or None (TF-IDF + LSA alone). Loaded once per process (ja_ginza's table: about 0.5 s).
"""

import functools

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@functools.cache
def _loaded(name: str):
    # Imported here: word_vectors loads scikit-learn's text tools, which pages without topics do not need.
    from .analysis import word_vectors

    try:
        return word_vectors.load(name)
    except (ValueError, word_vectors.WordVectorsUnavailable) as error:
        raise ImproperlyConfigured(f'YUKEMURI["LISTENING_WORD_VECTORS"] = {name!r}: {error}') from error


def topic_options() -> dict:
    """Keyword arguments for `analysis.topics` from the settings."""
    name = settings.YUKEMURI.get("LISTENING_WORD_VECTORS")
    return {"word_vectors": _loaded(name)} if name else {}
