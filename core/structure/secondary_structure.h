// Secondary structure by the DSSP method (Kabsch & Sander 1983, as mkdssp 4 computes it):
// hydrogen bonds from electrostatic energy, then turns, helices (H, G, I), bridges and ladders
// (B, E), turns (T), bends (S) and DSSP 4's polyproline helices (P). ESMFold files carry no HELIX/SHEET
// records, so the cartoon needs this.
#pragma once

#include "core/structure/structure.h"

#include <string>
#include <vector>

namespace esm {

// One letter per residue of the structure (all models): H G I E B T S P, or '-' for coil and for
// residues that are not amino acids or lack backbone atoms.
std::vector<char> assignSecondaryStructure(const Structure& structure);

// The 8-state string of the polymer residues of chain c, e.g. "--HHHHHHT--EEEE-".
std::string secondaryStructureOfChain(const Structure& structure, const std::vector<char>& perResidue,
                                      int chain);

// 8 states to 3: H, G, I -> H; E, B -> E; the rest (T, S, P, coil) -> C.
char threeState(char eightState);

} // namespace esm
