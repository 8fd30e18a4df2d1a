"""What every repository shares: the open session and the injected clock."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chargepilot.storage.engine import Clock, utc_now


class Repository:
    """Reads and writes inside the caller's unit of work; never commits."""

    def __init__(self, session: Session, clock: Clock = utc_now) -> None:
        self._session = session
        self._clock = clock
