#include "ui/widgets/actions/SavePaths.h"

#include "core/io/compressed_file.h"
#include "ui/services/document/Document.h"
#include "ui/services/settings/Settings.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QObject>
#include <QRegularExpression>

namespace esmui {

QStringList filterExtensions(const QString& filter) {
    QStringList extensions;
    static const QRegularExpression pattern(R"(\*\.([A-Za-z0-9.]+))");
    for (auto match = pattern.globalMatch(filter); match.hasNext();)
        extensions << match.next().captured(1).toLower();
    return extensions;
}

QString suggestedSavePath(const QString& folder, const QString& origin, const QString& kind,
                          const QString& filter) {
    QString stem = QObject::tr("untitled");
    if (!origin.isEmpty() && QFileInfo(origin).isAbsolute())
        stem = QString::fromStdString(esm::structureStem(origin.toStdString()));
    if (!kind.isEmpty())
        stem += '-' + kind;
    const QStringList extensions = filterExtensions(filter);
    const QString name = extensions.isEmpty() ? stem : stem + '.' + extensions.front();
    return folder.isEmpty() ? name : QDir(folder).filePath(name);
}

SaveTarget checkedSavePath(const QString& chosen, const QString& selectedFilter, const QString& filter) {
    const QString name = QFileInfo(chosen).fileName().toLower();
    const QStringList offered = filterExtensions(filter);
    for (const QString& extension : offered)
        if (name.endsWith('.' + extension))
            return {chosen, {}};
    if (!QFileInfo(chosen).suffix().isEmpty())
        return {{},
                QObject::tr("%1: the name ends in .%2; this export writes %3")
                    .arg(chosen, QFileInfo(chosen).suffix(), "." + offered.join(", ."))};
    const QStringList selected = filterExtensions(selectedFilter);
    const QString extension = !selected.isEmpty() ? selected.front() : offered.value(0);
    return {extension.isEmpty() ? chosen : chosen + '.' + extension, {}};
}

QString askSavePath(const Workspace& workspace, const QString& title, const QString& kind,
                    const QString& filter) {
    QString selected;
    const QString suggested =
        suggestedSavePath(Settings::lastSaveFolder(), workspace.document->origin(), kind, filter);
    const QString chosen =
        QFileDialog::getSaveFileName(workspace.window, title, suggested, filter, &selected);
    if (chosen.isEmpty())
        return {};
    const SaveTarget target = checkedSavePath(chosen, selected, filter);
    if (!target.error.isEmpty()) {
        workspace.reportError(QObject::tr("Choose another name"), target.error);
        return {};
    }
    Settings::setLastSaveFolder(QFileInfo(target.path).absolutePath());
    return target.path;
}

} // namespace esmui
