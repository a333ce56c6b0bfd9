#include "ui/widgets/actions/ExportReaction.h"

#include "ui/widgets/actions/Exports.h"
#include "ui/widgets/actions/SavePaths.h"

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSpinBox>

#include <functional>

namespace esmui {
namespace {

// Asks where to write and writes there; the outcome is reported.
void saveWithDialog(const Workspace& workspace, const QString& title, const QString& kind,
                    const QString& filter, const std::function<QString(const QString&)>& write) {
    const QString path = askSavePath(workspace, title, kind, filter);
    if (path.isEmpty())
        return;
    if (const QString error = write(path); !error.isEmpty())
        workspace.reportError(QObject::tr("Export failed"), error);
    else
        workspace.showStatus(QObject::tr("Exported %1").arg(path));
}

bool reportIfNotReady(const Workspace& workspace, ExportReaction::Check ready) {
    const QString missing = ready ? ready(workspace) : QString();
    if (!missing.isEmpty())
        workspace.reportError(QObject::tr("Nothing to export"), missing);
    return !missing.isEmpty();
}

} // namespace

ExportReaction::ExportReaction(QAction* action, Workspace workspace, QString kind, QString filter,
                               Writer write, Check ready)
    : Reaction(action), m_workspace(workspace), m_kind(std::move(kind)), m_filter(std::move(filter)),
      m_write(write), m_ready(ready) {}

void ExportReaction::onTriggered() {
    if (reportIfNotReady(m_workspace, m_ready))
        return;
    saveWithDialog(m_workspace, action()->text().remove('&').remove(QStringLiteral("…")), m_kind, m_filter,
                   [this](const QString& path) { return m_write(m_workspace, path); });
}

ExportImageReaction::ExportImageReaction(QAction* action, Workspace workspace)
    : Reaction(action), m_workspace(workspace) {}

void ExportImageReaction::onTriggered() {
    if (reportIfNotReady(m_workspace, needsStructure))
        return;
    QDialog dialog(m_workspace.window);
    dialog.setWindowTitle(tr("Export Image"));
    auto *width = new QSpinBox, *height = new QSpinBox;
    for (auto* box : {width, height})
        box->setRange(16, 16000);
    width->setValue(3000);
    height->setValue(2000);
    auto* transparent = new QCheckBox(tr("Transparent background"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Width (pixels)"), width);
    form->addRow(tr("Height (pixels)"), height);
    form->addRow(transparent);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QSize size(width->value(), height->value());
    saveWithDialog(m_workspace, tr("Export Image"), "image", tr("PNG (*.png)"), [&](const QString& path) {
        return exportStructureImage(m_workspace, path, size, transparent->isChecked());
    });
}

} // namespace esmui
