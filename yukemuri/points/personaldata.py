"""The points app's part of "download your data": the wallet's postings (its statement)."""

from .selectors import history, wallet_of


def points(person) -> list[dict]:
    wallet = wallet_of(person)
    if wallet is None:
        return []
    return [{"at": p.transaction.created_at, "kind": p.transaction.kind, "points": p.amount,
             "reason": p.transaction.reason, "transaction": p.transaction_id, "wallet": wallet.code}
            for p in history(wallet).order_by("transaction_id")]
