"""A real SMTP server (aiosmtpd) that keeps what it receives, parsed."""

import email
import email.policy
import threading
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.changed = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.changed:
            self.messages.append(message)  # type: ignore[arg-type]
            self.changed.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, to: str, timeout: float = 30) -> EmailMessage:
        """The first message to `to`, waiting for it to arrive."""
        with self.changed:
            self.changed.wait_for(lambda: any(to in str(m["To"]) for m in self.messages), timeout=timeout)
            for message in self.messages:
                if to in str(message["To"]):
                    return message
        raise AssertionError(f"no mail to {to} within {timeout} s")


class SmtpServer:
    def __init__(self, port: int) -> None:
        self.inbox = Inbox()
        self.port = port
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)

    def start(self) -> "SmtpServer":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
