"""Calls' rules in the services: who publishes, the deadline on the server's clock, files by content, ideas."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from yukemuri.actions.models import Action
from yukemuri.calls import services
from yukemuri.calls.models import Call, Proposal
from yukemuri.ideas.models import Idea
from yukemuri.teams.models import TeamMember

from .factories import close, pdf, propose


def test_only_staff_publish_and_the_deadline_must_be_ahead(w):
    with pytest.raises(PermissionDenied):
        services.call_publish(by=w.proposer, kind="sounding", title="t", purpose="p", questions="q",
                              deadline=timezone.now() + timedelta(days=1))
    with pytest.raises(ValidationError) as caught:
        services.call_publish(by=w.staff, kind="sounding", title="t", purpose="p", questions=" \n ",
                              deadline=timezone.now() - timedelta(days=1))
    assert set(caught.value.message_dict) == {"questions", "deadline"}
    assert w.call.question_list == ["活用の内容", "事業の体制"]
    assert timezone.is_aware(w.call.deadline)


def test_a_proposal_is_for_an_organisation_the_submitter_belongs_to(w):
    with pytest.raises(ValidationError) as caught:
        services.proposal_submit(call=w.call, by=w.outsider, organisation=w.company, answers=[("案", False)])
    assert "organisation" in caught.value.message_dict
    proposal = propose(w)
    assert proposal.rows() == [("活用の内容", "カフェとコワーキングに改修します", False),
                               ("事業の体制", "賃料は月5万円を想定", True)]
    with pytest.raises(ValidationError):  # one per organisation: the colleague edits it instead
        services.proposal_submit(call=w.call, by=w.colleague, organisation=w.company, answers=[("別案", False)])
    with pytest.raises(PermissionDenied):  # and only the submitter edits it
        services.proposal_update(proposal=proposal, by=w.colleague, answers=[("変更", False)])


def test_files_are_pdfs_by_content_and_at_most_10_mb_and_stored_under_random_names(w, media):
    proposal = propose(w)
    stored = proposal.files.get()
    assert stored.original_name == "plan.pdf" and stored.confidential
    assert stored.file.name.startswith("calls/proposals/") and "plan" not in stored.file.name
    assert (media / stored.file.name).read_bytes().startswith(b"%PDF-")
    with pytest.raises(ValidationError) as caught:
        services.proposal_update(proposal=proposal, by=w.proposer, answers=[("案", False)],
                                 files=[(pdf("evil.pdf", b"MZ\x90\x00 not a pdf"), False)])
    assert "files" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.document_add(call=w.call, by=w.staff, title="要項",
                              file=pdf("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)))
    assert "file" in caught.value.message_dict


def test_submissions_and_edits_close_at_the_deadline(w):
    proposal = propose(w)
    close(w.call)
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        services.proposal_update(proposal=Proposal.objects.get(pk=proposal.pk), by=w.proposer,
                                 answers=[("遅れた変更", False)])
    assert "deadline" in " ".join(caught.value.messages)
    other = type(w.company).objects.create(name="別会社", kind="company")
    other.memberships.create(person=w.outsider)
    with pytest.raises(ValidationError):
        services.proposal_submit(call=w.call, by=w.outsider, organisation=other, answers=[("遅い", False)])
    assert Proposal.objects.get(pk=proposal.pk).answers[0]["text"] == "カフェとコワーキングに改修します"


def test_the_summary_waits_for_the_deadline(w):
    with pytest.raises(PermissionDenied):
        services.summary_publish(call=w.call, by=w.staff, summary="まとめ", decision="")
    close(w.call)
    call = services.summary_publish(call=w.call, by=w.staff, summary="2社から提案", decision="事業者を公募します")
    assert call.has_summary and call.decision == "事業者を公募します"


def test_a_proposal_becomes_an_idea_once_with_its_submitter_on_the_team(w):
    proposal = propose(w)
    with pytest.raises(PermissionDenied):  # before the deadline it would publish the proposal
        services.proposal_to_idea(proposal=proposal, by=w.staff)
    close(w.call)
    with pytest.raises(PermissionDenied):
        services.proposal_to_idea(proposal=proposal, by=w.proposer)
    idea = services.proposal_to_idea(proposal=proposal, by=w.staff)
    again = services.proposal_to_idea(proposal=Proposal.objects.get(pk=proposal.pk), by=w.staff)
    assert again == idea and Idea.objects.count() == 1
    assert TeamMember.objects.filter(idea=idea, person=w.proposer).exists()
    assert "カフェ" in idea.body and "賃料" not in idea.body  # the confidential answer stays out
    assert Action.objects.filter(verb="call.proposal_made_idea").count() == 1


def test_questions_are_published_when_answered(w):
    question = services.question_ask(call=w.call, by=w.outsider, text="駐車場はありますか")
    assert question.answered_at is None
    with pytest.raises(PermissionDenied):
        services.question_answer(question=question, by=w.outsider, answer="はい")
    answered = services.question_answer(question=question, by=w.staff, answer="10台分あります")
    assert answered.answered_at is not None


def test_a_call_can_concern_an_issue(w, make_issue):
    issue = make_issue(w.proposer)
    call = services.call_update(call=w.call, by=w.staff, kind=Call.Kind.PROPOSAL, title=w.call.title,
                                purpose=w.call.purpose, questions=w.call.questions, deadline=w.call.deadline,
                                issue=issue)
    assert call.issue == issue
    action = Action.objects.filter(verb="call.changed").get()
    assert action.data["kind"] == {"old": "sounding", "new": "proposal"} and action.data["issue"]["new"] == issue.pk
