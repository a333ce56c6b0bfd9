// Residue names: one-letter and three-letter codes of amino acids, and the few names that mark water.
#pragma once

#include <string>
#include <string_view>

namespace esm {

// The 20 standard amino acids in AlphaFold's order, which ESMFold's `aatype` indexes (X = 20).
inline constexpr std::string_view kStandardResidues = "ARNDCQEGHILKMFPSTWYV";
// Letters a Sequence accepts besides the standard 20: unknown, ambiguous and rare residues.
inline constexpr std::string_view kExtraResidues = "XBZUO";

bool isStandardResidue(char oneLetter);
bool isSequenceLetter(char oneLetter);

// "ALA" -> 'A'; common modified residues map to their parent (MSE -> 'M'); unknown names -> 'X'.
char oneLetterCode(std::string_view threeLetter);
// 'A' -> "ALA"; 'X' and other letters without a residue -> "UNK".
std::string_view threeLetterCode(char oneLetter);
// True for a name that oneLetterCode maps to a letter other than X (standard or modified amino acid).
bool isAminoAcidName(std::string_view threeLetter);
bool isWaterName(std::string_view residueName);

} // namespace esm
