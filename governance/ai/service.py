"""The AI pipeline: summarize, draft, revise, digest narrative, similar proposals.

Blocking by design (the model is); the application runs these on its inference worker
(`Governance.infer`) so the event loop never waits. Every output is validated within the
channel's limits, cached by (input hash, template hash, model) and recorded with its provenance
(filed under the community, when known, in the same transaction). When the generative model is
missing or fails (errors, or two rejected answers), the extractive backend answers instead and
says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from governance.ai.amounts import SourceFact
from governance.ai.discord_safety import EMBED_FIELD_LIMIT, make_inert
from governance.ai.errors import OutputRejected
from governance.ai.extractive import ALGORITHM_VERSION, UNSTRUCTURED_NOTE, ExtractiveWriter, placeholder
from governance.ai.generation import Request, generate_validated
from governance.ai.grounding import SourceFacts
from governance.ai.hashing import canonical_json, json_hash, keccak_hex, text_hash
from governance.ai.length import truncate
from governance.ai.limits import OutputLimits
from governance.ai.prompts import PromptLibrary, PromptTemplate, TemplateRef
from governance.ai.provenance import make_record
from governance.ai.results import WITHOUT_MODEL_NOTE, AiResult, SimilarityReport
from governance.ai.similarity import DEFAULT_THRESHOLD, find_similar, similarity_warning
from governance.ai.store import AiRecordStore, CacheKey
from governance.ai.tasks import DigestItem, ExistingProposal, digest_source
from governance.ai.untrusted import data_block, neutralise
from governance.ai.validation import OutputSpec, validate_output
from governance.ports import Clock, GenerationParams, LanguageModel, LanguageModelError

# Each template sets its own max_new_tokens; this caps them.
DEFAULT_PARAMS = GenerationParams(max_new_tokens=1024)


@dataclass(frozen=True)
class _Task:
    name: str  # also the prompt template's name
    input_hash: str
    community_id: int | None  # files the output's provenance under it (None: filed later, or never)
    source: str  # the untrusted input as one text: facts are checked against it
    data: dict[str, str]  # delimited blocks for the user message
    fallback: Callable[[Sequence[str]], str]  # extractive answer, given the sections
    notes: tuple[str, ...] = ()  # shown with a fallback answer
    condensable: str | None = None  # the text map-reduce may condense (summaries)
    extra: tuple[SourceFact, ...] = ()  # facts known besides the text (a Governor proposal's calls)


def _nonce(input_hash: str) -> str:
    """Delimiter nonce: from the input's own hash, so the input cannot contain it."""
    return input_hash[2:14]


