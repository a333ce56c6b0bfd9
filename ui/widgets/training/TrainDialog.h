// Tools > Train…: fine-tunes a model on the user's labelled sequences in the worker thread (the
// same esm::fineTune as `esmx train`): base model, data file with a preview of its columns and label
// counts, task, mode with the memory it will need, HuggingFace's default hyper-parameters, progress
// with time left, live loss and metric curves (exportable), cancel (the last checkpoint stays) and
// resume. A finished model joins the local models and is applied to the sequence being edited.
#pragma once

#include "core/pipeline/fine_tuning.h"

#include <QDialog>
#include <QTemporaryDir>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace esmui {

class JobRunner;
class TrainingCurves;

class TrainDialog : public QDialog {
    Q_OBJECT
  public:
    TrainDialog(JobRunner* jobs, const QString& baseModel, QWidget* parent = nullptr);

    // The settings the form describes; throws esm::Error for a field that is not valid.
    esm::TrainingSettings settings() const;
    void setBaseModel(const QString& folder);
    void setTrainingFile(const QString& path);
    void setOutputFolder(const QString& folder);
    // Fills the form for the shipped example (membrane_train.csv / membrane_eval.csv).
    void useExample();
    void setTask(esm::TrainingTask task);
    void setEpochs(double epochs);
    TrainingCurves* curves() const { return m_curves; }
    QString preview() const;
    bool isTraining() const { return m_job != 0; }

  public Q_SLOTS:
    void startTraining();
    void stopTraining();

  Q_SIGNALS:
    // A finished run's output folder and task.
    void trained(const QString& folder, esm::TrainingTask task);

  private:
    void updatePreview();
    void updateMemory();
    void finished(const esm::TrainingResult& result);
    void showProgress(const esm::TrainingProgress& progress);
    QString chooseFile(const QString& title, const QString& filter);

    JobRunner* m_jobs;
    QLineEdit *m_model, *m_train, *m_eval, *m_out, *m_resume, *m_lr;
    QComboBox *m_task, *m_mode;
    QDoubleSpinBox *m_epochs, *m_weightDecay, *m_warmup;
    QSpinBox *m_batch, *m_maxLength, *m_loraRank, *m_loraAlpha;
    QLabel *m_preview, *m_memory, *m_state;
    QCheckBox* m_checkpointing;
    QProgressBar* m_progress;
    QPushButton *m_start, *m_stop, *m_export;
    TrainingCurves* m_curves;
    std::unique_ptr<QTemporaryDir> m_examples; // where the shipped example files are written out
    int m_job = 0;
    int m_longest = 510; // residues of the longest training sequence
    esm::TrainingTask m_runningTask = esm::TrainingTask::SequenceClassification;
};

} // namespace esmui
