#include "ui/services/colouring/Colouring.h"

#include "core/structure/elements.h"
#include "core/structure/residue_names.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace esmui {
namespace {

Rgb mix(const Rgb& a, const Rgb& b, double t) {
    Rgb out;
    for (int i = 0; i < 3; ++i)
        out[i] = static_cast<unsigned char>(std::lround(a[i] + (b[i] - a[i]) * std::clamp(t, 0.0, 1.0)));
    return out;
}

// A piecewise-linear palette over (value, colour) stops.
Rgb palette(const std::vector<std::pair<double, Rgb>>& stops, double value) {
    if (value <= stops.front().first)
        return stops.front().second;
    for (std::size_t i = 1; i < stops.size(); ++i)
        if (value <= stops[i].first)
            return mix(stops[i - 1].second, stops[i].second,
                       (value - stops[i - 1].first) / (stops[i].first - stops[i - 1].first));
    return stops.back().second;
}

Rgb hsv(double hueDegrees, double saturation, double value) {
    const QColor c = QColor::fromHsvF(std::fmod(hueDegrees, 360.0) / 360.0, saturation, value);
    return {static_cast<unsigned char>(c.red()), static_cast<unsigned char>(c.green()),
            static_cast<unsigned char>(c.blue())};
}

const std::vector<Rgb>& chainPalette() {
    static const std::vector<Rgb> colours{{210, 180, 140}, {135, 206, 235}, {221, 160, 221}, {144, 238, 144},
                                          {250, 128, 114}, {240, 230, 140}, {176, 196, 222}, {255, 182, 193},
                                          {152, 251, 152}, {255, 160, 122}, {216, 191, 216}, {175, 238, 238}};
    return colours;
}

Rgb secondaryStructureColour(char ss) {
    switch (ss) {
    case 'H':
    case 'G':
    case 'I':
        return {232, 0, 90};
    case 'E':
    case 'B':
        return {255, 200, 0};
    default:
        return {176, 176, 176};
    }
}

// Kyte & Doolittle 1982.
double hydropathy(const std::string& residue) {
    static const std::map<char, double> scale{{'A', 1.8},  {'R', -4.5}, {'N', -3.5}, {'D', -3.5}, {'C', 2.5},
                                              {'Q', -3.5}, {'E', -3.5}, {'G', -0.4}, {'H', -3.2}, {'I', 4.5},
                                              {'L', 3.8},  {'K', -3.9}, {'M', 1.9},  {'F', 2.8},  {'P', -1.6},
                                              {'S', -0.8}, {'T', -0.7}, {'W', -0.9}, {'Y', -1.3}, {'V', 4.2}};
    const auto it = scale.find(esm::oneLetterCode(residue));
    return it == scale.end() ? 0.0 : it->second;
}

Rgb hydrophobicityColour(double h) {
    return palette({{-4.5, {30, 144, 255}}, {0.0, {255, 255, 255}}, {4.5, {255, 69, 0}}}, h);
}

std::pair<double, double> bFactorRange(const esm::Structure& s) {
    double low = 1e300, high = -1e300;
    for (int a = 0; a < s.atomCount(); ++a) {
        low = std::min(low, s.bFactor(a));
        high = std::max(high, s.bFactor(a));
    }
    return {low, std::max(high, low + 1e-6)};
}

Rgb bFactorColour(double value, std::pair<double, double> range) {
    const double t = (value - range.first) / (range.second - range.first);
    return palette({{0.0, {0, 0, 255}}, {0.5, {255, 255, 255}}, {1.0, {255, 0, 0}}}, t);
}

} // namespace

ColorScheme defaultScheme(const esm::Structure& structure) {
    return structure.confidence == esm::Confidence::PLDDT ? ColorScheme::Plddt : ColorScheme::Chain;
}

namespace {
const std::vector<std::tuple<ColorScheme, const char*, const char*>>& schemeNames() {
    static const std::vector<std::tuple<ColorScheme, const char*, const char*>> names{
        {ColorScheme::Plddt, "plddt", "pLDDT (AlphaFold DB bands)"},
        {ColorScheme::PlddtContinuous, "plddt-continuous", "pLDDT (continuous)"},
        {ColorScheme::Chain, "chain", "Chain"},
        {ColorScheme::SecondaryStructure, "ss", "Secondary structure"},
        {ColorScheme::Rainbow, "rainbow", "Rainbow (N to C)"},
        {ColorScheme::BFactor, "bfactor", "B-factor"},
        {ColorScheme::Hydrophobicity, "hydrophobicity", "Hydrophobicity"},
        {ColorScheme::Single, "single", "Single colour"},
        {ColorScheme::Values, "values", "ΔpLDDT (compared fold)"}};
    return names;
}
} // namespace

std::optional<ColorScheme> parseColorScheme(const QString& name) {
    for (const auto& [scheme, key, label] : schemeNames())
        if (name == key)
            return scheme;
    return std::nullopt;
}

QString colorSchemeName(ColorScheme scheme) {
    for (const auto& [s, key, label] : schemeNames())
        if (s == scheme)
            return key;
    return {};
}

QString colorSchemeLabel(ColorScheme scheme) {
    for (const auto& [s, key, label] : schemeNames())
        if (s == scheme)
            return QObject::tr(label);
    return {};
}

Rgb plddtBandColour(double plddt) {
    if (plddt > 90)
        return {0x00, 0x53, 0xD6};
    if (plddt > 70)
        return {0x65, 0xCB, 0xF3};
    if (plddt > 50)
        return {0xFF, 0xDB, 0x13};
    return {0xFF, 0x7D, 0x45};
}

