// Radii: Cordero et al. 2008 (covalent) and Bondi 1964 (van der Waals); colours: Jmol's CPK scheme.
#include "core/structure/elements.h"

#include <cctype>
#include <string>
#include <utility>

namespace esm {
namespace {

struct Entry {
    std::string_view symbol;
    ElementProperties properties;
};

constexpr Entry kElements[] = {
    {"H", {0.31, 1.10, {255, 255, 255}}},  {"C", {0.76, 1.70, {144, 144, 144}}},
    {"N", {0.71, 1.55, {48, 80, 248}}},    {"O", {0.66, 1.52, {255, 13, 13}}},
    {"S", {1.05, 1.80, {255, 255, 48}}},   {"P", {1.07, 1.80, {255, 128, 0}}},
    {"SE", {1.20, 1.90, {255, 161, 0}}},   {"F", {0.57, 1.47, {144, 224, 80}}},
    {"CL", {1.02, 1.75, {31, 240, 31}}},   {"BR", {1.20, 1.85, {166, 41, 41}}},
    {"I", {1.39, 1.98, {148, 0, 148}}},    {"NA", {1.66, 2.27, {171, 92, 242}}},
    {"MG", {1.41, 1.73, {138, 255, 0}}},   {"K", {2.03, 2.75, {143, 64, 212}}},
    {"CA", {1.76, 2.31, {61, 255, 0}}},    {"MN", {1.39, 2.00, {156, 122, 199}}},
    {"FE", {1.32, 2.00, {224, 102, 51}}},  {"CO", {1.26, 2.00, {240, 144, 160}}},
    {"NI", {1.24, 1.63, {80, 208, 80}}},   {"CU", {1.32, 1.40, {200, 128, 51}}},
    {"ZN", {1.22, 1.39, {125, 128, 176}}},
};
constexpr ElementProperties kUnknown{0.77, 1.70, {255, 20, 147}};

} // namespace

const ElementProperties& elementProperties(std::string_view symbol) {
    std::string upper;
    for (char c : symbol)
        upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    for (const auto& e : kElements)
        if (e.symbol == upper)
            return e.properties;
    return kUnknown;
}

} // namespace esm
