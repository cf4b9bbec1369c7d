"""The named verbs of the action stream: every write under authority says which one it is.

A verb is public when what it changes shows on pages anyone can read (the anonymous page cache must be
emptied when it commits); private verbs concern only the people involved and staff. `record` refuses a
verb that is not declared here, so the staff page's filter, the tests and the docs list every one.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Verb:
    name: str
    label: Promise
    public: bool


class UnknownVerb(ValueError):
    pass


REGISTRY: dict[str, Verb] = {}


def declare(name: str, label, *, public: bool) -> str:
    if name in REGISTRY:
        raise ValueError(f"verb {name!r} is declared twice")
    REGISTRY[name] = Verb(name, label, public)
    return name


def get(name: str) -> Verb:
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownVerb(f"unknown verb {name!r}: declare it in yukemuri/actions/verbs.py") from None


def choices() -> list[tuple[str, Promise]]:
    return [(verb.name, verb.label) for verb in REGISTRY.values()]


# Ideas (ideas/stages.py)
IDEA_STAGE_CHANGED = declare("idea.stage_changed", _("Moved an idea to another stage"), public=True)
IDEA_STATUS_CHANGED = declare("idea.status_changed", _("Paused, closed or resumed an idea"), public=True)
IDEA_PLAN_UPDATED = declare("idea.plan_updated", _("Changed an idea's plan"), public=True)
IDEA_ADOPTED = declare("idea.adopted", _("Recorded that another municipality took an idea up"), public=True)
# People (people/services.py)
ROLE_GRANTED = declare("person.role_granted", _("Granted a role"), public=False)
ROLE_REVOKED = declare("person.role_revoked", _("Revoked a role"), public=False)
ACCESS_CHANGED = declare("person.access_changed", _("Changed a person's staff access"), public=False)
EMAIL_VERIFIED = declare("person.email_verified", _("Confirmed an e-mail address"), public=False)
# Sign-in providers (oidc/services.py)
ACCOUNT_LINKED = declare("person.account_linked", _("Linked a sign-in provider"), public=False)
ACCOUNT_UNLINKED = declare("person.account_unlinked", _("Unlinked a sign-in provider"), public=False)
# Organisations (organisations/services.py)
ORGANISATION_VERIFIED = declare("organisation.verified", _("Verified an organisation"), public=True)
# Funding (funding/services.py): totals and counts of campaigns are public
CAMPAIGN_OPENED = declare("campaign.opened", _("Opened a campaign"), public=True)
CAMPAIGN_PAYMENT_CHANGED = declare("campaign.payment_changed", _("Changed where a campaign's money goes"),
                                   public=True)
PLEDGE_CONFIRMED = declare("pledge.confirmed", _("Confirmed a pledge's payment"), public=True)
PLEDGE_REFUNDED = declare("pledge.refunded", _("Refunded a pledge"), public=True)
PLEDGE_CANCELLED = declare("pledge.cancelled", _("Cancelled a pledge"), public=True)
CAMPAIGN_SETTLED = declare("campaign.settled", _("Settled a campaign"), public=True)
# Moderation (moderation/services.py)
POST_HIDDEN = declare("moderation.hidden", _("Hid a post"), public=True)
POST_RESTORED = declare("moderation.restored", _("Restored a post"), public=True)
POST_APPROVED = declare("moderation.approved", _("Approved a held post"), public=True)
POST_HELD = declare("moderation.held", _("Held a first post for review"), public=False)
REPORTS_DISMISSED = declare("moderation.dismissed", _("Dismissed the reports of a post"), public=False)
# Teams (teams/services.py): team pages are public
TEAM_MEMBER_JOINED = declare("team.member_joined", _("Joined a team"), public=True)
TEAM_MEMBER_REMOVED = declare("team.member_removed", _("Left or was removed from a team"), public=True)
TEAM_LEAD_CHANGED = declare("team.lead_changed", _("Made a team member lead, or no longer lead"), public=True)
# Applications and invitations concern the applicant and the team only (the labels are the directions' and the
# suggestions' msgids, already translated)
TEAM_APPLIED = declare("team.applied", _("applied"), public=False)
TEAM_INVITED = declare("team.invited", _("invited"), public=False)
TEAM_ANSWERED = declare("team.answered", _("Answered"), public=False)
# Events (events/services.py)
EVENT_UPDATED = declare("event.updated", _("Changed an event"), public=True)
EVENT_CANCELLED = declare("event.cancelled", _("Cancelled an event"), public=True)
EVENT_CHECKED_IN = declare("event.checked_in", _("Checked a ticket in"), public=False)
GUEST_CLAIMED = declare("guest.claimed", _("Took over what was done as a guest"), public=True)
EVENT_GUEST_CLAIMED = declare("event.guest_claimed", _("Took over registrations made as a guest"), public=False)
# Listening (listening/services.py): statements and comments show in the conversation and its report
STATEMENT_REVIEWED = declare("listening.statement_reviewed", _("Accepted or rejected a statement"), public=True)
OPINION_REVIEWED = declare("listening.opinion_reviewed", _("Accepted or removed a free comment"), public=True)
OPINIONS_IMPORTED = declare("listening.opinions_imported", _("Imported public comments"), public=True)
BALLOT_ENTERED = declare("listening.ballot_entered", _("Entered a paper ballot"), public=True)
CONVERSATION_CLOSED = declare("listening.conversation_closed", _("Closed a conversation"), public=True)
# The published table of a public-comment round (listening/tables.py): public once published, so public verbs
TABLE_DRAFTED = declare("listening.table_drafted", _("Drafted the table of comments and answers"), public=True)
TABLE_ITEM_EDITED = declare("listening.table_item_edited", _("Edited an item's summary or answer"), public=True)
TABLE_ITEM_ADDED = declare("listening.table_item_added", _("Added an item to the table of comments"), public=True)
TABLE_ITEM_DELETED = declare("listening.table_item_deleted", _("Deleted an item of the table of comments"),
                             public=True)
TABLE_ITEMS_MERGED = declare("listening.table_items_merged", _("Merged two items of the table of comments"),
                             public=True)
TABLE_COMMENT_MOVED = declare("listening.table_comment_moved", _("Moved a comment to another item"), public=True)
TABLE_PUBLISHED = declare("listening.table_published", _("Published or withdrew the table of comments"),
                          public=True)
TABLE_IMPORTED = declare("listening.table_imported", _("Imported the table of comments from a file"), public=True)
# Matching (matching/services.py): suggestions concern the person suggested and whoever asked
MATCH_SUGGESTED = declare("matching.suggested", _("Suggested openings to a person"), public=False)
MATCH_ANSWERED = declare("matching.answered", _("Answered a suggestion"), public=False)
# Points (points/services.py): a person's points concern them and the issuer's staff only
POINTS_EARNED = declare("points.earned", _("Gave points"), public=False)
POINTS_REDEEMED = declare("points.redeemed", _("Confirmed a redemption of points"), public=False)
POINTS_EXPIRED = declare("points.expired", _("Points expired"), public=False)
POINTS_REVERSED = declare("points.reversed", _("Reversed a points transaction"), public=False)

# A co-creation space's members (membership/services.py): memberships, the desk and invoices concern the member
# and the operator only
MEMBERSHIP_JOINED = declare("membership.joined", _("Signed up for a space membership"), public=False)
MEMBERSHIP_CHANGED = declare("membership.changed", _("Changed or cancelled a space membership"), public=False)
SPACE_CHECKED_IN = declare("space.checked_in", _("Checked a member in at the space's desk"), public=False)
SPACE_CHECKED_OUT = declare("space.checked_out", _("Checked a member out at the space's desk"), public=False)
INVOICES_ISSUED = declare("membership.invoices_issued", _("Issued a month's invoices of a space"), public=False)
# Help requests (help/services.py): a draft concerns its hosts only; publishing, changes and closing show on /help/
HELP_CREATED = declare("help.created", _("Drafted a help request"), public=False)
HELP_PUBLISHED = declare("help.published", _("Published a help request"), public=True)
HELP_UPDATED = declare("help.updated", _("Changed a help request"), public=True)
HELP_CLOSED = declare("help.closed", _("Closed a help request"), public=True)
HELP_SLOT_ADDED = declare("help.slot_added", _("Added a time slot to a help request"), public=True)
HELP_DISASTER_MARKED = declare("help.disaster_marked", _("Marked a help request as disaster support"), public=True)

# Ties (ties/services.py): the survey and the 関係案内人 show on the municipality's public ties page; the
# export of the people who agreed to be contacted is personal data leaving the platform
TIES_SURVEY_CHANGED = declare("ties.survey_changed", _("Changed a municipality's ties survey"), public=True)
TIES_GUIDE_CHANGED = declare("ties.guide_changed", _("Changed a municipality's ties guide"), public=True)
TIES_MEMBERS_EXPORTED = declare("ties.members_exported", _("Downloaded the people who agreed to be contacted"),
                                public=False)

# Indicators (kpi/services.py): values, targets and PDCA notes show on the public /kpi/ pages
KPI_VALUE_ENTERED = declare("kpi.value_entered", _("Entered a value of an indicator"), public=True)
KPI_TARGET_REVISED = declare("kpi.target_revised", _("Revised a target of an indicator"), public=True)
KPI_NOTE_WRITTEN = declare("kpi.note_written", _("Wrote the PDCA note of an indicator"), public=True)

# Surveys (surveys/services.py): drafts, invitations and exports concern staff and the invited; opening,
# closing, publishing results and sending free text to broad listening show on public pages
SURVEY_CREATED = declare("survey.created", _("Started a survey"), public=False)
SURVEY_EDITED = declare("survey.edited", _("Changed a survey's questions or settings"), public=False)
SURVEY_STATUS_CHANGED = declare("survey.status_changed", _("Opened or closed a survey"), public=True)
SURVEY_PUBLISHED = declare("survey.published", _("Published or withdrew a survey's results"), public=True)
SURVEY_INVITED = declare("survey.invited", _("Invited people to answer a survey"), public=False)
SURVEY_EXPORTED = declare("survey.exported", _("Downloaded a survey's anonymised answers"), public=False)
SURVEY_LISTENED = declare("survey.listened", _("Sent a survey's free-text answers to broad listening"),
                          public=True)

# Assisted participation (support/services.py): who is helped, and what was entered for them, concerns them and
# staff only; the posts themselves show as any post does
SUPPORT_PERSON_REGISTERED = declare("support.person_registered", _("Registered a person without a device"),
                                    public=False)
SUPPORT_ENTERED = declare("support.entered", _("Entered something on a person's behalf"), public=False)
SUPPORT_CLAIMED = declare("support.claimed", _("Claimed an account made by a supporter"), public=False)

# What the moderation log shows (moderation/selectors.moderation_log).
MODERATION_VERBS = (POST_HELD, POST_HIDDEN, POST_RESTORED, POST_APPROVED, REPORTS_DISMISSED)

# Co-creation spaces (space/services.py): a booking shows as taken in the public week view; the operator's
# changes to facilities, hours and closures show on /space/
SPACE_BOOKED = declare("space.booked", _("Booked a facility of a co-creation space"), public=True)
SPACE_BOOKING_CANCELLED = declare("space.booking_cancelled", _("Cancelled a booking of a facility"), public=True)
SPACE_FACILITY_CHANGED = declare("space.facility_changed", _("Changed a facility of a co-creation space"),
                                 public=True)
SPACE_HOURS_CHANGED = declare("space.hours_changed", _("Changed the opening hours of a co-creation space"),
                              public=True)
SPACE_CLOSURE_CHANGED = declare("space.closure_changed", _("Added or removed a closure of a co-creation space"),
                                public=True)
SPACE_PUBLISHED = declare("space.published", _("Published a co-creation space in the public facilities dataset"),
                          public=True)
# Consultations (consultations/services.py): private to the member, the coordinator and the space's operator
CONSULTATION_PROFILE_CHANGED = declare("consultation.profile_changed", _("Changed a coordinator's profile"),
                                       public=True)
CONSULTATION_SLOT_PUBLISHED = declare("consultation.slot_published", _("Published a consultation slot"),
                                      public=True)
CONSULTATION_SLOT_WITHDRAWN = declare("consultation.slot_withdrawn", _("Withdrew a consultation slot"),
                                      public=True)
CONSULTATION_BOOKED = declare("consultation.booked", _("Booked a consultation"), public=True)
CONSULTATION_CANCELLED = declare("consultation.cancelled", _("Cancelled a consultation"), public=True)
CONSULTATION_NOTED = declare("consultation.noted", _("Wrote a consultation's note or follow-up"), public=False)
CONSULTATION_HANDED_OFF = declare("consultation.handed_off", _("Handed a consultation on to matching or a team"),
                                  public=False)
# Official answers to issues (issues/services.py, issue 20): shown on the issue page and its card
ISSUE_ANSWERED = declare("issue.answered", _("Answered an issue officially"), public=True)
# Communities (communities/services.py): who is in a community, its organisers and linked posts show on its public
# page; a request to join and its answer concern the person and the organisers, an announcement the members
COMMUNITY_CREATED = declare("community.created", _("Started a community"), public=True)
COMMUNITY_UPDATED = declare("community.updated", _("Changed a community's description"), public=True)
COMMUNITY_JOINED = declare("community.joined", _("Joined a community"), public=True)
COMMUNITY_LEFT = declare("community.left", _("Left a community"), public=True)
COMMUNITY_JOIN_REQUESTED = declare("community.join_requested", _("Asked to join a community"), public=False)
COMMUNITY_REQUEST_DECIDED = declare("community.request_decided", _("Approved or declined a request to join"),
                                    public=False)
COMMUNITY_ROLE_CHANGED = declare("community.role_changed", _("Changed a community member's role"), public=True)
COMMUNITY_HANDED_OVER = declare("community.handed_over", _("Handed a community's organiser role over"), public=True)
COMMUNITY_POST_LINKED = declare("community.post_linked", _("Linked a post to a community"), public=True)
COMMUNITY_POST_UNLINKED = declare("community.post_unlinked", _("Unlinked a post from a community"), public=True)
COMMUNITY_ANNOUNCED = declare("community.announced", _("Sent an announcement to a community's members"),
                              public=False)
# Calls for proposals (calls/services.py): a proposal is private to staff and its proposer
CALL_PUBLISHED = declare("call.published", _("Published a call for proposals"), public=True)
CALL_CHANGED = declare("call.changed", _("Changed a call for proposals"), public=True)
CALL_DOCUMENT_ADDED = declare("call.document_added", _("Added a document to a call for proposals"), public=True)
CALL_QUESTION_ANSWERED = declare("call.question_answered", _("Answered a question about a call for proposals"),
                                 public=True)
CALL_PROPOSAL_SUBMITTED = declare("call.proposal_submitted", _("Submitted a proposal to a call"), public=False)
CALL_PROPOSAL_CHANGED = declare("call.proposal_changed", _("Changed a proposal to a call"), public=False)
CALL_SUMMARY_PUBLISHED = declare("call.summary_published", _("Published the summary of a call's proposals"),
                                 public=True)
CALL_PROPOSAL_MADE_IDEA = declare("call.proposal_made_idea", _("Made an idea of a proposal to a call"), public=True)
# Photos and files on posts (attachments/services.py): they show on the post's page and card
ATTACHMENT_ADDED = declare("attachment.added", _("Added a photo or file to a post"), public=True)
ATTACHMENT_REMOVED = declare("attachment.removed", _("Removed a photo or file from a post"), public=True)
ATTACHMENT_HIDDEN = declare("attachment.hidden", _("Hid a photo or file of a post"), public=True)
ATTACHMENT_RESTORED = declare("attachment.restored", _("Showed a hidden photo or file again"), public=True)
# Area visions (visions/services.py): the text, its stewards, updates and reviews show on /visions/
VISION_REVISED = declare("vision.revised", _("Published a new version of an area vision"), public=True)
VISION_STEWARD_NAMED = declare("vision.steward_named", _("Named a steward of an area vision"), public=True)
VISION_STEWARD_REMOVED = declare("vision.steward_removed", _("Removed a steward of an area vision"), public=True)
VISION_UPDATE_WRITTEN = declare("vision.update_written", _("Wrote a follow-up update of an area vision"), public=True)
VISION_REVIEW_SAVED = declare("vision.review_saved", _("Saved a draft of a vision's yearly review"), public=False)
VISION_REVIEW_PUBLISHED = declare("vision.review_published", _("Published a vision's yearly review"), public=True)
# Evaluating running projects (ideas/evaluation.py): outcomes and evaluations show on the idea's page
IDEA_OUTCOME_SET = declare("idea.outcome_set", _("Set an outcome an idea measures against its goal"), public=True)
IDEA_OUTCOME_MEASURED = declare("idea.outcome_measured", _("Recorded a measured value of an idea's outcome"),
                                public=True)
IDEA_EVALUATED = declare("idea.evaluated", _("Wrote an idea's yearly evaluation"), public=True)
IDEA_EVALUATION_CONFIRMED = declare("idea.evaluation_confirmed", _("Confirmed an idea's yearly evaluation as "
                                                                   "coordinator"), public=True)
