"""The use cases, one home each: posts, week, imports, results, export, time.

The CLI and the TUI call these and nothing below them for anything that writes or decides;
each call checks the rules once and writes in one transaction. Services take the store and
plain domain values, and return domain values.
"""
