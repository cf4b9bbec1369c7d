"""The five entity types the NGSI-LD API serves, built from the public selectors of their apps.

Attribute names follow smart-data-models where a model exists (PointOfInterest for PublicFacility,
KeyPerformanceIndicator, schema.org's Event names), and say plainly what they hold elsewhere. Only public rows
and no personal data: no author, no contact person, no registrations. Issues and ideas have no place of their
own: their `location` is their municipality's, and `locationPrecision` says so.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.db.models import Prefetch, Q

from yukemuri.core.text import id_from
from yukemuri.events.selectors import event_list
from yukemuri.facilities.selectors import facility_list
from yukemuri.ideas.selectors import idea_list
from yukemuri.issues.models import Issue
from yukemuri.issues.selectors import issue_list
from yukemuri.kpi.models import Indicator
from yukemuri.kpi.selectors import indicator_list, values_of

DAYS = {"月": "Monday", "火": "Tuesday", "水": "Wednesday", "木": "Thursday", "金": "Friday", "土": "Saturday",
        "日": "Sunday"}


def prop(value):
    return {"type": "Property", "value": value}


def when(moment) -> dict | None:
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return prop({"@type": "DateTime", "@value": moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")})
    if isinstance(moment, date):
        return prop({"@type": "Date", "@value": moment.isoformat()})
    return None


def point(latitude, longitude) -> dict | None:
    if latitude is None or longitude is None:
        return None
    return {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [round(longitude, 6),
                                                                              round(latitude, 6)]}}


def postal(prefecture, municipality, street: str = "") -> dict:
    """schema.org PostalAddress, as smart-data-models' `address`."""
    value = {"addressCountry": "JP", "addressRegion": prefecture.name if prefecture else ""}
    if municipality is not None:
        value["addressLocality"] = municipality.name
    if street:
        value["streetAddress"] = street
    return prop(value)


def _clean(attrs: dict) -> dict:
    """Drop empty attributes: NGSI-LD has no null values, an attribute is there or it is not."""
    return {name: value for name, value in attrs.items()
            if value is not None and not (value.get("type") == "Property" and value.get("value") in ("", [], None))}


@dataclass
class EntityType:
    """One entity type: where its rows come from, how a row becomes an entity, and how q and geo queries
    reach the database. `fields` maps an attribute (or `attr.sub`, `attr[sub]`) to a database path; q terms on
    other attributes are checked on the built entities instead (slower, still correct)."""

    name: str
    fields: dict[str, str]
    geo: tuple[str, str]  # the database paths of latitude and longitude
    attributes: list[str]
    always: set[str] = field(default_factory=set)  # attributes every entity of the type has

    def urn(self, pk) -> str:
        return f"urn:ngsi-ld:{self.name}:{pk}"

    def queryset(self):
        raise NotImplementedError

    def build(self, obj, base: str) -> dict:
        raise NotImplementedError

    def entity(self, obj, base: str) -> dict:
        return {"id": self.urn(obj.pk), "type": self.name, **_clean(self.build(obj, base))}

    def has(self, attribute: str) -> Q | None:
        """A filter for the entities that have `attribute` (None: every entity has it)."""
        if attribute in self.always:
            return None
        if attribute == "location":
            return Q(**{f"{self.geo[0]}__isnull": False, f"{self.geo[1]}__isnull": False})
        return False  # unknown to the database: decided on the built entities


class EventType(EntityType):
    def queryset(self):
        return event_list().defer("description_html").order_by("pk")

    def build(self, e, base):
        return {
            "name": prop(e.title), "alternateName": prop(e.title_en), "description": prop(e.description),
            "category": prop([e.kind.slug]), "eventStatus": prop(e.status),
            "startDate": when(e.starts_at), "endDate": when(e.ends_at),
            "location": point(e.latitude, e.longitude), "locationName": prop(e.venue_name),
            "address": postal(e.prefecture, e.municipality, e.address),
            "municipalityCode": prop(e.municipality.code if e.municipality_id else e.prefecture.code),
            "maximumAttendeeCapacity": prop(e.capacity), "organizer": prop(e.organiser_name),
            "isAccessibleForFree": prop(e.fee in ("無料", "0", "")), "url": prop(base + e.get_absolute_url()),
            "dateCreated": when(e.created_at),
        }


