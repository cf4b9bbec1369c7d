import factory
from factory.django import DjangoModelFactory

from yukemuri.people.models import ConsentPurpose, User
from yukemuri.people.services import consent_grant

PASSWORD = "kusatsu-onsen-2026"


class PersonFactory(DjangoModelFactory):
    """A person with an account (address confirmed) who agreed to the terms and to a public profile."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.jp")
    display_name = factory.Sequence(lambda n: f"参加者{n}")
    email_verified = True  # like everyone who had an account before addresses were confirmed
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def consents(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        purposes = extracted if extracted is not None else [ConsentPurpose.TERMS, ConsentPurpose.PUBLIC_PROFILE]
        for purpose in purposes:
            consent_grant(person=self, purpose=purpose)
