"""edcal: a terminal editorial calendar for social media."""

__version__ = "0.1.0"