class FacilityType(EntityType):
    def queryset(self):
        return facility_list().order_by("pk")

    def build(self, f, base):
        hours = None
        if f.opens_at or f.closes_at:
            spec = {key: value.strftime("%H:%M") for key, value in (("opens", f.opens_at), ("closes", f.closes_at))
                    if value}
            days = [DAYS[c] for c in f.open_days if c in DAYS]
            if days:
                spec["dayOfWeek"] = days
            hours = prop([spec])
        contact = {key: value for key, value in (("telephone", f.phone), ("url", f.url)) if value}
        return {
            "name": prop(f.name), "alternateName": prop(f.name_en), "description": prop(f.description),
            "category": prop([f.category] if f.category else []), "localId": prop(f.source_id),
            "location": point(f.latitude, f.longitude),
            "address": postal(f.prefecture, f.municipality, f.full_address),
            "municipalityCode": prop(f.municipality.code if f.municipality_id else f.prefecture.code),
            "publisherCode": prop(f.owner_code), "contactPoint": prop(contact or None),
            "openingHoursSpecification": hours, "openingHoursNote": prop(f.hours_note),
            "accessibility": prop(f.accessibility), "source": prop(base + f.get_absolute_url()),
            "dateModified": when(f.updated_at),
        }


def _post(p, base) -> dict:
    municipality = p.municipality
    return {
        "name": prop(p.title), "description": prop(p.body), "status": prop(p.status),
        "location": point(municipality.latitude, municipality.longitude) if municipality else None,
        "locationPrecision": prop("municipality") if municipality and municipality.latitude is not None else None,
        "address": postal(p.prefecture, municipality),
        "municipalityCode": prop(municipality.code if municipality else p.prefecture.code),
        "areaName": prop(p.area.name if p.area_id else ""), "sdgs": prop([g.number for g in p.sdgs.all()]),
        "supportCount": prop(p.support_count), "url": prop(base + p.get_absolute_url()),
        "dateCreated": when(p.created_at), "dateModified": when(p.updated_at),
    }


class IssueType(EntityType):
    def queryset(self):
        return issue_list().defer("body_html", "search_text").order_by("pk")

    def build(self, issue, base):
        return _post(issue, base)


class IdeaType(EntityType):
    def queryset(self):
        return idea_list().defer("body_html", "search_text").prefetch_related(
            Prefetch("issues", queryset=Issue.objects.published().only("pk"), to_attr="public_issues")
        ).order_by("pk")

    def build(self, idea, base):
        issues = [ISSUE.urn(issue.pk) for issue in idea.public_issues]
        return {
            **_post(idea, base), "stage": prop(idea.stage),
            "refRegionalIssue": {"type": "Relationship", "object": issues[0] if len(issues) == 1 else issues}
            if issues else None,
        }


class IndicatorType(EntityType):
    def queryset(self):
        return indicator_list().order_by("pk")

    def build(self, k, base):
        latest = [v for v in values_of(k) if not v.split and not v.area]
        latest = max(latest, key=lambda v: v.year) if latest else None
        period = None
        if latest is not None:
            start = date(latest.year, 4, 1) if k.fiscal_years else date(latest.year, 1, 1)
            end = date(latest.year + 1, 3, 31) if k.fiscal_years else date(latest.year, 12, 31)
            period = prop({"from": start.isoformat(), "to": end.isoformat()})
        targets = [{"year": t.year, "value": float(t.value) if t.value is not None else None,
                    "comparison": t.comparison, "qualitative": t.qualitative} for t in k.targets.all() if not t.split]
        return {
            "name": prop(k.name), "alternateName": prop(k.name_en), "category": prop(["quantitative"]),
            "kpiValue": prop(float(latest.value)) if latest else None, "calculationPeriod": period,
            "calculationMethod": prop(k.method), "unit": prop(k.unit), "source": prop(k.source),
            "sdgGoals": prop([n for part in k.sdg_goals.replace("、", ",").split(",")
                              if (n := id_from(part.strip())) is not None]),
            "cumulative": prop(k.cumulative), "businessTargets": prop(targets),
            "url": prop(f"{base}/kpi/{k.slug}/"), "localId": prop(k.slug),
        }


