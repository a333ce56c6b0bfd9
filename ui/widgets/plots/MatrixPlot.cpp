#include "ui/widgets/plots/MatrixPlot.h"

#include "ui/services/document/ResidueSelection.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <set>

namespace esmui {

MatrixView::MatrixView(ResidueSelection* selection, QWidget* parent)
    : QWidget(parent), m_selection(selection) {
    setObjectName("matrixView");
    setMouseTracking(true);
    setMinimumSize(100, 100);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void MatrixView::setData(MatrixPlotData data) {
    m_data = std::move(data);
    update();
}

QPointF MatrixView::pointOf(int row, int column) const {
    const QRectF square = matrixPlotSquare(QRectF(rect()).adjusted(4, 4, -4, -4), font(), m_data);
    const int n = std::max(1, m_data.residues);
    return {square.left() + square.width() * (column + 0.5) / n,
            square.top() + square.height() * (row + 0.5) / n};
}

std::pair<int, int> MatrixView::cellAt(const QPointF& point) const {
    const QRectF square = matrixPlotSquare(QRectF(rect()).adjusted(4, 4, -4, -4), font(), m_data);
    const int n = m_data.residues;
    if (n == 0 || !square.contains(point))
        return {-1, -1};
    return {std::clamp(int((point.y() - square.top()) / square.height() * n), 0, n - 1),
            std::clamp(int((point.x() - square.left()) / square.width() * n), 0, n - 1)};
}

void MatrixView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    paintMatrixPlot(painter, QRectF(rect()).adjusted(4, 4, -4, -4), m_data);
    if (m_dragging) {
        painter.setPen(QPen(QColor(40, 160, 40), 1.5, Qt::DashLine));
        painter.setBrush(QColor(124, 252, 0, 40));
        painter.drawRect(QRectF(m_dragStart, m_dragEnd).normalized());
    }
}

void MatrixView::mousePressEvent(QMouseEvent* event) {
    if (cellAt(event->position()).first < 0)
        return;
    m_dragging = true;
    m_dragStart = m_dragEnd = event->position();
}

void MatrixView::mouseMoveEvent(QMouseEvent* event) {
    if (m_dragging) {
        m_dragEnd = event->position();
        update();
        return;
    }
    const auto [row, column] = cellAt(event->position());
    if (row >= 0 && m_data.describe)
        QToolTip::showText(event->globalPosition().toPoint(), m_data.describe(row, column), this);
}

void MatrixView::mouseReleaseEvent(QMouseEvent* event) {
    if (!m_dragging)
        return;
    m_dragging = false;
    m_dragEnd = event->position();
    auto [r0, c0] = cellAt(m_dragStart);
    auto [r1, c1] = cellAt(m_dragEnd);
    update();
    if (r0 < 0 || r1 < 0)
        return;
    // The two residue ranges the rectangle spans: rows (aligned on) and columns (scored).
    std::set<int> positions;
    for (int p = std::min(r0, r1); p <= std::max(r0, r1); ++p)
        positions.insert(p);
    for (int p = std::min(c0, c1); p <= std::max(c0, c1); ++p)
        positions.insert(p);
    m_selection->select(positions);
}

} // namespace esmui
