// The plots dock: the fold's per-residue pLDDT (with the compared fold and ΔpLDDT), its PAE
// matrix, and the language model's contact map beside the structure's; all share the selection.
#pragma once

#include <QWidget>

class QTabWidget;

namespace esmui {

class Document;
class MatrixView;
class PlddtPlot;
class ScoreService;

class PlotsPanel : public QWidget {
    Q_OBJECT
  public:
    PlotsPanel(Document* document, ScoreService* scores, QWidget* parent = nullptr);

    PlddtPlot* plddtPlot() const { return m_plddt; }
    MatrixView* paeView() const { return m_pae; }
    MatrixView* contactView() const { return m_contacts; }

  private:
    void refresh();

    Document* m_document;
    ScoreService* m_scores;
    QTabWidget* m_tabs;
    PlddtPlot* m_plddt;
    MatrixView* m_pae;
    MatrixView* m_contacts;
};

} // namespace esmui
