"""Expected results for tests/nn/test_training.cpp, computed with the Python peer (HuggingFace transformers
4.29.2's own ESM classes on Debian's python3-torch 1.13, ../../../../shared/peer): the training loop is HF
Trainer's (transformers/trainer.py _inner_training_loop) written out, since the peer's trimmed transformers cannot
import Trainer itself: torch.optim.AdamW with the Trainer's two parameter groups (no weight decay on biases and
LayerNorm parameters), get_linear_schedule_with_warmup stepped after every optimizer step, clip_grad_norm_ over
model.parameters(), gradient accumulation dividing each loss, batches in file order padded to their longest member.

Run from this folder:  PYTHONPATH=../../../../shared/peer:../../../../shared/peer/src python3 generate.py
Writes: seqcls_train.csv, tokcls_train.tsv (the training files), *_expected.safetensors (every parameter after
training), *_log.json (loss and learning rate after every step), losses.safetensors (each head's loss on fixed
inputs and labels).
"""
import csv
import json
import math
import os

import torch
from st_io import load_file, save_file  # the peer's safetensors reader/writer (../../../../shared/peer/st_io.py)
from transformers import (EsmConfig, EsmForMaskedLM, EsmForSequenceClassification, EsmForTokenClassification, EsmTokenizer,
                          get_linear_schedule_with_warmup)

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
torch.set_num_threads(1)

SEQUENCES = ["MKTAYIAKQRQISFVKSHFSRQ", "GSHMLEDPV", "MVLSPADKTNVKAAWGKVGAHAGEYGAEALERMFLSFPTTK", "KALTARQQEVFDLIRDH",
             "MEEPQSDPSVEPPLSQETFSDLWKLL", "AAAAGGGGLLLLVVVV", "MSTNPKPQRKTKRNTNRRPQDVKFPGG", "HHHHHHWWWWCCYY"]


def tokenizer():
    return EsmTokenizer.from_pretrained(os.path.join(DATA, "esm2_tiny"))


def load(cls, fixture):
    """from_pretrained without the safetensors package: the fixture's weights through the peer's reader."""
    folder = os.path.join(DATA, fixture)
    model = cls(EsmConfig.from_pretrained(folder))
    result = model.load_state_dict(load_file(os.path.join(folder, "model.safetensors"))[0], strict=False)
    assert all("position_ids" in k or k == "lm_head.decoder.weight" for k in result.missing_keys), result
    assert not result.unexpected_keys, result
    model.tie_weights()
    return model


def pad(batch, tok):
    enc = tok([s for s, _ in batch], padding="longest", return_tensors="pt")
    return enc["input_ids"], enc["attention_mask"]


def decay_groups(model, weight_decay):
    no_decay = set()
    for module_name, module in model.named_modules():
        if isinstance(module, torch.nn.LayerNorm):
            for name, _ in module.named_parameters(recurse=False):
                no_decay.add(f"{module_name}.{name}" if module_name else name)
    decay, others = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (others if name in no_decay or "bias" in name else decay).append(p)
    return [{"params": decay, "weight_decay": weight_decay}, {"params": others, "weight_decay": 0.0}]


def train(model, batches, epochs, lr, weight_decay, warmup, accum, max_grad_norm=1.0):
    """HF Trainer's loop for len(batches) batches per epoch; returns the log of every optimizer step."""
    model.train()
    updates_per_epoch = max(len(batches) // accum, 1)
    max_steps = math.ceil(epochs * updates_per_epoch)
    opt = torch.optim.AdamW(decay_groups(model, weight_decay), lr=lr, betas=(0.9, 0.999), eps=1e-8)
    sched = get_linear_schedule_with_warmup(opt, warmup, max_steps)
    log, step, tr_loss, total_batched = [], 0, torch.tensor(0.0), 0
    for epoch in range(epochs):
        for i, (ids, mask, labels) in enumerate(batches):
            total_batched += 1
            loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
            if accum > 1:
                loss = loss / accum
            loss.backward()
            tr_loss += loss.detach()
            if total_batched % accum == 0 or (len(batches) <= accum and i + 1 == len(batches)):
                torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)
                opt.step()
                sched.step()
                model.zero_grad()
                step += 1
                log.append({"step": step, "epoch": round(epoch + (i + 1) / len(batches), 2),
                            "loss": round(tr_loss.item(), 4), "learning_rate": sched.get_last_lr()[0]})
                tr_loss -= tr_loss
    return log


