"""Load the demo: Gunma's regions, demo people and organisations, issues, the real workshop ideas.

Each object is made once, through the same services people use, and remembered by a stable key
(DemoRecord), so loading again changes nothing.
"""

import random
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from yukemuri.demo.answers import load_answers_demo
from yukemuri.demo.attachments import load_attachments_demo
from yukemuri.demo.calls import load_calls_demo
from yukemuri.demo.communities import load_communities_demo
from yukemuri.demo.consultations import load_consultations_demo
from yukemuri.demo.creators import load_creator_demo
from yukemuri.demo.facilities import load_facilities_demo
from yukemuri.demo.help import load_help_demo
from yukemuri.demo.kpi import load_kpi_demo
from yukemuri.demo.maps import load_maps_demo
from yukemuri.demo.membership import load_membership_demo
from yukemuri.demo.space import load_space_bookings_demo, load_space_demo
from yukemuri.demo.surveys import load_survey_demo
from yukemuri.demo.ties import load_ties_demo
from yukemuri.demo.visions import load_visions_demo
from yukemuri.events import services as events
from yukemuri.events.models import EventKind
from yukemuri.funding import services as funding
from yukemuri.funding.models import Campaign
from yukemuri.ideas import milestones, stages
from yukemuri.ideas import services as ideas
from yukemuri.ideas.models import Comment, Idea, Milestone, StageChange
from yukemuri.issues import services as issues
from yukemuri.listening import report as listening_report
from yukemuri.listening import services as listening
from yukemuri.matching import services as matching
from yukemuri.matching.models import Profile
from yukemuri.organisations import services as organisations
from yukemuri.people import services as people
from yukemuri.people.models import ConsentPurpose, Role
from yukemuri.regions.loader import load_population, load_region_folder
from yukemuri.regions.models import AgeBand, Area, Municipality, PopulationCount, Prefecture
from yukemuri.startups.demo import load_startup_demo
from yukemuri.teams import services as team
from yukemuri.teams.models import RoleWanted
from yukemuri.workshops import services as workshops

from . import data
from .models import DemoRecord

GUNMA = Path(__file__).resolve().parent.parent / "regions" / "data" / "gunma"
TOKYO = ZoneInfo("Asia/Tokyo")
START = datetime(2022, 10, 1, 10, 0, tzinfo=TOKYO)


