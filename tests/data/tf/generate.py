#!/usr/bin/python3
"""Writes the TensorFlow-format ESM fixtures (tf_model.h5) from the safetensors fixtures.

TensorFlow cannot be installed on these machines, so the files are written with h5py in the
layout Keras's legacy `save_weights` gives them (what `TFPreTrainedModel.save_pretrained` calls):
root attribute `layer_names` (one entry per top-level Keras layer), one group per layer with the
attribute `weight_names`, and one dataset per variable at the variable's full name, e.g.
`esm/tf_esm_for_masked_lm/esm/encoder/layer_._0/attention/self/query/kernel:0`. The sharded
variant follows `TFPreTrainedModel.save_pretrained` with shards: datasets at the name without the
model scope, root attribute `layer_names` listing them, and `tf_model.h5.index.json`.

Run from the repository root: /usr/bin/python3 tests/data/tf/generate.py (needs python3-h5py).
Variable names are the PyTorch names mapped backwards through the rules of
transformers' `convert_tf_weight_name_to_pt_weight_name`; see tests/data/README.md.
"""
import json
import pathlib
import shutil
import struct

import h5py
import numpy as np

DATA = pathlib.Path(__file__).resolve().parent.parent
OUT = DATA / "tf"

# The Keras model scope of each class (its snake-cased class name) and its top-level layers, in
# the order the TF model creates them (modeling_tf_esm.py).
CLASSES = {
    "EsmForMaskedLM": ("tf_esm_for_masked_lm", ["esm", "lm_head"]),
    "EsmForSequenceClassification": ("tf_esm_for_sequence_classification", ["esm", "classifier"]),
    "EsmForTokenClassification": ("tf_esm_for_token_classification", ["esm", "dropout", "classifier"]),
    "EsmModel": ("tf_esm_model", ["esm"]),
}
LAYER_NORMS = {"LayerNorm", "layer_norm", "emb_layer_norm_after"}
EMBEDDINGS = {"word_embeddings", "position_embeddings"}
DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "F16": np.float16}


