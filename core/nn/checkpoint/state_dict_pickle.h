// Reads the pickle inside a PyTorch checkpoint (data.pkl) far enough to list a state dict: for each
// name, the storage record its tensor lives in, and the tensor's dtype, offset, shape and strides.
// A small pickle machine of our own: it executes no code and accepts only what torch.save writes.
#pragma once

#include "core/nn/checkpoint/tensor_record.h"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace esm {

struct PickledTensor {
    std::string name;
    std::string storageKey; // the record "data/<key>" in the archive
    ElementType type = ElementType::F32;
    std::int64_t storageElements = 0;
    std::int64_t storageOffset = 0; // in elements
    std::vector<std::int64_t> shape, strides;
};

// Throws Error prefixed with `file` for corrupt pickles and for anything that is not a state dict.
std::vector<PickledTensor> readStateDictPickle(std::span<const std::byte> pickle, const std::string& file);

} // namespace esm
