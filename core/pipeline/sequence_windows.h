// Overlapping windows over a sequence longer than a language model takes, with blending weights,
// as the esm-variants tool (Brandes et al. 2023) tiles proteins longer than ESM-1b's 1,022
// residues: windows from both ends inwards, a centred one where the last two overlap too little,
// and sigmoid ramps at inner window edges so every position is scored mostly by windows in which
// it sits far from an edge.
#pragma once

#include <vector>

namespace esm {

struct SequenceWindow {
    int begin = 0, end = 0;      // residues [begin, end)
    std::vector<double> weights; // per residue of the window; over all windows a residue's weights sum to 1
};

// One window of weight 1 when `length` <= `window`. `minOverlap` < `window`.
std::vector<SequenceWindow> tileSequence(int length, int window, int minOverlap);

} // namespace esm