Rgb valueColour(double value, double limit) {
    if (std::isnan(value))
        return {160, 160, 160};
    return palette({{-limit, {178, 24, 43}}, {0.0, {247, 247, 247}}, {limit, {33, 102, 172}}}, value);
}

const std::array<Rgb, 4>& plddtBandColours() {
    static const std::array<Rgb, 4> colours{plddtBandColour(95), plddtBandColour(80), plddtBandColour(60),
                                            plddtBandColour(25)};
    return colours;
}

Rgb plddtContinuousColour(double plddt) {
    return palette({{0, {0xFF, 0x7D, 0x45}},
                    {50, {0xFF, 0xDB, 0x13}},
                    {70, {0x65, 0xCB, 0xF3}},
                    {90, {0x00, 0x53, 0xD6}}},
                   plddt);
}

bool coloursCollide(const Rgb& a, const Rgb& b) {
    const double meanRed = (a[0] + b[0]) / 2.0;
    const double dr = a[0] - b[0], dg = a[1] - b[1], db = a[2] - b[2];
    const double distance =
        std::sqrt((2 + meanRed / 256) * dr * dr + 4 * dg * dg + (2 + (255 - meanRed) / 256) * db * db);
    return distance < 100; // sky blue against pLDDT's "Confident" #65CBF3 is 55; plum against it 240
}

Rgb otherStructureColour(int index, const std::vector<Rgb>& avoid) {
    // ChimeraX's model colours, in an order that starts away from chain A's tan (a lone chain's
    // colour); then greys, which no palette of ours uses for residues.
    static const Rgb candidates[] = {{135, 206, 235}, {221, 160, 221}, {144, 238, 144}, {250, 128, 114},
                                     {240, 230, 140}, {176, 196, 222}, {255, 182, 193}, {210, 180, 140},
                                     {190, 190, 190}, {120, 120, 120}, {245, 245, 245}, {60, 60, 60}};
    std::vector<Rgb> usable;
    for (const Rgb& candidate : candidates)
        if (std::none_of(avoid.begin(), avoid.end(),
                         [&](const Rgb& a) { return coloursCollide(a, candidate); }))
            usable.push_back(candidate);
    if (usable.empty()) // a palette over every colour and every grey: one that is at least distinct in turn
        usable.assign(std::begin(candidates), std::end(candidates));
    return usable[std::size_t(index) % usable.size()];
}

std::vector<Rgb> residueColours(const ColourContext& c) {
    const esm::Structure& s = c.structure;
    std::vector<Rgb> colours(static_cast<std::size_t>(s.residueCount()), c.single);
    const auto range = bFactorRange(s);
    for (int chain = 0; chain < s.chainCount(); ++chain) {
        const auto residues = s.chainResidues(chain);
        const auto polymer = s.polymerResidues(chain);
        const int chainInModel = chain - s.conformerChains(s.chainConformer(chain)).begin;
        for (int r = residues.begin; r < residues.end; ++r) {
            Rgb& out = colours[static_cast<std::size_t>(r)];
            switch (c.scheme) {
            case ColorScheme::Plddt:
                out = plddtBandColour(s.residueConfidence(r));
                break;
            case ColorScheme::PlddtContinuous:
                out = plddtContinuousColour(s.residueConfidence(r));
                break;
            case ColorScheme::Chain:
                out = chainPalette()[static_cast<std::size_t>(chainInModel) % chainPalette().size()];
                break;
            case ColorScheme::SecondaryStructure:
                out = secondaryStructureColour(c.secondaryStructure[static_cast<std::size_t>(r)]);
                break;
            case ColorScheme::Rainbow: {
                const auto at = std::find(polymer.begin(), polymer.end(), r);
                const double t =
                    polymer.size() > 1 ? double(at - polymer.begin()) / double(polymer.size() - 1) : 0.0;
                out = at == polymer.end() ? c.single : hsv(240.0 * (1.0 - t), 0.85, 1.0);
                break;
            }
            case ColorScheme::BFactor:
                out = bFactorColour(s.residueConfidence(r), range);
                break;
            case ColorScheme::Hydrophobicity:
                out = hydrophobicityColour(hydropathy(s.residueName(r)));
                break;
            case ColorScheme::Single:
                break;
            case ColorScheme::Values:
                out = c.residueValues && std::size_t(r) < c.residueValues->size()
                          ? valueColour((*c.residueValues)[std::size_t(r)], c.valueLimit)
                          : c.single;
                break;
            }
        }
    }
    return colours;
}

std::vector<Rgb> atomColours(const ColourContext& c, const std::vector<Rgb>& residueColours) {
    const esm::Structure& s = c.structure;
    std::vector<Rgb> colours(static_cast<std::size_t>(s.atomCount()));
    const auto range = bFactorRange(s);
    for (int a = 0; a < s.atomCount(); ++a) {
        Rgb& out = colours[static_cast<std::size_t>(a)];
        switch (c.scheme) {
        case ColorScheme::Plddt:
            out = plddtBandColour(s.bFactor(a));
            break;
        case ColorScheme::PlddtContinuous:
            out = plddtContinuousColour(s.bFactor(a));
            break;
        case ColorScheme::BFactor:
            out = bFactorColour(s.bFactor(a), range);
            break;
        case ColorScheme::Values:
            out = residueColours[static_cast<std::size_t>(s.atomResidue(a))];
            break;
        default:
            out = s.element(a) == "C" ? residueColours[static_cast<std::size_t>(s.atomResidue(a))]
                                      : Rgb(esm::elementProperties(s.element(a)).colour);
        }
    }
    return colours;
}

} // namespace esmui
