"""Embeds members see. Every builder ends with `limits.fit`, so nothing exceeds Discord's limits."""
