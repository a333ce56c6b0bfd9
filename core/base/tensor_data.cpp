#include "core/base/tensor_data.h"

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

} // namespace esm
