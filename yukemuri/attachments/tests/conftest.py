import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
