"""JSON-LD @context handling (ETSI GS CIM 009, 6.3.5 and 6.3.6).

Every term yukemuri uses lives in the NGSI-LD default vocabulary (https://uri.etsi.org/ngsi-ld/default-context/):
a client that sends no Link header (the core context) and one that sends ours read the same names, and a broker
that receives our entities without a context stores the same expanded names. yukemuri's context lists the terms
explicitly for readers and tools; it is served at /ngsi-ld/v1/jsonldContexts/yukemuri.jsonld.

yukemuri never fetches a context a request points to (a read-only API has no need, and fetching any address a
client names would let it make the server call anywhere): a Link header naming the core context or ours is
understood; any other is read as ours too, and said so in the answer's Link header.
"""

from django.urls import reverse

from .entities import TYPES, all_attributes
from .qlang import DEFAULT_VOCAB

CORE = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.6.jsonld"
REL = "http://www.w3.org/ns/json-ld#context"


def context_url(base: str) -> str:
    return base + reverse("ngsild_context", args=["yukemuri.jsonld"])


def document() -> dict:
    terms = {name: DEFAULT_VOCAB + name for name in [*TYPES, *all_attributes()]}
    terms |= {"DateTime": "https://uri.etsi.org/ngsi-ld/DateTime", "Date": "https://uri.etsi.org/ngsi-ld/Date"}
    return {"@context": [terms, CORE]}


def link_header(base: str) -> str:
    return f'<{context_url(base)}>; rel="{REL}"; type="application/ld+json"'


def accepts(accept: str) -> str | None:
    """The representation to answer with: "ld", "json", "geo", or None (406)."""
    accept = (accept or "*/*").lower()
    kinds = []
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        kind = {"application/ld+json": "ld", "application/json": "json", "application/geo+json": "geo",
                "application/*": "json", "*/*": "json"}.get(media)
        if kind and quality > 0:
            kinds.append((-quality, len(kinds), kind))
    return min(kinds)[2] if kinds else None
