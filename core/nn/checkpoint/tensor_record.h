// A tensor as a checkpoint file stores it: name, element type, shape and where its bytes are.
// Knows nothing of LibTorch; the model loader turns records into tensors.
#pragma once

#include "core/base/tensor_data.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace esm {

struct TensorRecord {
    std::string name;
    ElementType type = ElementType::F32;
    std::vector<std::int64_t> shape;
    std::vector<std::int64_t> strides; // in elements; empty means contiguous
    const std::byte* data = nullptr;   // first element
    std::size_t bytes = 0;             // bytes readable from `data` (at least the tensor's extent)
    std::string file;                  // the file it came from, for messages
    std::shared_ptr<const void> owner; // keeps `data` valid (the file mapping)
    // Set instead of `data` for bytes not in memory yet (a compressed HDF5 dataset): read on first
    // use, after the loader has checked the shape, so memory follows what a model accepts rather
    // than what a file declares.
    std::function<const std::byte*()> fetch;

    const std::byte* contents() const { return data ? data : fetch(); }

    std::int64_t numel() const;
    std::size_t contiguousBytes() const { return static_cast<std::size_t>(numel()) * elementSize(type); }
};

// A view of an array in memory (valid while it lives).
TensorRecord recordOf(const OwnedTensor& tensor);

// "[64, 32]"
std::string shapeText(const std::vector<std::int64_t>& shape);

// Elements from the first to one past the last that (shape, strides) address - the element count
// when `strides` is empty (contiguous) - or nothing when a stride is negative or the count
// overflows: files are untrusted input.
std::optional<std::int64_t> elementSpan(const std::vector<std::int64_t>& shape,
                                        const std::vector<std::int64_t>& strides);

} // namespace esm
