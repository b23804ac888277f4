"""The series and settings services the CLI calls (on SQLite, and on PostgreSQL in CI)."""

from datetime import date, datetime, time, timezone

from edcal.domain.dates import resolve_wall_time
from edcal.domain.models import Settings
from edcal.domain.recurrence import Series
from edcal.services import series, settings


def test_a_series_is_added_edited_skipped_moved_and_deleted(store):
    store.enable_platforms(["x"])
    made = series.add(store, Series(platform="x", rule="FREQ=WEEKLY;BYDAY=TU", at=time(9), tz="Europe/Paris",
                                    start=date(2026, 12, 1), title="Tip Tuesday"))
    begin, end = datetime(2026, 12, 1, tzinfo=timezone.utc), datetime(2026, 12, 16, tzinfo=timezone.utc)
    assert [s.day for s in store.open_slots(begin, end)] == [date(2026, 12, 1), date(2026, 12, 8), date(2026, 12, 15)]
    series.skip(store, made.id, date(2026, 12, 8))
    series.move(store, made.id, date(2026, 12, 15), resolve_wall_time(datetime(2026, 12, 16, 18, 0), "Europe/Paris"))
    slots = store.open_slots(begin, datetime(2026, 12, 17, tzinfo=timezone.utc))
    assert [(s.day, s.utc.hour) for s in slots] == [(date(2026, 12, 1), 8), (date(2026, 12, 15), 17)]
    edited = series.edit(store, made.id, date(2026, 12, 1), title="Tips")
    assert store.get_series(edited.id).title == "Tips"
    series.delete(store, edited.id)
    assert store.open_slots(begin, end) == []


def test_settings_are_saved_and_read_back(store):
    saved = settings.save(store, Settings(timezone="Asia/Tokyo", weekly_minimum=90, week_start=6, currency="JPY"))
    assert store.settings() == saved
