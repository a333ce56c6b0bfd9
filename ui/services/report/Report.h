// The one-page PDF report of a fold: the structure image, the pLDDT and PAE plots, the heatmap
// when the language model has scored the sequence, the sequence, the scores, and which model and
// program versions made them.
#pragma once

#include "core/pipeline/variant_scores.h"
#include "ui/services/figures/MatrixPainter.h"
#include "ui/services/figures/PlddtPainter.h"

#include <QImage>
#include <QString>
#include <QStringList>

#include <memory>

namespace esmui {

struct ReportContent {
    QString title;
    QStringList facts; // "Mean pLDDT 84.2", "pTM 0.78", "Model esmfold_v1", versions, ...
    QString sequence;
    QImage structure; // rendered 3D view
    PlddtPlotData plddt;
    MatrixPlotData pae;
    std::shared_ptr<const esm::SequenceScores> scores; // may be null
};

// An A4 page, in points.
void paintReport(QPainter& painter, const ReportContent& content);
// PDF (or SVG, PNG by the extension), written atomically; esm::Error naming the path when it cannot.
void writeReport(const QString& path, const ReportContent& content);

} // namespace esmui
