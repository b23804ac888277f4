"""Top-level domains that make a bare domain (no scheme) a link, as X's extractor does.

Country codes are the ISO 3166-1 alpha-2 codes delegated by IANA (plus ac, eu, su, uk);
generic ones are the commonly used part of IANA's root zone. A scheme-less word such as
``file.txt`` is not a link because ``txt`` is not a TLD; ``readme.md`` is, because Moldova.
"""

COUNTRY = frozenset(
    """
    ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn
    bo br bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj
    dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp
    gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke
    kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk
    ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om
    pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si
    sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw
    tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw
    """.split()
)

GENERIC = frozenset(
    """
    com net org edu gov mil int info biz name pro aero coop museum mobi asia tel travel
    jobs cat post xxx app dev page blog shop store online site website tech cloud news
    art design studio agency media social link live life world today email digital
    network services solutions xyz top club space fun io ai ly gg sh fm tv me co
    academy bio bar bike black blue boutique build business cafe camera care careers
    center city codes coffee community company computer consulting cool dating deals
    directory education energy engineering enterprises equipment estate events exchange
    expert farm fashion film finance fish fitness flights florist foundation fund
    furniture gallery games garden gift gifts global gold golf graphics green group guide
    guru health help holdings holiday house how immo industries institute international
    investments jewelry kitchen land lighting limited llc love ltd management market
    marketing mba men money movie music ninja one partners party photo photography photos
    pics pink pizza place plus press productions properties pub recipes red rentals
    repair report rest restaurant reviews rocks run sale school science shoes show
    singles ski soccer software solar style supply support surf systems tax team
    technology tips tools tours town toys training tube university vacations ventures
    video vision wiki win wine work works yoga zone berlin paris london nyc tokyo
    amsterdam brussels wien swiss bayern scot wales quebec africa lat eus gal
    google youtube apple amazon microsoft
    """.split()
)

ALL = COUNTRY | GENERIC
