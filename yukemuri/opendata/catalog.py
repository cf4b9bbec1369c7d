"""データカタログ — the catalogue of every public dataset, as DCAT 3 (rdflib) and as CKAN packages.

One list of `Dataset`s feeds both the DCAT graph (/catalog.ttl, /catalog.jsonld) and the CKAN action API
(/api/3/action/…), so a harvester reading either sees the same datasets, files and dates
(docs/decisions/0019-dcat-ckan.md). Dates come from the data (first and last row), files are the addresses
the site already serves.
"""

import time
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from yukemuri.core.pagecache import generation
from yukemuri.events.selectors import event_list
from yukemuri.facilities.selectors import facility_list
from yukemuri.ideas.selectors import idea_list
from yukemuri.issues.selectors import issue_list
from yukemuri.listening.models import Conversation
from yukemuri.regions.models import Municipality, Prefecture
from yukemuri.startups.selectors import startup_list

CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_ID = "cc-by-4.0"  # CKAN's id of the same licence (ckan/model/license.py)
THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
MEDIA_TYPES = {"CSV": "text/csv", "JSON": "application/json"}
IANA = "https://www.iana.org/assignments/media-types/"
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
# The EU data themes (DCAT-AP's controlled vocabulary for dcat:theme), with their English labels.
THEMES = {"REGI": "Regions and cities", "GOVE": "Government and public sector", "SOCI": "Population and society",
          "ECON": "Economy and finance", "EDUC": "Education, culture and sport"}


@dataclass
class Distribution:
    format: str  # "CSV" or "JSON"
    url: str

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


@dataclass
class Dataset:
    """A dataset of the catalogue: `name` is its CKAN name and the tail of its DCAT identifier."""

    name: str
    title_ja: str
    title_en: str
    notes_ja: str
    notes_en: str
    keywords: list[str]
    themes: list[str]
    page: str  # the human page (dcat:landingPage)
    distributions: list[Distribution]
    spatial: list[tuple[str, str]] = field(default_factory=list)  # (municipality or prefecture code, name)
    issued: datetime | None = None
    modified: datetime | None = None
    count: int = 0


def _span(queryset, first="created_at", last="created_at"):
    found = queryset.order_by().aggregate(first=Min(first), last=Max(last))
    return found["first"], found["last"] or found["first"]


def _prefecture():
    return Prefecture.objects.order_by("code").first()


