// What a trained task model says of the sequence being edited, updated after every edit: a
// sequence classifier's label and probabilities, a regression model's value and its landscape over
// every single substitution (a heatmap: predicted value − wild type, double-click mutates), a token
// classifier's per-residue track, and which label's probability colours the structure.
#pragma once

#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;
class QPushButton;

namespace esmui {

class Document;
class HeatmapView;
class ResidueLabelTrack;
class TaskModelService;

class TaskModelPanel : public QWidget {
    Q_OBJECT
  public:
    TaskModelPanel(Document* document, TaskModelService* service, QWidget* parent = nullptr);

    ResidueLabelTrack* track() const { return m_track; }
    HeatmapView* landscape() const { return m_landscape; }
    // The predicted label with its probability, or the regression value.
    QString summary() const;
    // The label whose probability colours the structure, or -1.
    int colouringLabel() const;

  Q_SIGNALS:
    void applyRequested();
    void colouringChanged(int label);

  private:
    void showResult();

    Document* m_document;
    TaskModelService* m_service;
    QLabel *m_title, *m_status, *m_summary;
    QWidget* m_bars;
    QGridLayout* m_barsLayout;
    ResidueLabelTrack* m_track;
    QWidget* m_colourRow;
    QComboBox* m_colouring;
    HeatmapView* m_landscape;
    QPushButton* m_remove;
};

} // namespace esmui
