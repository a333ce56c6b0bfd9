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
        if (changes & (Document::SequenceChanged | Document::ModelsChanged | Document::ScoresChanged))
            onScoresAsked();
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
    onScoresAsked();
}

void ScoreService::setStatus(const QString& status) {
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT statusChanged(status);
}

void ScoreService::onScoresAsked() {
    const QString key = m_document->scoreKey();
    if (m_document->scoresAreCurrent()) { // computed, cached or restored from a session
        cache(key, m_document->languageModelResult());
        if (m_job)
            m_runner->cancel(m_job);
        m_job = 0;
        m_delay.stop();
        return setStatus({});
    }
    for (const auto& [cachedKey, result] : m_cache)
        if (cachedKey == key)
            return m_document->showScores(key, result); // announces again, and is current then
    m_delay.stop();
    if (m_document->languageModel().isEmpty())
        return setStatus(tr("Choose a language model (File → Open Model Folder…) to see its scores"));
    if (m_document->sequence().isEmpty())
        return setStatus({});
    if (!m_document->isSequenceValid())
        return setStatus(tr("Fix the sequence to see the model's scores"));
    setStatus(tr("Computing…"));
    m_delay.start();
}

void ScoreService::start() {
    const QString jobKey = m_document->scoreKey();
    if (m_job && jobKey == m_jobKey)
        return;
    if (m_job)
        m_runner->cancel(m_job); // stale: the sequence changed since
    const std::string clean = esm::Sequence::parse(m_document->sequence().toStdString()).text();
    const QString folder = m_document->languageModel();
    esm::ScoreOptions options;
    options.mode = m_document->scoreMode();
    options.masked = m_document->maskedPositions();
    const esm::RuntimeOptions runtime = Settings::runtimeOptions();
    m_jobKey = jobKey;
    const QString description = !options.masked.empty()                          ? tr("Masked positions")
                                : options.mode == esm::ScoreMode::MaskedMarginal ? tr("Masked marginals")
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
            if (jobKey != m_document->scoreKey())
                return; // the user moved on; the result is cached for undo
            m_job = 0;
            m_document->showScores(jobKey, scores);
        });
    });
}

void ScoreService::cache(const QString& key, std::shared_ptr<const LanguageModelResult> scores) {
    m_cache.remove_if([&](const auto& entry) { return entry.first == key; });
    m_cache.emplace_front(key, std::move(scores));
    if (m_cache.size() > kCachedScores)
        m_cache.pop_back();
}

} // namespace esmui