class AiService:
    def __init__(
        self,
        *,
        model: LanguageModel | None,
        extractive: ExtractiveWriter,
        store: AiRecordStore,
        clock: Clock,
        prompts: PromptLibrary | None = None,
        params: GenerationParams = DEFAULT_PARAMS,
        unavailable_reason: str = "no generative model is configured",
        similarity_threshold: float = DEFAULT_THRESHOLD,
        limits: OutputLimits | None = None,  # the channel's (None: the validation defaults)
    ):
        self.model = model
        self.extractive = extractive
        self.store = store
        self.clock = clock
        self.prompts = prompts or PromptLibrary()
        self.params = params
        self.unavailable_reason = unavailable_reason
        self.similarity_threshold = similarity_threshold
        self.limits = limits
        self.note_limit = limits.section if limits else EMBED_FIELD_LIMIT

    # ------------------------------------------------------------------ use cases

    def summarize(self, text: str, community_id: int | None = None,
                  extra: Sequence[SourceFact] = ()) -> AiResult:
        """extra: facts of the proposal known besides its text (the amounts and recipients of a
        Governor proposal's decoded calls): the summary's fact list keeps them, and stating
        them is not flagged as invented."""
        extra = tuple(extra)
        input_hash = text_hash(text) if not extra else json_hash(
            {"text": text_hash(text), "extra": [[f.kind, f.key, f.unit or "", f.recipient] for f in extra]})
        return self._run(
            _Task(
                name="summarize",
                community_id=community_id,
                input_hash=input_hash,
                source=text,
                data={"proposal": data_block("PROPOSAL", text, _nonce(input_hash))},
                fallback=lambda _: self.extractive.summarize(text),
                condensable=text,
                extra=extra,
            )
        )

    def draft(self, idea: str) -> AiResult:
        """Filed under a community when the draft becomes a revision (services.proposals)."""
        input_hash = text_hash(idea)
        return self._run(
            _Task(
                name="draft",
                community_id=None,
                input_hash=input_hash,
                source=idea,
                data={"idea": data_block("IDEA", idea, _nonce(input_hash))},
                fallback=lambda _: self.extractive.draft(idea),
            )
        )

    def revise(self, draft: str, feedback: str) -> AiResult:
        input_hash = json_hash({"draft": text_hash(draft), "feedback": text_hash(feedback)})
        unapplied = f"The feedback could not be applied without a language model: {feedback}"
        return self._run(
            _Task(
                name="revise",
                community_id=None,
                input_hash=input_hash,
                source=f"{draft}\n\n{feedback}",
                data={
                    "draft": data_block("DRAFT", draft, _nonce(input_hash)),
                    "feedback": data_block("FEEDBACK", feedback, _nonce(input_hash)),
                },
                fallback=lambda sections: self.extractive.revise(draft, sections),
                notes=(truncate(unapplied, self.note_limit),),
            )
        )

    def digest_narrative(self, items: Sequence[DigestItem], community_id: int | None = None) -> AiResult:
        source = digest_source(list(items))
        input_hash = text_hash(source)
        return self._run(
            _Task(
                name="digest",
                community_id=community_id,
                input_hash=input_hash,
                source=source,
                data={"items": data_block("PROPOSALS", source, _nonce(input_hash))},
                fallback=lambda _: self.extractive.digest(items),
            )
        )

    def similar(self, idea: str, existing: Sequence[ExistingProposal],
                community_id: int | None = None) -> SimilarityReport:
        embedder = self.extractive.embedder
        matches = tuple(find_similar(idea, existing, embedder, self.similarity_threshold))
        warning = similarity_warning(matches)
        method = f"similarity.cosine@{self.similarity_threshold}"
        record = make_record(
            task="similar",
            model=embedder.info,
            template=TemplateRef(
                "similarity.cosine", ALGORITHM_VERSION, keccak_hex(method.encode())
            ),
            prompt_hash="",
            input_hash=json_hash(
                {
                    "idea": text_hash(idea),
                    "existing": [text_hash(p.text) for p in existing],
                }
            ),
            output_text=canonical_json(
                [[str(m.proposal_id), str(m.score)] for m in matches]
            ).decode(),
            params={"threshold": repr(self.similarity_threshold)},
            created_at=self.clock.now(),
        )
        provenance_id = self.store.add_provenance(record, community_id)
        return SimilarityReport(matches, make_inert(warning) if warning else None, record, provenance_id)

    # ------------------------------------------------------------------ pipeline

    def _spec(self, template: PromptTemplate) -> OutputSpec:
        spec = OutputSpec.of(template)
        return self.limits.apply(spec) if self.limits else spec

    def _run(self, task: _Task) -> AiResult:
        if self.model is None:
            return self._fallback(task, self.unavailable_reason)
        template = self.prompts.get(task.name)
        try:
            key = CacheKey(task.input_hash, template.ref.hash, self.model.info.key)
            if (cached := self.store.get_cached(key, task.community_id)) is not None:
                return cached
            params = replace(
                self.params, max_new_tokens=min(template.max_new_tokens, self.params.max_new_tokens)
            )
            request = Request(
                template=template,
                trusted={"from_notes": False},
                data=task.data,
                source=task.source,
                nonce=_nonce(task.input_hash),
                condensable=task.condensable,
                spec=self._spec(template),
                extra=task.extra,
            )
            generated = generate_validated(self.model, self.prompts, request, params)
        except OutputRejected as rejected:
            return self._fallback(task, f"the model's answer failed validation twice ({rejected})")
        except LanguageModelError as failure:
            return self._fallback(task, f"the language model failed: {failure}")
        result = AiResult(
            task=task.name,
            text=generated.output.text,
            sections=generated.output.sections,
            flags=generated.output.flags,
            notes=(),
            without_language_model=False,
            provenance=make_record(
                task=task.name,
                model=self.model.info,
                template=template.ref,
                prompt_hash=generated.prompt.hash,
                input_hash=task.input_hash,
                output_text=generated.output.text,
                params=generated.params,
                created_at=self.clock.now(),
            ),
        )
        return self.store.save(key, result, task.community_id)

    def _fallback(self, task: _Task, reason: str) -> AiResult:
        labelled = truncate(f"{WITHOUT_MODEL_NOTE} Reason: {reason}.", self.note_limit)
        notes = tuple(make_inert(note) for note in (labelled, *task.notes))
        template = self.extractive.template_ref(task.name)
        key = CacheKey(task.input_hash, template.hash, self.extractive.info.key)
        if (cached := self.store.get_cached(key, task.community_id)) is not None:
            return replace(cached, notes=notes)  # this time's reason, not the stored one
        spec = self._spec(self.prompts.get(task.name))
        sections, source = spec.sections, SourceFacts(task.source, task.extra)
        # Copied sentences may carry delimiter look-alikes too; defuse them like model input.
        raw = neutralise(task.fallback(sections))
        try:
            output = validate_output(raw, spec, source)
        except OutputRejected as rejected:  # never a traceback: placeholders, and why
            notes += (make_inert(f"{UNSTRUCTURED_NOTE} ({rejected})"),)
            output = validate_output(placeholder(sections), spec, source)
        result = AiResult(
            task=task.name,
            text=output.text,
            sections=output.sections,
            flags=output.flags,
            notes=notes,
            without_language_model=True,
            provenance=make_record(
                task=task.name,
                model=self.extractive.info,
                template=template,
                prompt_hash="",
                input_hash=task.input_hash,
                output_text=output.text,
                params={"method": "central-sentences"},
                created_at=self.clock.now(),
                note=reason,
            ),
        )
        return self.store.save(key, result, task.community_id)
