"""Exports: iCalendar, CSV and JSON, mail and the subscription feed."""
