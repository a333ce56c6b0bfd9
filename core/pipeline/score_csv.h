// The scores CSV of esmx heatmap and the GUI's export: one row per position and standard amino
// acid (19 substitutions and the wild type itself, whose llr is 0).
#pragma once

#include "core/pipeline/variant_scores.h"

#include <ostream>

namespace esm {

// Scores and probabilities in CSV: six decimals, as the ESM tools print them.
std::string csvNumber(double value);

inline constexpr const char* kScoreCsvHeader = "id,position,wt,mut,log_prob_mut,log_prob_wt,llr";

// Rows for one sequence (no header); positions 1-based over the residues.
void writeScoreRows(std::ostream& out, const std::string& id, const SequenceScores& scores);

// Per-residue table: position,residue,plddt,entropy,log_prob_wt,mean_llr,chain,number; `position`
// counts 1, 2, … over the residues, `chain` and `number` name them as the structure's authors do
// (chain id; residue number and insertion code, "27A"). Columns without data (no fold, no scores,
// no names) are left empty.
inline constexpr const char* kResidueCsvHeader =
    "position,residue,plddt,entropy,log_prob_wt,mean_llr,chain,number";
void writeResidueTable(std::ostream& out, const std::string& residues, const std::vector<float>& plddt,
                       const SequenceScores* scores,
                       const std::vector<std::pair<std::string, std::string>>& names = {});

} // namespace esm
