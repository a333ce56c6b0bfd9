#include "ui/widgets/plots/PlddtPlot.h"

#include "ui/services/document/ResidueSelection.h"
#include "ui/services/figures/ResidueAxis.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace esmui {

PlddtPlot::PlddtPlot(ResidueSelection* selection, QWidget* parent) : QWidget(parent), m_selection(selection) {
    setObjectName("plddtPlot");
    setMouseTracking(true);
    setMinimumHeight(90);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    connect(selection, &ResidueSelection::changed, this, [this] {
        m_data.selected = m_selection->positions();
        update();
    });
}

void PlddtPlot::setData(PlddtPlotData data) {
    m_data = std::move(data);
    m_data.selected = m_selection->positions();
    update();
}

QRectF PlddtPlot::plotArea() const {
    return plddtPlotArea(QRectF(rect()).adjusted(4, 4, -4, -4), font(), m_data);
}

int PlddtPlot::positionAt(double x) const {
    const QRectF plot = plotArea();
    const int n = int(m_data.plddt.size());
    if (n == 0 || x < plot.left() || x >= plot.right())
        return -1;
    return std::clamp(int((x - plot.left()) / plot.width() * n), 0, n - 1);
}

void PlddtPlot::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    paintPlddtPlot(painter, QRectF(rect()).adjusted(4, 4, -4, -4), m_data);
}

void PlddtPlot::mousePressEvent(QMouseEvent* event) {
    m_pressed = positionAt(event->position().x());
    if (m_pressed < 0)
        return;
    if (event->modifiers() & Qt::ShiftModifier)
        m_selection->extendTo(m_pressed);
    else
        m_selection->selectOnly(m_pressed);
}

void PlddtPlot::mouseMoveEvent(QMouseEvent* event) {
    const int position = positionAt(event->position().x());
    if ((event->buttons() & Qt::LeftButton) && m_pressed >= 0 && position >= 0) {
        std::set<int> range;
        for (int p = std::min(m_pressed, position); p <= std::max(m_pressed, position); ++p)
            range.insert(p);
        m_selection->select(range);
    }
    if (position >= 0)
        QToolTip::showText(event->globalPosition().toPoint(),
                           tr("residue %1: pLDDT %2")
                               .arg(residueName(m_data.labels, position))
                               .arg(m_data.plddt[std::size_t(position)], 0, 'f', 1),
                           this);
}

} // namespace esmui
