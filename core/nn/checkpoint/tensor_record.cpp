#include "core/nn/checkpoint/tensor_record.h"

#include <array>

namespace esm {
namespace {

struct TypeInfo {
    ElementType type;
    std::string_view name;
    std::size_t size;
    bool floating;
};

constexpr std::array<TypeInfo, 10> kTypes{{
    {ElementType::F64, "F64", 8, true},
    {ElementType::F32, "F32", 4, true},
    {ElementType::F16, "F16", 2, true},
    {ElementType::BF16, "BF16", 2, true},
    {ElementType::I64, "I64", 8, false},
    {ElementType::I32, "I32", 4, false},
    {ElementType::I16, "I16", 2, false},
    {ElementType::I8, "I8", 1, false},
    {ElementType::U8, "U8", 1, false},
    {ElementType::Bool, "BOOL", 1, false},
}};

const TypeInfo& info(ElementType type) {
    for (const auto& t : kTypes)
        if (t.type == type)
            return t;
    return kTypes[0];
}

} // namespace

std::size_t elementSize(ElementType type) {
    return info(type).size;
}
std::string_view elementTypeName(ElementType type) {
    return info(type).name;
}
bool isFloatingPoint(ElementType type) {
    return info(type).floating;
}

bool parseElementType(std::string_view name, ElementType& type) {
    for (const auto& t : kTypes)
        if (t.name == name) {
            type = t.type;
            return true;
        }
    return false;
}

std::int64_t TensorRecord::numel() const {
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    return n;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

std::optional<std::int64_t> elementSpan(const std::vector<std::int64_t>& shape,
                                        const std::vector<std::int64_t>& strides) {
    std::int64_t last = 0, count = 1;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (shape[i] == 0)
            return 0;
        std::int64_t step = 0;
        if (__builtin_mul_overflow(count, shape[i], &count) ||
            (!strides.empty() && (strides[i] < 0 || __builtin_mul_overflow(shape[i] - 1, strides[i], &step) ||
                                  __builtin_add_overflow(last, step, &last))))
            return std::nullopt;
    }
    return strides.empty() ? count : last + 1;
}

} // namespace esm
