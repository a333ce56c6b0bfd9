#include "ui/widgets/mainwindow/ControlsHelp.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QObject>

namespace esmui {
namespace {

QString row(const QString& control, const QString& effect) {
    return "<tr><td><b>" + control.toHtmlEscaped() + "</b></td><td>" + effect.toHtmlEscaped() + "</td></tr>";
}

void addShortcuts(const QMenu* menu, const QString& path, QString& rows) {
    for (const QAction* action : menu->actions()) {
        const QString name = path + QString(action->text()).remove('&').remove(QStringLiteral("…"));
        if (action->menu())
            addShortcuts(action->menu(), name + " › ", rows);
        else if (!action->shortcut().isEmpty())
            rows += row(action->shortcut().toString(QKeySequence::NativeText), name);
    }
}

} // namespace

QString controlsHelpText(const QMenuBar* menus) {
    QString text = "<h3>" + QObject::tr("3D view") + "</h3><table cellspacing=4>";
    text += row(QObject::tr("Left drag"), QObject::tr("rotate"));
    text += row(QObject::tr("Middle drag, or Shift + left drag"), QObject::tr("move"));
    text += row(QObject::tr("Right drag, or wheel"), QObject::tr("zoom"));
    text += row(QObject::tr("Click"), QObject::tr("select a residue (Shift extends, Ctrl toggles)"));
    text += row(QObject::tr("Double-click"), QObject::tr("centre on a residue"));
    text += "</table><h3>" + QObject::tr("Sequence") + "</h3><table cellspacing=4>";
    text += row(QObject::tr("F2 or Return"), QObject::tr("start editing the sequence"));
    text += row(QObject::tr("Esc"), QObject::tr("stop editing"));
    text += row(QObject::tr("Shift + arrows, drag"), QObject::tr("select residues"));
    text += "</table><h3>" + QObject::tr("Shortcuts") + "</h3><table cellspacing=4>";
    for (const QAction* action : menus->actions())
        if (action->menu())
            addShortcuts(action->menu(), QString(action->text()).remove('&') + " › ", text);
    return text + "</table>";
}

} // namespace esmui
