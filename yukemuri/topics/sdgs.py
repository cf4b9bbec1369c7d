"""The official names (国連広報センター for Japanese, the UN for English) and colours of the SDGs.

The English names are marked for translation: the other languages' catalogues hold the UN's own names in them
(Spanish and Chinese: UN official languages; Portuguese: ONU Brasil; Vietnamese: UN Viet Nam; Tagalog: the
Philippine government's usage). SDGGoal.name reads them.
"""

from django.utils.translation import gettext_noop

SDG_GOALS = [
    (1, "貧困をなくそう", gettext_noop("No Poverty"), "#E5243B"),
    (2, "飢餓をゼロに", gettext_noop("Zero Hunger"), "#DDA63A"),
    (3, "すべての人に健康と福祉を", gettext_noop("Good Health and Well-being"), "#4C9F38"),
    (4, "質の高い教育をみんなに", gettext_noop("Quality Education"), "#C5192D"),
    (5, "ジェンダー平等を実現しよう", gettext_noop("Gender Equality"), "#FF3A21"),
    (6, "安全な水とトイレを世界中に", gettext_noop("Clean Water and Sanitation"), "#26BDE2"),
    (7, "エネルギーをみんなに そしてクリーンに", gettext_noop("Affordable and Clean Energy"), "#FCC30B"),
    (8, "働きがいも経済成長も", gettext_noop("Decent Work and Economic Growth"), "#A21942"),
    (9, "産業と技術革新の基盤をつくろう", gettext_noop("Industry, Innovation and Infrastructure"), "#FD6925"),
    (10, "人や国の不平等をなくそう", gettext_noop("Reduced Inequalities"), "#DD1367"),
    (11, "住み続けられるまちづくりを", gettext_noop("Sustainable Cities and Communities"), "#FD9D24"),
    (12, "つくる責任 つかう責任", gettext_noop("Responsible Consumption and Production"), "#BF8B2E"),
    (13, "気候変動に具体的な対策を", gettext_noop("Climate Action"), "#3F7E44"),
    (14, "海の豊かさを守ろう", gettext_noop("Life Below Water"), "#0A97D9"),
    (15, "陸の豊かさも守ろう", gettext_noop("Life on Land"), "#56C02B"),
    (16, "平和と公正をすべての人に", gettext_noop("Peace, Justice and Strong Institutions"), "#00689D"),
    (17, "パートナーシップで目標を達成しよう", gettext_noop("Partnerships for the Goals"), "#19486A"),
]
