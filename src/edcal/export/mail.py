"""Sending the calendar by mail, as a text/calendar; method=PUBLISH attachment."""

from __future__ import annotations

import os
import smtplib
import socket
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from edcal.errors import EdcalError, UsageError


def parse_server(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host:
        return text, 25
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--smtp must be HOST:PORT, not '{text}'")
    return host.strip("[]"), int(port)


def build_message(data: bytes, *, to: str, sender: str, subject: str, summary: str) -> EmailMessage:
    for address, option in ((to, "--mail-to"), (sender, "--mail-from")):
        if "@" not in address or any(c in address for c in "\r\n ,;"):
            raise UsageError(f"{option} must be one e-mail address, not '{address}'")
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = to
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="edcal.invalid")
    message.set_content(summary)
    message.add_attachment(data, maintype="text", subtype="calendar", filename="edcal.ics",
                           params={"method": "PUBLISH", "charset": "utf-8"})
    return message


def send(message: EmailMessage, *, host: str, port: int, starttls: bool = False, user: str | None = None,
         password_env: str | None = None, password: str | None = None, timeout: float = 15) -> None:
    """Send over SMTP; STARTTLS and login when configured. The password comes from the
    environment variable ``password_env`` or the config, never from the command line."""
    secret = os.environ.get(password_env) if password_env else None
    secret = secret or password
    if user and not secret:
        raise EdcalError(f"the SMTP login for {user} needs a password: set {password_env or 'EDCAL_SMTP_PASSWORD'} "
                         "or [mail] password in the config file")
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            if starttls:
                smtp.starttls()
            if user:
                smtp.login(user, secret or "")
            smtp.send_message(message)
    except (ConnectionError, socket.timeout, socket.gaierror, OSError) as exc:
        if isinstance(exc, smtplib.SMTPException):
            raise EdcalError(f"the mail server {host}:{port} refused the message: {exc}") from None
        raise EdcalError(f"cannot reach the mail server {host}:{port}: {exc.strerror or exc}") from None
    except smtplib.SMTPException as exc:
        raise EdcalError(f"the mail server {host}:{port} refused the message: {exc}") from None
