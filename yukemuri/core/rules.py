"""Core's one permission: who acts for the platform, so rate limits never count them (core/ratelimits.py).

Core knows no roles: the people app names the trusted ones in its AppConfig.ready (ratelimits.trust_roles).
"""

import rules

from .ratelimits import TRUSTED_ROLES


@rules.predicate
def acts_for_platform(user) -> bool:
    return bool(user is not None and user.is_authenticated and (
        user.is_superuser or user.is_staff or any(user.has_role(role) for role in TRUSTED_ROLES)))


rules.add_perm("core.skip_rate_limits", acts_for_platform)
