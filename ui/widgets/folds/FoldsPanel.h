// The folds dock: Fold / Refold the sequence, the document's fold history (double-click shows an
// earlier fold), and the comparison of two folds (superposed on Cα: RMSD, TM-score, GDT-TS), whose
// per-residue ΔpLDDT the plots and the 3D view show (the comparison itself lives in the document).
// The fold's recycles and precision (auto, float32, bfloat16) are chosen here; the precision is
// remembered in the settings.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace esmui {

class Document;
class FoldService;

class FoldsPanel : public QWidget {
    Q_OBJECT
  public:
    FoldsPanel(Document* document, FoldService* folds, QWidget* parent = nullptr);

    // Compares the fold on show with fold `other` in the document; false (with the reason shown)
    // when it cannot.
    bool compareWith(int other);

  Q_SIGNALS:
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
    QSpinBox* m_recycles;
    QComboBox* m_precision;
    QListWidget* m_history;
    QPushButton* m_compare;
    QLabel* m_status;
    QLabel* m_result;
};

} // namespace esmui
