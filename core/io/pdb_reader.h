// Reads PDB format as real files have it: ESMFold and AlphaFold output, NMR ensembles, alternate
// locations, insertion codes, HETATM ligands and waters, short lines, CRLF.
#pragma once

#include "core/structure/structure.h"

#include <istream>
#include <string>

namespace esm {

// `sourceName` names the input in error messages ("file.pdb:120: bad x coordinate '1.2.3'").
Structure readPdb(std::istream& in, const std::string& sourceName, const std::string& structureName);

} // namespace esm
