#include "ui/services/jobs/JobRunner.h"

#include "core/base/error.h"
#include "ui/services/jobs/ModelCache.h"

#include <QThread>

#include <atomic>
#include <chrono>
#include <mutex>

namespace esmui {

struct JobRunner::Job {
    int id = 0;
    QString description;
    Work work;
    esm::CancelFlag cancel;
    // Progress is sent to the UI thread at most every 50 ms, and whenever the stage changes.
    std::mutex progressMutex;
    std::chrono::steady_clock::time_point lastReport;
    std::string lastStage;
};

JobRunner::JobRunner(QObject* parent)
    : QObject(parent), m_thread(new QThread(this)), m_worker(new QObject),
      m_models(std::make_unique<ModelCache>()) {
    m_thread->setObjectName("model worker");
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

JobRunner::~JobRunner() {
    cancelAll();
    m_thread->quit();
    m_thread->wait();
    m_models.reset(); // the worker has stopped: safe to free the models here
}

int JobRunner::submit(const QString& description, Work work) {
    auto job = std::make_shared<Job>();
    job->id = m_nextId++;
    job->description = description;
    job->work = std::move(work);
    m_jobs[job->id] = job;
    ++m_queued;
    QMetaObject::invokeMethod(
        m_worker, [this, job] { runOnWorker(job); }, Qt::QueuedConnection);
    return job->id;
}

void JobRunner::cancel(int id) {
    if (auto it = m_jobs.find(id); it != m_jobs.end())
        it->second->cancel.cancel();
}

void JobRunner::cancelAll() {
    for (auto& [id, job] : m_jobs)
        job->cancel.cancel();
}

void JobRunner::reportProgress(const std::shared_ptr<Job>& job, qint64 done, qint64 total,
                               const std::string& stage) {
    {
        std::lock_guard lock(job->progressMutex);
        const auto now = std::chrono::steady_clock::now();
        if (stage == job->lastStage && done != total && now - job->lastReport < std::chrono::milliseconds(50))
            return;
        job->lastReport = now;
        job->lastStage = stage;
    }
    const QString text = QString::fromStdString(stage);
    QMetaObject::invokeMethod(
        this, [this, id = job->id, done, total, text] { Q_EMIT progress(id, done, total, text); },
        Qt::QueuedConnection);
}

// Runs on the worker thread; everything it tells the UI goes through queued calls.
void JobRunner::runOnWorker(const std::shared_ptr<Job>& job) {
    auto toUi = [this](std::function<void()> f) {
        QMetaObject::invokeMethod(this, std::move(f), Qt::QueuedConnection);
    };
    const int id = job->id;
    if (job->cancel.isCancelled()) {
        toUi([this, id] {
            --m_queued;
            m_jobs.erase(id);
            Q_EMIT cancelled(id);
        });
        return;
    }
    toUi([this, id, description = job->description] {
        --m_queued;
        m_running = id;
        Q_EMIT started(id, description);
    });
    const esm::Progress progress{
        [this, job](std::int64_t done, std::int64_t total, const std::string& stage) {
            reportProgress(job, done, total, stage);
        },
        job->cancel.poller()};
    std::function<void()> deliver;
    QString error;
    bool wasCancelled = false;
    try {
        deliver = job->work(progress, *m_models);
    } catch (const esm::Cancelled&) {
        wasCancelled = true;
    } catch (const std::exception& e) {
        error = QString::fromStdString(e.what());
    }
    toUi([this, id, job, deliver = std::move(deliver), error, wasCancelled] {
        m_running = 0;
        m_jobs.erase(id);
        if (wasCancelled || job->cancel.isCancelled()) {
            Q_EMIT cancelled(id); // a result that arrives after the user cancelled is dropped
        } else if (!error.isEmpty()) {
            Q_EMIT failed(id, error);
        } else {
            if (deliver)
                deliver();
            Q_EMIT finished(id);
        }
    });
}

} // namespace esmui
