// The plots dock: the fold's per-residue pLDDT (with the compared fold and ΔpLDDT), its PAE
// matrix, and the language model's contact map beside the structure's; all share the selection.
#pragma once

#include <QWidget>

class QTabWidget;

namespace esmui {

class Document;
class FoldsPanel;
class MatrixView;
class PlddtPlot;
class ScoreService;

class PlotsPanel : public QWidget {
    Q_OBJECT
public:
    PlotsPanel(Document* document, ScoreService* scores, FoldsPanel* folds, QWidget* parent = nullptr);

    PlddtPlot* plddtPlot() const { return m_plddt; }
    MatrixView* paeView() const { return m_pae; }
    MatrixView* contactView() const { return m_contacts; }

    // Figures of the plots (.svg, .pdf, .png); throw esm::Error when there is nothing to draw.
    void exportPlddt(const QString& path) const;
    void exportPae(const QString& path) const;

private:
    void refresh();

    Document* m_document;
    ScoreService* m_scores;
    FoldsPanel* m_folds;
    QTabWidget* m_tabs;
    PlddtPlot* m_plddt;
    MatrixView* m_pae;
    MatrixView* m_contacts;
};

} // namespace esmui
