#include "ui/widgets/taskmodel/ResidueLabelTrack.h"

#include "core/training/metrics.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace esmui {
namespace {

constexpr double kCellHeight = 22, kKeyHeight = 18;

} // namespace

QColor labelColour(int label) {
    static const QColor okabeIto[] = {QColor("#0072B2"), QColor("#E69F00"), QColor("#009E73"),
                                      QColor("#CC79A7"), QColor("#56B4E9"), QColor("#D55E00"),
                                      QColor("#F0E442"), QColor("#999999")};
    if (label >= 0 && label < 8)
        return okabeIto[label];
    return QColor::fromHsv((label * 67) % 360, 150, 220);
}

ResidueLabelTrack::ResidueLabelTrack(QWidget* parent) : QWidget(parent) {
    setObjectName("residueLabelTrack");
    setMinimumHeight(int(kCellHeight + kKeyHeight + 6));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ResidueLabelTrack::setPrediction(const QString& residues, std::vector<std::string> labels,
                                      std::vector<std::vector<float>> probabilities,
                                      std::vector<QString> positionLabels) {
    m_residues = residues;
    m_labels = std::move(labels);
    m_rows = std::move(probabilities);
    m_positionLabels = std::move(positionLabels);
    update();
}

void ResidueLabelTrack::clear() {
    setPrediction({}, {}, {}, {});
}

int ResidueLabelTrack::labelAt(int position) const {
    if (position < 0 || position >= length())
        return -1;
    return esm::argmax(m_rows[std::size_t(position)]);
}

QString ResidueLabelTrack::describe(int position) const {
    const int label = labelAt(position);
    if (label < 0)
        return {};
    const QString name = position < int(m_positionLabels.size()) ? m_positionLabels[std::size_t(position)]
                                                                 : QString::number(position + 1);
    return tr("%1 %2: %3 (p = %4)")
        .arg(m_residues.mid(position, 1), name, QString::fromStdString(m_labels[std::size_t(label)]))
        .arg(m_rows[std::size_t(position)][std::size_t(label)], 0, 'f', 2);
}

QSize ResidueLabelTrack::sizeHint() const {
    return {400, int(kCellHeight + kKeyHeight + 6)};
}

double ResidueLabelTrack::cellWidth() const {
    return m_rows.empty() ? 0 : std::max(1.0, double(width()) / double(m_rows.size()));
}

int ResidueLabelTrack::positionAt(const QPoint& point) const {
    if (m_rows.empty() || point.y() > kCellHeight)
        return -1;
    const int position = int(point.x() / cellWidth());
    return position < length() ? position : -1;
}

void ResidueLabelTrack::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const double w = cellWidth();
    for (int p = 0; p < length(); ++p) {
        const QRectF cell(p * w, 0, w, kCellHeight);
        painter.fillRect(cell, labelColour(labelAt(p)));
        if (w >= 9) {
            painter.setPen(Qt::black);
            painter.drawText(cell, Qt::AlignCenter, m_residues.mid(p, 1));
        }
    }
    // The key: each label's colour and name.
    double x = 0;
    const QFontMetricsF metrics(font());
    for (std::size_t k = 0; k < m_labels.size(); ++k) {
        const QString name = QString::fromStdString(m_labels[k]);
        painter.fillRect(QRectF(x, kCellHeight + 6, 12, 12), labelColour(int(k)));
        painter.setPen(palette().text().color());
        painter.drawText(QPointF(x + 16, kCellHeight + 16), name);
        x += 28 + metrics.horizontalAdvance(name);
    }
}

bool ResidueLabelTrack::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = describe(positionAt(help->pos()));
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace esmui