def read_safetensors(path):
    blob = path.read_bytes()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8 : 8 + n])
    header.pop("__metadata__", None)
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        tensors[name] = np.frombuffer(blob[8 + n + begin : 8 + n + end], dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
    return tensors


def tf_variable(pt_name, array):
    """The TF variable name (without the model scope) and value of a PyTorch parameter, or None
    for tensors a TF ESM model does not have (position_ids; the tied LM decoder)."""
    if pt_name.endswith("position_ids") or pt_name == "lm_head.decoder.weight":
        return None
    parts = pt_name.split(".")
    out = []
    i = 0
    while i < len(parts):
        if parts[i] == "layer" and i + 1 < len(parts) and parts[i + 1].isdigit():
            out.append(f"layer_._{parts[i + 1]}")  # TFEsmEncoder names its layers layer_._N
            i += 2
        else:
            out.append(parts[i])
            i += 1
    module, leaf = out[-2], out[-1]
    if leaf == "weight":
        if module in LAYER_NORMS:
            out[-1] = "gamma"
        elif module in EMBEDDINGS:
            out[-1] = "embeddings"
        else:
            out[-1] = "kernel"  # Dense: [in, out], the transpose of torch's Linear
            array = np.ascontiguousarray(array.T)
    elif leaf == "bias" and module in LAYER_NORMS:
        out[-1] = "beta"
    return "/".join(out) + ":0", array


def bytes_array(names):
    return np.array([n.encode("utf8") for n in names])


def tf_weights(fixture, base_model):
    tensors = read_safetensors(DATA / fixture / "model.safetensors")
    weights = {}
    for name, array in tensors.items():
        if base_model:
            if not name.startswith("esm."):
                continue
        converted = tf_variable(name, array)
        if converted:
            weights[converted[0]] = converted[1]
    if base_model:
        # TFEsmModel has a pooler (add_pooling_layer=True); PyTorch's EsmModel ignores it on load.
        rng = np.random.default_rng(7)
        hidden = tensors["esm.embeddings.word_embeddings.weight"].shape[1]
        weights["esm/pooler/dense/kernel:0"] = rng.normal(0, 0.1, (hidden, hidden)).astype(np.float32)
        weights["esm/pooler/dense/bias:0"] = rng.normal(0, 0.1, (hidden,)).astype(np.float32)
    return weights


def copy_folder_files(fixture, target, architecture=None):
    target.mkdir(parents=True, exist_ok=True)
    for name in ["vocab.txt", "special_tokens_map.json", "tokenizer_config.json"]:
        shutil.copy(DATA / fixture / name, target / name)
    config = json.loads((DATA / fixture / "config.json").read_text())
    if architecture:
        config["architectures"] = [architecture]
        (target / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    else:
        shutil.copy(DATA / fixture / "config.json", target / "config.json")
    return config["architectures"][0]


# Variables a layer holds besides its own: TFEsmForMaskedLM ties lm_head.decoder to the word
# embeddings (modeling_tf_esm.py 1100-1104), so Keras saves that variable under lm_head too.
TIED = {("EsmForMaskedLM", "lm_head"): ["esm/embeddings/word_embeddings/embeddings:0"]}


def write_keras_h5(path, architecture, weights):
    scope, layers = CLASSES[architecture]
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = bytes_array(layers)
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.12.0"
        for layer in sorted(layers):
            group = f.create_group(layer)
            names = sorted(n for n in weights if n.split("/")[0] == layer) + TIED.get((architecture, layer), [])
            full = [f"{scope}/{n}" for n in names]
            group.attrs["weight_names"] = bytes_array(full) if full else np.array([], dtype="S1")
            for n, tf_name in zip(names, full):
                group.create_dataset(tf_name, data=weights[n])


def write_sharded_h5(folder, weights, shards):
    names = sorted(weights)
    per_shard = (len(names) + shards - 1) // shards
    weight_map = {}
    for k in range(shards):
        file = f"tf_model-{k + 1:05d}-of-{shards:05d}.h5"
        part = names[k * per_shard : (k + 1) * per_shard]
        with h5py.File(folder / file, "w") as f:
            for n in part:
                f.create_dataset(n, data=weights[n])
                weight_map[n] = file
            f.attrs["layer_names"] = bytes_array(part)
    total = sum(w.nbytes for w in weights.values())
    index = {"metadata": {"total_size": total}, "weight_map": weight_map}
    (folder / "tf_model.h5.index.json").write_text(json.dumps(index, indent=2, sort_keys=True) + "\n")


def main():
    if OUT.exists():
        for child in OUT.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
    for fixture in ["esm2_tiny", "esm1b_tiny", "esm2_seqcls_tiny", "esm2_tokcls_tiny"]:
        folder = OUT / fixture
        architecture = copy_folder_files(fixture, folder)
        write_keras_h5(folder / "tf_model.h5", architecture, tf_weights(fixture, False))

    base = OUT / "esm2_base"
    copy_folder_files("esm2_tiny", base, "EsmModel")
    write_keras_h5(base / "tf_model.h5", "EsmModel", tf_weights("esm2_tiny", True))

    sharded = OUT / "esm2_tiny_sharded"
    copy_folder_files("esm2_tiny", sharded)
    write_sharded_h5(sharded, tf_weights("esm2_tiny", False), 3)

    # Broken on purpose: one variable missing, one of the wrong shape.
    broken = tf_weights("esm2_tiny", False)
    del broken["esm/encoder/layer_._1/attention/self/value/bias:0"]
    broken["esm/encoder/layer_._2/intermediate/dense/kernel:0"] = np.zeros((64, 96), np.float32)
    folder = OUT / "esm2_tiny_broken"
    copy_folder_files("esm2_tiny", folder)
    write_keras_h5(folder / "tf_model.h5", "EsmForMaskedLM", broken)


if __name__ == "__main__":
    main()
