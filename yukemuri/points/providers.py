"""Where an existing e-money (電子マネー, e.g. さるぼぼコイン) could be connected later: the interface only.

Nothing calls it and no provider is configured (docs/decisions/0014-points.md). Points themselves never become
money: connecting a provider means a shop that takes points could also be paid in that e-money at its counter,
or that an issuer buys goods for its thank-you gifts with it — the payment happens at the provider, under the
provider's registration, and the ledger only records points. A provider that would let people buy or cash out
points cannot be written against this interface: it has no such method.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass(frozen=True)
class ProviderMerchant:
    """The provider's own identifier of a shop that also takes points here."""

    provider: str
    merchant_id: str


class EMoneyProvider(ABC):
    """An e-money service run under its own registration (資金決済法), linked to our merchants by reference."""

    name: str

    @abstractmethod
    def link_merchant(self, *, organisation_id: int, provider_merchant_id: str) -> ProviderMerchant:
        """Record that one of our merchant organisations is this provider's shop `provider_merchant_id`."""

    @abstractmethod
    def payment_link(self, *, merchant: ProviderMerchant, amount_yen: int, reference: str) -> str:
        """An address where a person pays the shop in the provider's money (the provider does the paying)."""
