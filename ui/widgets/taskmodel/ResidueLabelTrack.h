// A token classifier's prediction as a track of residues: each residue a cell in its predicted
// label's colour, with the residue letter; the tooltip names position, label and probability.
#pragma once

#include <QColor>
#include <QWidget>

#include <string>
#include <vector>

namespace esmui {

// Distinguishable colours for labels 0, 1, 2, … (Okabe-Ito, then hues).
QColor labelColour(int label);

class ResidueLabelTrack : public QWidget {
    Q_OBJECT
  public:
    explicit ResidueLabelTrack(QWidget* parent = nullptr);

    // `probabilities`: one row per residue over `labels`.
    void setPrediction(const QString& residues, std::vector<std::string> labels,
                       std::vector<std::vector<float>> probabilities, std::vector<QString> positionLabels);
    void clear();
    // The predicted label's index at a position, or -1.
    int labelAt(int position) const;
    int length() const { return int(m_rows.size()); }
    QString describe(int position) const;
    QSize sizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

  private:
    int positionAt(const QPoint& point) const;
    double cellWidth() const;

    QString m_residues;
    std::vector<std::string> m_labels;
    std::vector<std::vector<float>> m_rows;
    std::vector<QString> m_positionLabels;
};

} // namespace esmui
