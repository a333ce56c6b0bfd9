#include "ui/widgets/training/TrainDialog.h"

#include "core/base/byte_size.h"
#include "core/base/error.h"
#include "core/pipeline/model_folder.h"
#include "core/training/training_table.h"
#include "ui/services/jobs/JobRunner.h"
#include "ui/widgets/training/TrainingCurves.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace esmui {
namespace {

constexpr esm::TrainingTask kTasks[] = {esm::TrainingTask::SequenceClassification,
                                        esm::TrainingTask::SequenceRegression, esm::TrainingTask::MultiLabel,
                                        esm::TrainingTask::TokenClassification, esm::TrainingTask::MaskedLM};

QWidget* withButton(QLineEdit* edit, QPushButton* button) {
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(button);
    return row;
}

QString defaultOutputFolder(const QString& base, esm::TrainingTask task) {
    const QString root = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/trained";
    return root + "/" + QFileInfo(base).fileName() + "-" +
           QString::fromStdString(esm::trainingTaskName(task)) + "-" +
           QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
}

} // namespace

TrainDialog::TrainDialog(JobRunner* jobs, const QString& baseModel, QWidget* parent)
    : QDialog(parent), m_jobs(jobs), m_model(new QLineEdit(baseModel)), m_train(new QLineEdit),
      m_eval(new QLineEdit), m_out(new QLineEdit), m_resume(new QLineEdit), m_lr(new QLineEdit("2e-5")),
      m_task(new QComboBox), m_mode(new QComboBox), m_epochs(new QDoubleSpinBox),
      m_weightDecay(new QDoubleSpinBox), m_warmup(new QDoubleSpinBox), m_batch(new QSpinBox),
      m_maxLength(new QSpinBox), m_loraRank(new QSpinBox), m_loraAlpha(new QSpinBox), m_preview(new QLabel),
      m_memory(new QLabel), m_state(new QLabel),
      m_checkpointing(new QCheckBox(tr("Gradient checkpointing (less memory, a third more time)"))),
      m_progress(new QProgressBar), m_start(new QPushButton(tr("Train"))),
      m_stop(new QPushButton(tr("Stop"))), m_export(new QPushButton(tr("Export Curves…"))),
      m_curves(new TrainingCurves) {
    setObjectName("trainDialog");
    setWindowTitle(tr("Train a Model"));
    m_train->setObjectName("trainFile");
    m_out->setObjectName("trainOutput");
    m_preview->setObjectName("trainPreview");
    m_state->setObjectName("trainState");
    m_start->setObjectName("trainStart");
    m_stop->setObjectName("trainStop");
    m_preview->setWordWrap(true);
    m_preview->setMinimumHeight(m_preview->fontMetrics().lineSpacing() * 3); // a wrapped preview stays whole
    m_preview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_state->setWordWrap(true);
    for (esm::TrainingTask task : kTasks)
        m_task->addItem(QString::fromStdString(esm::trainingTaskName(task)), int(task));
    m_mode->addItem(tr("full (every weight)"), "full");
    m_mode->addItem(tr("head (encoder frozen)"), "head");
    m_mode->addItem(tr("LoRA adapters"), "lora");
    m_epochs->setRange(0.1, 1000);
    m_epochs->setValue(3);
    m_weightDecay->setRange(0, 1);
    m_weightDecay->setDecimals(4);
    m_weightDecay->setValue(0.01);
    m_warmup->setRange(0, 1);
    m_warmup->setDecimals(3);
    m_batch->setRange(1, 4096);
    m_batch->setValue(8);
    m_maxLength->setRange(3, 100000);
    m_maxLength->setValue(1024);
    m_loraRank->setRange(1, 4096);
    m_loraRank->setValue(8);
    m_loraAlpha->setRange(1, 100000);
    m_loraAlpha->setValue(16);

    auto browse = [this](QLineEdit* edit, bool folder, const QString& filter) {
        auto* button = new QPushButton(tr("Browse…"));
        connect(button, &QPushButton::clicked, this, [this, edit, folder, filter] {
            const QString chosen =
                folder ? QFileDialog::getExistingDirectory(this, tr("Choose a Folder"), edit->text())
                       : chooseFile(tr("Choose a File"), filter);
            if (!chosen.isEmpty())
                edit->setText(chosen);
        });
        return withButton(edit, button);
    };
    const QString tables = tr("Training data (*.csv *.tsv *.fasta *.fa);;All files (*)");
    auto* example = new QPushButton(tr("Use Example"));
    connect(example, &QPushButton::clicked, this, &TrainDialog::useExample);
    auto* form = new QFormLayout;
    form->addRow(tr("Base model"), browse(m_model, true, {}));
    auto* trainRow = browse(m_train, false, tables);
    trainRow->layout()->addWidget(example);
    form->addRow(tr("Training data"), trainRow);
    form->addRow(QString(), m_preview);
    form->addRow(tr("Evaluation data"), browse(m_eval, false, tables));
    form->addRow(tr("Task"), m_task);
    form->addRow(tr("Mode"), m_mode);
    form->addRow(QString(), m_memory);
    form->addRow(QString(), m_checkpointing);
    form->addRow(tr("Epochs"), m_epochs);
    form->addRow(tr("Batch size"), m_batch);
    form->addRow(tr("Learning rate"), m_lr);
    form->addRow(tr("Weight decay"), m_weightDecay);
    form->addRow(tr("Warm-up ratio"), m_warmup);
    form->addRow(tr("Max length (tokens)"), m_maxLength);
    form->addRow(tr("LoRA rank / alpha"), [&] {
        auto* row = new QWidget;
        auto* l = new QHBoxLayout(row);
        l->setContentsMargins(0, 0, 0, 0);
        l->addWidget(m_loraRank);
        l->addWidget(m_loraAlpha);
        return row;
    }());
    form->addRow(tr("Output folder"), browse(m_out, true, {}));
    form->addRow(tr("Resume from checkpoint"), browse(m_resume, true, {}));

    auto* buttons = new QHBoxLayout;
    auto* close = new QPushButton(tr("Close"));
    buttons->addWidget(m_export);
    buttons->addStretch(1);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_start);
    buttons->addWidget(close);
    auto* right = new QVBoxLayout;
    right->addWidget(m_curves, 1);
    right->addWidget(m_progress);
    right->addWidget(m_state);
    auto* columns = new QHBoxLayout;
    columns->addLayout(form, 0);
    columns->addLayout(right, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addLayout(buttons);
    m_stop->setEnabled(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);

    connect(m_start, &QPushButton::clicked, this, &TrainDialog::startTraining);
    connect(m_stop, &QPushButton::clicked, this, &TrainDialog::stopTraining);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Curves"), "training-curves.svg",
                                                          tr("Figures (*.svg *.pdf *.png);;Numbers (*.csv)"));
        if (path.isEmpty())
            return;
        try {
            m_curves->exportTo(path);
        } catch (const std::exception& e) {
            m_state->setText(QString::fromUtf8(e.what()));
        }
    });
    connect(m_train, &QLineEdit::textChanged, this, &TrainDialog::updatePreview);
    connect(m_task, &QComboBox::currentIndexChanged, this, &TrainDialog::updatePreview);
    connect(m_model, &QLineEdit::textChanged, this, &TrainDialog::updateMemory);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &TrainDialog::updateMemory);
    connect(m_batch, &QSpinBox::valueChanged, this, &TrainDialog::updateMemory);
    connect(m_checkpointing, &QCheckBox::toggled, this, &TrainDialog::updateMemory);
    connect(m_maxLength, &QSpinBox::valueChanged, this, &TrainDialog::updateMemory);
    connect(m_jobs, &JobRunner::failed, this, [this](int job, const QString& message) {
        if (job != m_job)
            return;
        m_job = 0;
        m_state->setText(tr("Training failed: %1").arg(message));
        m_start->setEnabled(true);
        m_stop->setEnabled(false);
    });
    connect(m_jobs, &JobRunner::cancelled, this, [this](int job) {
        if (job != m_job)
            return;
        m_job = 0;
        m_state->setText(tr("Stopped before the first step"));
        m_start->setEnabled(true);
        m_stop->setEnabled(false);
    });
    updatePreview();
    updateMemory();
    resize(1100, 680);
}

