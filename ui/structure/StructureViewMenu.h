// View menu entries for the 3D view: representation, colouring, helices, ligands and waters,
// projection, background, reset and centring. Remembers the choices in Settings.
#pragma once

#include <QMenu>

namespace esmui {

class StructureView;

class StructureViewMenu : public QMenu {
    Q_OBJECT
  public:
    StructureViewMenu(StructureView* view, QWidget* parent = nullptr);

  Q_SIGNALS:
    void centreOnSelectionRequested();

  private:
    void applySettings();

    StructureView* m_view;
};

} // namespace esmui
