#include "ui/widgets/plots/HeatmapView.h"

#include "core/structure/sequence.h"

#include "ui/services/document/MutationNames.h"
#include "ui/services/document/ResidueSelection.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace esmui {

HeatmapView::HeatmapView(ResidueSelection* selection, QWidget* parent)
    : QWidget(parent), m_selection(selection), m_scroll(new QScrollBar(Qt::Horizontal, this)) {
    setObjectName("heatmapView");
    setMouseTracking(true);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    connect(m_scroll, &QScrollBar::valueChanged, this, qOverload<>(&QWidget::update));
    connect(selection, &ResidueSelection::changed, this, qOverload<>(&QWidget::update));
}

void HeatmapView::setScores(std::shared_ptr<const esm::SequenceScores> scores, bool current) {
    m_scores = std::move(scores);
    m_current = current;
    updateScrollBar();
    update();
}

void HeatmapView::setValue(HeatmapValue value) {
    m_value = value;
    update();
}

void HeatmapView::setMessage(const QString& message) {
    m_message = message;
    update();
}

void HeatmapView::setCellWidth(double pixels) {
    const int centre = firstPosition() + int(plotArea().width() / m_cellWidth / 2);
    m_cellWidth = std::clamp(pixels, 2.0, 40.0);
    updateScrollBar();
    m_scroll->setValue(centre - int(plotArea().width() / m_cellWidth / 2));
    update();
}

int HeatmapView::firstPosition() const {
    return m_scroll->isVisible() ? m_scroll->value() : 0;
}

QSize HeatmapView::minimumSizeHint() const {
    return {160, int(std::ceil(heatmapMinimumHeight(font(), false) + 8 + m_scroll->sizeHint().height()))};
}

QRectF HeatmapView::plotArea() const {
    return QRectF(rect()).adjusted(4, 4, -4, -4 - (m_scroll->isVisible() ? m_scroll->height() : 0));
}

HeatmapGeometry HeatmapView::geometry() const {
    const QRectF area = plotArea();
    // The columns that fit at this zoom; the geometry's cell width follows from it.
    const HeatmapGeometry probe = heatmapGeometry(area, 0, 1, font(), false);
    const int fit = std::max(1, int(probe.cells.width() / m_cellWidth));
    HeatmapGeometry g = heatmapGeometry(area, firstPosition(), fit, font(), false);
    // Short sequences widen their cells to fill the view, up to a point.
    const int length = m_scores ? m_scores->length() : fit;
    if (length < fit) {
        g.count = length;
        g.cellWidth = std::min(40.0, probe.cells.width() / length);
        g.cells.setWidth(g.cellWidth * length);
        g.entropyTrack.setWidth(g.cells.width());
    }
    return g;
}

void HeatmapView::updateScrollBar() {
    const int length = m_scores ? m_scores->length() : 0;
    const HeatmapGeometry probe = heatmapGeometry(QRectF(rect()).adjusted(4, 4, -4, -4), 0, 1, font(), false);
    const int fit = std::max(1, int(probe.cells.width() / m_cellWidth));
    m_scroll->setGeometry(0, height() - m_scroll->sizeHint().height(), width(),
                          m_scroll->sizeHint().height());
    m_scroll->setVisible(length > fit);
    m_scroll->setRange(0, std::max(0, length - fit));
    m_scroll->setPageStep(fit);
}

void HeatmapView::resizeEvent(QResizeEvent*) {
    updateScrollBar();
}

QPointF HeatmapView::cellCentre(int position, int aminoAcid) const {
    const HeatmapGeometry g = geometry();
    const auto row = kHeatmapRowOrder.find(esm::kStandardAminoAcids[std::size_t(aminoAcid)]);
    return {g.cells.left() + (position - g.first + 0.5) * g.cellWidth,
            g.cells.top() + (double(row) + 0.5) * g.cellHeight};
}

QPointF HeatmapView::entropyCentre(int position) const {
    const HeatmapGeometry g = geometry();
    return {g.cells.left() + (position - g.first + 0.5) * g.cellWidth, g.entropyTrack.center().y()};
}

QString HeatmapView::positionName(int position) const {
    return m_labels.size() == std::size_t(m_scores->length()) ? m_labels[std::size_t(position)]
                                                              : QString::number(position + 1);
}

QString HeatmapView::wildType(int position) const {
    const char residue = m_scores->residues[std::size_t(position)];
    const auto special = esm::specialTokenOf(residue);
    return special.empty() ? QString(QChar(residue))
                           : QString::fromUtf8(special.data(), qsizetype(special.size()));
}

QString HeatmapView::mutationName(int position, int aminoAcid) const {
    return esmui::mutationName(positionName(position), wildType(position),
                               QChar(esm::kStandardAminoAcids[std::size_t(aminoAcid)]));
}