QString TrainDialog::chooseFile(const QString& title, const QString& filter) {
    return QFileDialog::getOpenFileName(this, title, QString(), filter);
}

void TrainDialog::setBaseModel(const QString& folder) {
    m_model->setText(folder);
}
void TrainDialog::setTrainingFile(const QString& path) {
    m_train->setText(path);
}
void TrainDialog::setOutputFolder(const QString& folder) {
    m_out->setText(folder);
}
void TrainDialog::setEpochs(double epochs) {
    m_epochs->setValue(epochs);
}
void TrainDialog::setTask(esm::TrainingTask task) {
    m_task->setCurrentIndex(m_task->findData(int(task)));
}
QString TrainDialog::preview() const {
    return m_preview->text();
}

void TrainDialog::useExample() {
    if (!m_examples)
        m_examples = std::make_unique<QTemporaryDir>();
    for (const char* name : {"membrane_train.csv", "membrane_eval.csv"})
        QFile::copy(QString(":/examples/") + name, m_examples->filePath(name));
    m_train->setText(m_examples->filePath("membrane_train.csv"));
    m_eval->setText(m_examples->filePath("membrane_eval.csv"));
    setTask(esm::TrainingTask::SequenceClassification);
    m_lr->setText("1e-3"); // the example learns in a minute on the smallest ESM-2
    m_epochs->setValue(3);
}

