"""コミュニティ (デモ): the 官民共創コミュニティ 北群馬渋川 that grew from the area's 2022 workshops, and a theme group on
空き家 whose organisers approve members. Members, linked demo posts, an announcement and a few thread posts. Loaded
once: a second load finds every object by its demo key and creates nothing."""

from yukemuri.communities import services as communities
from yukemuri.communities.models import Joining, Member
from yukemuri.regions.models import Area
from yukemuri.topics.models import Theme

KITAGUNMA = ("cm-kitagunma", "官民共創コミュニティ 北群馬渋川（デモ）", "kitagunma-shibukawa-demo", """\
2022年の未来共創ワークショップ（北群馬渋川エリア）から生まれた、官と民が一緒に地域の未来をつくるコミュニティです（デモ）。

- 渋川市・榛東村・吉岡町の住民、事業者、県・市町村の職員が参加しています。
- ワークショップで生まれた「未来の種」を、ひとつずつ形にしています。
- 手をつなぎながら入浴してください。もし一人で入ってきた人がいたら、手を差し伸べてください。
""")
AKIYA = ("cm-akiya", "空き家活用の会（デモ）", "akiya-demo", """\
空き家の情報を集め、活用したい人とつなぐテーマ別のグループです（デモ）。参加は世話人の承認制です。
""")

# community key, person key, listed on the page
MEMBERS = [
    ("cm-kitagunma", "p-yui", True), ("cm-kitagunma", "p-haruto", True), ("cm-kitagunma", "p-kenta", False),
    ("cm-kitagunma", "p-linh", True), ("cm-kitagunma", "p-nakamura", True),
    ("cm-akiya", "p-yui", True), ("cm-akiya", "p-misaki", False),
]
# community key, demo key of the post, its address
LINKS = [
    ("cm-kitagunma", "i-children", "/issues/{}/"), ("cm-kitagunma", "i-fathers", "/issues/{}/"),
    ("cm-kitagunma", "d-kodomo", "/ideas/{}/"), ("cm-kitagunma", "d-sns", "/ideas/{}/"),
    ("cm-kitagunma", "d-wa", "/ideas/{}/"), ("cm-kitagunma", "ws-2022-北群馬渋川-3", "/events/{}/"),
    ("cm-akiya", "i-akiya", "/issues/{}/"), ("cm-akiya", "d-akiya", "/ideas/{}/"),
    ("cm-akiya", "conv-akiya", "/listening/{}/"),
]
THREAD = [
    ("cm-kitagunma", "p-haruto", "吉岡町の親父たちのSNS、来月から試しに動かしてみます（デモ）。"),
    ("cm-kitagunma", "p-yui", "渋川の空き家の件、空き家活用の会でも話しています。よかったらそちらにも（デモ）。"),
    ("cm-kitagunma", "p-sato", "次回の集まりの会場は NETSUGEN を予約しました（デモ）。"),
    ("cm-akiya", "p-yui", "旧市街の物件を3件見てきました。写真は次の集まりで共有します（デモ）。"),
]


def load_communities_demo(get, once) -> None:
    """`get(key)` finds a demo object, `once(key, make)` makes it the first time only (demo.loader.Loader)."""
    staff = get("p-sato")
    kitagunma = once(KITAGUNMA[0], lambda: communities.community_create(
        by=staff, name=KITAGUNMA[1], slug=KITAGUNMA[2], description=KITAGUNMA[3],
        area=Area.objects.get(name="北群馬渋川"), demo=True))
    akiya = once(AKIYA[0], lambda: communities.community_create(
        by=get("p-nakamura"), name=AKIYA[1], slug=AKIYA[2], description=AKIYA[3],
        theme=Theme.objects.get_or_create_many(["空き家"])[0], joining=Joining.REQUEST, demo=True))
    made = {"cm-kitagunma": kitagunma, "cm-akiya": akiya}
    for community_key, person_key, listed in MEMBERS:
        community, person = made[community_key], get(person_key)

        def make(community=community, person=person, listed=listed):
            joined = communities.join(by=person, community=community, listed=listed)
            if isinstance(joined, Member):
                return joined
            return communities.request_decide(by=get("p-nakamura"), request=joined, approve=True)
        once(f"{community_key}-{person_key}", make)
    # The theme group's starter handed the organiser role to ゆい, who found the first houses (the demo's hand-over).
    once("cm-akiya-handover", lambda: communities.hand_over(
        by=get("p-nakamura"), community=akiya, to=Member.objects.get(community=akiya, person=get("p-yui"))))
    once("cm-akiya-request", lambda: communities.join(by=get("p-linh"), community=akiya,
                                                      message="ベトナム語で空き家情報を届けたいです（デモ）。"))
    for community_key, post_key, address in LINKS:
        post = get(post_key)
        if post is not None:
            organiser = staff if community_key == "cm-kitagunma" else get("p-yui")
            path = address.format(post.pk)
            once(f"{community_key}>{post_key}", lambda community=made[community_key], organiser=organiser, path=path:
                 communities.link(by=organiser, community=community, address=path))
    once("cm-kitagunma-announcement", lambda: communities.announce(
        by=staff, community=kitagunma, title="12月の集まり：NETSUGENで「未来の種」の進み具合を共有します（デモ）",
        body="12月14日（土）14時から、県庁32階 NETSUGEN で集まります。\n\n- 各プロジェクトの近況（5分ずつ）\n"
             "- 次の一歩の相談\n\nオンライン参加もできます（デモ）。"))
    for n, (community_key, person_key, body) in enumerate(THREAD):
        once(f"{community_key}-thread-{n}", lambda community=made[community_key], person_key=person_key, body=body:
             communities.thread_post(by=get(person_key), community=community, body=body))
