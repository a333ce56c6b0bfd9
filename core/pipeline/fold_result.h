// A fold's user-facing result from the model's raw outputs for one sequence (batch axis removed):
// the structure with per-atom pLDDT, per-residue pLDDT, PAE and the scores, linker dropped.
#pragma once

#include "core/pipeline/fold_input.h"
#include "core/pipeline/folder.h"

namespace esm {

// `outputs` must hold positions [blocks, N, 14, 3], atom37_atom_exists [N, 37],
// residx_atom37_to_atom14 [N, 37], plddt [N, 37] (0-1), predicted_aligned_error [N, N] and
// max_predicted_aligned_error; the final block's positions are used.
FoldResult foldResultFromOutputs(const std::string& sequence, const FoldInput& input,
                                 const std::vector<OwnedTensor>& outputs, double ptm);

} // namespace esm
