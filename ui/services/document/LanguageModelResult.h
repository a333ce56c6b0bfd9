// What the language model says of one sequence: the scores of every substitution, and its contact
// map (ESM-2's contact head over the whole sequence; empty for multimers and sequences longer than
// the model takes).
#pragma once

#include "core/pipeline/variant_scores.h"

#include <vector>

namespace esmui {

struct LanguageModelResult {
    esm::SequenceScores scores;
    std::vector<float> contacts; // residues x residues, probabilities
};

} // namespace esmui
