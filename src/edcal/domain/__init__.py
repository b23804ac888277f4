"""Pure domain logic: rules, dates, time arithmetic, reports. No Textual, no SQL."""
