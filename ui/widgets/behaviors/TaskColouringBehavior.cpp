#include "ui/widgets/behaviors/TaskColouringBehavior.h"

#include "ui/services/document/Document.h"
#include "ui/services/jobs/TaskModelService.h"
#include "ui/view3d/StructureView.h"
#include "ui/widgets/taskmodel/TaskModelPanel.h"

#include <cmath>

namespace esmui {

TaskColouringBehavior::TaskColouringBehavior(Workspace workspace, TaskModelPanel* panel, QObject* parent)
    : QObject(parent), m_workspace(workspace), m_panel(panel) {
    connect(panel, &TaskModelPanel::colouringChanged, this, &TaskColouringBehavior::apply);
    connect(workspace.tasks, &TaskModelService::resultChanged, this, &TaskColouringBehavior::apply);
}

std::vector<double> TaskColouringBehavior::residueValues(int label) const {
    const auto result = m_workspace.tasks->result();
    const Document& document = *m_workspace.document;
    if (!result || label < 0 || result->task != esm::TrainingTask::TokenClassification ||
        !document.hasStructure())
        return {};
    std::vector<double> values(std::size_t(document.structure().residueCount()), std::nan(""));
    const auto& rows = result->prediction.rows;
    for (int p = 0; p < int(rows.size()); ++p) {
        const int residue = document.residueAt(p);
        if (residue >= 0 && residue < int(values.size()) && label < int(rows[std::size_t(p)].size()))
            values[std::size_t(residue)] = rows[std::size_t(p)][std::size_t(label)] - 0.5;
    }
    return values;
}

void TaskColouringBehavior::apply() {
    DisplaySettings view = m_workspace.view->displaySettings();
    std::vector<double> values = residueValues(m_panel->colouringLabel());
    if (!values.empty()) {
        view.colorScheme = ColorScheme::Values;
        view.residueValues = std::move(values);
        view.valueLimit = 0.5;
        m_applied = true;
    } else if (m_applied) {
        view.colorScheme.reset();
        view.residueValues.clear();
        view.valueLimit = DisplaySettings().valueLimit;
        m_applied = false;
    } else {
        return;
    }
    m_workspace.view->setDisplaySettings(view);
}

} // namespace esmui
