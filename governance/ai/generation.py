"""One generative answer: render, fit the context (map-reduce for summaries), generate,
validate, and on a rejected answer ask once more saying what was wrong."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from governance.ai.amounts import SourceFact
from governance.ai.budget import data_budget, fits
from governance.ai.errors import OutputRejected
from governance.ai.grounding import SourceFacts
from governance.ai.map_reduce import Condenser
from governance.ai.prompts import PromptLibrary, PromptTemplate, RenderedPrompt
from governance.ai.untrusted import data_block
from governance.ai.validation import OutputSpec, ValidatedOutput, validate_output
from governance.ports import ChatMessage, GenerationParams, LanguageModel, PromptTooLongError


@dataclass(frozen=True)
class Request:
    """A task's inputs as the pipeline needs them."""

    template: PromptTemplate
    trusted: Mapping[str, Any]  # reaches the system block
    data: Mapping[str, str]  # untrusted, already delimited: user block only
    source: str  # what facts in the answer are checked against
    nonce: str  # delimiter nonce, from the input hash
    condensable: str | None = None  # the text map-reduce may condense (summaries only)
    spec: OutputSpec | None = None  # the answer's shape and limits (the template's sections by default)
    extra: tuple[SourceFact, ...] = ()  # facts known besides the source text (a proposal's decoded calls)


@dataclass(frozen=True)
class Generated:
    output: ValidatedOutput
    prompt: RenderedPrompt  # of the final call
    params: dict[str, Any]  # generation parameters and pipeline facts, for provenance


def repair_instruction(rejected: OutputRejected, spec: OutputSpec) -> str:
    shape = (
        "using exactly these Markdown headings, in this order, and nothing before the first: "
        + ", ".join(f"## {name}" for name in spec.sections)
        if spec.sections
        else "in plain prose"
    )
    return f"Your answer could not be used ({'; '.join(rejected.reasons)}). Answer again, {shape}."


def generate_validated(
    model: LanguageModel, prompts: PromptLibrary, request: Request, params: GenerationParams
) -> Generated:
    """Raises LanguageModelError or OutputRejected when no usable answer came."""
    prompt, facts = _fitting_prompt(model, prompts, request, params)
    spec = request.spec or OutputSpec.of(request.template)
    source = SourceFacts(request.source, request.extra)
    raw = model.generate(list(prompt.messages), params)
    try:
        output, attempts = validate_output(raw, spec, source), 1
    except OutputRejected as rejected:
        retry = [
            *prompt.messages,
            ChatMessage("assistant", raw),
            ChatMessage("user", repair_instruction(rejected, spec)),
        ]
        output, attempts = validate_output(model.generate(retry, params), spec, source), 2
    return Generated(output, prompt, {**params.as_dict(), **facts, "attempts": attempts})


def _fitting_prompt(
    model: LanguageModel, prompts: PromptLibrary, request: Request, params: GenerationParams
) -> tuple[RenderedPrompt, dict[str, Any]]:
    prompt = request.template.render(request.trusted, request.data)
    if fits(model, prompt.messages, params.max_new_tokens):
        return prompt, {"pipeline": "direct"}
    if request.condensable is None:
        raise PromptTooLongError("the input is too long for the model's context window")
    empty = request.template.render(
        {**request.trusted, "from_notes": True},
        {"proposal": data_block("PROPOSAL", "", request.nonce)},
    )
    condenser = Condenser(model, prompts, params)
    notes = condenser.condense(
        request.condensable,
        request.nonce,
        data_budget(model, empty.messages, params.max_new_tokens),
    )
    prompt = request.template.render(
        {**request.trusted, "from_notes": True},
        {"proposal": data_block("PROPOSAL", notes, request.nonce)},
    )
    return prompt, {"pipeline": "map-reduce", "map_calls": condenser.calls}
