import rules

from yukemuri.people.rules import is_administrator, is_author, is_coordinator, is_municipal_staff, is_signed_in


@rules.predicate
def leads_team(user, idea) -> bool:
    # Teams are built on ideas, so ideas does not import them: the teams app names this rule (teams/rules.py).
    return idea is not None and rules.test_rule("teams.leads_team", user, idea)


can_steer = is_signed_in & (leads_team | is_coordinator | is_municipal_staff | is_administrator)

rules.add_perm("ideas.add_idea", is_signed_in)
rules.add_perm("ideas.change_idea", is_signed_in & (is_author | is_administrator))
rules.add_perm("ideas.support_idea", is_signed_in)
rules.add_perm("ideas.follow_idea", is_signed_in)
rules.add_perm("ideas.add_comment", is_signed_in)
rules.add_perm("ideas.move_idea", can_steer)
# Why a moderator hid a comment is shown to its author (the thread shows the others only that it was hidden).
rules.add_perm("ideas.see_hiding_reason", is_signed_in & is_author)
# Evaluating running projects (ideas/evaluation.py): the team writes, a coordinator or staff confirms.
rules.add_perm("ideas.evaluate_idea", can_steer)
rules.add_perm("ideas.confirm_evaluation", is_signed_in & (is_coordinator | is_municipal_staff | is_administrator))
