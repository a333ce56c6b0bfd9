#include "core/geometry/compare.h"

#include "core/base/error.h"
#include "core/structure/residue_names.h"
#include "core/structure/secondary_structure.h"

#include <cmath>

namespace esm {
namespace {

struct Chain {
    std::vector<int> residues; // structure residue indices with a Cα
    Points positions;
    std::string sequence, secondaryStructure;
};

Chain residuesWithCa(const Structure& s, const char* role) {
    Chain chain;
    if (s.conformerCount() == 0)
        throw Error(std::string("the ") + role + " structure is empty");
    const auto ss = assignSecondaryStructure(s);
    const auto chains = s.conformerChains(0);
    for (int c = chains.begin; c < chains.end; ++c)
        for (int r : s.polymerResidues(c))
            if (const int ca = s.findAtom(r, "CA"); ca >= 0) {
                if (!usablePosition(s.position(ca)))
                    throw Error(std::string("the ") + role + " structure's CA of residue " + s.chainId(c) +
                                " " + std::to_string(s.residueNumber(r)) +
                                " is not at a finite position, or too far out to measure");
                chain.residues.push_back(r);
                chain.positions.push_back(s.position(ca));
                chain.sequence += oneLetterCode(s.residueName(r));
                chain.secondaryStructure += threeState(ss[std::size_t(r)]);
            }
    if (chain.residues.size() < 3)
        throw Error(std::string("the ") + role + " structure has " + std::to_string(chain.residues.size()) +
                    " residues with a CA atom; comparing needs at least 3");
    return chain;
}

} // namespace

std::optional<Pairing> parsePairing(const std::string& name) {
    if (name == "sequence")
        return Pairing::Sequence;
    if (name == "structure")
        return Pairing::Structure;
    return std::nullopt;
}

StructureComparison compareStructures(const Structure& model, const Structure& reference, Pairing pairing) {
    const Chain m = residuesWithCa(model, "model"), r = residuesWithCa(reference, "reference");
    StructureComparison result;
    result.modelLength = int(m.residues.size());
    result.referenceLength = int(r.residues.size());
    ResiduePairs pairs;
    if ((pairing == Pairing::Automatic && m.sequence == r.sequence) || pairing == Pairing::InOrder) {
        if (m.sequence.size() != r.sequence.size())
            throw Error("pairing residues in order needs two structures of one length, not " +
                        std::to_string(m.sequence.size()) + " and " + std::to_string(r.sequence.size()));
        result.pairing = m.sequence == r.sequence ? "identical sequences" : "in order";
        for (int i = 0; i < result.modelLength; ++i)
            pairs.emplace_back(i, i);
    } else if (pairing == Pairing::Sequence) {
        result.pairing = "sequence";
        pairs = alignSequences(m.sequence, r.sequence);
    } else {
        result.pairing = "structure";
        pairs = alignStructures(m.positions, r.positions, m.secondaryStructure, r.secondaryStructure);
    }
    auto pointsOf = [&](const ResiduePairs& p) {
        std::pair<Points, Points> points;
        for (auto [i, j] : p) {
            points.first.push_back(m.positions[std::size_t(i)]);
            points.second.push_back(r.positions[std::size_t(j)]);
        }
        return points;
    };
    auto [mp, rp] = pointsOf(pairs);
    TmScoreResult tm = tmScore(mp, rp, result.referenceLength);
    if (result.pairing == "structure") {
        // As TM-align reports: pairs farther apart than 1.5 L^0.3 + 3.5 Å (L the shorter chain) are
        // not counted as aligned.
        const double cutoff = 1.5 * std::pow(std::min(result.modelLength, result.referenceLength), 0.3) + 3.5;
        ResiduePairs close;
        for (std::size_t k = 0; k < pairs.size(); ++k)
            if (tm.distances[k] < cutoff)
                close.push_back(pairs[k]);
        if (close.size() >= 3 && close.size() < pairs.size()) {
            pairs = std::move(close);
            std::tie(mp, rp) = pointsOf(pairs);
            tm = tmScore(mp, rp, result.referenceLength);
        }
    }
    result.alignedResidues = int(pairs.size());
    result.tmScore = tm.tmScore;
    result.gdtTs = tm.gdtTs;
    result.rmsd = tm.rmsd;
    result.superposition = tm.superposition;
    result.distances = tm.distances;
    for (auto [i, j] : pairs)
        result.pairs.emplace_back(m.residues[std::size_t(i)], r.residues[std::size_t(j)]);
    return result;
}

Structure superposed(Structure structure, const Superposition& superposition) {
    for (int a = 0; a < structure.atomCount(); ++a)
        structure.position(a) = superposition.apply(structure.position(a));
    return structure;
}

} // namespace esm
