#include "ui/services/document/FoldComparison.h"

#include "core/base/error.h"
#include "ui/services/document/FoldRecord.h"

#include <QObject>

#include <cmath>

namespace esmui {

FoldComparison compareFolds(const std::vector<FoldRecord>& folds, int shown, int other) {
    if (shown < 0 || other < 0 || other >= int(folds.size()) || shown >= int(folds.size()) || other == shown)
        throw esm::Error(QObject::tr("Select a different fold to compare with").toStdString());
    const FoldRecord& a = folds[std::size_t(shown)];
    const FoldRecord& b = folds[std::size_t(other)];
    FoldComparison c;
    c.shown = shown;
    c.other = other;
    // Variants of one length pair residue by residue; insertions or deletions need an alignment.
    const bool sameLength = QString(a.sequence).remove(':').size() == QString(b.sequence).remove(':').size();
    c.result = esm::compareStructures(*a.structure, *b.structure,
                                      sameLength ? esm::Pairing::InOrder : esm::Pairing::Structure);
    // A fold's structure holds its residues in sequence order, one model: residue index = position.
    c.otherPlddt.assign(a.plddt.size(), std::nanf(""));
    for (auto [i, j] : c.result.pairs)
        if (std::size_t(i) < c.otherPlddt.size() && std::size_t(j) < b.plddt.size())
            c.otherPlddt[std::size_t(i)] = b.plddt[std::size_t(j)];
    return c;
}

QString comparisonSummary(const esm::StructureComparison& r) {
    return QObject::tr("RMSD %1 Å · TM-score %2 · GDT-TS %3 · %4 residues paired (%5)")
        .arg(r.rmsd, 0, 'f', 2)
        .arg(r.tmScore, 0, 'f', 3)
        .arg(r.gdtTs, 0, 'f', 3)
        .arg(r.alignedResidues)
        .arg(QString::fromStdString(r.pairing));
}

QString comparisonText(const FoldComparison& comparison) {
    return QObject::tr("#%1 against #%2: %3")
        .arg(comparison.shown + 1)
        .arg(comparison.other + 1)
        .arg(comparisonSummary(comparison.result));
}

} // namespace esmui
