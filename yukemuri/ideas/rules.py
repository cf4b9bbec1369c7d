import rules

from yukemuri.people.rules import is_administrator, is_author, is_signed_in

rules.add_perm("ideas.add_idea", is_signed_in)
rules.add_perm("ideas.change_idea", is_signed_in & (is_author | is_administrator))
rules.add_perm("ideas.support_idea", is_signed_in)
rules.add_perm("ideas.follow_idea", is_signed_in)
rules.add_perm("ideas.add_comment", is_signed_in)