def datasets(base: str) -> list[Dataset]:
    """Every public dataset. The titles and descriptions are catalogue data in both languages at once (a
    harvester reads both from one answer), so they are written here rather than translated per request."""
    prefecture = _prefecture()
    everywhere = [(prefecture.code, prefecture.name)] if prefecture else []
    found = []

    issues = issue_list()
    first, last = _span(issues, last="updated_at")
    found.append(Dataset(
        "issues", "地域課題一覧", "Regional issues",
        "住民・事業者・自治体が投稿した地域課題（公開分）。", "Regional problems posted by residents, companies "
        "and municipalities (the published ones), with their area, municipality, SDGs and status.",
        ["地域課題", "regional issues", "SDGs"], ["REGI", "SOCI"], base + reverse("issue_list"),
        [Distribution("CSV", base + reverse("opendata_issues")), Distribution("JSON", base + "/api/v1/issues")],
        everywhere, first, last, issues.count()))

    ideas = idea_list()
    first, last = _span(ideas, last="updated_at")
    found.append(Dataset(
        "ideas", "共創アイデア一覧", "Co-creation ideas",
        "地域課題に応えるアイデアと、その段階・進捗・資金。", "Ideas answering the regional issues, with their "
        "stage, progress, next milestone and money received.",
        ["共創", "co-creation", "ideas", "SDGs"], ["REGI", "GOVE"], base + reverse("idea_list"),
        [Distribution("CSV", base + reverse("accountability_csv")), Distribution("JSON", base + "/api/v1/ideas")],
        everywhere, first, last, ideas.count()))

    events = event_list()
    first, last = _span(events)
    found.append(Dataset(
        "events", "イベント一覧", "Events",
        "自治体標準オープンデータセット「イベント一覧」の形式によるイベント。", "Events in the format of the "
        "Digital Agency's standard open dataset 「イベント一覧」.",
        ["イベント", "events", "自治体標準オープンデータセット"], ["REGI", "EDUC"], base + reverse("opendata_index"),
        [Distribution("CSV", base + reverse("opendata_events")),
         Distribution("JSON", base + "/api/v1/events?when=all")], everywhere, first, last, events.count()))
    spans = {row["municipality"]: row for row in events.order_by().values("municipality").annotate(
        first=Min("created_at"), last=Max("created_at"))}
    for municipality in Municipality.objects.filter(pk__in=spans).order_by("code"):
        span = spans[municipality.pk]
        found.append(Dataset(
            f"events-{municipality.code}", f"イベント一覧（{municipality.name}）",
            f"Events ({municipality.romaji or municipality.name})",
            f"{municipality.name}のイベント（自治体標準オープンデータセット「イベント一覧」）。",
            f"Events in {municipality.romaji or municipality.name}, in the format of 「イベント一覧」.",
            ["イベント", "events", municipality.name], ["REGI", "EDUC"],
            base + reverse("municipality_detail", args=[municipality.code]),
            [Distribution("CSV", base + reverse("opendata_municipality_events", args=[municipality.code])),
             Distribution("JSON", f"{base}/api/v1/events?when=all&municipality={municipality.code}")],
            [(municipality.code, municipality.name)], span["first"], span["last"]))

    facilities = facility_list()
    first, last = _span(facilities, last="updated_at")
    found.append(Dataset(
        "public-facilities", "公共施設一覧", "Public facilities",
        "自治体標準オープンデータセット「公共施設一覧」の形式による公共施設。", "Public facilities in the format of the "
        "Digital Agency's standard open dataset 「公共施設一覧」.",
        ["公共施設", "public facilities", "自治体標準オープンデータセット"], ["REGI", "GOVE"], base + reverse("facility_list"),
        [Distribution("CSV", base + reverse("facilities_csv")), Distribution("JSON", base + reverse("facilities_json"))],
        everywhere, first, last, facilities.count()))
    spans = {row["municipality"]: row for row in facilities.exclude(municipality=None).order_by().values(
        "municipality").annotate(first=Min("created_at"), last=Max("updated_at"))}
    for municipality in Municipality.objects.filter(pk__in=spans).order_by("code"):
        span = spans[municipality.pk]
        found.append(Dataset(
            f"public-facilities-{municipality.code}", f"公共施設一覧（{municipality.name}）",
            f"Public facilities ({municipality.romaji or municipality.name})",
            f"{municipality.name}の公共施設（自治体標準オープンデータセット「公共施設一覧」）。",
            f"Public facilities in {municipality.romaji or municipality.name}, in the format of 「公共施設一覧」.",
            ["公共施設", "public facilities", municipality.name], ["REGI", "GOVE"],
            base + reverse("facilities_municipality", args=[municipality.code]),
            [Distribution("CSV", base + reverse("facilities_municipality_csv", args=[municipality.code])),
             Distribution("JSON", base + reverse("facilities_municipality_json", args=[municipality.code]))],
            [(municipality.code, municipality.name)], span["first"], span["last"]))

    found.append(Dataset(
        "kpi-cocreation-initiatives", "KPI 地域ビジョンから生まれた共創の取組件数",
        "KPI: co-creation initiatives born from the regional vision",
        "計画のKPI（累計）を年度・地域別に、目標とともにプラットフォームのデータから算出。",
        "The plan's KPI (cumulative), by fiscal year and area, with its targets, computed from the platform's data.",
        ["KPI", "指標", "indicators"], ["GOVE"], base + reverse("kpi"),
        [Distribution("CSV", base + reverse("opendata_kpi")),
         Distribution("JSON", base + "/api/v1/kpi/cocreation-initiatives")], everywhere,
        *_span(idea_list(), last="updated_at")))

    startups = startup_list()
    first, last = _span(startups, last="updated_at")
    found.append(Dataset(
        "startups", "スタートアップ一覧", "Startups",
        "支援プログラムに参加したスタートアップと、その段階・プログラム・公開ラウンドの調達額。",
        "The startups that joined the region's support programmes, with their stage, programmes and the money "
        "raised in public rounds (whole yen).", ["スタートアップ", "startups"], ["ECON"],
        base + reverse("startup_list"), [Distribution("CSV", base + reverse("startup_export"))], everywhere,
        first, last, startups.count()))

    for conv in Conversation.objects.exclude(analysis=None).order_by("-created_at", "-id")[:100]:
        found.append(Dataset(
            f"listening-{conv.pk}", f"ブロードリスニング報告：{conv.title}", f"Broad listening report: {conv.title}",
            "対話の公開集計（意見グループ・合意・回答別、少数セルは非表示）。", "The public parts of a conversation's "
            "analysis: opinion groups, consensus and totals per statement; small cells suppressed.",
            ["ブロードリスニング", "broad listening", "対話"], ["SOCI"], base + conv.get_absolute_url(),
            [Distribution("CSV", base + reverse("conversation_report_csv", args=[conv.pk])),
             Distribution("JSON", base + reverse("conversation_report_json", args=[conv.pk]))],
            everywhere, conv.created_at, conv.analysed_at or conv.created_at))
    return found


