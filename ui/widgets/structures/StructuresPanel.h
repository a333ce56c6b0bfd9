// The Structures dock, as ChimeraX's Models panel (called Structures here: a model is a
// model folder in this program): #1 is the document's structure (the one the sequence,
// heatmap and plots follow), the others are structures shown beside it. Each other entry has a
// check box to show or hide it, its colour, Superpose (on #1, with RMSD, TM-score and GDT-TS shown
// beside it), Colour… and Close; Add… opens one more file.
#pragma once

#include "ui/services/document/ExtraStructures.h"

#include <QWidget>

#include <optional>
#include <utility>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace esmui {

class Document;

class StructuresPanel : public QWidget {
    Q_OBJECT
  public:
    explicit StructuresPanel(Document* document, QWidget* parent = nullptr);

    // The selected other entry (index into ExtraStructures::structures()), or -1.
    int selectedStructure() const;
    void selectStructure(int index);

  Q_SIGNALS:
    void addRequested();
    // An entry was superposed or put back where its file has it: the view should frame it.
    void structureMoved();

  private:
    void refresh();
    void updateButtons();
    // What the label says of entry `index` (-1: none selected).
    QString selectionSummary(int index) const;
    void chooseColour();
    void closeSelected();
    void undoClose();

    Document* m_document;
    ExtraStructures* m_structures;
    QTreeWidget* m_list;
    QPushButton *m_add, *m_superpose, *m_colour, *m_close;
    QLabel* m_result;
    bool m_refreshing = false;
    // The entry Close took last and where it was, until Undo puts it back or another change.
    std::optional<std::pair<int, ExtraStructure>> m_closed;
};

} // namespace esmui
