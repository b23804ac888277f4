"""An e-mail address as edcal accepts one (the calendar's organiser, the mail sender)."""

from __future__ import annotations


def is_address(text: str) -> bool:
    """Whether ``text`` is one plain address (``name@host``), by the standard library's RFC 5322
    parser: no display name, no line break, no control character."""
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    if not text or any(ord(c) < 32 or ord(c) == 127 for c in text):
        return False
    try:
        address = Address(addr_spec=text)
    except (HeaderParseError, ValueError, IndexError, TypeError):
        return False
    return bool(address.username and address.domain) and address.addr_spec == text
