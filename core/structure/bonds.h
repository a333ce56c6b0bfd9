// Covalent bonds guessed from geometry, as viewers do for files without CONECT records: atom pairs
// of one residue closer than the sum of their covalent radii plus a tolerance, peptide bonds
// between consecutive residues, and disulfide bridges.
#pragma once

#include "core/structure/structure.h"

#include <utility>
#include <vector>

namespace esm {

// Pairs of atom indices (first < second) within each model.
std::vector<std::pair<int, int>> guessBonds(const Structure& structure);

} // namespace esm
