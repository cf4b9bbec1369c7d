"""Demo content of the startup registry: programmes named in seed 001 and demo startups (marked （デモ）).

Idempotent by natural keys (programme name and year, organisation name, round date and amount,
update date), so calling it again changes nothing.
"""

from datetime import date

from django.db import transaction

from yukemuri.organisations.models import Organisation
from yukemuri.organisations.services import organisation_create
from yukemuri.regions.models import Municipality

from .models import FundingRound, Participation, Programme, ProgressUpdate, Startup

# name, kind, fiscal year, description
PROGRAMMES = [
    ("エコシステム醸成セミナー", "seminar", 2023,
     "官民共創スペース「NETSUGEN」で開く、起業を考える人と支援者のためのセミナー。"),
    ("スタートアップピッチ・交流会", "pitch", 2023,
     "県内外のスタートアップが事業を発表し、企業・金融機関・自治体と出会う場。"),
    ("アクセラレータープログラム", "accelerator", 2024,
     "短期集中型のスタートアップ成長支援プログラム。メンタリングと実証の機会を提供する。"),
    ("スタートアップ支援プログラム（コンテスト）", "support", 2024,
     "研究開発型ベンチャーや新市場の創出を目指すスタートアップを対象としたコンテスト。"),
]

# organisation key or (name, municipality code, description), stage, sector, founded, pitch,
# programmes [(name, year, outcome)], rounds [(date, yen, kind, source)], updates [(date, text)]
STARTUPS = [
    ("org-startup", "seed", "town", date(2022, 4, 1),
     "空き家の情報を集め、借りたい人・使いたい人とつなぐ。",
     [("スタートアップピッチ・交流会", 2023, "participated"), ("アクセラレータープログラム", 2024, "completed")],
     [(date(2023, 7, 1), 3_000_000, "grant", "群馬県 創業支援補助金（デモ）"),
      (date(2024, 10, 15), 20_000_000, "equity", "ぐんまエンジェルズ（デモ）")],
     [(date(2024, 3, 20), "旧渋川市域で空き家オーナー **40件** と面談し、うち12件の情報を公開しました。"),
      (date(2024, 11, 5), "アクセラレータープログラムを修了。空き店舗を使ったチャレンジショップを1件開業しました。")]),
    (("株式会社 ハルナアグリテック（デモ）", "102024",
      "デモ用の団体です。実在の団体ではありません。"), "series_a", "food", date(2020, 6, 1),
     "センサーと画像解析で、中山間地の小さな畑の水やりと収穫時期を見える化する。",
     [("スタートアップピッチ・交流会", 2023, "awarded"), ("スタートアップ支援プログラム（コンテスト）", 2024, "awarded")],
     [(date(2022, 2, 1), 5_000_000, "crowdfunding", "購入型クラウドファンディング（デモ）"),
      (date(2023, 9, 1), 150_000_000, "equity", "地域ベンチャーファンド（デモ）"),
      (date(2024, 4, 1), 30_000_000, "loan", "地方銀行の創業融資（デモ）")],
     [(date(2023, 12, 1), "榛名山麓の農家 25軒で実証を開始しました。"),
      (date(2024, 8, 20), "実証農家の水やり作業時間が平均 **3割減** になりました。")]),
    (("合同会社 ユケムリワークス（デモ）", "104264",
      "デモ用の団体です。実在の団体ではありません。"), "pre_seed", "tourism", date(2023, 10, 1),
     "温泉地の空き部屋をワーケーション拠点にし、都市の人と地域の仕事をつなぐ。",
     [("エコシステム醸成セミナー", 2023, "participated"), ("アクセラレータープログラム", 2024, "selected")],
     [(date(2024, 6, 1), 1_000_000, "grant", "ビジネスプランコンテスト賞金（デモ）")],
     [(date(2024, 9, 10), "草津町の旅館 3軒と提携し、平日のワーケーションプランを試験販売しています。")]),
]


def _organisation(get, spec) -> Organisation:
    if isinstance(spec, str):
        return get(spec)
    name, code, description = spec
    existing = Organisation.objects.filter(name=name, kind=Organisation.Kind.STARTUP, is_demo=True).first()
    return existing or organisation_create(
        name=name, kind=Organisation.Kind.STARTUP, is_demo=True, description=description,
        municipality=Municipality.objects.filter(code=code).first(),
    )


@transaction.atomic
def load_startup_demo(get) -> int:
    """Create the demo programmes and startups; `get(key)` returns demo objects by their loader key
    ("org-startup" is 株式会社 アキヤラボ（デモ）). Returns how many rows it created (0 the second time)."""
    created = 0
    programmes = {}
    for name, kind, year, description in PROGRAMMES:
        programmes[name], made = Programme.objects.get_or_create(
            name=name, fiscal_year=year, defaults={"kind": kind, "description": description})
        created += made
    for spec, stage, sector, founded, pitch, joined, rounds, updates in STARTUPS:
        organisation = _organisation(get, spec)
        if organisation is None:  # the loader has not made the organisation: nothing to attach to
            continue
        startup, made = Startup.objects.get_or_create(organisation=organisation, defaults={
            "stage": stage, "sector": sector, "founded_on": founded, "pitch": pitch})
        created += made
        for name, year, outcome in joined:
            created += Participation.objects.get_or_create(
                startup=startup, programme=programmes[name], defaults={"year": year, "outcome": outcome})[1]
        for day, amount, kind, source in rounds:
            created += FundingRound.objects.get_or_create(
                startup=startup, date=day, amount_yen=amount, defaults={"kind": kind, "source": source})[1]
        author = organisation.members.order_by("pk").first()
        for day, text in updates:
            created += ProgressUpdate.objects.get_or_create(
                startup=startup, date=day, defaults={"text": text, "author": author})[1]
    return created
