#include "core/structure/residue_names.h"

#include <array>
#include <utility>

namespace esm {
namespace {

struct NamePair {
    std::string_view three;
    char one;
};

// Standard and rare residues first (their three-letter code round-trips), then modified residues
// that structure files carry as HETATM, mapped to the parent amino acid as PyMOL and Biopython do.
constexpr std::array<NamePair, 37> kNames{{
    {"ALA", 'A'}, {"ARG", 'R'}, {"ASN", 'N'}, {"ASP", 'D'}, {"CYS", 'C'}, {"GLN", 'Q'}, {"GLU", 'E'},
    {"GLY", 'G'}, {"HIS", 'H'}, {"ILE", 'I'}, {"LEU", 'L'}, {"LYS", 'K'}, {"MET", 'M'}, {"PHE", 'F'},
    {"PRO", 'P'}, {"SER", 'S'}, {"THR", 'T'}, {"TRP", 'W'}, {"TYR", 'Y'}, {"VAL", 'V'}, {"SEC", 'U'},
    {"PYL", 'O'}, {"ASX", 'B'}, {"GLX", 'Z'}, {"MSE", 'M'}, {"SEP", 'S'}, {"TPO", 'T'}, {"PTR", 'Y'},
    {"HYP", 'P'}, {"MLY", 'K'}, {"CSO", 'C'}, {"CME", 'C'}, {"KCX", 'K'}, {"HID", 'H'}, {"HIE", 'H'},
    {"HIP", 'H'}, {"CYX", 'C'},
}};
constexpr std::size_t kRoundTripNames = 24;

} // namespace

bool isStandardResidue(char oneLetter) {
    return kStandardResidues.find(oneLetter) != std::string_view::npos;
}

bool isSequenceLetter(char oneLetter) {
    return isStandardResidue(oneLetter) || kExtraResidues.find(oneLetter) != std::string_view::npos;
}

char oneLetterCode(std::string_view threeLetter) {
    for (const auto& name : kNames)
        if (name.three == threeLetter)
            return name.one;
    return 'X';
}

std::string_view threeLetterCode(char oneLetter) {
    for (std::size_t i = 0; i < kRoundTripNames; ++i)
        if (kNames[i].one == oneLetter)
            return kNames[i].three;
    return "UNK";
}

bool isAminoAcidName(std::string_view threeLetter) {
    return oneLetterCode(threeLetter) != 'X' || threeLetter == "UNK";
}

bool isWaterName(std::string_view residueName) {
    return residueName == "HOH" || residueName == "WAT" || residueName == "DOD" || residueName == "H2O";
}

} // namespace esm
