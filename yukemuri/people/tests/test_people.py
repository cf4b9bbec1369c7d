import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from yukemuri.people import services
from yukemuri.people.display import public_name
from yukemuri.people.models import Consent, ConsentPurpose, User
from yukemuri.people.tests.factories import PASSWORD, PersonFactory

SIGNUP = {
    "email": "Hanako@Example.jp",
    "display_name": "はなこ",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "relation": "resident",
    "home_municipality": "",
    "preferred_language": "ja",
    "consent_terms": "on",
}


def test_register_requires_consent_to_the_terms(db):
    with pytest.raises(ValueError):
        services.person_register(email="a@example.jp", password=PASSWORD, display_name="a", consents=[])
    assert not User.objects.exists()


def test_email_is_unique_whatever_its_case(db):
    services.person_register(email="Taro@Example.jp", password=PASSWORD, display_name="太郎",
                             consents=[ConsentPurpose.TERMS])
    assert User.objects.get().email == "taro@example.jp"
    with pytest.raises(ValidationError) as refused:  # the unique index holds; it is answered as a form error
        services.person_register(email="taro@EXAMPLE.jp", password=PASSWORD, display_name="太郎2",
                                 consents=[ConsentPurpose.TERMS])
    assert list(refused.value.error_dict) == ["email"] and User.objects.count() == 1


def test_name_is_public_only_with_consent_and_withdrawal_takes_effect(db):
    person = PersonFactory(consents=[ConsentPurpose.TERMS])
    viewer = PersonFactory()
    with translation.override("en"):
        assert public_name(person, viewer) == "A participant"
    assert public_name(person, None) == "参加者"
    assert public_name(person, person) == person.display_name  # people always see their own name
    services.consent_grant(person=person, purpose=ConsentPurpose.PUBLIC_PROFILE)
    assert person.profile_public and public_name(person, viewer) == person.display_name
    services.consent_withdraw(person=person, purpose=ConsentPurpose.PUBLIC_PROFILE)
    person.refresh_from_db()
    assert not person.profile_public and public_name(person, viewer) != person.display_name
    history = Consent.objects.filter(person=person, purpose=ConsentPurpose.PUBLIC_PROFILE)
    assert history.count() == 1 and history.get().withdrawn_at is not None  # the record stays, closed


def test_granting_twice_keeps_one_active_record(db):
    person = PersonFactory(consents=[ConsentPurpose.TERMS])
    first = services.consent_grant(person=person, purpose=ConsentPurpose.CONTACT)
    second = services.consent_grant(person=person, purpose=ConsentPurpose.CONTACT)
    assert first.pk == second.pk
    assert services.consent_purposes(person) == {ConsentPurpose.TERMS, ConsentPurpose.CONTACT}


def test_terms_consent_cannot_be_withdrawn_alone(db):
    person = PersonFactory()
    with pytest.raises(ValueError):
        services.consent_withdraw(person=person, purpose=ConsentPurpose.TERMS)


def test_profile_update_sets_skills_interests_and_languages(gunma):
    person = PersonFactory()
    services.profile_update(
        person=person, display_name="新しい名前", preferred_language="en", relation="elsewhere",
        languages=["vi", "ja", "vi"], skill_names=["デザイン", "通訳"], theme_names=["空き家"], sdg_numbers=[11, 17],
    )
    person.refresh_from_db()
    assert person.display_name == "新しい名前" and person.relation == "elsewhere"
    assert person.languages == ["vi", "ja"]
    assert sorted(ps.skill.name for ps in person.person_skills.all()) == ["デザイン", "通訳"]
    assert [g.number for g in person.interest_sdgs.all()] == [11, 17]
    services.profile_update(person=person, display_name="x", preferred_language="ja", relation="resident",
                            skill_names=["通訳"])
    assert [ps.skill.name for ps in person.person_skills.all()] == ["通訳"]


def test_signup_page_creates_the_account_logs_in_and_records_consents(client, gunma):
    response = client.post(reverse("signup"), {**SIGNUP, "consent_public_profile": "on",
                                                "home_municipality": "102083"})
    assert response.status_code == 302
    person = User.objects.get(email="hanako@example.jp")
    assert person.home_municipality.code == "102083"
    assert services.consent_purposes(person) == {ConsentPurpose.TERMS, ConsentPurpose.PUBLIC_PROFILE}
    assert client.get(reverse("me")).status_code == 200


@pytest.mark.parametrize(
    ("change", "field", "message_ja"),
    [
        ({"consent_terms": ""}, "consent_terms", "利用規約"),
        ({"password2": "something-else-9"}, "password2", "パスワード"),
        ({"email": "not-an-email"}, "email", "メールアドレス"),
        ({"password1": "12345678", "password2": "12345678"}, "password1", "パスワード"),
    ],
)
def test_signup_errors_are_shown_on_the_field_in_japanese(client, gunma, change, field, message_ja):
    response = client.post(reverse("signup"), {**SIGNUP, **change})
    assert response.status_code == 400  # a form with errors answers 400 (core.views_helpers.submit_form)
    errors = response.context["form"].errors
    assert field in errors
    assert message_ja in " ".join(errors[field])
    assert not User.objects.exists()
    assert 'aria-invalid="true"' in response.content.decode()


