// What File > Export writes, one function per kind of file. Each returns an error message (empty
// on success) and writes atomically; none asks anything, so scripts and tests call them directly.
#pragma once

#include "ui/widgets/workspace/Workspace.h"

#include <QImage>
#include <QSize>

namespace esmui {

// Nothing on show to export: a message naming what to do first, or empty.
QString needsStructure(const Workspace& workspace);

QString exportStructureFile(const Workspace& workspace, const QString& path); // .pdb or .cif
QString exportPaeJson(const Workspace& workspace, const QString& path);       // AlphaFold DB layout
QString exportResidueTable(const Workspace& workspace, const QString& path);  // per-residue CSV
QString exportReport(const Workspace& workspace, const QString& path);        // one-page PDF
QString exportHeatmapFigure(const Workspace& workspace, const QString& path); // .svg .pdf .png
QString exportScoresCsv(const Workspace& workspace, const QString& path);
QString exportPlddtFigure(const Workspace& workspace, const QString& path);
QString exportPaeFigure(const Workspace& workspace, const QString& path);
// The 3D view rendered offscreen at `size` (full resolution) into a PNG.
QString exportStructureImage(const Workspace& workspace, const QString& path, const QSize& size,
                             bool transparentBackground);

// A PNG written atomically; an error message or empty.
QString savePng(const QImage& image, const QString& path);

} // namespace esmui
