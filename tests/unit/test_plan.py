"""Plan report figures, flags and lint findings on a fixed dataset."""

from datetime import datetime, timezone

from edcal.domain.models import Platform, Post, TimeEntry
from edcal.domain.plan import Results, lint_week, plan_flags, plan_report
from edcal.domain.rules import check

UTC = timezone.utc
T = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

PLATFORMS = [
    Platform("linkedin", "LinkedIn", "linkedin", reason="Buyers read it", weekly_target=3),
    Platform("x", "X", "x", reason="News", weekly_target=1),
    Platform("instagram", "Instagram", "instagram", reason=None, weekly_target=2),
    Platform("tiktok", "TikTok", "tiktok", enabled=False),
]


def posts():
    return [
        Post("linkedin", "Long-form insight about hiring", status="published", scheduled_at=T, id=1),
        Post("linkedin", "Second one", status="scheduled", scheduled_at=T, id=2),
        Post("x", "Big news! We launch on Monday, read more", status="published", scheduled_at=T, id=3),
        Post("instagram", "Big news! We launch on Monday. Read more", status="draft", scheduled_at=T, id=4),
        Post("instagram", "an idea", status="idea", scheduled_at=T, id=5),
    ]


ENTRIES = [TimeEntry(T, 90, "writing", "x"), TimeEntry(T, 30, "writing", "linkedin"), TimeEntry(T, 20, "ads")]
RESULTS = {1: Results(1, reach=1000, engagements=40, clicks=12), 3: Results(3, reach=500, engagements=2)}


def test_plan_report_figures_and_flags():
    rows = {r.key: r for r in plan_report(PLATFORMS, posts(), ENTRIES, RESULTS)}
    assert set(rows) == {"linkedin", "x", "instagram"}  # disabled platforms are left out
    li, x, ig = rows["linkedin"], rows["x"], rows["instagram"]
    assert (li.planned, li.published, li.minutes, li.totals["reach"], li.totals["clicks"]) == (2, 1, 30, 1000, 12)
    assert li.per_hour("engagements") == 80.0 and li.flags == []
    assert x.minutes == 90 and x.totals["engagements"] == 2
    assert x.flags == ["time_without_engagement"]  # 1h30 spent, 2 engagements
    assert ig.planned == 1 and ig.flags == ["no_reason"]
    assert li.to_dict()["engagements_per_hour"] == 80.0


def test_published_without_results_is_flagged():
    rows = {r.key: r for r in plan_report(PLATFORMS, posts(), [], {})}
    assert "no_results_recorded" in rows["linkedin"].flags


def test_enabled_platforms_without_a_reason():
    assert [f.message.split()[0] for f in plan_flags(PLATFORMS)] == ["Instagram"]


def lint(minutes, week_over):
    ps = posts()
    reports = {p.id: check(p.body, p.platform, media=p.media) for p in ps}
    return lint_week(platforms=PLATFORMS, posts=ps, reports=reports, minutes=minutes, minimum=60, week_over=week_over)


def test_lint_findings():
    findings = lint(40, week_over=True)
    codes = [f.code for f in findings]
    assert codes[0] == "time_below_minimum" and findings[0].severity == "error"
    assert "duplicate_text" in codes and "no_reason" in codes
    gaps = [f.message for f in findings if f.code == "cadence_gap"]
    assert gaps == ["LinkedIn: 2 of 3 posts scheduled or published",
                    "Instagram: 0 of 2 posts scheduled or published (1 draft not scheduled yet)"]
    media = next(f for f in findings if f.code == "media_required")
    assert media.severity == "warning" and media.post_id == 4  # a draft: advice, not an error


def test_lint_of_a_week_in_progress_only_warns_about_time():
    findings = lint(40, week_over=False)
    assert all(f.severity == "warning" for f in findings)
    assert lint(60, week_over=True)[0].code != "time_below_minimum"


def test_the_cadence_counts_what_will_go_out():
    from edcal.domain.models import Post
    from edcal.domain.plan import cadence

    week = [Post(platform="x", status=status) for status in ("idea", "draft", "draft", "scheduled", "published",
                                                              "skipped")]
    x = next(p for p in PLATFORMS if p.key == "x")
    from edcal.record import replace

    counted = cadence(week, replace(x, weekly_target=3))
    assert (counted.out, counted.drafts, counted.label, counted.behind) == (2, 2, "2/3 posts", True)
    assert counted.drafts_label == "+2 drafts"
    one = cadence(week[:2] + week[4:5], x)  # an idea, a draft, a published post; target 1
    assert (one.label, one.drafts_label, one.behind) == ("1/1 post", "+1 draft", False)
    # a copy as a draft no longer fills the week: lint still warns
    findings = lint_week(platforms=[x], posts=[Post(platform="x", status="draft", id=9)], reports={}, minutes=60,
                         minimum=60, week_over=False)
    assert [f.message for f in findings if f.code == "cadence_gap"] == [
        "X: 0 of 1 post scheduled or published (1 draft not scheduled yet)"]
