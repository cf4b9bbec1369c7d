"""公共施設一覧 (デモ): a few real public facilities of Gunma, loaded through the same import as a municipality's
file. Names, addresses and switchboard numbers are the facilities' own; the coordinates are approximate (said in
備考). Importing again changes nothing: rows are matched by 全国地方公共団体コード and ID."""

from yukemuri.facilities.opendata import HEADER, import_facilities

APPROXIMATE = "緯度・経度はおおよその位置です（デモデータ）。"
ROWS = [
    {"全国地方公共団体コード": "100005", "ID": "demo-0001", "名称": "群馬県庁", "名称_カナ": "グンマケンチョウ",
     "名称_英字": "Gunma Prefectural Government", "種類": "庁舎", "住所": "群馬県前橋市大手町1-1-1",
     "緯度": "36.3907", "経度": "139.0604", "電話番号": "027-223-1111", "利用可能曜日": "月火水木金",
     "開始時間": "08:30", "終了時間": "17:15", "利用可能日時特記事項": "土日祝日・年末年始を除く",
     "URL": "https://www.pref.gunma.jp/"},
    {"全国地方公共団体コード": "102016", "ID": "demo-0001", "名称": "前橋市役所", "名称_カナ": "マエバシシヤクショ",
     "名称_英字": "Maebashi City Hall", "種類": "庁舎", "住所": "群馬県前橋市大手町2-12-1", "緯度": "36.3895",
     "経度": "139.0634", "電話番号": "027-224-1111", "利用可能曜日": "月火水木金", "開始時間": "08:30",
     "終了時間": "17:15", "利用可能日時特記事項": "土日祝日・年末年始を除く", "URL": "https://www.city.maebashi.gunma.jp/"},
    {"全国地方公共団体コード": "102024", "ID": "demo-0001", "名称": "高崎市役所", "名称_カナ": "タカサキシヤクショ",
     "名称_英字": "Takasaki City Hall", "種類": "庁舎", "住所": "群馬県高崎市高松町35-1", "緯度": "36.3220",
     "経度": "139.0033", "電話番号": "027-321-1111", "利用可能曜日": "月火水木金", "開始時間": "08:30",
     "終了時間": "17:15", "利用可能日時特記事項": "土日祝日・年末年始を除く", "URL": "https://www.city.takasaki.gunma.jp/"},
    {"全国地方公共団体コード": "100005", "ID": "demo-0002", "名称": "群馬県立図書館", "名称_カナ": "グンマケンリツトショカン",
     "名称_英字": "Gunma Prefectural Library", "種類": "図書館", "住所": "群馬県前橋市日吉町1-9-1", "緯度": "36.3963",
     "経度": "139.0657", "URL": "https://www.library.pref.gunma.jp/"},
    {"全国地方公共団体コード": "100005", "ID": "demo-0003", "名称": "群馬県立歴史博物館",
     "名称_カナ": "グンマケンリツレキシハクブツカン", "名称_英字": "Gunma Museum of History", "種類": "博物館",
     "住所": "群馬県高崎市綿貫町992-1", "方書": "群馬の森", "緯度": "36.3260", "経度": "139.0990"},
    {"全国地方公共団体コード": "100005", "ID": "demo-0004", "名称": "群馬県立近代美術館",
     "名称_カナ": "グンマケンリツキンダイビジュツカン", "名称_英字": "The Museum of Modern Art, Gunma", "種類": "美術館",
     "住所": "群馬県高崎市綿貫町992-1", "方書": "群馬の森", "緯度": "36.3255", "経度": "139.0975"},
]


def demo_csv() -> bytes:
    import io

    from yukemuri.core import csvexport

    out = io.StringIO()
    writer = csvexport.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in ROWS:
        writer.writerow([{**row, "備考": APPROXIMATE}.get(column, "") for column in HEADER])
    return ("\ufeff" + out.getvalue()).encode()


def load_facilities_demo() -> int:
    result = import_facilities(demo_csv())
    if result.errors:  # the demo's own rows: a mistake here is a bug, not a user's file
        raise ValueError(f"demo facilities: {result.errors}")
    return result.created