void TrainDialog::updatePreview() {
    const QString path = m_train->text();
    if (path.isEmpty()) {
        m_preview->setText(tr("CSV or TSV with 'sequence' and 'label' columns (masked-lm: FASTA)"));
        return;
    }
    const auto task = esm::TrainingTask(m_task->currentData().toInt());
    try {
        if (task == esm::TrainingTask::MaskedLM) {
            const auto table = esm::readTrainingFasta(path.toStdString());
            m_preview->setText(tr("%1 sequences").arg(table.rows.size()));
            return;
        }
        const auto table = esm::readTrainingTable(path.toStdString(), true);
        m_longest = 0;
        for (const auto& row : table.rows)
            m_longest = std::max(m_longest, int(row.sequence.size()));
        updateMemory();
        std::map<std::string, int> counts;
        for (const auto& row : table.rows)
            for (const std::string& label : task == esm::TrainingTask::TokenClassification
                                                ? esm::residueLabelsOf(row.label)
                                                : std::vector<std::string>{row.label})
                ++counts[label];
        QStringList columns, labels;
        for (const auto& c : table.columns)
            columns << QString::fromStdString(c);
        for (const auto& [label, count] : counts)
            labels << QString("%1 %2").arg(QString::fromStdString(label)).arg(count);
        QString text = tr("%1 rows · columns: %2").arg(table.rows.size()).arg(columns.join(", "));
        if (task != esm::TrainingTask::SequenceRegression)
            text += tr(" · labels: %1")
                        .arg(counts.size() > 12 ? tr("%1 distinct").arg(counts.size()) : labels.join(", "));
        m_preview->setText(text);
    } catch (const std::exception& e) {
        m_preview->setText(
            QString("<span style='color:#b00'>%1</span>").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
    }
}

void TrainDialog::updateMemory() {
    try {
        const auto info = esm::inspectModelFolder(m_model->text().toStdString());
        const esm::EsmConfig& c = info.config;
        const double parameters = double(info.parameters);
        // Weights, and for what trains their gradient and AdamW's two moments (float32 each).
        const QString mode = m_mode->currentData().toString();
        const double weights = mode == "full" ? 16 * parameters : 4 * parameters * 1.05;
        // What backward keeps of a layer: some ten hidden-sized and three intermediate-sized
        // activations per token, and the attention scores and probabilities; with checkpointing
        // one layer's, and every layer's input.
        const double tokens = double(m_batch->value()) * std::min(m_maxLength->value(), m_longest + 2);
        const double length = std::min(m_maxLength->value(), m_longest + 2);
        const double layer = 4 * (tokens * (10.0 * c.hidden_size + 3.0 * c.intermediate_size) +
                                  2.0 * m_batch->value() * c.num_attention_heads * length * length);
        const double activations = mode == "head" ? 0.0
                                   : m_checkpointing->isChecked()
                                       ? layer + 4 * tokens * c.hidden_size * c.num_hidden_layers
                                       : layer * c.num_hidden_layers;
        m_memory->setText(tr("about %1 (weights and optimizer %2, activations %3)")
                              .arg(QString::fromStdString(esm::byteSizeText(weights + activations)))
                              .arg(QString::fromStdString(esm::byteSizeText(weights)))
                              .arg(QString::fromStdString(esm::byteSizeText(activations))));
    } catch (const std::exception&) {
        m_memory->setText(tr("choose a base model (an ESM-2 folder)"));
    }
}

esm::TrainingSettings TrainDialog::settings() const {
    esm::TrainingSettings s;
    s.model = m_model->text().toStdString();
    s.task = esm::TrainingTask(m_task->currentData().toInt());
    s.train = m_train->text().toStdString();
    s.eval = m_eval->text().toStdString();
    s.out = m_out->text().isEmpty() ? defaultOutputFolder(m_model->text(), s.task).toStdString()
                                    : m_out->text().toStdString();
    s.resume = m_resume->text().toStdString();
    s.mode = esm::parseTrainingMode(m_mode->currentData().toString().toStdString());
    s.epochs = m_epochs->value();
    s.batchSize = m_batch->value();
    bool ok = false;
    s.learningRate = m_lr->text().toDouble(&ok);
    if (!ok || !(s.learningRate > 0))
        throw esm::Error("the learning rate must be a positive number, e.g. 2e-5");
    s.weightDecay = m_weightDecay->value();
    s.warmupRatio = m_warmup->value();
    s.maxLength = m_maxLength->value();
    s.loraRank = m_loraRank->value();
    s.loraAlpha = m_loraAlpha->value();
    s.gradientCheckpointing = m_checkpointing->isChecked();
    s.loggingSteps = 1;
    s.dtype = "auto";
    if (s.model.empty() || s.train.empty())
        throw esm::Error("choose a base model and the training data");
    return s;
}

void TrainDialog::startTraining() {
    esm::TrainingSettings s;
    try {
        s = settings();
        std::filesystem::create_directories(s.out.parent_path());
    } catch (const std::exception& e) {
        m_state->setText(QString::fromUtf8(e.what()));
        return;
    }
    m_out->setText(QString::fromStdString(s.out.string()));
    m_runningTask = s.task;
    m_curves->clear(0);
    m_state->setText(tr("Starting…"));
    m_start->setEnabled(false);
    m_stop->setEnabled(true);
    QPointer<TrainDialog> self(this);
    m_job = m_jobs->submit(tr("Training"), [self, s](const esm::Progress& progress, auto&) {
        esm::TrainingCallbacks callbacks;
        // Callbacks run on the worker thread; the dialog hears of them on its own.
        callbacks.onLog = [self](const esm::TrainingLogEntry& entry) {
            QMetaObject::invokeMethod(qApp, [self, entry] {
                if (self)
                    self->m_curves->add(entry);
            });
        };
        callbacks.onStep = [self](const esm::TrainingProgress& p) {
            QMetaObject::invokeMethod(qApp, [self, p] {
                if (self)
                    self->showProgress(p);
            });
        };
        callbacks.onNote = [self](const std::string& note) {
            QMetaObject::invokeMethod(qApp, [self, note] {
                if (self)
                    self->m_state->setText(QString::fromStdString(note));
            });
        };
        const esm::TrainingResult result = esm::fineTune(s, callbacks, progress);
        return std::function<void()>([self, result] {
            if (self)
                self->finished(result);
        });
    });
}

void TrainDialog::stopTraining() {
    if (m_job)
        m_jobs->cancel(m_job);
    m_state->setText(tr("Stopping after this step…"));
}

void TrainDialog::showProgress(const esm::TrainingProgress& p) {
    m_progress->setRange(0, int(p.totalSteps));
    m_progress->setValue(int(p.step));
    m_state->setText(tr("Step %1 of %2 · epoch %3 · loss %4 · lr %5 · %6 sequences/s · %7 s left")
                         .arg(p.step)
                         .arg(p.totalSteps)
                         .arg(p.epoch, 0, 'f', 2)
                         .arg(p.loss, 0, 'f', 4)
                         .arg(p.learningRate, 0, 'g', 3)
                         .arg(p.sequencesPerSecond, 0, 'f', 1)
                         .arg(p.secondsLeft, 0, 'f', 0));
}

void TrainDialog::finished(const esm::TrainingResult& result) {
    m_job = 0;
    m_start->setEnabled(true);
    m_stop->setEnabled(false);
    const QString folder = QString::fromStdString(result.out.string());
    if (result.cancelled) {
        m_state->setText(tr("Stopped at step %1: resume from the last checkpoint in %2")
                             .arg(result.globalStep)
                             .arg(folder));
        return;
    }
    QString text = tr("Done: %1 steps, training loss %2. The model is in %3")
                       .arg(result.globalStep)
                       .arg(result.trainLoss, 0, 'f', 4)
                       .arg(folder);
    if (result.bestMetric)
        text += tr(" (best %1 %2)")
                    .arg(QString::fromStdString(result.bestMetricName))
                    .arg(*result.bestMetric, 0, 'f', 4);
    m_state->setText(text);
    Q_EMIT trained(folder, m_runningTask);
}

} // namespace esmui
