// The heatmap dock: which marginals (wild-type or masked) and which values (LLR or probability),
// the heatmap itself, fed by the score service, and what its clicks do to the document. "Mask
// Selected" hides the selected residues from the model to show its distribution at exactly those.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace esmui {

class Document;
class HeatmapView;
class ScoreService;

class HeatmapPanel : public QWidget {
    Q_OBJECT
  public:
    HeatmapPanel(Document* document, ScoreService* scores, QWidget* parent = nullptr);
    HeatmapView* view() const { return m_view; }

    // Writes the heatmap as a figure (.svg, .pdf, .png) or the scores as CSV; throws esm::Error.
    void exportFigure(const QString& path) const;
    void exportCsv(const QString& path) const;

  Q_SIGNALS:
    // The one-click offer when no language model is chosen yet.
    void getModelRequested();

  private:
    void refresh();
    void refreshMasking();

    Document* m_document;
    ScoreService* m_scores;
    QComboBox* m_mode;
    QComboBox* m_value;
    HeatmapView* m_view;
    QPushButton* m_getModel;
    QPushButton* m_mask;
    QPushButton* m_unmask;
    QLabel* m_maskedLabel;
};

} // namespace esmui
