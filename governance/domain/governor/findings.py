"""What the checker reports: one finding per mismatch or risk, shown before people vote."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    DANGER = "danger"  # the text and the calls disagree, or the text hides something
    WARNING = "warning"  # a reader must look closer (unknown call, amount not stated)
    INFO = "info"  # worth knowing (executes nothing, changes the Governor itself)


@dataclass(frozen=True)
class Finding:
    code: str  # stable key, e.g. "recipient_not_in_description"
    severity: Severity
    message: str  # one line, safe to show
    call: int | None = None  # index of the call it is about

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity.value, "message": self.message, "call": self.call}
