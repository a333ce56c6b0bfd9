#include "ui/widgets/taskmodel/TaskModelPanel.h"

#include "core/training/metrics.h"
#include "ui/services/document/Document.h"
#include "ui/services/jobs/TaskModelService.h"
#include "ui/widgets/plots/HeatmapView.h"
#include "ui/widgets/taskmodel/ResidueLabelTrack.h"

#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace esmui {
namespace {

void clearLayout(QGridLayout* layout) {
    while (QLayoutItem* item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

} // namespace

TaskModelPanel::TaskModelPanel(Document* document, TaskModelService* service, QWidget* parent)
    : QWidget(parent), m_document(document), m_service(service), m_title(new QLabel), m_status(new QLabel),
      m_summary(new QLabel), m_bars(new QWidget), m_barsLayout(new QGridLayout(m_bars)),
      m_track(new ResidueLabelTrack), m_colourRow(new QWidget), m_colouring(new QComboBox),
      m_landscape(new HeatmapView(document->selection())), m_remove(new QPushButton(tr("Remove"))) {
    setObjectName("taskModelPanel");
    m_summary->setObjectName("taskModelSummary");
    m_colouring->setObjectName("taskColouring");
    m_status->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* apply = new QPushButton(tr("Apply Model…"));
    apply->setToolTip(tr("Show what a trained model (an esmx train output or a PEFT adapter folder) predicts "
                         "for the sequence being edited"));
    m_remove->setToolTip(tr("Stop applying the task model"));
    m_colouring->setToolTip(
        tr("Colour the structure by the probability of one label: blue likely, red unlikely"));
    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(apply);
    header->addWidget(m_remove);
    auto* colourRow = new QHBoxLayout(m_colourRow);
    colourRow->setContentsMargins(0, 0, 0, 0);
    colourRow->addWidget(new QLabel(tr("Colour structure by")));
    colourRow->addWidget(m_colouring, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_status);
    layout->addWidget(m_summary);
    layout->addWidget(m_bars);
    layout->addWidget(m_track);
    layout->addWidget(m_colourRow);
    layout->addWidget(m_landscape, 1);
    layout->addStretch(0);
    m_landscape->setMinimumHeight(220);
    m_landscape->setObjectName("taskLandscape"); // "heatmapView" is the language model's
    m_landscape->setValue(HeatmapValue::PredictedChange);

    connect(apply, &QPushButton::clicked, this, &TaskModelPanel::applyRequested);
    connect(m_remove, &QPushButton::clicked, this, [this] { m_document->setTaskModel({}); });
    connect(m_colouring, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT colouringChanged(colouringLabel()); });
    connect(m_landscape, &HeatmapView::mutationRequested, m_document, &Document::mutate);
    connect(service, &TaskModelService::resultChanged, this, &TaskModelPanel::showResult);
    connect(service, &TaskModelService::statusChanged, m_status, &QLabel::setText);
    m_status->setText(service->status());
    showResult();
}

int TaskModelPanel::colouringLabel() const {
    return m_colouring->currentIndex() <= 0 ? -1 : m_colouring->currentIndex() - 1;
}

QString TaskModelPanel::summary() const {
    return m_summary->text();
}

void TaskModelPanel::showResult() {
    const auto result = m_service->result();
    const QString folder = m_document->taskModel();
    m_title->setText(folder.isEmpty() ? tr("No task model")
                                      : tr("<b>%1</b>").arg(QFileInfo(folder).fileName()));
    m_remove->setEnabled(!folder.isEmpty());
    clearLayout(m_barsLayout);
    const bool token = result && result->task == esm::TrainingTask::TokenClassification;
    const bool regression = result && result->task == esm::TrainingTask::SequenceRegression;
    m_track->setVisible(token);
    m_colourRow->setVisible(token);
    m_landscape->setVisible(regression);
    m_summary->clear();
    if (!result) {
        m_track->clear();
        return;
    }
    const auto& labels = result->labels;
    if (token) {
        const QSignalBlocker block(m_colouring);
        const int kept = m_colouring->currentIndex();
        m_colouring->clear();
        m_colouring->addItem(tr("(not by this model)"));
        for (const std::string& label : labels)
            m_colouring->addItem(tr("probability of %1").arg(QString::fromStdString(label)));
        m_colouring->setCurrentIndex(std::clamp(kept, 0, m_colouring->count() - 1));
        m_track->setPrediction(m_document->residues(), labels, result->prediction.rows,
                               m_document->positionLabels());
        m_summary->setText(
            tr("Per-residue labels (%1)").arg(QString::fromStdString(esm::trainingTaskName(result->task))));
    } else if (regression) {
        m_summary->setText(tr("Predicted value: %1").arg(result->prediction.rows.front().front(), 0, 'g', 5));
        m_landscape->setPositionLabels(m_document->positionLabels());
        m_landscape->setScores(result->landscape, m_service->isCurrent());
    } else {
        const auto& row = result->prediction.rows.front();
        const auto best = std::size_t(esm::argmax(row));
        m_summary->setText(result->task == esm::TrainingTask::MultiLabel
                               ? tr("Labels above 0.5 are predicted")
                               : tr("Predicted: <b>%1</b> (p = %2)")
                                     .arg(QString::fromStdString(labels[best]))
                                     .arg(row[best], 0, 'f', 3));
        for (std::size_t k = 0; k < labels.size() && k < row.size(); ++k) {
            auto* bar = new QProgressBar;
            bar->setRange(0, 1000);
            bar->setValue(int(row[k] * 1000));
            bar->setFormat(QString::number(row[k], 'f', 3));
            m_barsLayout->addWidget(new QLabel(QString::fromStdString(labels[k])), int(k), 0);
            m_barsLayout->addWidget(bar, int(k), 1);
        }
    }
    Q_EMIT colouringChanged(colouringLabel());
}

} // namespace esmui
