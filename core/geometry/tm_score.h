// TM-score (Zhang & Skolnick 2004) and GDT-TS of paired Cα positions, searched as the TMscore
// program does: superpositions seeded on fragments of every start and of lengths L, L/2, L/4 ...
// down to 4, each refined by re-superposing on the pairs closer than a cut-off until the set
// stops changing; the best score over all of them is reported.
#pragma once

#include "core/geometry/superpose.h"

namespace esm {

// d0 of the TM-score for a reference of `length` residues: 1.24 (L - 15)^(1/3) - 1.8, at least 0.5.
double tmScoreD0(int length);

struct TmScoreResult {
    double tmScore = 0; // normalised by the reference length
    double gdtTs = 0;   // (P1 + P2 + P4 + P8) / 4, fractions of the reference within 1, 2, 4, 8 Å
    double gdt[4] = {0, 0, 0, 0};
    double rmsd = 0; // over every pair, after their own optimal superposition
    int pairs = 0;
    Superposition superposition;   // the one of the best TM-score: moves the model onto the reference
    std::vector<double> distances; // per pair, after `superposition`
};

// `model[i]` is paired with `reference[i]`; scores are normalised by `referenceLength`.
TmScoreResult tmScore(const Points& model, const Points& reference, int referenceLength);

// The TM-score sum of a superposition (not normalised), for alignment searches.
double tmScoreSum(const Points& model, const Points& reference, const Superposition& s, double d0);

// A cheaper search (fewer fragment starts) for the inner loop of structural alignment.
Superposition quickTmSuperposition(const Points& model, const Points& reference, double d0);

// A three-step estimate, as TM-align ranks gapless threadings: superposed on every pair, then on
// the pairs within the search cut-off, then within the cut-off + 1 Å; the best sum of the three.
double fastTmScoreSum(const Points& model, const Points& reference, double d0);

} // namespace esm
