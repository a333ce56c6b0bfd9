// The interactive heatmap: hover shows the exact values of a cell; a click on a cell or on the
// entropy track selects the position (shift extends, ctrl toggles); a substitution is applied to the
// sequence (an undoable edit) only on an explicit action: a double-click on its cell, or "Mutate" in
// the cell's context menu. The wheel scrolls along the sequence and ctrl+wheel zooms.
#pragma once

#include "ui/services/figures/HeatmapPainter.h"

#include <QWidget>

#include <memory>
#include <set>

class QMenu;
class QScrollBar;

namespace esmui {

class ResidueSelection;

class HeatmapView : public QWidget {
    Q_OBJECT
  public:
    explicit HeatmapView(ResidueSelection* selection, QWidget* parent = nullptr);

    // `current` false draws the scores dimmed, as out of date.
    void setScores(std::shared_ptr<const esm::SequenceScores> scores, bool current);
    void setValue(HeatmapValue value);
    HeatmapValue value() const { return m_value; }
    void setMessage(const QString& message);
    // Positions the sequence changed since the structure on show was made (marked above the columns).
    void setChangedPositions(std::set<int> positions);
    const std::set<int>& changedPositions() const { return m_changed; }
    // How positions are named on the axis and in tooltips (Document::positionLabels).
    void setPositionLabels(std::vector<QString> labels);
    const esm::SequenceScores* scores() const { return m_scores.get(); }

    // Residue columns per screen, and the first shown.
    void setCellWidth(double pixels);
    double cellWidth() const { return m_cellWidth; }
    int firstPosition() const;
    // Where a cell is drawn, for tests: the centre of (position, amino-acid index) in widget pixels.
    QPointF cellCentre(int position, int aminoAcid) const;
    QPointF entropyCentre(int position) const;
    // The tooltip text for a cell.
    QString describeCell(int position, int aminoAcid) const;
    // The context menu of a cell (Mutate, Select Residue, Copy Values), owned by the caller.
    std::unique_ptr<QMenu> cellMenu(int position, int aminoAcid);

    // Rows tall enough to read their labels: below that the panel scrolls instead of squashing.
    QSize minimumSizeHint() const override;

  Q_SIGNALS:
    void mutationRequested(int position, QChar residue);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void leaveEvent(QEvent* event) override;

  private:
    HeatmapGeometry geometry() const;
    QRectF plotArea() const;
    void updateScrollBar();
    void select(int position, Qt::KeyboardModifiers modifiers);
    // How the window names a position and a mutation there: as the structure numbers it (B:I64F).
    QString positionName(int position) const;
    QString wildType(int position) const; // a residue letter, or a special token's name
    QString mutationName(int position, int aminoAcid) const;

    ResidueSelection* m_selection;
    std::shared_ptr<const esm::SequenceScores> m_scores;
    bool m_current = false;
    std::set<int> m_changed;
    std::vector<QString> m_labels;
    HeatmapValue m_value = HeatmapValue::LogLikelihoodRatio;
    QString m_message;
    double m_cellWidth = 14;
    int m_hovered = -1;
    QScrollBar* m_scroll;
};

} // namespace esmui
