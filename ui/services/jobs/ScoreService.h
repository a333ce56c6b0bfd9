// Keeps the language model's scores of the document's sequence up to date: after an edit it waits
// a moment (so typing is not interrupted), cancels any stale job and starts a new one in the
// worker; results are cached by (model, sequence, mode), so undo shows earlier scores at once.
#pragma once

#include "core/pipeline/variant_scores.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <list>
#include <memory>
#include <set>

namespace esmui {

// What the language model says of one sequence: the scores, and its contact map (ESM-2's contact
// head over the whole sequence; empty for multimers and sequences longer than the model takes).
struct LanguageModelResult {
    esm::SequenceScores scores;
    std::vector<float> contacts; // residues x residues, probabilities
};

class Document;
class JobRunner;

class ScoreService : public QObject {
    Q_OBJECT
  public:
    ScoreService(Document* document, JobRunner* runner, QObject* parent = nullptr);

    // The document's language model.
    const QString& modelFolder() const;
    void setMode(esm::ScoreMode mode);
    esm::ScoreMode mode() const { return m_mode; }
    // Positions hidden from the model (<mask>) in every pass, so that the scores show its
    // distribution at exactly those positions given the rest; cleared by any edit of the sequence.
    void setMasked(std::set<int> positions);
    const std::set<int>& masked() const { return m_masked; }
    // Wait after an edit before computing (ms).
    void setDelay(int milliseconds) { m_delay.setInterval(milliseconds); }

    // The scores on show: those of the document's sequence, or the last ones while new ones are computed.
    std::shared_ptr<const esm::SequenceScores> scores() const {
        return m_shown ? std::shared_ptr<const esm::SequenceScores>(m_shown, &m_shown->scores) : nullptr;
    }
    std::shared_ptr<const LanguageModelResult> result() const { return m_shown; }
    // Puts a result computed earlier (a reopened session) in the cache.
    void remember(const QString& sequence, esm::ScoreMode mode,
                  std::shared_ptr<const LanguageModelResult> result);
    bool isCurrent() const { return m_current; }
    // Why there are no current scores ("choose a model", "fix the sequence", an error), or empty.
    const QString& status() const { return m_status; }
    // The job computing the current sequence's scores, or 0.
    int pendingJob() const { return m_job; }
    // Waiting to start or computing.
    bool isBusy() const { return m_delay.isActive() || m_job != 0; }

  Q_SIGNALS:
    void scoresChanged();
    void maskedChanged();
    void statusChanged(const QString& status);

  private:
    QString key(const QString& sequence) const;
    void onDocumentChanged();
    void start();
    void setStatus(const QString& status);
    void cache(const QString& key, std::shared_ptr<const LanguageModelResult> result);

    Document* m_document;
    JobRunner* m_runner;
    esm::ScoreMode m_mode = esm::ScoreMode::WildTypeMarginal;
    std::set<int> m_masked;
    QTimer m_delay;
    int m_job = 0;
    QString m_jobKey;
    std::shared_ptr<const LanguageModelResult> m_shown;
    bool m_current = false;
    QString m_status;
    std::list<std::pair<QString, std::shared_ptr<const LanguageModelResult>>> m_cache; // most recent first
};

} // namespace esmui
