#include "ui/widgets/training/TrainingCurves.h"

#include "core/base/atomic_file.h"
#include "ui/services/figures/FigureExport.h"
#include "ui/widgets/taskmodel/ResidueLabelTrack.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <map>

namespace esmui {
namespace {

// Each curve: the points of one logged name, in step order.
std::map<std::string, std::vector<QPointF>> curvesOf(const std::vector<esm::TrainingLogEntry>& log) {
    std::map<std::string, std::vector<QPointF>> curves;
    for (const auto& entry : log)
        for (const auto& [name, value] : entry.values)
            if (name == "loss" || name == "eval_loss" || name == "eval_accuracy" || name == "eval_f1" ||
                name == "eval_spearman")
                curves[name].emplace_back(double(entry.step), value);
    return curves;
}

bool onLossAxis(const std::string& name) {
    return name == "loss" || name == "eval_loss";
}

} // namespace

void paintTrainingCurves(QPainter& painter, const QRectF& area, const std::vector<esm::TrainingLogEntry>& log,
                         std::int64_t totalSteps) {
    const QFontMetricsF metrics(painter.font());
    const double margin = metrics.height() * 2.5;
    const QRectF plot =
        area.adjusted(margin + metrics.horizontalAdvance("0.000"), metrics.height() * 1.5, -margin, -margin);
    painter.setPen(QPen(Qt::gray, 0));
    painter.drawRect(plot);
    const auto curves = curvesOf(log);
    double maxLoss = 0;
    for (const auto& [name, points] : curves)
        if (onLossAxis(name))
            for (const QPointF& p : points)
                maxLoss = std::max(maxLoss, p.y());
    maxLoss = maxLoss > 0 ? maxLoss * 1.05 : 1.0;
    const double steps = double(std::max<std::int64_t>(totalSteps, 1));
    painter.setPen(Qt::black);
    painter.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), metrics.height()), Qt::AlignCenter,
                     QObject::tr("optimizer step (of %1)").arg(totalSteps));
    painter.drawText(QRectF(area.left(), plot.top() - metrics.height() * 1.4, plot.width(), metrics.height()),
                     Qt::AlignLeft,
                     QObject::tr("loss (left, 0–%1) · metrics (right, 0–1)").arg(maxLoss, 0, 'g', 3));
    for (int tick = 0; tick <= 4; ++tick) {
        const double y = plot.bottom() - plot.height() * tick / 4.0;
        painter.drawText(
            QRectF(area.left(), y - metrics.height() / 2, plot.left() - area.left() - 4, metrics.height()),
            Qt::AlignRight | Qt::AlignVCenter, QString::number(maxLoss * tick / 4.0, 'g', 3));
        painter.drawText(QRectF(plot.right() + 4, y - metrics.height() / 2, margin, metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, QString::number(tick / 4.0, 'g', 2));
    }
    int index = 0;
    double keyX = plot.left() + 6;
    for (const auto& [name, points] : curves) {
        const QColor colour = labelColour(index++);
        QPainterPath path;
        for (std::size_t i = 0; i < points.size(); ++i) {
            const double top = onLossAxis(name) ? maxLoss : 1.0;
            const QPointF at(plot.left() + plot.width() * points[i].x() / steps,
                             plot.bottom() - plot.height() * std::clamp(points[i].y() / top, 0.0, 1.0));
            i == 0 ? path.moveTo(at) : path.lineTo(at);
            painter.fillRect(QRectF(at.x() - 1.5, at.y() - 1.5, 3, 3), colour);
        }
        painter.setPen(QPen(colour, 1.5));
        painter.drawPath(path);
        painter.drawText(QPointF(keyX, plot.top() + metrics.height()), QString::fromStdString(name));
        keyX += metrics.horizontalAdvance(QString::fromStdString(name)) + 12;
    }
}

QString trainingLogCsv(const std::vector<esm::TrainingLogEntry>& log) {
    QString csv = "step,epoch,name,value\n";
    for (const auto& entry : log)
        for (const auto& [name, value] : entry.values)
            csv += QString("%1,%2,%3,%4\n")
                       .arg(entry.step)
                       .arg(entry.epoch)
                       .arg(QString::fromStdString(name))
                       .arg(value, 0, 'g', 10);
    return csv;
}

TrainingCurves::TrainingCurves(QWidget* parent) : QWidget(parent) {
    setObjectName("trainingCurves");
    setMinimumSize(360, 200);
}

void TrainingCurves::clear(std::int64_t totalSteps) {
    m_log.clear();
    m_totalSteps = totalSteps;
    update();
}

void TrainingCurves::add(const esm::TrainingLogEntry& entry) {
    m_log.push_back(entry);
    m_totalSteps = std::max(m_totalSteps, entry.step);
    update();
}

void TrainingCurves::exportTo(const QString& path) const {
    if (path.endsWith(".csv", Qt::CaseInsensitive))
        return esm::writeFileAtomically(path.toStdString(), trainingLogCsv(m_log).toStdString());
    exportFigure(path, QSizeF(480, 300), [this](QPainter& painter, const QRectF& area) {
        paintTrainingCurves(painter, area, m_log, m_totalSteps);
    });
}

void TrainingCurves::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), Qt::white);
    paintTrainingCurves(painter, rect(), m_log, m_totalSteps);
}

} // namespace esmui
