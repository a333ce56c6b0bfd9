// Colours the structure on show by a token classifier's probability of one label (chosen in the
// Task Model panel): red where the label is unlikely, white at 0.5, blue where it is likely. Other
// colourings come back when the choice is cleared or the prediction goes.
#pragma once

#include "ui/widgets/workspace/Workspace.h"

#include <QObject>

namespace esmui {

class TaskModelPanel;

class TaskColouringBehavior : public QObject {
    Q_OBJECT
  public:
    TaskColouringBehavior(Workspace workspace, TaskModelPanel* panel, QObject* parent = nullptr);

    // Per structure residue: the probability of `label` minus 0.5 (NaN where the sequence has no
    // residue there), or empty when the prediction does not fit the structure.
    std::vector<double> residueValues(int label) const;

  private:
    void apply();

    Workspace m_workspace;
    TaskModelPanel* m_panel;
    bool m_applied = false;
};

} // namespace esmui
