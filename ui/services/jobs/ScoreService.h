// Keeps the language model's scores of the document's sequence up to date: after an edit it waits
// a moment (so typing is not interrupted), cancels any stale job and starts a new one in the
// worker; the document shows the result. Results are cached by what was asked (Document::scoreKey:
// model, mode, masked positions, sequence), so undo shows earlier scores at once.
#pragma once

#include "ui/services/document/LanguageModelResult.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <list>
#include <memory>

namespace esmui {

class Document;
class JobRunner;

class ScoreService : public QObject {
    Q_OBJECT
  public:
    ScoreService(Document* document, JobRunner* runner, QObject* parent = nullptr);

    // Wait after an edit before computing (ms).
    void setDelay(int milliseconds) { m_delay.setInterval(milliseconds); }
    // Why the document has no current scores ("choose a model", "fix the sequence", an error), or empty.
    const QString& status() const { return m_status; }
    // The job computing the current sequence's scores, or 0.
    int pendingJob() const { return m_job; }
    // Waiting to start or computing.
    bool isBusy() const { return m_delay.isActive() || m_job != 0; }

  Q_SIGNALS:
    void statusChanged(const QString& status);

  private:
    void onScoresAsked();
    void start();
    void setStatus(const QString& status);
    void cache(const QString& key, std::shared_ptr<const LanguageModelResult> result);

    Document* m_document;
    JobRunner* m_runner;
    QString m_status;
    QTimer m_delay;
    int m_job = 0;
    QString m_jobKey;
    std::list<std::pair<QString, std::shared_ptr<const LanguageModelResult>>> m_cache; // most recent first
};

} // namespace esmui
