// What a save dialog starts from and what it may write: a suggested name in the last folder saved
// to, and the extension that decides the format (an image chosen as PNG never lands in a .svg).
#pragma once

#include "ui/widgets/workspace/Workspace.h"

#include <QString>
#include <QStringList>

namespace esmui {

// The extensions a dialog filter offers, in order: "SVG (*.svg);;PDF (*.pdf)" -> {"svg", "pdf"}.
QStringList filterExtensions(const QString& filter);

// `folder`/STEM-KIND.EXT: STEM from the document's file (`origin`; "untitled" when it is not a
// file), KIND naming what is saved ("heatmap"; none when empty), EXT the filter's first extension.
QString suggestedSavePath(const QString& folder, const QString& origin, const QString& kind,
                          const QString& filter);

struct SaveTarget {
    QString path;  // what to write, with the chosen format's extension
    QString error; // why not, when the name's extension is one the filter does not offer
};
// `chosen` as the dialog returned it; `selectedFilter` the entry the user picked in `filter`.
SaveTarget checkedSavePath(const QString& chosen, const QString& selectedFilter, const QString& filter);

// Asks where to save (suggesting STEM-KIND.EXT in the last save folder) and returns the path with
// the chosen format's extension, or empty when the user cancels or names another format (said).
QString askSavePath(const Workspace& workspace, const QString& title, const QString& kind,
                    const QString& filter);

} // namespace esmui
