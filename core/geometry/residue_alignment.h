// Pairings of the residues of two chains: by sequence (a global alignment) or by structure, in
// the spirit of TM-align (Zhang & Skolnick 2005): initial alignments from gapless threading and
// from secondary structure, refined by dynamic programming on the TM-score of the superposed Cα
// positions until the alignment stops changing.
#pragma once

#include "core/geometry/superpose.h"

#include <string_view>
#include <utility>
#include <vector>

namespace esm {

// (index in the first, index in the second), increasing in both.
using ResiduePairs = std::vector<std::pair<int, int>>;

// Global alignment maximising identities; a gap costs 1 when opened, nothing when extended.
ResiduePairs alignSequences(std::string_view first, std::string_view second);

// `*Structure`: 3-state secondary structure per residue ('H', 'E' or 'C'). The TM-score that
// drives the search is normalised by the second chain (the reference).
ResiduePairs alignStructures(const Points& first, const Points& second, std::string_view firstStructure,
                             std::string_view secondStructure);

} // namespace esm
