"""Who may do what with surveys (django-rules; docs/decisions/0011-permissions.md).

Surveys are written, opened, closed, sent out and exported by the platform's staff and the people who run
its programmes (coordinators, municipal staff, administrators), as broad listening's conversations are.
Results are theirs while the survey runs, and everyone's once it is closed and its results are published.
"""

import rules

from yukemuri.people.rules import is_administrator, is_coordinator, is_municipal_staff, is_signed_in

runs_surveys = is_signed_in & (rules.is_staff | is_coordinator | is_municipal_staff | is_administrator)


@rules.predicate
def results_are_public(user, survey) -> bool:
    return bool(survey is not None and survey.results_public)


rules.add_perm("surveys.manage", runs_surveys)
rules.add_perm("surveys.view_results", runs_surveys | results_are_public)
# The anonymised answers as CSV: staff only, and every download is recorded.
rules.add_perm("surveys.export_answers", runs_surveys)
