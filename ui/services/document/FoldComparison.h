// Two folds of one document superposed on Cα (RMSD, TM-score, GDT-TS), with the other fold's
// pLDDT carried onto the shown fold's positions for the ΔpLDDT plot and colouring.
#pragma once

#include "core/geometry/compare.h"

#include <QString>

#include <vector>

namespace esmui {

struct FoldRecord;

struct FoldComparison {
    int shown = -1, other = -1; // fold indices: the one on show, and the one compared with
    esm::StructureComparison result;
    std::vector<float> otherPlddt; // per position of the shown fold; NaN where no residue pairs
};

// Compares fold `shown` with fold `other`; throws esm::Error (or std::exception from the
// geometry) with the reason when they cannot be paired.
FoldComparison compareFolds(const std::vector<FoldRecord>& folds, int shown, int other);

// "RMSD 1.23 Å · TM-score 0.912 · GDT-TS 0.870 · 64 residues paired (sequence)"
QString comparisonSummary(const esm::StructureComparison& comparison);
// "#2 against #1: RMSD 1.23 Å · TM-score 0.912 · GDT-TS 0.870 · 64 residues paired (in order)"
QString comparisonText(const FoldComparison& comparison);

} // namespace esmui
