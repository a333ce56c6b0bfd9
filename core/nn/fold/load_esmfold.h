// Builds ESMFold from a HuggingFace folder's config and weights, in the requested precision.
#pragma once

#include "core/base/progress.h"
#include "core/nn/checkpoint/checkpoint_files.h"
#include "core/nn/fold/esmfold.h"
#include "core/nn/loading/state_dict_loader.h"

namespace esm::nn {

// The structure module and the lDDT head compute in float32 (float64 for float64 models), as
// openfold forces; everything else in `compute.dtype`.
at::ScalarType structureTypeFor(at::ScalarType compute);

// How loadEsmFold fills `model`: each tensor's storage type, and the layer transforms applied as
// tensors arrive (the stem's encoder option; float32 Linear layers with large weights, the ESM
// stem's and the trunk's sequence track, packed for oneDNN: packed_linear.h).
LoadOptions esmFoldLoadOptions(EsmForProteinFolding& model, const ComputeOptions& compute);
// After the tensors: layers a non-strict load left unfilled get the same transforms; the model
// is prepared for `compute` and put in eval mode.
void finishEsmFold(EsmForProteinFolding& model, const ComputeOptions& compute);

std::shared_ptr<EsmForProteinFolding> loadEsmFold(const EsmConfig& config, const CheckpointFiles& files,
                                                  const ComputeOptions& compute, const Progress& progress,
                                                  LoadReport* report = nullptr);

} // namespace esm::nn
