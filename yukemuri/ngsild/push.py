"""Push mode: changed public entities are upserted to a configured NGSI-LD broker (an Orion-LD of a データ連携基盤).

A save or delete of an event, facility, issue, idea or indicator notes the entity's id; when the transaction
commits, one background task per transaction gets the ids. The task reads each entity as it is *then* and
upserts it (entityOperations/upsert, replacing it whole), or deletes it from the broker when it is no longer
public: running it twice, or late, sends the same state, so retries and a worker's restart are harmless.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction

from .context import CORE
from .selectors import entity_by_id

logger = logging.getLogger(__name__)
BATCH = 100  # entities per request (Orion-LD takes up to 1,000 in one batch operation)
TIMEOUT = 20  # seconds


class BrokerError(Exception):
    pass


def broker_url() -> str:
    """The broker's address; only http(s) (a file: or ftp: address set by mistake is no broker)."""
    url = settings.YUKEMURI.get("NGSILD_BROKER_URL", "")
    return url if url.startswith(("http://", "https://")) else ""


def site_url() -> str:
    return settings.YUKEMURI["SITE_URL"].rstrip("/")


def _post(path: str, body) -> int:
    config = settings.YUKEMURI
    request = urllib.request.Request(  # noqa: S310 (http or https only: broker_url)
        broker_url() + "/ngsi-ld/v1/entityOperations/" + path, method="POST",
        data=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/ld+json" if path == "upsert" else "application/json",
                 "Accept": "application/json", "User-Agent": "yukemuri-ngsild-push"})
    if config.get("NGSILD_BROKER_TENANT"):
        request.add_header("NGSILD-Tenant", config["NGSILD_BROKER_TENANT"])
    if config.get("NGSILD_BROKER_TOKEN"):
        request.add_header("Authorization", "Bearer " + config["NGSILD_BROKER_TOKEN"])
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (http or https only)
            return response.status
    except urllib.error.HTTPError as exc:
        if exc.code == 207 or (path == "delete" and exc.code == 404):  # partly done / already gone: done
            return exc.code
        raise BrokerError(f"{path}: HTTP {exc.code} {exc.read()[:300]!r}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise BrokerError(f"{path}: {exc}") from None


def push(ids: list[str]) -> dict:
    """Upsert the public ones of `ids` and delete the others from the broker; raises BrokerError."""
    base = site_url()
    upsert, gone = [], []
    for entity_id in ids:
        entity = entity_by_id(entity_id, base)
        if entity is None:
            gone.append(entity_id)
        else:
            upsert.append({**entity, "@context": CORE})
    for start in range(0, len(upsert), BATCH):
        _post("upsert", upsert[start:start + BATCH])
    for start in range(0, len(gone), BATCH):
        _post("delete", gone[start:start + BATCH])
    return {"upserted": len(upsert), "deleted": len(gone)}


def note_change(urn: str, using=None) -> None:
    """Remember `urn` for the push that runs when the transaction commits (one task per transaction)."""
    if not broker_url():
        return
    connection = transaction.get_connection(using)
    pending = connection.__dict__.get("_ngsild_pending")
    # A rolled-back transaction drops its callback, a committed one has run it: start a new set then.
    if pending is None or pending["done"] or not any(entry[1] is pending["flush"]
                                                     for entry in connection.run_on_commit):
        ids: set[str] = set()

        def flush():
            from .tasks import push_entities

            pending["done"] = True
            found = sorted(ids)
            for start in range(0, len(found), 500):
                push_entities.enqueue(found[start:start + 500])

        pending = {"ids": ids, "flush": flush, "done": False}
        connection.__dict__["_ngsild_pending"] = pending
        if connection.in_atomic_block:
            pending["ids"].add(urn)
            transaction.on_commit(flush, using=using)
            return
        ids.add(urn)
        flush()
        return
    pending["ids"].add(urn)
