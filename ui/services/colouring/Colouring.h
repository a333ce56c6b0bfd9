// Colour schemes for structures, as ChimeraX and PyMOL users know them: pLDDT (AlphaFold DB bands
// or ChimeraX's continuous alphafold palette), chain, secondary structure, rainbow, B-factor,
// hydrophobicity, one colour. Pure functions of the structure: no VTK, no widgets.
#pragma once

#include "core/structure/structure.h"

#include <QColor>
#include <QObject>
#include <QString>

#include <array>
#include <optional>
#include <vector>

namespace esmui {

using Rgb = std::array<unsigned char, 3>;

// Values: a number per residue from elsewhere (ΔpLDDT between two folds), red below 0, blue above.
enum class ColorScheme {
    Plddt,
    PlddtContinuous,
    Chain,
    SecondaryStructure,
    Rainbow,
    BFactor,
    Hydrophobicity,
    Single,
    Values
};

// Predictions open coloured by pLDDT, experimental structures by chain.
ColorScheme defaultScheme(const esm::Structure& structure);
// "plddt", "plddt-continuous", "chain", "ss", "rainbow", "bfactor", "hydrophobicity", "single".
std::optional<ColorScheme> parseColorScheme(const QString& name);
QString colorSchemeName(ColorScheme scheme);
QString colorSchemeLabel(ColorScheme scheme);

// Diverging: red at -limit, white at 0, blue at +limit; grey for NaN.
Rgb valueColour(double value, double limit);

// AlphaFold DB bands: > 90 #0053D6, 70-90 #65CBF3, 50-70 #FFDB13, <= 50 #FF7D45.
Rgb plddtBandColour(double plddt);
// The four bands' colours, highest band first, as the key lists them.
const std::array<Rgb, 4>& plddtBandColours();
Rgb plddtContinuousColour(double plddt);

struct ColourContext {
    const esm::Structure& structure;
    const std::vector<char>& secondaryStructure; // per residue
    ColorScheme scheme;
    Rgb single{200, 200, 200};
    const std::vector<double>* residueValues = nullptr; // Values: per residue, NaN for none
    double valueLimit = 20;                             // Values: the colour scale's ends, ±
};

// One colour per residue of the structure.
std::vector<Rgb> residueColours(const ColourContext& context);
// One colour per atom: pLDDT and B-factor schemes colour each atom by its own value; the others
// colour carbons like their residue and other elements by element.
std::vector<Rgb> atomColours(const ColourContext& context, const std::vector<Rgb>& residueColours);

// Whether a person could take one colour for the other (a weighted RGB distance, "redmean").
bool coloursCollide(const Rgb& a, const Rgb& b);
// The `index`-th colour for a structure shown beside the main one: ChimeraX's model colours, then
// greys, skipping any that collides with a colour in `avoid` (the main structure's palette in use).
Rgb otherStructureColour(int index, const std::vector<Rgb>& avoid);

inline QColor toQColor(const Rgb& c) {
    return QColor(c[0], c[1], c[2]);
}

} // namespace esmui
