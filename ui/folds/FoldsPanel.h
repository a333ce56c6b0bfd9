// The folds dock: Fold / Refold the sequence, the document's fold history (double-click shows an
// earlier fold), and the comparison of two folds (superposed on Cα: RMSD, TM-score, GDT-TS), whose
// per-residue ΔpLDDT the plots and the 3D view show.
#pragma once

#include "core/geometry/compare.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace esmui {

class Document;
class FoldService;

struct FoldComparison {
    int shown = -1, other = -1;   // fold indices: the one on show, and the one compared with
    esm::StructureComparison result;
    std::vector<float> otherPlddt; // per position of the shown fold; NaN where no residue pairs
};

class FoldsPanel : public QWidget {
    Q_OBJECT
public:
    FoldsPanel(Document* document, FoldService* folds, QWidget* parent = nullptr);

    // Compares the fold on show with fold `other`; false (with the reason shown) when it cannot.
    bool compareWith(int other);
    void clearComparison();
    const std::optional<FoldComparison>& comparison() const { return m_comparison; }
    QString comparisonText() const;

Q_SIGNALS:
    void comparisonChanged();
    // "Get ESMFold…", offered while no folding model is chosen.
    void getModelRequested();

private:
    void refresh();
    void compareSelected();

    Document* m_document;
    FoldService* m_folds;
    QPushButton* m_fold;
    QPushButton* m_getModel;
    QComboBox* m_chunk;
    QListWidget* m_history;
    QPushButton* m_compare;
    QLabel* m_status;
    QLabel* m_result;
    std::optional<FoldComparison> m_comparison;
};

} // namespace esmui
