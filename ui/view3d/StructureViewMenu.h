// View menu entries for the 3D view: representation, colouring, helices, ligands and waters,
// projection, background, reset and centring. Remembers the choices in Settings.
#pragma once

#include "ui/services/colouring/Colouring.h"

#include <QMenu>

namespace esmui {

class StructureView;

class StructureViewMenu : public QMenu {
    Q_OBJECT
  public:
    StructureViewMenu(StructureView* view, QWidget* parent = nullptr);

  Q_SIGNALS:
    void centreOnSelectionRequested();
    // What the status bar should say: which model of an ensemble is now shown.
    void statusMessage(const QString& message);

  private:
    // pLDDT colours on a structure without pLDDT (a crystal structure) only when the user says so.
    bool confirmPlddtColouring(ColorScheme scheme);

    StructureView* m_view;
};

} // namespace esmui
