#include "ui/widgets/actions/AddStructureReaction.h"

#include "ui/widgets/actions/OpenFileReaction.h"
#include "ui/widgets/mainwindow/GuardedApplication.h"

#include "core/base/error.h"
#include "ui/services/document/Document.h"
#include "ui/services/document/ExtraStructures.h"
#include "ui/services/document/FoldComparison.h"
#include "ui/services/settings/Settings.h"

#include <QFileDialog>
#include <QFileInfo>

namespace esmui {

bool addStructurePath(const Workspace& workspace, const QString& path) {
    ExtraStructures* structures = workspace.document->extraStructures();
    int index = -1;
    try {
        index = structures->addFile(path);
    } catch (const std::exception& e) {
        workspace.reportError(QObject::tr("Cannot add structure"), describeFailure(e));
        return false;
    }
    Settings::addRecentFile(path);
    Settings::setLastOpenFolder(QFileInfo(path).absolutePath());
    const QString name = QFileInfo(path).fileName();
    if (!workspace.document->hasStructure()) {
        workspace.showStatus(QObject::tr("Added %1 as structure #%2").arg(name).arg(index + 2));
    } else if (structures->superpose(index)) {
        workspace.showStatus(
            QObject::tr("Added %1 as structure #%2, on #1: %3")
                .arg(name)
                .arg(index + 2)
                .arg(comparisonSummary(*structures->structures()[std::size_t(index)].comparison)));
    } else {
        const QString problem = structures->structures()[std::size_t(index)].problem;
        structures->unsuperpose(index);
        workspace.showStatus(
            QObject::tr("Added %1 as structure #%2 where its file puts it (not superposed: %3)")
                .arg(name)
                .arg(index + 2)
                .arg(problem));
    }
    return true;
}

AddStructureReaction::AddStructureReaction(QAction* action, Workspace workspace)
    : Reaction(action), m_workspace(workspace) {
    action->setObjectName("addStructureAction");
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    action->setToolTip(tr("Open a structure beside the one on show, superposed on it"));
}

void AddStructureReaction::onTriggered() {
    const QString path = QFileDialog::getOpenFileName(
        m_workspace.window, tr("Add Structure"), Settings::lastOpenFolder(),
        tr("Structures (%1)").arg(kStructureFilePatterns) + ";;" + tr("All files (*)"));
    if (!path.isEmpty())
        addStructurePath(m_workspace, path);
}

} // namespace esmui