POST_FIELDS = {"name": "title", "status": "status", "municipalityCode": "municipality__code",
               "areaName": "area__name", "supportCount": "support_count", "dateCreated": "created_at",
               "dateModified": "updated_at", "sdgs": "sdgs__number",
               "address.addressLocality": "municipality__name", "address[addressLocality]": "municipality__name"}
POST_ATTRIBUTES = ["name", "description", "status", "location", "locationPrecision", "address", "municipalityCode",
                   "areaName", "sdgs", "supportCount", "url", "dateCreated", "dateModified"]
POST_ALWAYS = {"name", "description", "status", "address", "municipalityCode", "supportCount", "url",
               "dateCreated", "dateModified"}

EVENT = EventType(
    "Event",
    {"name": "title", "category": "kind__slug", "eventStatus": "status", "startDate": "starts_at",
     "endDate": "ends_at", "maximumAttendeeCapacity": "capacity", "municipalityCode": "municipality__code",
     "dateCreated": "created_at", "address.addressLocality": "municipality__name",
     "address[addressLocality]": "municipality__name"},
    ("latitude", "longitude"),
    ["name", "alternateName", "description", "category", "eventStatus", "startDate", "endDate", "location",
     "locationName", "address", "municipalityCode", "maximumAttendeeCapacity", "organizer", "isAccessibleForFree",
     "url", "dateCreated"],
    {"name", "category", "eventStatus", "startDate", "endDate", "address", "isAccessibleForFree", "url",
     "dateCreated"})
FACILITY = FacilityType(
    "PublicFacility",
    {"name": "name", "category": "category", "localId": "source_id", "municipalityCode": "municipality__code",
     "publisherCode": "owner_code", "dateModified": "updated_at", "address.addressLocality": "municipality__name",
     "address[addressLocality]": "municipality__name"},
    ("latitude", "longitude"),
    ["name", "alternateName", "description", "category", "localId", "location", "address", "municipalityCode",
     "publisherCode", "contactPoint", "openingHoursSpecification", "openingHoursNote", "accessibility", "source",
     "dateModified"],
    {"name", "localId", "address", "municipalityCode", "publisherCode", "source", "dateModified"})
ISSUE = IssueType("RegionalIssue", POST_FIELDS, ("municipality__latitude", "municipality__longitude"),
                  POST_ATTRIBUTES, POST_ALWAYS)
IDEA = IdeaType("Idea", {**POST_FIELDS, "stage": "stage"}, ("municipality__latitude", "municipality__longitude"),
                [*POST_ATTRIBUTES, "stage", "refRegionalIssue"], {*POST_ALWAYS, "stage"})
KPI = IndicatorType(
    "KeyPerformanceIndicator", {"name": "name", "calculationMethod": "method", "localId": "slug", "unit": "unit"},
    ("", ""),
    ["name", "alternateName", "category", "kpiValue", "calculationPeriod", "calculationMethod", "unit", "source",
     "sdgGoals", "cumulative", "businessTargets", "url", "localId"],
    {"name", "category", "calculationMethod", "cumulative", "url", "localId"})

TYPES: dict[str, EntityType] = {t.name: t for t in (EVENT, FACILITY, ISSUE, IDEA, KPI)}
MODELS = {"events.Event": EVENT, "facilities.PublicFacility": FACILITY, "issues.Issue": ISSUE, "ideas.Idea": IDEA,
          "kpi.Indicator": KPI}


def all_attributes() -> dict[str, list[str]]:
    """{attribute: the types that have it}."""
    found: dict[str, list[str]] = {}
    for entity_type in TYPES.values():
        for name in entity_type.attributes:
            found.setdefault(name, []).append(entity_type.name)
    return dict(sorted(found.items()))


__all__ = ["MODELS", "TYPES", "Indicator", "all_attributes"]