def publisher_name() -> str:
    return getattr(settings, "OPENDATA_PUBLISHER", "yukemuri")


def _date(value: datetime) -> Literal:
    return Literal(timezone.localtime(value).replace(microsecond=0).isoformat(), datatype=XSD.dateTime)


def cached_datasets(base: str) -> list[Dataset]:
    """`datasets`, kept under the page cache's content generation: any public write moves it on."""
    key = f"opendata:datasets:{generation()}:{base}"
    found = cache.get(key)
    if found is None:
        found = datasets(base)
        cache.set(key, found, settings.PAGE_CACHE_SECONDS or 60)
    return found


def graph(base: str) -> Graph:
    """The catalogue as a DCAT 3 graph, typed as DCAT-AP 3 asks (the licence a dct:LicenseDocument, the
    publisher a foaf:Agent, places dct:Location, media types dct:MediaType) so that its shapes validate."""
    ds = cached_datasets(base)
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("skos", SKOS)):
        g.bind(prefix, ns)
    catalog = URIRef(base + "/catalog")
    publisher = URIRef(base + "/#publisher")
    licence = URIRef(CC_BY_4)
    contact = URIRef(base + "/#contact")
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal("yukemuri オープンデータカタログ", lang="ja")))
    g.add((catalog, DCTERMS.title, Literal("yukemuri open data catalogue", lang="en")))
    g.add((catalog, DCTERMS.description, Literal("地域課題・共創アイデア・イベント・公共施設・KPI・スタートアップ・"
                                                 "ブロードリスニング報告の公開データ。", lang="ja")))
    g.add((catalog, DCTERMS.description, Literal("The public data of yukemuri: regional issues, co-creation "
                                                 "ideas, events, public facilities, KPIs, startups and broad listening reports.",
                                                 lang="en")))
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, DCTERMS.license, licence))
    g.add((catalog, DCTERMS.language, URIRef("http://publications.europa.eu/resource/authority/language/JPN")))
    g.add((URIRef("http://publications.europa.eu/resource/authority/language/JPN"), RDF.type,
           DCTERMS.LinguisticSystem))
    g.add((catalog, FOAF.homepage, URIRef(base + "/")))
    g.add((URIRef(base + "/"), RDF.type, FOAF.Document))
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(str(publisher_name()))))
    g.add((licence, RDF.type, DCTERMS.LicenseDocument))
    g.add((licence, DCTERMS.title, Literal("Creative Commons Attribution 4.0 International", lang="en")))
    g.add((contact, RDF.type, VCARD.Kind))  # the shapes run without inference: say the superclass too
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(str(publisher_name()))))
    g.add((contact, VCARD.hasURL, URIRef(base + reverse("about"))))
    for code, label in THEMES.items():
        g.add((THEME[code], RDF.type, SKOS.Concept))
        g.add((THEME[code], SKOS.prefLabel, Literal(label, lang="en")))
    modified = [d.modified for d in ds if d.modified]
    if modified:
        g.add((catalog, DCTERMS.modified, _date(max(modified))))
    for media_type in MEDIA_TYPES.values():
        g.add((URIRef(IANA + media_type), RDF.type, DCTERMS.MediaType))
    for fmt in MEDIA_TYPES:
        g.add((FILE_TYPE[fmt], RDF.type, DCTERMS.MediaTypeOrExtent))
    for d in ds:
        node = URIRef(f"{base}/catalog#{d.name}")
        g.add((catalog, DCAT.dataset, node))
        g.add((node, RDF.type, DCAT.Dataset))
        g.add((node, DCTERMS.identifier, Literal(d.name)))
        g.add((node, DCTERMS.title, Literal(d.title_ja, lang="ja")))
        g.add((node, DCTERMS.title, Literal(d.title_en, lang="en")))
        g.add((node, DCTERMS.description, Literal(d.notes_ja, lang="ja")))
        g.add((node, DCTERMS.description, Literal(d.notes_en, lang="en")))
        g.add((node, DCTERMS.publisher, publisher))
        g.add((node, DCAT.contactPoint, contact))
        g.add((node, DCAT.landingPage, URIRef(d.page)))
        g.add((URIRef(d.page), RDF.type, FOAF.Document))
        for keyword in d.keywords:
            g.add((node, DCAT.keyword, Literal(keyword)))
        for theme in d.themes:
            g.add((node, DCAT.theme, THEME[theme]))
        for code, name in d.spatial:
            place = URIRef(f"{base}/regions/{code}/" if len(code) == 6 and not code.endswith("0000") else
                           f"{base}/regions/")
            g.add((node, DCTERMS.spatial, place))
            g.add((place, RDF.type, DCTERMS.Location))
            g.add((place, SKOS.prefLabel, Literal(name, lang="ja")))
            g.add((place, DCTERMS.identifier, Literal(code)))
        if d.issued:
            g.add((node, DCTERMS.issued, _date(d.issued)))
        if d.modified:
            g.add((node, DCTERMS.modified, _date(d.modified)))
        for dist in d.distributions:
            item = URIRef(f"{base}/catalog#{d.name}.{dist.format.lower()}")
            g.add((node, DCAT.distribution, item))
            g.add((item, RDF.type, DCAT.Distribution))
            g.add((item, DCTERMS.title, Literal(f"{d.title_en} ({dist.format})", lang="en")))
            g.add((item, DCAT.accessURL, URIRef(dist.url)))
            g.add((item, DCAT.downloadURL, URIRef(dist.url)))
            g.add((item, DCAT.mediaType, URIRef(IANA + dist.media_type)))
            g.add((item, DCTERMS.format, FILE_TYPE[dist.format]))
            g.add((item, DCTERMS.license, licence))
    return g


FORMATS = {"ttl": ("turtle", "text/turtle; charset=utf-8"), "jsonld": ("json-ld", "application/ld+json")}


def serialised(base: str, fmt: str) -> tuple[bytes, float]:
    """The catalogue in `fmt`, kept under the page cache's content generation (any public write moves it on,
    so it is never stale) for signed-in readers too; returns the bytes and the seconds a build took (0 if
    cached)."""
    key = f"opendata:catalog:{generation()}:{fmt}:{base}"
    kept = cache.get(key)
    if kept is not None:
        return kept, 0.0
    started = time.perf_counter()
    data = graph(base).serialize(format=FORMATS[fmt][0], encoding="utf-8")
    cache.set(key, data, settings.PAGE_CACHE_SECONDS or 60)
    return data, time.perf_counter() - started
