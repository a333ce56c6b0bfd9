// One fold the user ran: its sequence, what changed since the document's first fold, the structure
// and its confidence (per-residue pLDDT, PAE, pTM), which model made it and when.
#pragma once

#include "core/structure/structure.h"

#include <QDateTime>
#include <QString>

#include <memory>
#include <vector>

namespace esmui {

struct FoldRecord {
    QString sequence; // ':' between chains
    // Against the sequence as opened (or first folded): "K2G, Y5W", "wild type", "length 76 → 77".
    QString mutations;
    std::shared_ptr<const esm::Structure> structure;
    std::vector<float> plddt; // per residue, 0-100
    std::vector<float> pae;   // residues x residues, Å
    int residues = 0;
    double meanPlddt = 0, ptm = 0, maxPae = 0;
    QString model; // folder name of the model
    QDateTime time;
    double seconds = 0; // to compute

    // "#2 K2G · pLDDT 84.1 · pTM 0.78"
    QString summary(int index) const;
};

} // namespace esmui
