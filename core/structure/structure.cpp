#include "core/structure/structure.h"

#include "core/base/error.h"
#include "core/structure/residue_names.h"

namespace esm {

int Structure::addConformer(int number) {
    conformerNumbers_.push_back(number);
    conformerFirstChain_.push_back(chainCount());
    return conformerCount() - 1;
}

int Structure::addChain(const std::string& id) {
    if (conformerNumbers_.empty())
        addConformer(1);
    chainIds_.push_back(id);
    chainConformer_.push_back(conformerCount() - 1);
    chainFirstResidue_.push_back(residueCount());
    return chainCount() - 1;
}

int Structure::addResidue(const std::string& name, int number, char insertionCode, bool hetero) {
    if (chainIds_.empty())
        throw Error("internal: residue added before any chain");
    residueNames_.push_back(name);
    residueNumbers_.push_back(number);
    insertionCodes_.push_back(insertionCode);
    residueHetero_.push_back(hetero ? 1 : 0);
    residueChain_.push_back(chainCount() - 1);
    residueFirstAtom_.push_back(atomCount());
    return residueCount() - 1;
}

int Structure::addAtom(const AtomRecord& atom) {
    if (residueNames_.empty())
        throw Error("internal: atom added before any residue");
    atomNames_.push_back(atom.name);
    elements_.push_back(atom.element);
    positions_.push_back(atom.position);
    occupancies_.push_back(atom.occupancy);
    bFactors_.push_back(atom.bFactor);
    serials_.push_back(atom.serial);
    atomResidue_.push_back(residueCount() - 1);
    return atomCount() - 1;
}

IndexRange Structure::conformerAtoms(int m) const {
    const IndexRange chains = conformerChains(m);
    if (chains.begin >= chains.end)
        return {0, 0};
    const int first = chainResidues(chains.begin).begin, last = chainResidues(chains.end - 1).end;
    if (first >= last)
        return {0, 0};
    return {residueAtoms(first).begin, residueAtoms(last - 1).end};
}

bool Structure::isPolymerResidue(int r) const {
    const std::string& name = residueNames_[r];
    if (isWaterName(name))
        return false;
    return isAminoAcidName(name) && (!isHetero(r) || findAtom(r, "CA") >= 0);
}

int Structure::findAtom(int r, const std::string& atomName) const {
    const IndexRange atoms = residueAtoms(r);
    for (int a = atoms.begin; a < atoms.end; ++a)
        if (atomNames_[a] == atomName)
            return a;
    return -1;
}

std::vector<int> Structure::polymerResidues(int c) const {
    std::vector<int> result;
    const IndexRange residues = chainResidues(c);
    for (int r = residues.begin; r < residues.end; ++r)
        if (isPolymerResidue(r))
            result.push_back(r);
    return result;
}

std::string Structure::chainSequence(int c) const {
    std::string sequence;
    for (int r : polymerResidues(c))
        sequence.push_back(oneLetterCode(residueNames_[r]));
    return sequence;
}

double Structure::residueConfidence(int r) const {
    const int ca = findAtom(r, "CA");
    if (ca >= 0)
        return bFactors_[ca];
    const IndexRange atoms = residueAtoms(r);
    if (atoms.size() == 0)
        return 0.0;
    double sum = 0.0;
    for (int a = atoms.begin; a < atoms.end; ++a)
        sum += bFactors_[a];
    return sum / atoms.size();
}

void Structure::scaleBFactors(double factor) {
    for (double& b : bFactors_)
        b *= factor;
}

int residueInConformer(const Structure& structure, int residue, int conformer) {
    if (residue < 0 || residue >= structure.residueCount() || conformer < 0 ||
        conformer >= structure.conformerCount())
        return -1;
    const int chain = structure.residueChain(residue);
    const int from = structure.chainConformer(chain);
    const int otherChain =
        structure.conformerChains(conformer).begin + (chain - structure.conformerChains(from).begin);
    if (!structure.conformerChains(conformer).contains(otherChain))
        return -1;
    const int other =
        structure.chainResidues(otherChain).begin + (residue - structure.chainResidues(chain).begin);
    return structure.chainResidues(otherChain).contains(other) ? other : -1;
}

} // namespace esm