def save_result(model, name, log):
    state = {k: v.detach().contiguous() for k, v in model.state_dict().items()}
    save_file(state, os.path.join(HERE, f"{name}_expected.safetensors"))
    with open(os.path.join(HERE, f"{name}_log.json"), "w") as f:
        json.dump(log, f, indent=1)


def sequence_classification(tok):
    rows = [(s, i % 3) for i, s in enumerate(SEQUENCES[:6])]
    with open(os.path.join(HERE, "seqcls_train.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "sequence", "label"])
        for i, (s, label) in enumerate(rows):
            w.writerow([f"s{i}", s, f"LABEL_{label}"])
    model = load(EsmForSequenceClassification, "esm2_seqcls_tiny")
    batches = []
    for k in range(0, len(rows), 2):
        ids, mask = pad(rows[k:k + 2], tok)
        batches.append((ids, mask, torch.tensor([label for _, label in rows[k:k + 2]])))
    # 3 batches an epoch, 2 epochs: 6 AdamW steps at lr 1e-3, 2 of them warm-up.
    save_result(model, "seqcls", train(model, batches, epochs=2, lr=1e-3, weight_decay=0.01, warmup=2, accum=1))


def token_labels(sequence, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, 8, (len(sequence),), generator=g).tolist()


def token_classification(tok):
    rows = [(s, token_labels(s, i)) for i, s in enumerate(SEQUENCES)]
    with open(os.path.join(HERE, "tokcls_train.tsv"), "w", newline="") as f:
        f.write("id\tsequence\tlabel\n")
        for i, (s, labels) in enumerate(rows):
            f.write(f"t{i}\t{s}\t{' '.join(f'LABEL_{c}' for c in labels)}\n")
    model = load(EsmForTokenClassification, "esm2_tokcls_tiny")
    batches = []
    for k in range(0, len(rows), 2):
        ids, mask = pad(rows[k:k + 2], tok)
        labels = torch.full(ids.shape, -100, dtype=torch.long)
        for r, (s, classes) in enumerate(rows[k:k + 2]):
            labels[r, 1:1 + len(s)] = torch.tensor(classes)
        batches.append((ids, mask, labels))
    # 4 batches an epoch, 2 accumulated per step: 2 steps an epoch, 3 epochs, no warm-up.
    save_result(model, "tokcls", train(model, batches, epochs=3, lr=1e-3, weight_decay=0.01, warmup=0, accum=2))


def losses(tok):
    """Each head's loss for fixed inputs and labels (eval mode, dropout off)."""
    out = {}
    ids, mask = pad([(s, None) for s in SEQUENCES[:3]], tok)
    out["input_ids"], out["attention_mask"] = ids, mask
    seq = load(EsmForSequenceClassification, "esm2_seqcls_tiny").eval()
    g = torch.Generator().manual_seed(7)
    cases = {
        "single_label_classification": torch.tensor([0, 2, 1]),
        "multi_label_classification": (torch.rand(3, 3, generator=g) > 0.5).float(),
        "regression": torch.randn(3, 3, generator=g),
    }
    for problem, labels in cases.items():
        seq.config.problem_type = problem
        with torch.no_grad():
            out[f"{problem}.labels"] = labels
            out[f"{problem}.loss"] = seq(input_ids=ids, attention_mask=mask, labels=labels).loss.reshape(1)
    tokm = load(EsmForTokenClassification, "esm2_tokcls_tiny").eval()
    labels = torch.randint(0, 8, ids.shape, generator=g)
    labels[mask == 0] = -100
    labels[:, 0] = -100
    with torch.no_grad():
        out["token.labels"] = labels
        out["token.loss"] = tokm(input_ids=ids, attention_mask=mask, labels=labels).loss.reshape(1)
    mlm = load(EsmForMaskedLM, "esm2_tiny").eval()
    labels = torch.full(ids.shape, -100, dtype=torch.long)
    masked_ids = ids.clone()
    for r, c in [(0, 3), (0, 7), (1, 2), (2, 5), (2, 11)]:
        labels[r, c] = ids[r, c]
        masked_ids[r, c] = tok.mask_token_id
    with torch.no_grad():
        out["mlm.input_ids"] = masked_ids
        out["mlm.labels"] = labels
        out["mlm.loss"] = mlm(input_ids=masked_ids, attention_mask=mask, labels=labels).loss.reshape(1)
    save_file({k: v.contiguous() for k, v in out.items()}, os.path.join(HERE, "losses.safetensors"))


if __name__ == "__main__":
    tok = tokenizer()
    sequence_classification(tok)
    token_classification(tok)
    losses(tok)
