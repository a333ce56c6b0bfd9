// Fills a module's parameters and buffers from checkpoint files by name (the llama.cpp idiom:
// every tensor looked up by its checkpoint name with its expected shape). Tensors are views of the
// mapped file when dtype and device allow, so loading does not copy the weights.
#pragma once

#include "core/base/progress.h"
#include "core/nn/checkpoint/checkpoint_files.h"
#include "core/nn/runtime/compute_options.h"

#include <functional>
#include <string>
#include <vector>

namespace esm::nn {

struct LoadReport {
    std::vector<std::string> missing;    // in the module, not in the checkpoint
    std::vector<std::string> unexpected; // in the checkpoint, not in the module (accepted extras excluded)
    std::vector<std::string> wrongShape; // "name: shape [a, b] in the checkpoint, expected [c, d]"
    std::vector<std::string> filledByDefault;
    int zeroCopy = 0;  // tensors that are views of the file
    int converted = 0; // tensors copied for dtype, alignment or device
    bool clean() const { return missing.empty() && unexpected.empty() && wrongShape.empty(); }
    std::string summary() const;
};

struct LoadOptions {
    ComputeOptions compute;
    // Strict loading throws Error on missing or wrong-shape tensors; unexpected ones are reported.
    bool strict = true;
    // The dtype a floating parameter is stored in; by default the compute dtype.
    std::function<at::ScalarType(const std::string& name)> parameterType;
    // Checkpoint names that may be present without a module counterpart (exact names or suffixes
    // starting with '.').
    std::vector<std::string> acceptedExtras;
    // Module names whose absence is fine: the module keeps the value it was built with.
    std::vector<std::string> optional;
    // Module name -> checkpoint name (e.g. to add HuggingFace's base-model prefix), and a
    // fallback name to try when the first is absent (tied weights).
    std::function<std::string(const std::string&)> checkpointName;
    std::function<std::string(const std::string&)> fallbackName;
    // Called with each module name once its tensor is in place, in module order (to transform
    // layers as they load, so that the untransformed model never exists whole).
    std::function<void(const std::string& name)> afterLoad;
    const Progress* progress = nullptr;
};

LoadReport loadStateDict(torch::nn::Module& module, const CheckpointFiles& files, const LoadOptions& options);

// A tensor over a record's bytes: a view when aligned (no copy), then converted to `type`/`device`
// when they differ. Integer records keep their type.
at::Tensor tensorFromRecord(const TensorRecord& record, at::ScalarType type, at::Device device,
                            bool* copied = nullptr);

at::ScalarType toScalarType(ElementType type);
ElementType toElementType(at::ScalarType type);

} // namespace esm::nn
