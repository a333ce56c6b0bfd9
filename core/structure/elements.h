// Per-element constants for drawing: covalent and van der Waals radii (Å) and CPK/Jmol colours.
#pragma once

#include <array>
#include <string_view>

namespace esm {

struct ElementProperties {
    double covalentRadius;
    double vanDerWaalsRadius;
    std::array<unsigned char, 3> colour;
};

// Unknown elements get carbon-like radii and a pink colour, as molecular viewers show them.
const ElementProperties& elementProperties(std::string_view symbol);

} // namespace esm
