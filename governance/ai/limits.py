"""How much room the channel that shows an AI output gives it.

The entry point passes its own (the Discord adapter: bot.discord.limits.AI_OUTPUT); outputs are
cached and may be shown on any channel, so every entry point asks for the same. Counted with
governance.domain.text.display_width (UTF-16 code units), as Discord counts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from governance.ai.discord_safety import TLDR_LIMIT
from governance.ai.validation import OutputSpec


@dataclass(frozen=True)
class OutputLimits:
    text: int  # a whole output (an embed's description)
    section: int  # one section of it (an embed field)
    title: int  # a drafted title (an embed's title)

    def apply(self, spec: OutputSpec) -> OutputSpec:
        """A template's validation rules (sections, fact list, headlines), within these limits."""
        return replace(spec, total_limit=self.text, section_limit=self.section,
                       short_limits={"TL;DR": min(TLDR_LIMIT, self.section), "Title": self.title})
