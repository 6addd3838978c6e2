"""A tiny llama-architecture model written as a GGUF file at test time, as llama.cpp's converter
writes one (query and key weights permuted, a GPT-2 style BPE vocabulary), so the GGUF loading
path runs end to end on a real file: SmolLM2's architecture in miniature."""

from __future__ import annotations

import json
from pathlib import Path

from tests.fakes.tiny_gpt2 import _CORPUS, CHAT_TEMPLATE, EOS

LAYERS, WIDTH, HEADS, KV_HEADS, FFN = 2, 64, 4, 2, 128


def _permute(weights, heads: int):
    """llama.cpp's order for rotary q/k rows (transformers reverses it when it loads)."""
    return (
        weights.reshape(heads, 2, weights.shape[0] // heads // 2, *weights.shape[1:])
        .swapaxes(1, 2)
        .reshape(weights.shape)
    )


def build_tiny_llama(directory: Path, steps: int = 10):
    """(model, tokenizer) trained a little on the chat corpus, saved as transformers files."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    bpe.train_from_iterator(
        [_CORPUS * 4],
        trainers.BpeTrainer(vocab_size=400, special_tokens=[EOS], show_progress=False,
                            initial_alphabet=pre_tokenizers.ByteLevel.alphabet()),
    )
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=bpe, eos_token=EOS, bos_token=EOS, pad_token=EOS)
    tokenizer.chat_template = CHAT_TEMPLATE
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=WIDTH, intermediate_size=FFN, num_hidden_layers=LAYERS,
        num_attention_heads=HEADS, num_key_value_heads=KV_HEADS, max_position_embeddings=2048,
        bos_token_id=tokenizer.eos_token_id, eos_token_id=tokenizer.eos_token_id, tie_word_embeddings=True,
    )
    model = LlamaForCausalLM(config)
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
    return model.eval(), tokenizer


def write_gguf(model, tokenizer, path: Path) -> Path:
    """The model as an F32 GGUF file with its vocabulary, merges and chat template."""
    import gguf

    config = model.config
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("folkmoot tiny llama")
    writer.add_block_count(config.num_hidden_layers)
    writer.add_context_length(config.max_position_embeddings)
    writer.add_embedding_length(config.hidden_size)
    writer.add_feed_forward_length(config.intermediate_size)
    writer.add_head_count(config.num_attention_heads)
    writer.add_head_count_kv(config.num_key_value_heads)
    writer.add_rope_freq_base(config.rope_parameters["rope_theta"] if hasattr(config, "rope_parameters")
                              else config.rope_theta)
    writer.add_layer_norm_rms_eps(config.rms_norm_eps)
    writer.add_rope_dimension_count(config.hidden_size // config.num_attention_heads)
    writer.add_vocab_size(config.vocab_size)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)

    vocabulary = json.loads(tokenizer.backend_tokenizer.to_str())["model"]
    by_id = sorted(vocabulary["vocab"].items(), key=lambda item: item[1])
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("default")
    writer.add_token_list([token for token, _ in by_id])
    writer.add_token_types([
        gguf.TokenType.CONTROL if token == EOS else gguf.TokenType.NORMAL for token, _ in by_id
    ])
    writer.add_token_merges([m if isinstance(m, str) else " ".join(m) for m in vocabulary["merges"]])
    writer.add_bos_token_id(tokenizer.eos_token_id)
    writer.add_eos_token_id(tokenizer.eos_token_id)
    writer.add_pad_token_id(tokenizer.eos_token_id)
    writer.add_add_bos_token(False)
    writer.add_chat_template(CHAT_TEMPLATE)

    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.LLAMA, config.num_hidden_layers)
    for hf_name, tensor in model.state_dict().items():
        if hf_name == "lm_head.weight":  # tied to the embeddings: llama.cpp writes it once
            continue
        base, suffix = hf_name.rsplit(".", 1)
        data = tensor.detach().float().numpy()
        if base.endswith("q_proj"):
            data = _permute(data, config.num_attention_heads)
        elif base.endswith("k_proj"):
            data = _permute(data, config.num_key_value_heads)
        writer.add_tensor(f"{names.get_name(base)}.{suffix}", data)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
