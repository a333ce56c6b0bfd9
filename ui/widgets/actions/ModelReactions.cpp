#include "ui/widgets/actions/ModelReactions.h"

#include "core/base/error.h"
#include "core/pipeline/model_folder.h"
#include "ui/services/document/Document.h"
#include "ui/services/settings/Settings.h"
#include "ui/widgets/mainwindow/GuardedApplication.h"
#include "ui/widgets/models/ModelsDialog.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>

namespace esmui {
namespace {

// Throws esm::Error saying why the folder cannot serve the heatmap or folding.
esm::ModelFolderInfo usableModel(const QString& folder) {
    esm::ModelFolderInfo info = esm::inspectModelFolder(folder.toStdString());
    if (!info.problems.empty())
        throw esm::Error(folder.toStdString() + " is incomplete: " + info.problems);
    if (info.kind == esm::ModelKind::LanguageModel && info.architecture != "EsmForMaskedLM")
        throw esm::Error(
            folder.toStdString() + " holds an " + info.architecture +
            "; the heatmap needs a masked language model (EsmForMaskedLM: ESM-2, ESM-1b, ESM-1v) and "
            "folding needs ESMFold (EsmForProteinFolding)");
    if (!info.hasVocabulary)
        throw esm::Error(folder.toStdString() + " has no vocab.txt");
    return info;
}

} // namespace

bool useModelFolder(const Workspace& workspace, const QString& folder) {
    esm::ModelFolderInfo info;
    try {
        info = usableModel(folder);
    } catch (const std::exception& e) {
        workspace.reportError(QObject::tr("Not a usable model"), describeFailure(e));
        return false;
    }
    if (info.kind == esm::ModelKind::Folding) {
        Settings::setFoldingModelFolder(folder);
        workspace.document->setFoldingModel(folder);
        workspace.showStatus(QObject::tr("Folding model: %1").arg(QFileInfo(folder).fileName()));
    } else {
        Settings::setLanguageModelFolder(folder);
        workspace.document->setLanguageModel(folder);
        workspace.showStatus(QObject::tr("Language model: %1").arg(QFileInfo(folder).fileName()));
    }
    return true;
}

OpenModelReaction::OpenModelReaction(QAction* action, Workspace workspace)
    : Reaction(action), m_workspace(workspace) {}

void OpenModelReaction::onTriggered() {
    const QString folder = QFileDialog::getExistingDirectory(
        m_workspace.window, tr("Open Model (a HuggingFace folder: ESM-2 or ESMFold)"),
        Settings::languageModelFolder());
    if (!folder.isEmpty())
        useModelFolder(m_workspace, folder);
}

ModelsDialogReaction::ModelsDialogReaction(QAction* action, Workspace workspace)
    : Reaction(action), m_workspace(workspace) {}

void ModelsDialogReaction::showFoldersInUse() {
    m_dialog->setFoldersInUse(m_workspace.document->languageModel(), m_workspace.document->foldingModel());
}

void ModelsDialogReaction::showDialog(const QString& repo, bool download) {
    if (!m_dialog) {
        m_dialog = new ModelsDialog(m_workspace.window);
        connect(m_dialog, &ModelsDialog::modelChosen, this,
                [this](const QString& folder) { useModelFolder(m_workspace, folder); });
        connect(m_workspace.document, &Document::changed, m_dialog, [this](Document::Changes changes) {
            if (changes & Document::ModelsChanged)
                showFoldersInUse();
        });
    }
    showFoldersInUse();
    m_dialog->show();
    m_dialog->raise();
    if (!repo.isEmpty())
        m_dialog->select(repo, download);
}

} // namespace esmui
