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

// float32 Linear layers with large weights (the ESM stem's, the trunk's sequence track) are packed
// for oneDNN as they load (packed_linear.h).
std::shared_ptr<EsmForProteinFolding> loadEsmFold(const EsmConfig& config, const CheckpointFiles& files,
                                                  const ComputeOptions& compute, const Progress& progress,
                                                  LoadReport* report = nullptr);

} // namespace esm::nn
