// AlphaFold's residue constants (openfold residue_constants.py): atom orders, the atom14 and
// atom37 encodings, and the idealised rigid-group geometry that turns torsion angles into atoms.
// Tables are written once; derived arrays are computed once, in double precision and stored as
// float, exactly as openfold stores them.
#pragma once

#include <array>
#include <string_view>

namespace esm::residue {

inline constexpr int kRestypeCount = 20;      // the standard residues, AlphaFold order
inline constexpr int kRestypeCountWithX = 21; // + X (unknown)
inline constexpr int kAtom37 = 37;
inline constexpr int kAtom14 = 14;
inline constexpr int kRigidGroups = 8; // backbone, pre-omega, phi, psi, chi1..chi4

// "N", "CA", "C", "CB", "O", "CG", ... "OXT"
const std::array<std::string_view, kAtom37>& atomTypes();
int atomTypeIndex(std::string_view name); // -1 when unknown

// Atom names of each residue type in atom14 order ("" for unused slots); row 20 (X) is empty.
const std::array<std::array<std::string_view, kAtom14>, kRestypeCountWithX>& atom14Names();

// AlphaFold residue index of a one-letter code: ARNDCQEGHILKMFPSTWYV -> 0..19, anything else 20 (X).
int restypeIndex(char oneLetter);
char restypeLetter(int index); // 'X' for 20

struct DerivedTables {
    std::array<std::array<int, kAtom14>, kRestypeCountWithX> atom14ToRigidGroup{};
    std::array<std::array<float, kAtom14>, kRestypeCountWithX> atom14Mask{};
    std::array<std::array<std::array<float, 3>, kAtom14>, kRestypeCountWithX> atom14RigidGroupPositions{};
    std::array<std::array<std::array<std::array<float, 4>, 4>, kRigidGroups>, kRestypeCountWithX>
        rigidGroupDefaultFrame{};
    std::array<std::array<int, kAtom14>, kRestypeCountWithX> atom14ToAtom37{};
    std::array<std::array<int, kAtom37>, kRestypeCountWithX> atom37ToAtom14{};
    std::array<std::array<float, kAtom37>, kRestypeCountWithX> atom37Mask{};
};

// Built on first use.
const DerivedTables& derivedTables();

} // namespace esm::residue
