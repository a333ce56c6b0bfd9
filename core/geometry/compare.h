// Comparison of two structures (a fold and a reference, or two folds): which residues pair up,
// RMSD, TM-score normalised by the reference (as TMscore reports it), GDT-TS, and the
// superposition that puts the model onto the reference.
#pragma once

#include "core/geometry/residue_alignment.h"
#include "core/geometry/tm_score.h"
#include "core/structure/structure.h"

#include <optional>
#include <string>

namespace esm {

enum class Pairing {
    Automatic, // in order when the sequences are identical, else by structure
    InOrder,   // residue i with residue i (variants of one length: substitutions only)
    Sequence,  // a global alignment of the sequences
    Structure, // TM-align-like, sequence-independent
};

// "sequence", "structure"
std::optional<Pairing> parsePairing(const std::string& name);

struct StructureComparison {
    std::string pairing;                      // "identical sequences", "in order", "sequence" or "structure"
    int modelLength = 0, referenceLength = 0; // residues with a Cα (first model, every chain)
    int alignedResidues = 0;
    double rmsd = 0, tmScore = 0, gdtTs = 0;
    ResiduePairs pairs;            // structure residue indices (model, reference) that were scored
    std::vector<double> distances; // per pair, Å, after `superposition`
    Superposition superposition;   // model onto reference
};

// Error when either structure has fewer than three residues with a Cα.
StructureComparison compareStructures(const Structure& model, const Structure& reference, Pairing pairing);

// `structure` with every atom moved by `superposition` (the model as it lies on the reference).
Structure superposed(Structure structure, const Superposition& superposition);

} // namespace esm
