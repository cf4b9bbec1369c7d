"""A mail backend for tests whose server is down for the next `FlakyBackend.failures` sends."""

from smtplib import SMTPException

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    failures = 0  # sends that fail before the server "comes back"
    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += 1
        if type(self).failures > 0:
            type(self).failures -= 1
            raise SMTPException("421 Service not available, closing transmission channel")
        return super().send_messages(messages)


def mail_server_down(settings, failures=1):
    """Use FlakyBackend, failing the next `failures` sends."""
    settings.EMAIL_BACKEND = "yukemuri.notifications.tests.flaky_mail.FlakyBackend"
    FlakyBackend.failures, FlakyBackend.attempts = failures, 0
    return FlakyBackend
