// A macromolecular structure stored as arrays (Avogadro's idiom): conformers (a file's MODELs: an
// NMR ensemble's members) hold chains, chains hold residues, residues hold atoms, each level a contiguous
// index range of the next.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

namespace esm {

// What the per-atom B-factor column means.
enum class Confidence {
    BFactor, // crystallographic temperature factor (or nothing meaningful)
    PLDDT,   // predicted lDDT on the 0-100 scale (ESMFold, AlphaFold)
};

struct IndexRange {
    int begin = 0;
    int end = 0;
    int size() const { return end - begin; }
    bool contains(int i) const { return i >= begin && i < end; }
};

class Structure {
  public:
    std::string name; // entry id or file stem
    Confidence confidence = Confidence::BFactor;
    std::string experimentalMethod; // "X-RAY DIFFRACTION", "SOLUTION NMR"; empty for predictions
    // What the reader left out of a damaged file ("in.pdb:1234: the file ends inside this line ...").
    std::vector<std::string> warnings;

    // --- building, in file order: each add* appends to the last item of the level above ---
    int addConformer(int number);
    int addChain(const std::string& id);
    int addResidue(const std::string& name, int number, char insertionCode, bool hetero);
    struct AtomRecord {
        std::string name;
        std::string element;
        Eigen::Vector3d position = Eigen::Vector3d::Zero();
        float occupancy = 1.0f;
        double bFactor = 0.0;
        int serial = 0;
    };
    int addAtom(const AtomRecord& atom);

    // --- sizes ---
    int conformerCount() const { return static_cast<int>(conformerNumbers_.size()); }
    int chainCount() const { return static_cast<int>(chainIds_.size()); }
    int residueCount() const { return static_cast<int>(residueNames_.size()); }
    int atomCount() const { return static_cast<int>(atomNames_.size()); }

    // --- conformers (MODEL records; a single-model file has one) ---
    int conformerNumber(int m) const { return conformerNumbers_[m]; }
    IndexRange conformerChains(int m) const { return range(conformerFirstChain_, m, chainCount()); }
    // The atoms of conformer m (an ensemble's conformers hold theirs one after another).
    IndexRange conformerAtoms(int m) const;

    // --- chains ---
    const std::string& chainId(int c) const { return chainIds_[c]; }
    int chainConformer(int c) const { return chainConformer_[c]; }
    IndexRange chainResidues(int c) const { return range(chainFirstResidue_, c, residueCount()); }

    // --- residues ---
    const std::string& residueName(int r) const { return residueNames_[r]; }
    int residueNumber(int r) const { return residueNumbers_[r]; }
    char insertionCode(int r) const { return insertionCodes_[r]; }
    bool isHetero(int r) const { return residueHetero_[r] != 0; }
    int residueChain(int r) const { return residueChain_[r]; }
    IndexRange residueAtoms(int r) const { return range(residueFirstAtom_, r, atomCount()); }
    // Amino acids (standard or modified) that belong to the polymer, as opposed to ligands and water.
    bool isPolymerResidue(int r) const;
    // Index of the atom called `atomName` in residue r, or -1.
    int findAtom(int r, const std::string& atomName) const;

    // --- atoms ---
    const std::string& atomName(int a) const { return atomNames_[a]; }
    const std::string& element(int a) const { return elements_[a]; }
    const Eigen::Vector3d& position(int a) const { return positions_[a]; }
    Eigen::Vector3d& position(int a) { return positions_[a]; }
    float occupancy(int a) const { return occupancies_[a]; }
    double bFactor(int a) const { return bFactors_[a]; }
    void setBFactor(int a, double value) { bFactors_[a] = value; }
    int serial(int a) const { return serials_[a]; }
    int atomResidue(int a) const { return atomResidue_[a]; }

    // --- derived ---
    // One-letter sequence of the polymer residues of chain c (X for unknown amino acids).
    std::string chainSequence(int c) const;
    // Indices of the polymer residues of chain c, in order.
    std::vector<int> polymerResidues(int c) const;
    // Per-residue confidence: the CA atom's value (ESMFold's per-residue pLDDT), else the atom mean.
    double residueConfidence(int r) const;
    // Multiplies every B-factor by `factor` (pLDDT 0-1 <-> 0-100).
    void scaleBFactors(double factor);

  private:
    static IndexRange range(const std::vector<int>& firsts, int i, int total) {
        const int end = i + 1 < static_cast<int>(firsts.size()) ? firsts[i + 1] : total;
        return {firsts[i], end};
    }

    std::vector<int> conformerNumbers_, conformerFirstChain_;
    std::vector<std::string> chainIds_;
    std::vector<int> chainConformer_, chainFirstResidue_;
    std::vector<std::string> residueNames_;
    std::vector<int> residueNumbers_;
    std::vector<char> insertionCodes_;
    std::vector<std::uint8_t> residueHetero_;
    std::vector<int> residueChain_, residueFirstAtom_;
    std::vector<std::string> atomNames_, elements_;
    std::vector<Eigen::Vector3d> positions_;
    std::vector<float> occupancies_;
    std::vector<double> bFactors_;
    std::vector<int> serials_, atomResidue_;
};

// The same residue in another conformer of an ensemble (NMR conformers repeat the chains and
// residues of the first): its index there, or -1 when that conformer has no such chain or residue.
int residueInConformer(const Structure& structure, int residue, int conformer);

} // namespace esm
