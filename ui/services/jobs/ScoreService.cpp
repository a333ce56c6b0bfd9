#include "ui/services/jobs/ScoreService.h"

#include "core/pipeline/language_model.h"
#include "core/structure/sequence.h"
#include "ui/services/document/Document.h"
#include "ui/services/jobs/JobRunner.h"
#include "ui/services/jobs/ModelCache.h"
#include "ui/services/settings/Settings.h"

namespace esmui {
namespace {

constexpr std::size_t kCachedScores = 64;

} // namespace

ScoreService::ScoreService(Document* document, JobRunner* runner, QObject* parent)
    : QObject(parent), m_document(document), m_runner(runner) {
    m_delay.setSingleShot(true);
    m_delay.setInterval(400);
    connect(&m_delay, &QTimer::timeout, this, &ScoreService::start);
    connect(document, &Document::changed, this, [this](Document::Changes changes) {
        if (changes & Document::ModelsChanged)
            onDocumentChanged();
        if (!(changes & Document::SequenceChanged))
            return;
        if (!m_masked.empty()) { // the positions named residues of the sequence before the edit
            m_masked.clear();
            Q_EMIT maskedChanged();
        }
        onDocumentChanged();
    });
    connect(runner, &JobRunner::failed, this, [this](int job, const QString& message) {
        if (job == m_job) {
            m_job = 0;
            setStatus(message);
        }
    });
    connect(runner, &JobRunner::cancelled, this, [this](int job) {
        if (job == m_job) {
            m_job = 0;
            setStatus(tr("Cancelled"));
        }
    });
    onDocumentChanged();
}

QString ScoreService::key(const QString& sequence) const {
    QString masked;
    for (int p : m_masked)
        masked += QString::number(p) + ',';
    return modelFolder() + '|' + QString::fromStdString(esm::scoreModeName(m_mode)) + '|' + masked + '|' +
           sequence;
}

void ScoreService::setMasked(std::set<int> positions) {
    if (positions == m_masked)
        return;
    m_masked = std::move(positions);
    Q_EMIT maskedChanged();
    onDocumentChanged();
}

const QString& ScoreService::modelFolder() const {
    return m_document->languageModel();
}

void ScoreService::setMode(esm::ScoreMode mode) {
    if (mode == m_mode)
        return;
    m_mode = mode;
    onDocumentChanged();
}

void ScoreService::setStatus(const QString& status) {
    m_status = status;
    Q_EMIT statusChanged(status);
}

void ScoreService::onDocumentChanged() {
    m_delay.stop();
    const QString sequence = m_document->sequence();
    for (auto it = m_cache.begin(); it != m_cache.end(); ++it)
        if (it->first == key(sequence)) {
            m_cache.splice(m_cache.begin(), m_cache, it);
            if (m_job)
                m_runner->cancel(m_job);
            m_job = 0;
            m_shown = it->second;
            m_current = true;
            setStatus({});
            Q_EMIT scoresChanged();
            return;
        }
    m_current = false;
    Q_EMIT scoresChanged();
    if (modelFolder().isEmpty())
        return setStatus(tr("Choose a language model (File → Open Model Folder…) to see its scores"));
    if (sequence.isEmpty())
        return setStatus({});
    if (!m_document->isSequenceValid())
        return setStatus(tr("Fix the sequence to see the model's scores"));
    setStatus(tr("Computing…"));
    m_delay.start();
}

void ScoreService::start() {
    const QString sequence = m_document->sequence();
    const QString jobKey = key(sequence);
    if (m_job && jobKey == m_jobKey)
        return;
    if (m_job)
        m_runner->cancel(m_job); // stale: the sequence changed since
    const std::string clean = esm::Sequence::parse(sequence.toStdString()).text();
    const QString folder = modelFolder();
    esm::ScoreOptions options;
    options.mode = m_mode;
    options.masked = m_masked;
    const esm::RuntimeOptions runtime = Settings::runtimeOptions();
    m_jobKey = jobKey;
    const QString description = !m_masked.empty()                          ? tr("Masked positions")
                                : m_mode == esm::ScoreMode::MaskedMarginal ? tr("Masked marginals")
                                                                           : tr("Wild-type marginals");
    m_job = m_runner->submit(description, [this, folder, clean, options, runtime,
                                           jobKey](const esm::Progress& progress, ModelCache& models) {
        const esm::LanguageModel& model = models.languageModel(folder, runtime, progress);
        auto result = std::make_shared<LanguageModelResult>();
        result->scores = esm::scoreSequence(model, clean, options, progress);
        if (clean.find(':') == std::string::npos && clean.size() <= model.info().maxResidues) {
            progress.step(0, 1, "contacts");
            result->contacts = model.contactMap(clean, progress);
        }
        std::shared_ptr<const LanguageModelResult> scores = std::move(result);
        return std::function<void()>([this, scores, jobKey] {
            cache(jobKey, scores);
            if (jobKey != key(m_document->sequence()))
                return; // the user moved on; the result is cached for undo
            m_job = 0;
            m_shown = scores;
            m_current = true;
            setStatus({});
            Q_EMIT scoresChanged();
        });
    });
}

void ScoreService::remember(const QString& sequence, esm::ScoreMode mode,
                            std::shared_ptr<const LanguageModelResult> result) {
    const esm::ScoreMode current = m_mode;
    m_mode = mode;
    cache(key(sequence), std::move(result));
    m_mode = current;
    onDocumentChanged();
}

void ScoreService::cache(const QString& key, std::shared_ptr<const LanguageModelResult> scores) {
    m_cache.emplace_front(key, std::move(scores));
    if (m_cache.size() > kCachedScores)
        m_cache.pop_back();
}

} // namespace esmui
