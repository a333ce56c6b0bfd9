// What a masked language model thinks of every position of a protein and every substitution, as
// fair-esm's variant-prediction code computes it: log-softmax over the whole vocabulary, from one
// unmasked pass (wild-type marginals) or from one pass per masked position (masked marginals);
// log-likelihood ratios, per-position entropy, the pseudo-log-likelihood, and scores of mutation
// sets (Meier et al. 2021). Chains (':') are scored one by one; sequences longer than the model
// takes are tiled into blended windows. Special tokens in the sequence (<mask>, ...; markers, see
// core/structure/sequence.h) go to the model as they are, in every pass, and have no wild type.
#pragma once

#include "core/base/progress.h"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace esm {

class LanguageModel;

// Rows of every score table, and the order of CSV rows.
inline constexpr std::string_view kStandardAminoAcids = "ACDEFGHIKLMNPQRSTVWY";

enum class ScoreMode { WildTypeMarginal, MaskedMarginal };
// "wt-marginal", "masked-marginal". Inline, so that readers of saved scores (sessions) need no
// LibTorch library.
inline std::optional<ScoreMode> parseScoreMode(std::string_view name) {
    if (name == "wt-marginal")
        return ScoreMode::WildTypeMarginal;
    if (name == "masked-marginal")
        return ScoreMode::MaskedMarginal;
    return std::nullopt;
}
inline std::string scoreModeName(ScoreMode mode) {
    return mode == ScoreMode::WildTypeMarginal ? "wt-marginal" : "masked-marginal";
}

struct ScoreOptions {
    ScoreMode mode = ScoreMode::WildTypeMarginal;
    int maskedPerForward = 8; // masked copies of the sequence run together in one forward pass
    int window = 0;           // residues per window; 0: what the model takes, at most 1,022
    int minOverlap = 0;       // between windows; 0: half a window
    // Positions (0-based over the residues) masked in every pass: the model's distribution there
    // given the rest, as the GUI's "mask selection" shows it.
    std::set<int> masked;
};

struct SequenceScores {
    std::string residues; // the scored sequence, chain separators removed
    ScoreMode mode = ScoreMode::WildTypeMarginal;
    std::vector<float> logProbs; // [length x 20], columns in kStandardAminoAcids order
    std::vector<float>
        wildTypeLogProb; // [length], of the residue present (X, B, ... included); NaN at special tokens
    std::vector<float> entropy; // [length], bits, over the 20 standard amino acids
    int windows = 0;            // forward windows per chain, summed over chains
    std::set<int> masked;       // ScoreOptions::masked

    int length() const { return int(residues.size()); }
    float logProb(int position, int aminoAcid) const {
        return logProbs[std::size_t(position) * 20 + std::size_t(aminoAcid)];
    }
    // log p(mutant) - log p(wild type) at the same position.
    float llr(int position, int aminoAcid) const {
        return logProb(position, aminoAcid) - wildTypeLogProb[std::size_t(position)];
    }
    // The sum of the wild-type log-probabilities (special tokens left out): the
    // pseudo-log-likelihood with masked marginals.
    double pseudoLogLikelihood() const;
    double pseudoPerplexity() const;
};

// Index of `residue` in kStandardAminoAcids, or -1.
int standardAminoAcidIndex(char residue);

// `sequence` as the sequence editor holds it (upper-case residues, ':' between chains).
SequenceScores scoreSequence(const LanguageModel& model, std::string_view sequence,
                             const ScoreOptions& options, const Progress& progress = Progress::none());

struct Mutation {
    int position = 0; // 0-based over the residues, chain separators not counted
    char wildType = 0, mutant = 0;
    bool operator==(const Mutation&) const = default;
};

// "A12G" or "A12G:K30R" (1-based positions); Error when malformed, out of range, or when the wild
// type does not match `residues` (the sequence without separators).
std::vector<Mutation> parseMutations(std::string_view text, std::string_view residues);
std::string mutationsText(const std::vector<Mutation>& mutations);
// The sequence with the mutations applied; separators kept.
std::string applyMutations(std::string_view sequence, const std::vector<Mutation>& mutations);

// Sum over the set of log p(mutant) - log p(wild type): every mutated position masked together
// (masked-marginal mode) or read from the wild-type marginals.
double scoreMutations(const LanguageModel& model, std::string_view sequence,
                      const std::vector<Mutation>& mutations, const ScoreOptions& options,
                      const Progress& progress = Progress::none());

} // namespace esm
