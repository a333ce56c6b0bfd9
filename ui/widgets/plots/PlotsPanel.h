// The plots dock: the fold's per-residue pLDDT (with the compared fold and ΔpLDDT), its PAE
// matrix, and the language model's contact map beside the structure's; all share the selection.
#pragma once

#include <QWidget>

class QTabWidget;

namespace esmui {

class Document;
class MatrixView;
class PlddtPlot;

class PlotsPanel : public QWidget {
    Q_OBJECT
  public:
    explicit PlotsPanel(Document* document, QWidget* parent = nullptr);

    PlddtPlot* plddtPlot() const { return m_plddt; }
    MatrixView* paeView() const { return m_pae; }
    MatrixView* contactView() const { return m_contacts; }

  private:
    void refresh();

    Document* m_document;
    QTabWidget* m_tabs;
    PlddtPlot* m_plddt;
    MatrixView* m_pae;
    MatrixView* m_contacts;
};

} // namespace esmui
