#include "core/io/structure_assembler.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace esm {
namespace {

using SiteIndices = std::vector<std::size_t>;

bool sameResidue(const AtomSite& a, const AtomSite& b) {
    return a.model == b.model && a.chainId == b.chainId && a.residueNumber == b.residueNumber &&
           a.insertionCode == b.insertionCode;
}

// Microheterogeneity (two residue types at one position) keeps the type of the best-occupied
// alternate; then each atom name keeps its best-occupied alternate. Ties keep the first.
SiteIndices resolveAlternates(const std::vector<AtomSite>& sites, const SiteIndices& residue) {
    std::size_t best = residue.front();
    for (std::size_t i : residue)
        if (sites[i].occupancy > sites[best].occupancy)
            best = i;
    const std::string& keptType = sites[best].residueName;

    SiteIndices kept;
    std::map<std::string, std::size_t> slotOfName;
    for (std::size_t i : residue) {
        if (sites[i].residueName != keptType)
            continue;
        auto [slot, inserted] = slotOfName.try_emplace(sites[i].atomName, kept.size());
        if (inserted)
            kept.push_back(i);
        else if (sites[i].occupancy > sites[kept[slot->second]].occupancy)
            kept[slot->second] = i;
    }
    return kept;
}

struct ChainGroup {
    std::string id;
    std::vector<SiteIndices> residues;
};

// Residues of one model grouped by chain id, chains in order of first appearance.
std::vector<ChainGroup> groupModel(const std::vector<AtomSite>& sites, std::size_t begin, std::size_t end) {
    std::vector<ChainGroup> chains;
    std::map<std::string, std::size_t> chainOfId;
    for (std::size_t i = begin; i < end;) {
        SiteIndices residue{i};
        std::size_t j = i + 1;
        for (; j < end && sameResidue(sites[i], sites[j]); ++j)
            residue.push_back(j);
        auto [slot, inserted] = chainOfId.try_emplace(sites[i].chainId, chains.size());
        if (inserted)
            chains.push_back({sites[i].chainId, {}});
        chains[slot->second].residues.push_back(resolveAlternates(sites, residue));
        i = j;
    }
    return chains;
}

void decideConfidence(Structure& structure, const OriginHints& hints) {
    const bool mayBePlddt = hints.predicted || (!hints.experimental && hints.allowGuess);
    if (structure.atomCount() == 0 || !mayBePlddt)
        return;
    double lowest = structure.bFactor(0), highest = lowest;
    for (int a = 1; a < structure.atomCount(); ++a) {
        lowest = std::min(lowest, structure.bFactor(a));
        highest = std::max(highest, structure.bFactor(a));
    }
    const bool inRange = lowest >= 0.0 && highest <= 100.0;
    const bool varies = highest > lowest;
    if (!inRange || (!hints.predicted && !varies))
        return;
    structure.confidence = Confidence::PLDDT;
    if (highest <= 1.0)
        structure.scaleBFactors(100.0);
}

} // namespace

std::string elementFromAtomName(const std::string& paddedName, bool hetero) {
    std::string name = paddedName;
    name.resize(4, ' ');
    const bool leadingLetter = std::isalpha(static_cast<unsigned char>(name[0])) != 0;
    // In column 13 a letter starts a two-letter element (FE, ZN) for HETATMs; a digit or space
    // means the element is the single letter in column 14 ("1HB ", " CA ").
    if (leadingLetter && hetero && std::isalpha(static_cast<unsigned char>(name[1])))
        return {name[0], static_cast<char>(std::toupper(static_cast<unsigned char>(name[1])))};
    const char symbol = leadingLetter ? name[0] : name[1];
    return std::isalpha(static_cast<unsigned char>(symbol)) ? std::string(1, symbol) : std::string();
}

Structure assembleStructure(const std::vector<AtomSite>& sites, const OriginHints& hints,
                            const std::string& name) {
    Structure structure;
    structure.name = name;
    structure.experimentalMethod = hints.experimentalMethod;
    for (std::size_t begin = 0; begin < sites.size();) {
        std::size_t end = begin;
        while (end < sites.size() && sites[end].model == sites[begin].model)
            ++end;
        structure.addConformer(sites[begin].model);
        for (const ChainGroup& chain : groupModel(sites, begin, end)) {
            structure.addChain(chain.id);
            for (const SiteIndices& residue : chain.residues) {
                const AtomSite& first = sites[residue.front()];
                structure.addResidue(first.residueName, first.residueNumber, first.insertionCode,
                                     first.hetero);
                for (std::size_t i : residue) {
                    const AtomSite& s = sites[i];
                    structure.addAtom({s.atomName, s.element, s.position, s.occupancy, s.bFactor, s.serial});
                }
            }
        }
        begin = end;
    }
    decideConfidence(structure, hints);
    return structure;
}

} // namespace esm
