// tf_model.h5: TensorFlow weights as Keras saves them (HDF5), read with the HDF5 C library and
// named as PyTorch parameters the way HuggingFace cross-loads them. Two layouts exist:
//  - a whole model (Keras save_weights): root attribute layer_names, one group per layer with the
//    attribute weight_names, one dataset per variable at its full name;
//  - a shard of tf_model.h5.index.json: root attribute layer_names listing the variables (model
//    scope left out), each a dataset at that name.
// Contiguous datasets are used in place through mmap; chunked or filtered ones are read into memory.
#pragma once

#include "core/nn/checkpoint/tensor_record.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace esm {

struct KerasWeights {
    std::shared_ptr<const void> owner; // keeps every record's data alive
    std::vector<TensorRecord> tensors; // PyTorch names; kernels as transposed (strided) views
};

// Throws Error naming the file (and variable) for anything malformed or not a Keras weights file.
KerasWeights readKerasH5(const std::filesystem::path& path);

} // namespace esm
