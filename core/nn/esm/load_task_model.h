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

// `options` for a model with an ESM stem under "esm." (a task model or ESMFold), plus how the
// stem's encoder Linear layers load for options.compute.encoderLinear: int8 layers are quantised as
// they load, before options' own afterLoad (which then sees int8 layers); float16 weights are
// stored in float16 (int8_linear.h, half_weights.h).
LoadOptions withEsmEncoderLoading(torch::nn::Module& model, LoadOptions options);
// What a checkpoint tensor's values take once loaded for `compute`: the encoder's Linear weights 2
// bytes each under int8 (the values and the int8 engine's reordered copy) and float16, the rest
// the compute dtype's size.
std::size_t loadedBytesPerValue(const std::string& checkpointName, const ComputeOptions& compute);
// After the tensors: encoder layers a non-strict load left unfilled get the same treatment.
void finishEsmEncoder(torch::nn::Module& model, const ComputeOptions& compute);

// How loadEsmTaskModel fills `model` (whatever the checkpoint's names): storage types, accepted
// extras, the encoder's loading for `compute`. finishEsmEncoder follows the tensors.
LoadOptions esmTaskLoadOptions(torch::nn::Module& model, const ComputeOptions& compute);

// `options` for the names `files` uses: without "esm." for a bare EsmModel (HuggingFace saves it
// without its base-model prefix), and the tied LM decoder from the word embeddings where a file
// stores them once.
LoadOptions withCheckpointNames(LoadOptions options, const CheckpointFiles& files);

std::shared_ptr<EsmTaskModel> loadEsmTaskModel(const EsmConfig& config, const CheckpointFiles& files,
                                               const ComputeOptions& compute, const Progress& progress,
                                               LoadReport* report = nullptr);

} // namespace esm::nn
