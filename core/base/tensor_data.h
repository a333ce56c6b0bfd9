// Plain n-dimensional arrays: an element type, a shape and the bytes. Model inputs and outputs
// cross the layers in this form, without LibTorch: checkpoint files are read into records of it,
// the pipeline returns results as it, the command line writes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace esm {

enum class ElementType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool };

std::size_t elementSize(ElementType type);
// The safetensors spelling: "F32", "BF16", ...
std::string_view elementTypeName(ElementType type);
// Parses the safetensors spelling; returns false for an unknown name.
bool parseElementType(std::string_view name, ElementType& type);
bool isFloatingPoint(ElementType type);

// An array with its own (contiguous, row-major) bytes, for results computed in memory.
struct OwnedTensor {
    std::string name;
    ElementType type = ElementType::F32;
    std::vector<std::int64_t> shape;
    std::vector<std::byte> bytes;

    template <typename T> const T* as() const { return reinterpret_cast<const T*>(bytes.data()); }
};

} // namespace esm
