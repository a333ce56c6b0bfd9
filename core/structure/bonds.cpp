#include "core/structure/bonds.h"

#include "core/structure/elements.h"

namespace esm {
namespace {

constexpr double kTolerance = 0.45; // Å, as Jmol and Open Babel
constexpr double kPeptideBond = 2.0;
constexpr double kDisulfide = 2.3;

bool bonded(const Structure& s, int a, int b) {
    if (s.element(a) == "H" && s.element(b) == "H")
        return false;
    const double limit = elementProperties(s.element(a)).covalentRadius +
                         elementProperties(s.element(b)).covalentRadius + kTolerance;
    return (s.position(a) - s.position(b)).squaredNorm() < limit * limit;
}

void addIfCloser(const Structure& s, int a, int b, double limit, std::vector<std::pair<int, int>>& bonds) {
    if (a >= 0 && b >= 0 && (s.position(a) - s.position(b)).norm() < limit)
        bonds.emplace_back(std::min(a, b), std::max(a, b));
}

} // namespace

std::vector<std::pair<int, int>> guessBonds(const Structure& s) {
    std::vector<std::pair<int, int>> bonds;
    for (int r = 0; r < s.residueCount(); ++r) {
        const IndexRange atoms = s.residueAtoms(r);
        for (int a = atoms.begin; a < atoms.end; ++a)
            for (int b = a + 1; b < atoms.end; ++b)
                if (bonded(s, a, b))
                    bonds.emplace_back(a, b);
    }
    for (int c = 0; c < s.chainCount(); ++c) {
        const auto residues = s.polymerResidues(c);
        for (std::size_t i = 1; i < residues.size(); ++i)
            addIfCloser(s, s.findAtom(residues[i - 1], "C"), s.findAtom(residues[i], "N"), kPeptideBond,
                        bonds);
    }
    for (int m = 0; m < s.conformerCount(); ++m) {
        std::vector<int> sulfurs;
        const IndexRange chains = s.conformerChains(m);
        for (int r = s.chainResidues(chains.begin).begin;
             chains.size() > 0 && r < s.chainResidues(chains.end - 1).end; ++r)
            if (s.residueName(r) == "CYS")
                sulfurs.push_back(s.findAtom(r, "SG"));
        for (std::size_t i = 0; i < sulfurs.size(); ++i)
            for (std::size_t j = i + 1; j < sulfurs.size(); ++j)
                addIfCloser(s, sulfurs[i], sulfurs[j], kDisulfide, bonds);
    }
    return bonds;
}

} // namespace esm
