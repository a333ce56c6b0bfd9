// Writes PDB format with column-exact records, so mkdssp, TMscore, PyMOL and ChimeraX read it.
#pragma once

#include "core/structure/structure.h"

#include <optional>
#include <ostream>
#include <string>

namespace esm {

struct PdbWriteOptions {
    // pLDDT written on 0-100 (AlphaFold DB, fair-esm) or on 0-1 (HuggingFace's to_pdb).
    double plddtScale = 100.0;
    // Exactly HuggingFace's `to_pdb` layout: "PARENT N/A" first, no HEADER or REMARK.
    bool huggingFaceLayout = false;
};

// What of `structure` does not fit PDB's fixed columns (a chain id of two characters, residue number
// 10000, a coordinate of -1000 Å, ...), or nothing.
std::optional<std::string> pdbFormatProblem(const Structure& structure);

// Throws Error naming the first value that does not fit and pointing at mmCIF, rather than cutting it.
void writePdb(std::ostream& out, const Structure& structure, const PdbWriteOptions& options = {});

} // namespace esm
