"""Writes membrane_train.csv and membrane_eval.csv: random sequences whose label follows a rule a language
model learns in a minute, so that a new user sees eval accuracy rise. A sequence is 'membrane' when more than
half of its residues are hydrophobic (A I L M F V W), else 'soluble'. Deterministic; run: python3 make_membrane_example.py
"""
import csv
import random

HYDROPHOBIC = "AILMFVW"
POLAR = "DEKRNQSTGHPYC"


def sequence(rng):
    length = rng.randint(24, 48)
    share = rng.uniform(0.2, 0.8)  # the hydrophobic share this sequence is drawn around
    return "".join(rng.choice(HYDROPHOBIC) if rng.random() < share else rng.choice(POLAR) for _ in range(length))


def label(seq):
    return "membrane" if sum(c in HYDROPHOBIC for c in seq) / len(seq) > 0.5 else "soluble"


def write(path, rows, rng, prefix):
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "sequence", "label"])
        for i in range(rows):
            s = sequence(rng)
            out.writerow([f"{prefix}{i:03d}", s, label(s)])


if __name__ == "__main__":
    rng = random.Random(2026)
    write("membrane_train.csv", 240, rng, "train")
    write("membrane_eval.csv", 60, rng, "eval")
