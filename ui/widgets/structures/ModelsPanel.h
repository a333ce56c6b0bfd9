// The models dock, as ChimeraX's Models panel: #1 is the document's structure (the one the sequence,
// heatmap and plots follow), the others are structures shown beside it. Each other model has a
// check box to show or hide it, its colour, Superpose (on #1, with RMSD, TM-score and GDT-TS shown
// beside it), Colour… and Close; Add… opens one more file.
#pragma once

#include "ui/services/structures/StructureModels.h"

#include <QWidget>

#include <optional>
#include <utility>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace esmui {

class Document;
class StructureModels;

class ModelsPanel : public QWidget {
    Q_OBJECT
  public:
    ModelsPanel(Document* document, StructureModels* models, QWidget* parent = nullptr);

    // The selected other model (index into StructureModels::models()), or -1.
    int selectedModel() const;
    void selectModel(int index);

  Q_SIGNALS:
    void addRequested();
    // A model was superposed or put back where its file has it: the view should frame it.
    void modelMoved();

  private:
    void refresh();
    void updateButtons();
    // What the label says of model `index` (-1: none selected).
    QString selectionSummary(int index) const;
    void chooseColour();
    void closeSelected();
    void undoClose();

    Document* m_document;
    StructureModels* m_models;
    QTreeWidget* m_list;
    QPushButton *m_add, *m_superpose, *m_colour, *m_close;
    QLabel* m_result;
    bool m_refreshing = false;
    // The model Close took last and where it was, until Undo puts it back or another change.
    std::optional<std::pair<int, ExtraModel>> m_closed;
};

} // namespace esmui
