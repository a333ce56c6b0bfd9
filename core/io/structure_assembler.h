// Turns the atom records of a PDB or mmCIF file into a Structure: groups residues and chains,
// resolves alternate locations, and decides whether the B-factor column holds pLDDT.
#pragma once

#include "core/structure/structure.h"

#include <string>
#include <vector>

namespace esm {

// One atom line as a file states it, before alternate locations are resolved.
struct AtomSite {
    bool hetero = false;
    int serial = 0;
    std::string atomName;
    char altLoc = ' ';
    std::string residueName;
    std::string chainId;
    int residueNumber = 0;
    char insertionCode = ' ';
    Eigen::Vector3d position = Eigen::Vector3d::Zero();
    float occupancy = 1.0f;
    double bFactor = 0.0;
    std::string element;
    int model = 1;
};

// What the file says about its origin, besides the numbers.
struct OriginHints {
    bool experimental = false; // EXPDTA, a real CRYST1 cell, _exptl.method
    bool predicted = false;    // PARENT (ESMFold), ModelCIF pLDDT metric, an AlphaFold or pLDDT remark
    // With neither kind of evidence, B-factors within 0-100 (or 0-1) that vary are taken as pLDDT.
    // PDB files allow the guess (ESMFold writes no origin records besides PARENT); mmCIF files do
    // not, since predictions in mmCIF carry ModelCIF metrics and minimal mmCIF writers drop _exptl.
    bool allowGuess = true;
    std::string experimentalMethod;
};

// Builds the structure: atoms of one residue (same chain, number and insertion code, consecutive)
// keep the highest-occupancy alternate of each atom name; chains keep the order they first appear
// in within each model. pLDDT in 0-1 is rescaled to 0-100.
Structure assembleStructure(const std::vector<AtomSite>& sites, const OriginHints& hints,
                            const std::string& name);

// Element from a PDB atom name when the element column is empty: " CA " -> "C", "FE  " -> "FE".
std::string elementFromAtomName(const std::string& paddedName, bool hetero);

} // namespace esm
