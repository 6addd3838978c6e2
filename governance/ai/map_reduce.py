"""Condense a text too long for the context: notes per chunk (map), then notes of notes.

The final summary is written from the notes by the ordinary summarize template;
it is still checked against the original text, so a fact a note invented is flagged.
"""

from __future__ import annotations

from dataclasses import replace

from governance.ai.budget import data_budget
from governance.ai.chunking import split_to_budget
from governance.ai.prompts import PromptLibrary
from governance.ai.untrusted import data_block
from governance.ports import GenerationParams, LanguageModel, PromptTooLongError

PART_TEMPLATE = "summarize_part"
MAX_ROUNDS = 3


class Condenser:
    def __init__(self, model: LanguageModel, prompts: PromptLibrary, params: GenerationParams):
        self.model = model
        self.template = prompts.get(PART_TEMPLATE)
        self.params = replace(
            params, max_new_tokens=min(self.template.max_new_tokens, params.max_new_tokens)
        )
        self.calls = 0

    def condense(self, text: str, nonce: str, target_tokens: int) -> str:
        """Notes on `text` of at most `target_tokens` tokens, in up to MAX_ROUNDS rounds."""
        for _ in range(MAX_ROUNDS):
            notes = self._notes(text, nonce)
            if self.model.count_tokens(notes) <= target_tokens:
                return notes
            if self.model.count_tokens(notes) >= self.model.count_tokens(text):
                break  # not getting shorter: another round would not help
            text = notes
        raise PromptTooLongError("the proposal is too long to summarise in this model's context")

    def _notes(self, text: str, nonce: str) -> str:
        empty = self.template.render(
            {"part": 1, "parts": 1}, {"proposal": data_block("PROPOSAL", "", nonce)}
        )
        budget = data_budget(self.model, empty.messages, self.params.max_new_tokens)
        if budget < 64:
            raise PromptTooLongError("the model's context is too small for map-reduce summaries")
        chunks = split_to_budget(text, self.model.count_tokens, budget)
        notes = []
        for number, chunk in enumerate(chunks, 1):
            prompt = self.template.render(
                {"part": number, "parts": len(chunks)},
                {"proposal": data_block("PROPOSAL", chunk, nonce)},
            )
            self.calls += 1
            notes.append(self.model.generate(list(prompt.messages), self.params).strip())
        return "\n\n".join(note for note in notes if note)
