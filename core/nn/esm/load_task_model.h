// Builds an ESM language model from a HuggingFace folder's config and weights.
#pragma once

#include "core/base/progress.h"
#include "core/nn/checkpoint/checkpoint_files.h"
#include "core/nn/esm/task_model.h"
#include "core/nn/loading/state_dict_loader.h"

namespace esm::nn {

// The extra checkpoint keys HuggingFace ESM checkpoints carry and a loader must accept.
const std::vector<std::string>& esmAcceptedExtras();
// How the ESM stem's tensors are stored: rotary tables and the contact head stay float32 in a
// bfloat16 model (they are tiny and precision-sensitive); everything else in the compute dtype.
at::ScalarType esmParameterType(const std::string& name, at::ScalarType compute);

// A checkpoint into a model with an ESM stem under "esm." (a task model or ESMFold). With int8
// compute the stem's encoder Linear layers are quantised as they load (int8_linear.h).
LoadReport loadEsmStateDict(torch::nn::Module& model, const CheckpointFiles& files, LoadOptions options);
// The same layers quantised in a model built in memory (the benchmarks' random weights).
int quantizeEsmEncoder(torch::nn::Module& model);

std::shared_ptr<EsmTaskModel> loadEsmTaskModel(const EsmConfig& config, const CheckpointFiles& files,
                                               const ComputeOptions& compute, const Progress& progress,
                                               LoadReport* report = nullptr);

} // namespace esm::nn
