// Writes PDB format with column-exact records, so mkdssp, TMscore, PyMOL and ChimeraX read it.
#pragma once

#include "core/structure/structure.h"

#include <ostream>

namespace esm {

struct PdbWriteOptions {
    // pLDDT written on 0-100 (AlphaFold DB, fair-esm) or on 0-1 (HuggingFace's to_pdb).
    double plddtScale = 100.0;
    // Exactly HuggingFace's `to_pdb` layout: "PARENT N/A" first, no HEADER or REMARK.
    bool huggingFaceLayout = false;
};

void writePdb(std::ostream& out, const Structure& structure, const PdbWriteOptions& options = {});

} // namespace esm
