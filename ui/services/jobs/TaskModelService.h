// Keeps a trained task model's predictions for the document's sequence up to date, as ScoreService
// does the language model's scores: after an edit it waits a moment, cancels a stale job and runs
// the model in the worker. A regression model also predicts every single substitution, so that its
// whole landscape shows as a heatmap ("predicted value − wild type").
#pragma once

#include "core/pipeline/task_predictor.h"
#include "core/pipeline/variant_scores.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace esmui {

class Document;
class JobRunner;

struct TaskModelResult {
    QString folder, sequence;
    esm::TrainingTask task = esm::TrainingTask::SequenceClassification;
    std::vector<std::string> labels;
    esm::Prediction prediction; // sequence tasks: one row; token classification: one row per residue
    // Regression: every substitution's predicted value as an esm::SequenceScores whose llr() is
    // "predicted value − wild type" (logProbs hold the mutants' values, wildTypeLogProb the wild type's).
    std::shared_ptr<const esm::SequenceScores> landscape;
};

class TaskModelService : public QObject {
    Q_OBJECT
  public:
    TaskModelService(Document* document, JobRunner* runner, QObject* parent = nullptr);

    // The prediction on show (of the document's sequence when isCurrent()), or null.
    std::shared_ptr<const TaskModelResult> result() const { return m_result; }
    bool isCurrent() const { return m_current; }
    const QString& status() const { return m_status; }
    bool isBusy() const { return m_delay.isActive() || m_job != 0; }
    void setDelay(int milliseconds) { m_delay.setInterval(milliseconds); }

  Q_SIGNALS:
    void resultChanged();
    void statusChanged(const QString& status);

  private:
    void onDocumentChanged();
    void start();
    void setStatus(const QString& status);

    Document* m_document;
    JobRunner* m_runner;
    QTimer m_delay;
    int m_job = 0;
    std::shared_ptr<const TaskModelResult> m_result;
    bool m_current = false;
    QString m_status;
};

// Every single substitution of `residues` by a standard amino acid, in (position, amino acid)
// order of esm::kStandardAminoAcids, and the regression model's values of them as a landscape.
std::shared_ptr<const esm::SequenceScores> regressionLandscape(const esm::TaskPredictor& model,
                                                               const std::string& residues,
                                                               const esm::Progress& progress);

} // namespace esmui