def test_signup_refuses_an_existing_email_with_a_helpful_message(client, gunma):
    PersonFactory(email="hanako@example.jp")
    response = client.post("/en" + reverse("signup"), {**SIGNUP, "preferred_language": "en"})
    assert "exists already" in " ".join(response.context["form"].errors["email"])


def test_honeypot_field_stops_bots(client, gunma):
    response = client.post(reverse("signup"), {**SIGNUP, "website": "http://spam.example"})
    assert response.status_code == 400 and not User.objects.exists()


def test_login_with_email_in_any_case(client, db):
    PersonFactory(email="jiro@example.jp")
    response = client.post(reverse("login"), {"username": "JIRO@example.jp", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("me")).context["user"].email == "jiro@example.jp"


def test_me_requires_login(client, db):
    response = client.get(reverse("me"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_consent_page_toggles(client, db):
    person = PersonFactory(consents=[ConsentPurpose.TERMS])
    client.force_login(person)
    client.post(reverse("consent_change"), {"purpose": "public_profile", "granted": "1"})
    person.refresh_from_db()
    assert person.profile_public
    assert client.get(reverse("person_detail", args=[person.pk])).status_code == 200
    client.post(reverse("consent_change"), {"purpose": "public_profile", "granted": "0"})
    person.refresh_from_db()
    assert not person.profile_public
    assert client.get(reverse("person_detail", args=[person.pk])).status_code == 404


def test_public_profile_shows_only_consented_people(client, gunma):
    private = PersonFactory(consents=[ConsentPurpose.TERMS], display_name="ひみつ")
    public = PersonFactory(display_name="おおやけ", bio="桐生で活動しています")
    assert client.get(reverse("person_detail", args=[private.pk])).status_code == 404
    response = client.get(reverse("person_detail", args=[public.pk]))
    assert "おおやけ" in response.content.decode() and "桐生で活動しています" in response.content.decode()


def test_password_reset_by_email(client, db):
    import re

    from django.core import mail

    PersonFactory(email="saburo@example.jp")
    response = client.post(reverse("password_reset"), {"email": "saburo@example.jp"})
    assert response.status_code == 302 and len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "yukemuri のパスワード再設定"
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    client.post(form_page.redirect_chain[-1][0], {"new_password1": "minakami-2027-yuki", "new_password2": "minakami-2027-yuki"})
    assert client.login(username="saburo@example.jp", password="minakami-2027-yuki")
    # Unknown addresses get the same answer, and no e-mail.
    assert client.post(reverse("password_reset"), {"email": "nobody@example.jp"}).status_code == 302
    assert len(mail.outbox) == 1


def test_deleting_an_account_erases_personal_data_and_keeps_counters_exact(client, make_idea, make_issue):
    from yukemuri.ideas.models import Comment, Idea
    from yukemuri.ideas.services import comment_create, idea_follow, idea_support
    from yukemuri.issues.models import Issue
    from yukemuri.issues.services import issue_support

    leaver, stayer = PersonFactory(email="leaver@example.jp"), PersonFactory()
    idea, issue = make_idea(stayer), make_issue(stayer)
    own_idea = make_idea(leaver, title="去る人の案")
    idea_support(idea=idea, person=leaver)
    idea_follow(idea=idea, person=leaver)
    issue_support(issue=issue, person=leaver)
    comment_create(idea=idea, author=leaver, body="去る人のコメント")
    client.force_login(leaver)
    assert client.post(reverse("delete_account"), {"password": "wrong"}).status_code == 200
    assert User.objects.filter(pk=leaver.pk).exists()
    response = client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(email="leaver@example.jp").exists()
    assert not Consent.objects.filter(person_id=leaver.pk).exists()
    idea.refresh_from_db()
    assert (idea.support_count, idea.follower_count) == (0, 1) == (idea.supports.count(), 1)
    assert Issue.objects.get(pk=issue.pk).support_count == 0
    assert Idea.objects.get(pk=own_idea.pk).author is None  # the post stays, authorless
    assert Comment.objects.get(body="去る人のコメント").author is None
    page = client.get(reverse("idea_detail", args=[idea.pk])).content.decode()
    assert "去る人のコメント" in page and "削除されたアカウント" in page
    assert not client.login(username="leaver@example.jp", password=PASSWORD)


def test_age_band_is_optional_kept_and_never_on_the_public_profile(client, gunma):
    person = PersonFactory(display_name="年代テスト")
    client.force_login(person)
    form = {"display_name": "年代テスト", "preferred_language": "ja", "relation": "resident"}
    refused = client.post(reverse("me"), {**form, "age_band": "teen"})
    assert refused.status_code == 400 and 'name="age_band"' in refused.content.decode()
    person.refresh_from_db()
    assert person.age_band == ""
    assert client.post(reverse("me"), {**form, "age_band": "40s"}).status_code == 302
    person.refresh_from_db()
    assert person.age_band == "40s"
    services.profile_update(person=person, display_name="年代テスト", preferred_language="ja", relation="resident")
    person.refresh_from_db()
    assert person.age_band == "40s"  # not given: left as it was
    assert "40–49" not in client.get(reverse("person_detail", args=[person.pk])).content.decode()
