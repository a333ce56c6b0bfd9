#include "ui/services/jobs/TaskModelService.h"

#include "core/structure/sequence.h"
#include "ui/services/document/Document.h"
#include "ui/services/jobs/JobRunner.h"
#include "ui/services/jobs/ModelCache.h"
#include "ui/services/settings/Settings.h"

namespace esmui {

std::shared_ptr<const esm::SequenceScores> regressionLandscape(const esm::TaskPredictor& model,
                                                               const std::string& residues,
                                                               const esm::Progress& progress) {
    std::vector<std::string> variants{residues};
    for (std::size_t p = 0; p < residues.size(); ++p)
        for (char aa : esm::kStandardAminoAcids)
            if (aa != residues[p]) { // the wild type's own cell is the wild type's value
                std::string mutant = residues;
                mutant[p] = aa;
                variants.push_back(std::move(mutant));
            }
    const auto predictions = model.predict(variants, 16, progress);
    auto scores = std::make_shared<esm::SequenceScores>();
    scores->residues = residues;
    const float wildType = predictions.front().rows.front().front();
    std::size_t next = 1;
    for (std::size_t p = 0; p < residues.size(); ++p)
        for (char aa : esm::kStandardAminoAcids)
            scores->logProbs.push_back(aa == residues[p] ? wildType
                                                         : predictions[next++].rows.front().front());
    scores->wildTypeLogProb.assign(residues.size(), wildType);
    scores->entropy.assign(residues.size(), 0.0f);
    return scores;
}

TaskModelService::TaskModelService(Document* document, JobRunner* runner, QObject* parent)
    : QObject(parent), m_document(document), m_runner(runner) {
    m_delay.setSingleShot(true);
    m_delay.setInterval(400);
    connect(&m_delay, &QTimer::timeout, this, &TaskModelService::start);
    connect(document, &Document::changed, this, [this](Document::Changes changes) {
        if (changes & (Document::SequenceChanged | Document::ModelsChanged))
            onDocumentChanged();
    });
    auto finishedWith = [this](int job, const QString& status) {
        if (job != m_job)
            return;
        m_job = 0;
        setStatus(status);
    };
    connect(runner, &JobRunner::failed, this, finishedWith);
    connect(runner, &JobRunner::cancelled, this,
            [finishedWith](int job) { finishedWith(job, tr("Cancelled")); });
    onDocumentChanged();
}

void TaskModelService::setStatus(const QString& status) {
    m_status = status;
    Q_EMIT statusChanged(status);
}

void TaskModelService::onDocumentChanged() {
    m_delay.stop();
    const QString folder = m_document->taskModel();
    if (m_job)
        m_runner->cancel(m_job);
    m_job = 0;
    m_current = m_result && m_result->folder == folder && m_result->sequence == m_document->sequence();
    if (folder.isEmpty()) {
        m_result.reset();
        Q_EMIT resultChanged();
        return setStatus(tr("Apply a trained model (Tools → Apply Task Model…) to see its predictions"));
    }
    Q_EMIT resultChanged();
    if (m_current)
        return setStatus({});
    if (m_document->sequence().isEmpty())
        return setStatus({});
    if (!m_document->isSequenceValid() || m_document->sequence().contains(':'))
        return setStatus(tr("The task model takes one chain of standard residues"));
    setStatus(tr("Computing…"));
    m_delay.start();
}

void TaskModelService::start() {
    const QString folder = m_document->taskModel(), sequence = m_document->sequence();
    const std::string residues = esm::Sequence::parse(sequence.toStdString()).text();
    const esm::RuntimeOptions runtime = Settings::runtimeOptions();
    m_job = m_runner->submit(tr("Task model"), [this, folder, sequence, residues,
                                                runtime](const esm::Progress& progress, ModelCache& models) {
        const esm::TaskPredictor& model = models.taskModel(folder, runtime);
        auto result = std::make_shared<TaskModelResult>();
        result->folder = folder;
        result->sequence = sequence;
        result->task = model.task();
        result->labels = model.labels();
        if (result->task == esm::TrainingTask::SequenceRegression) {
            // The landscape predicts the sequence itself first.
            result->landscape = regressionLandscape(model, residues, progress);
            result->prediction.rows = {{result->landscape->wildTypeLogProb.front()}};
        } else {
            result->prediction = model.predict({residues}, 1, progress).front();
        }
        return std::function<void()>([this, result] {
            m_job = 0;
            if (result->folder != m_document->taskModel() || result->sequence != m_document->sequence())
                return;
            m_result = result;
            m_current = true;
            setStatus({});
            Q_EMIT resultChanged();
        });
    });
}

} // namespace esmui
