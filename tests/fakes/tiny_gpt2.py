"""A tiny GPT-2 with a byte-level BPE tokenizer, trained in about a second.

It exercises the real loading and generation path. Trained on chat transcripts
whose answers are one fixed summary, it answers with fragments of that summary:
text in the right vocabulary, rarely in the right shape, so the service's retry
and fallback paths run on real generated output.
"""

from __future__ import annotations

import shutil
from pathlib import Path

EOS = "<|endoftext|>"
CHAT_TEMPLATE = (
    "{% for message in messages %}<|{{ message['role'] }}|>\n{{ message['content'] }}\n"
    "{% endfor %}{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
)
CANNED_SUMMARY = (
    "## TL;DR\nThe proposal funds a community garden.\n"
    "## Key points\n- Build raised beds.\n"
    "## Amounts and recipients\n- 500 DAI to garden.eth\n"
    "## Risks\n- Bad weather.\n"
    "## Open questions\n- Who maintains it?\n"
)
_CORPUS = (
    "<|system|>\nYou summarise governance proposals.\n<|user|>\nSummarise this proposal.\n"
    f"<|assistant|>\n{CANNED_SUMMARY}{EOS}"
    f"### Assistant:\n{CANNED_SUMMARY}{EOS}"
)


def build_tiny_gpt2(directory: Path, *, chat_template: bool = False, steps: int = 60) -> Path:
    """Builds, trains and saves the model into `directory` (created); returns it."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    bpe.train_from_iterator(
        [_CORPUS * 4],
        trainers.BpeTrainer(
            vocab_size=512,
            special_tokens=[EOS],
            show_progress=False,
            initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        ),
    )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe, eos_token=EOS, bos_token=EOS, pad_token=EOS, model_max_length=4096
    )
    if chat_template:
        tokenizer.chat_template = CHAT_TEMPLATE
    torch.manual_seed(0)
    model = GPT2LMHeadModel(
        GPT2Config(
            vocab_size=len(tokenizer),
            n_positions=4096,
            n_embd=64,
            n_layer=2,
            n_head=2,
            bos_token_id=tokenizer.eos_token_id,
            eos_token_id=tokenizer.eos_token_id,
        )
    )
    ids = torch.tensor([tokenizer(_CORPUS * 2)["input_ids"][:256]])
    optimiser = torch.optim.AdamW(model.parameters(), lr=3e-3)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny matrices: more threads only add contention
    try:
        for _ in range(steps):
            model(ids, labels=ids).loss.backward()
            optimiser.step()
            optimiser.zero_grad()
    finally:
        torch.set_num_threads(threads)
    directory.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def with_chat_template(source: Path, directory: Path) -> Path:
    """A copy of a built model whose tokenizer has CHAT_TEMPLATE (same weights)."""
    from transformers import AutoTokenizer

    shutil.copytree(source, directory, dirs_exist_ok=True)
    tokenizer = AutoTokenizer.from_pretrained(directory, local_files_only=True)
    tokenizer.chat_template = CHAT_TEMPLATE
    tokenizer.save_pretrained(directory)
    return directory
