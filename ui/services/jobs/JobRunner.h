// Background jobs: every model call runs here, in one worker thread (QThread + worker object),
// never on the UI thread. A job is a function of (progress, models) that returns what to do with
// its result back on the UI thread. Jobs run one at a time in submission order; each can be
// cancelled (queued ones are dropped, a running one stops at its next progress check).
#pragma once

#include "core/base/progress.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QThread;

namespace esmui {

class ModelCache;

class JobRunner : public QObject {
    Q_OBJECT
  public:
    // What runs on the worker thread; the returned function runs on the UI thread with the result.
    using Work = std::function<std::function<void()>(const esm::Progress& progress, ModelCache& models)>;

    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override; // cancels everything and waits for the worker

    int submit(const QString& description, Work work);
    void cancel(int job);
    void cancelAll();
    // The job running now, or 0.
    int runningJob() const { return m_running; }
    bool isIdle() const { return m_running == 0 && m_queued == 0; }

  Q_SIGNALS:
    void started(int job, const QString& description);
    void progress(int job, qint64 done, qint64 total, const QString& stage);
    void finished(int job);
    void failed(int job, const QString& message);
    void cancelled(int job);

  private:
    struct Job;
    void runOnWorker(const std::shared_ptr<Job>& job);
    void reportProgress(const std::shared_ptr<Job>& job, qint64 done, qint64 total, const std::string& stage);

    QThread* m_thread;
    QObject* m_worker;                    // lives in m_thread
    std::unique_ptr<ModelCache> m_models; // used only on m_thread
    std::map<int, std::shared_ptr<Job>> m_jobs;
    int m_nextId = 1, m_running = 0, m_queued = 0;
};

} // namespace esmui