QString HeatmapView::describeCell(int position, int aminoAcid) const {
    const esm::SequenceScores& s = *m_scores;
    const QString name = mutationName(position, aminoAcid);
    const bool wildTypeCell = wildType(position) == QChar(esm::kStandardAminoAcids[std::size_t(aminoAcid)]);
    const QString apply = wildTypeCell ? tr("(wild type)") : tr("double-click to apply %1").arg(name);
    // The CLI's --mutations and the CSV count 1, 2, … over the residues: say so where that differs.
    const QString where = positionName(position) == QString::number(position + 1)
                              ? QString()
                              : tr(" · sequence position %1").arg(position + 1);
    if (m_value == HeatmapValue::PredictedChange)
        return tr("%1%2\npredicted %3\nwild type %4\nchange %5\n%6")
            .arg(name, where)
            .arg(s.logProb(position, aminoAcid), 0, 'g', 5)
            .arg(s.wildTypeLogProb[std::size_t(position)], 0, 'g', 5)
            .arg(s.llr(position, aminoAcid), 0, 'g', 4)
            .arg(apply);
    const double logProb = s.logProb(position, aminoAcid);
    const QString masked = s.masked.count(position) ? tr(" (masked)") : QString();
    const QChar mut = QChar(esm::kStandardAminoAcids[std::size_t(aminoAcid)]);
    return tr("%1%2%3\nlog p(%4) = %5 (p = %6)\nlog p(%7) = %8\nLLR = %9\nentropy %10 bits\n%11")
        .arg(name, masked, where)
        .arg(mut)
        .arg(logProb, 0, 'f', 3)
        .arg(std::exp(logProb), 0, 'f', 4)
        .arg(wildType(position))
        .arg(s.wildTypeLogProb[std::size_t(position)], 0, 'f', 3)
        .arg(s.llr(position, aminoAcid), 0, 'f', 3)
        .arg(s.entropy[std::size_t(position)], 0, 'f', 2)
        .arg(apply);
}

void HeatmapView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    if (!m_scores) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    HeatmapOptions options;
    options.value = m_value;
    options.selected = m_selection->positions();
    options.changed = m_changed;
    options.positionLabels = m_labels;
    options.hoveredPosition = m_hovered;
    paintHeatmap(painter, geometry(), *m_scores, options);
    if (!m_current) { // out of date: dimmed, with the reason
        painter.fillRect(rect(), QColor(255, 255, 255, 150));
        painter.setPen(Qt::black);
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_message);
    }
}

void HeatmapView::mouseMoveEvent(QMouseEvent* event) {
    if (!m_scores)
        return;
    const HeatmapGeometry g = geometry();
    const int hovered = g.positionAt(event->position());
    if (hovered != m_hovered) {
        m_hovered = hovered < m_scores->length() ? hovered : -1;
        update();
    }
    if (const auto cell = g.cellAt(event->position()); cell && cell->first < m_scores->length())
        QToolTip::showText(event->globalPosition().toPoint(), describeCell(cell->first, cell->second), this);
    else
        QToolTip::hideText();
}

void HeatmapView::leaveEvent(QEvent*) {
    m_hovered = -1;
    update();
}

void HeatmapView::setChangedPositions(std::set<int> positions) {
    if (positions == m_changed)
        return;
    m_changed = std::move(positions);
    update();
}

void HeatmapView::setPositionLabels(std::vector<QString> labels) {
    if (labels == m_labels)
        return;
    m_labels = std::move(labels);
    update();
}

void HeatmapView::select(int position, Qt::KeyboardModifiers modifiers) {
    if (modifiers & Qt::ShiftModifier)
        m_selection->extendTo(position);
    else if (modifiers & Qt::ControlModifier)
        m_selection->toggle(position);
    else
        m_selection->selectOnly(position);
}

void HeatmapView::mousePressEvent(QMouseEvent* event) {
    if (!m_scores || !m_current || event->button() != Qt::LeftButton)
        return;
    const HeatmapGeometry g = geometry();
    const auto cell = g.cellAt(event->position());
    const int position = cell ? cell->first : g.positionAt(event->position());
    if (position >= 0 && position < m_scores->length())
        select(position, event->modifiers());
}

void HeatmapView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (!m_scores || !m_current || event->button() != Qt::LeftButton)
        return;
    if (const auto cell = geometry().cellAt(event->position()); cell && cell->first < m_scores->length())
        Q_EMIT mutationRequested(cell->first, QChar(esm::kStandardAminoAcids[std::size_t(cell->second)]));
}

std::unique_ptr<QMenu> HeatmapView::cellMenu(int position, int aminoAcid) {
    auto menu = std::make_unique<QMenu>(this);
    const QChar residue = QChar(esm::kStandardAminoAcids[std::size_t(aminoAcid)]);
    QAction* mutate =
        menu->addAction(tr("Mutate %1").arg(mutationName(position, aminoAcid)), this,
                        [this, position, residue] { Q_EMIT mutationRequested(position, residue); });
    mutate->setEnabled(m_current && esm::specialTokenOf(m_scores->residues[std::size_t(position)]).empty() &&
                       QChar(m_scores->residues[std::size_t(position)]) != residue);
    menu->addAction(tr("Select Residue %1").arg(positionName(position)), this,
                    [this, position] { select(position, {}); });
    menu->addAction(tr("Copy Values"), this, [this, position, aminoAcid] {
        QGuiApplication::clipboard()->setText(describeCell(position, aminoAcid));
    });
    return menu;
}

void HeatmapView::contextMenuEvent(QContextMenuEvent* event) {
    if (!m_scores)
        return;
    if (const auto cell = geometry().cellAt(event->pos()); cell && cell->first < m_scores->length())
        cellMenu(cell->first, cell->second)->exec(event->globalPos());
}

void HeatmapView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ControlModifier)
        setCellWidth(m_cellWidth * std::pow(1.2, steps));
    else
        m_scroll->setValue(m_scroll->value() - int(steps * 5));
}

} // namespace esmui
