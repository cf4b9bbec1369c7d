import pytest

from tests.oidc_provider.fixture import start_provider


@pytest.fixture(scope="module")
def op(tmp_path_factory):
    """The real OpenID provider (tests/oidc_provider) in a second process, for the test client's site."""
    provider = start_provider(tmp_path_factory.mktemp("op"),
                              ["http://testserver/accounts/oidc/local/login/callback/"])
    yield provider
    provider.stop()


@pytest.fixture
def configured(op, settings):
    settings.SOCIALACCOUNT_PROVIDERS = op.settings()
    return op
