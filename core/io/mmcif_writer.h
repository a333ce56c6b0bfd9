// Writes PDBx/mmCIF; predictions also get ModelCIF pLDDT scores (_ma_qa_metric), which ChimeraX
// and Mol* use to colour a model by confidence.
#pragma once

#include "core/structure/structure.h"

#include <ostream>

namespace esm {

void writeMmcif(std::ostream& out, const Structure& structure);

} // namespace esm