class Loader:
    def __init__(self):
        self.created = 0

    def get(self, key):
        record = DemoRecord.objects.filter(key=key).first()
        return record.target if record else None

    def once(self, key, make):
        existing = self.get(key)
        if existing is not None:
            return existing
        obj = make()
        DemoRecord.objects.create(key=key, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
        self.created += 1
        return obj

    @staticmethod
    def place(spec):
        if spec.startswith("m:"):
            return {"municipality": Municipality.objects.get(code=spec[2:])}
        if spec.startswith("a:"):
            return {"area": Area.objects.get(name=spec[2:])}
        return {"prefecture": Prefecture.objects.get(code="100005")}

    def organisations(self):
        for key, name, kind, code in data.ORGANISATIONS:
            def make(name=name, kind=kind, code=code):
                org = organisations.organisation_create(
                    name=name, kind=kind, is_demo=True,
                    municipality=Municipality.objects.filter(code=code).first() if code else None,
                    description="デモ用の団体です。実在の団体ではありません。",
                )
                org.verified = kind in ("prefecture", "municipality")
                org.save(update_fields=["verified"])
                return org
            self.once(key, make)

    def people(self):
        # A spread of ages from twenty up, so the demo shows participation by age band.
        bands, spread = AgeBand.values[1:], len(AgeBand.values) - 1
        for n, (key, email, name, relation, code, languages, skills, themes, org_key) in enumerate(data.PEOPLE):
            def make(email=email, name=name, relation=relation, code=code, languages=languages,
                     skills=skills, themes=themes, age_band=bands[n * 3 % spread]):
                municipality = Municipality.objects.get(code=code)
                person = people.person_register(
                    email=email, password=None, display_name=name, relation=relation,
                    home_municipality=municipality, is_demo=True,
                    consents={ConsentPurpose.TERMS, ConsentPurpose.PUBLIC_PROFILE, ConsentPurpose.MATCHING},
                )
                people.profile_update(
                    person=person, display_name=name, preferred_language="ja", relation=relation,
                    home_municipality=municipality, bio="デモ用のアカウントです。実在の人物ではありません。",
                    languages=languages, skill_names=skills, theme_names=themes, age_band=age_band,
                )
                return person
            person = self.once(key, make)
            if org_key:
                organisations.membership_add(organisation=self.get(org_key), person=person)
            for role in data.ROLES.get(key, ()):
                people.role_assign(person=person, role=role)

    def posts(self):
        for n, (key, title, body, place, sdgs, themes, author, org) in enumerate(data.ISSUES):
            person = self.get(author)
            organisation = self.get(org) if org else None
            if organisation:
                organisations.membership_add(organisation=organisation, person=person)
            issue = self.once(key, partial(
                issues.issue_create, author=person, title=title, body=body, place=self.place(place),
                sdg_numbers=sdgs, theme_names=themes, organisation=organisation, origin_event=self.born_at(key),
            ))
            self._backdate(issue, n)
        for n, (key, title, body, place, sdgs, themes, author, org, issue_keys) in enumerate(data.IDEAS):
            person = self.get(author)
            organisation = self.get(org) if org else None
            if organisation:
                organisations.membership_add(organisation=organisation, person=person)
            idea = self.once(key, partial(
                ideas.idea_create, author=person, title=title, body=body, place=self.place(place),
                sdg_numbers=sdgs, theme_names=themes, organisation=organisation,
                issue_ids=[self.get(k).pk for k in issue_keys], origin_event=self.born_at(key),
            ))
            self._backdate(idea, len(data.ISSUES) + n)

    def conversation(self):
        made = []
        for n, (idea_key, author, body, reply_to) in enumerate(data.COMMENTS):
            parent = made[reply_to] if reply_to is not None else None
            idea = self.get(idea_key)
            comment = self.once(f"c-{n}", partial(
                ideas.comment_create, idea=idea, author=self.get(author), body=body, parent=parent,
            ))
            when = Idea.objects.get(pk=idea.pk).created_at + timedelta(days=3 + n)
            if comment.created_at != when:
                Comment.objects.filter(pk=comment.pk).update(created_at=when)
            made.append(comment)
        for idea_key, supporters in data.SUPPORTS.items():
            for person_key in supporters:
                idea, person = self.get(idea_key), self.get(person_key)
                self.once(f"s-{idea_key}-{person_key}", partial(_support, idea, person))

    def workshops(self):
        """The nine real 未来共創ワークショップ series, each with its three sessions."""
        host = self.get("p-sato")
        kind = EventKind.objects.get(slug="workshop")
        for year, areas in data.WORKSHOP_YEARS.items():
            for i, area_name in enumerate(areas):
                area = Area.objects.get(name=area_name)
                series = self.once(f"ws-{year}-{area_name}", partial(
                    events.series_create, by=host, title=f"未来共創ワークショップ {year} {area_name}",
                    description=("公募の住民・法人、関係団体、県・市町村職員が集まり、3回のワークショップで地域の未来を"
                                 "共創します（群馬県 未来創生室）。\n\n※日程と会場はデモ用です。"),
                    place={"area": area}, organisations=[self.get("org-pref")],
                ))
                venue = Municipality.objects.filter(area=area).order_by("code").first()
                for number, title, programme in data.WORKSHOP_SESSIONS:
                    day = datetime(year, 9, 4, 13, 30, tzinfo=TOKYO) + timedelta(days=7 * i + 28 * (number - 1))
                    self.once(f"ws-{year}-{area_name}-{number}", partial(
                        events.event_create, by=host, kind=kind, series=series, session_number=number,
                        title=title, description=programme, place={"municipality": venue},
                        venue_name=f"{venue.name}内の会場（デモ）", starts_at=day, ends_at=day + timedelta(hours=3),
                        capacity=30, facilitators="群馬県 未来創生室", fee="無料", step_free=True,
                    ))

    def provenance(self):
        # Demo loaded before workshops existed: give its posts the sessions they were born at.
        for key in data.BORN_AT:
            post = self.get(key)
            if post is not None and post.origin_event_id is None:
                type(post).objects.filter(pk=post.pk).update(origin_event=self.born_at(key))

    def born_at(self, key):
        where = data.BORN_AT.get(key)
        return self.get(f"ws-{where[0]}-{where[1]}-{where[2]}") if where else None

    def diagram(self):
        host = self.get("p-sato")
        session = self.born_at("i-akiya")
        diagram = self.once("dg-akiya", partial(workshops.diagram_create, event=session, by=host, title="テーブル「空き家」"))
        for key, kind, label, post_key in data.DIAGRAM_NODES:
            node = self.once(key, partial(workshops.node_add, diagram=diagram, by=host, kind=kind, label=label))
            if post_key:
                field = "promoted_issue" if kind == "problem" else "promoted_idea"
                if getattr(node, f"{field}_id") is None:
                    setattr(node, field, self.get(post_key))
                    node.save(update_fields=[field])
        for source, target, kind in data.DIAGRAM_EDGES:
            self.once(f"{source}>{target}", partial(workshops.edge_add, diagram=diagram, by=host,
                                                    source=self.get(source), target=self.get(target), kind=kind))

    def upcoming(self):
        host = self.get("p-sato")
        venue, address, lat, lon = data.NETSUGEN
        maebashi = Municipality.objects.get(code="102016")
        today = datetime.now(TOKYO).replace(minute=0, second=0, microsecond=0)
        for n, (kind, title, days, (start, end), capacity) in enumerate(data.UPCOMING):
            day = today + timedelta(days=days)
            self.once(f"ev-{n}", partial(
                events.event_create, by=host, kind=EventKind.objects.get(slug=kind), title=title,
                description="デモ用のイベントです。官民共創スペースで開く催しの例。", place={"municipality": maebashi},
                venue_name=venue, address=address, latitude=lat, longitude=lon,
                starts_at=day.replace(hour=start), ends_at=day.replace(hour=end), capacity=capacity, fee="無料",
                step_free=True, easy_japanese=kind == "talk",
                interpretation=["Tiếng Việt", "Português"] if kind == "talk" else [],
                access="JR前橋駅からバス「県庁前」下車すぐ", organisations=[self.get("org-pref")],
            ))

    def implementation(self):
        """Give the workshop ideas believable ways: teams, plans, money, milestones, stages, dated as they happened."""
        staff = self.get("p-sato")
        people.role_assign(person=staff, role=Role.MUNICIPAL_STAFF)
        for key, spec in data.IMPLEMENTATION.items():
            idea = self.get(key)
            if idea is not None and self.get(f"way-{key}") is None:
                self.once(f"way-{key}", partial(self._way, idea, spec, staff))

    def _way(self, idea, spec, staff):
        lead = idea.author
        start = timezone.localtime(idea.created_at)
        for kind, skills, count, description in spec["roles"]:
            role = team.role_open(idea=idea, by=lead, kind=kind, skill_names=skills, count=count,
                                  description=description)
            RoleWanted.objects.filter(pk=role.pk).update(opened_at=start + timedelta(days=40))
        for person_key, kind in spec["members"]:
            role = team.role_open(idea=idea, by=lead, kind=kind)
            team.answer(application=team.apply(role=role, person=self.get(person_key)), by=lead, accept=True)
        if spec["plan"]:
            goal, first_step, resources = spec["plan"]
            stages.plan_update(idea=idea, by=lead, goal=goal, first_step=first_step, resources=resources,
                               municipal_partner=self.get(spec["partner"]), budget_line=spec["budget"],
                               pilot_starts_on=date.fromisoformat(spec["pilot"]) if spec["pilot"] else None)
        for code, day in spec["adoptions"]:
            stages.adoption_add(idea=idea, by=lead, municipality=Municipality.objects.get(code=code),
                                adopted_on=date.fromisoformat(day))
        for title, due, done in spec["milestones"]:
            milestone = milestones.milestone_add(idea=idea, by=lead, title=title, due_on=date.fromisoformat(due))
            if done:
                Milestone.objects.filter(pk=milestone.pk).update(done_on=milestone.due_on)
        campaign = self._campaign(idea, spec["campaign"], lead, staff) if spec["campaign"] else None
        for stage, day in spec["moves"]:
            if stage == "pilot" and campaign is not None:
                self._settle(campaign, spec["campaign"][4])
            change = stages.move(idea=idea, by=lead, to=stage, reason="")
            when = _day(day, timezone.now() - timedelta(days=5))
            StageChange.objects.filter(pk=change.pk).update(at=when)
            Idea.objects.filter(pk=idea.pk).update(stage_changed_at=when)
        return idea

    def _campaign(self, idea, spec, lead, staff):
        title, purpose, goal, opened, deadline, pledges = spec
        campaign = funding.campaign_create(idea=idea, by=lead, title=title, purpose=purpose, goal_yen=goal,
                                           deadline=timezone.now() + timedelta(days=30), **data.DEMO_PAYMENT)
        for person_key, amount in pledges:
            pledge = funding.pledge_create(campaign=campaign, supporter=self.get(person_key), amount_yen=amount)
            funding.pledge_confirm(pledge=pledge, by=staff)
        Campaign.objects.filter(pk=campaign.pk).update(created_at=_day(opened, timezone.now() - timedelta(days=6)))
        if deadline == "future":
            Campaign.objects.filter(pk=campaign.pk).update(deadline=timezone.now() + timedelta(days=24))
        campaign.refresh_from_db()
        return campaign

    @staticmethod
    def _settle(campaign, deadline):
        """The campaign ended on its (past) demo deadline: move the deadline there and settle."""
        end = _day(deadline, None) + timedelta(hours=13, minutes=59, seconds=59)
        Campaign.objects.filter(pk=campaign.pk).update(deadline=end)
        campaign.refresh_from_db()
        funding.campaign_settle(campaign, now=end + timedelta(seconds=1))
        Campaign.objects.filter(pk=campaign.pk).update(settled_at=end)

    def payment_details(self):
        """Demo campaigns loaded before campaigns had payment details get the demo ones."""
        ideas_ = [self.get(key) for key in data.IMPLEMENTATION]
        Campaign.objects.filter(idea__in=[idea for idea in ideas_ if idea is not None], bank_name="",
                                payment_instructions="").update(**data.DEMO_PAYMENT)

    def matching(self):
        for key, (km, online, slots, capacity) in data.MATCHING_PROFILES.items():
            Profile.objects.get_or_create(person=self.get(key), defaults={
                "travel_km": km, "online_only": online, "availability": slots, "capacity": capacity})
        title, description, code, place, tasks = data.VOLUNTEER_DAY
        day = (timezone.localdate() + timedelta(days=40))
        day += timedelta(days=(5 - day.weekday()) % 7)  # a Saturday
        self.once("vday-akiya", partial(
            matching.volunteer_day_create, by=self.get("p-sato"), title=title, description=description, date=day,
            municipality=Municipality.objects.get(code=code), place=place, tasks=tasks))

    def listening(self):
        title, question, seeds = data.CONVERSATION
        conversation = self.once("conv-akiya", partial(
            listening.conversation_create, by=self.get("p-sato"), title=title, question=question, seeds=seeds,
            issue=self.get("i-akiya"), demographics=["age_band", "resident"], collect_opinions=True))
        if conversation.participants.exists():
            return
        rng = random.Random(2023)
        statements = list(conversation.statements.order_by("pk"))
        for size, agrees in data.CONVERSATION_CAMPS:
            for _n in range(size):
                participant = listening.participant_for(conversation, key=None)
                for statement, p_agree in zip(statements, agrees, strict=True):
                    if rng.random() < 0.15:
                        continue  # not every statement is seen
                    roll = rng.random()
                    value = 1 if roll < p_agree else (0 if roll < p_agree + 0.1 else -1)
                    listening.vote(participant=participant, statement=statement, value=value)
        listening_report.refresh(conversation)

    @staticmethod
    def _backdate(post, n):
        # Spread the demo over the workshop years so lists look like a living site, not one instant.
        when = START + timedelta(days=23 * n)
        if post.created_at != when:
            type(post).objects.filter(pk=post.pk).update(created_at=when)
            if isinstance(post, Idea) and post.stage == "seed":
                Idea.objects.filter(pk=post.pk).update(stage_changed_at=when)


def _points(loader) -> None:
    """幸福ポイント (デモ): 嬬恋村 issues points for help with the cabbage harvest and snow clearing; a farm shop there
    takes them. The keys make a second load give nothing twice."""
    from yukemuri.points import services as points
    from yukemuri.points.models import Account

    tsumagoi = Municipality.objects.get(code="104256")
    issuer = Account.objects.filter(kind=Account.Kind.ISSUER, municipality=tsumagoi).first() or points.issuer_open(
        by=None, name="嬬恋村 幸福ポイント（デモ）", municipality=tsumagoi, expiry_months=12, demo=True)
    shop = loader.once("org-points-shop", lambda: organisations.organisation_create(
        name="嬬恋高原 キャベツ直売所（デモ）", kind="company", is_demo=True, municipality=tsumagoi,
        description="デモ用の団体です。実在の団体ではありません。"))
    merchant = Account.objects.filter(kind=Account.Kind.MERCHANT, organisation=shop).first() or points.merchant_open(
        by=None, organisation=shop, demo=True)
    clerk = loader.get("p-misaki")
    if not shop.memberships.filter(person=clerk).exists():
        organisations.membership_add(organisation=shop, person=clerk)
    for key, person, amount, reason in data.POINTS:
        points.earn(issuer=issuer, person=loader.get(person), amount=amount, reason=reason, key=f"demo:{key}",
                    by=None)
    for key, person, amount, note in data.POINT_REDEMPTIONS:
        # As at the counter: the person offers at the shop's code, the clerk confirms (both sides agree).
        def offered(person=person, amount=amount, note=note):
            return points.redemption_ask_merchant(person=loader.get(person), merchant_code=merchant.code,
                                                  amount=amount, note=note)
        redemption = loader.once(f"demo:{key}", offered)
        if redemption.status == redemption.Status.PENDING:
            points.redemption_answer(redemption=redemption, by=clerk, accept=True)


def _day(text, default):
    """A demo date at 10:00 in Japan; "recent" and "future" mean around now."""
    if text in ("recent", "future"):
        return default
    return datetime.combine(date.fromisoformat(text), time(10, 0), tzinfo=TOKYO)


def _support(idea, person):
    ideas.idea_support(idea=idea, person=person, supported=True)
    return idea.supports.get(person=person)


def load_demo() -> int:
    """Load everything; returns how many demo objects were created (0 when already loaded)."""
    load_region_folder(GUNMA)
    if not PopulationCount.objects.exists():
        load_population((GUNMA / "population.csv").read_bytes(),
                        source="demo: approximate figures (regions/data/gunma/README.md)")
    loader = Loader()
    with override_settings(YUKEMURI={**settings.YUKEMURI, "HOLD_FIRST_POSTS": 0}), transaction.atomic():
        loader.organisations()
        loader.people()
        loader.workshops()
        loader.posts()
        load_maps_demo(loader.get, loader.once)  # 地図 (yukemuri/demo/maps.py): boundaries, points, a 広域 issue
        loader.provenance()
        load_answers_demo(loader.get, loader.once)  # 公式回答 (yukemuri/demo/answers.py), after the issues
        loader.diagram()
        loader.upcoming()
        loader.implementation()
        loader.payment_details()
        loader.matching()
        loader.listening()
        loader.created += load_startup_demo(loader.get) + load_creator_demo(loader.get)
        loader.conversation()
        _points(loader)
        load_ties_demo(loader.get, loader.once)
        loader.created += load_facilities_demo()  # 公共施設一覧 (yukemuri/demo/facilities.py)
        load_help_demo(loader)  # お手伝い募集 (yukemuri/demo/help.py), after the points: 嬬恋村's issuer thanks helpers
        load_survey_demo(loader.get, loader.once)  # アンケート (yukemuri/demo/surveys.py): the well-being survey
        load_space_demo(loader.get, loader.once)  # 共創スペース NETSUGEN (yukemuri/demo/space.py)
        load_membership_demo(loader.get, loader.once)  # its plans, members, visits, invoices (demo/membership.py)
        load_space_bookings_demo(loader.get, loader.once)  # rooms booked by those members (only members book)
        load_consultations_demo(loader.get, loader.once)  # its coordinators, slots, a consultation (demo/consultations.py)
        load_communities_demo(loader.get, loader.once)  # コミュニティ: 北群馬渋川 and a group on 空き家 (demo/communities.py)
        load_calls_demo(loader.get, loader.once)  # 公募: サウンディング (yukemuri/demo/calls.py), before the KPIs count them
        load_attachments_demo(loader.get, loader.once)  # 写真: a few posts with photos (yukemuri/demo/attachments.py)
        load_visions_demo(loader.get, loader.once)  # 地域別将来ビジョン and one evaluated idea (demo/visions.py)
        loader.created += load_kpi_demo(loader.get("p-sato"), loader.get)  # 指標 (yukemuri/demo/kpi.py), last: it counts the rest
    return loader.created
