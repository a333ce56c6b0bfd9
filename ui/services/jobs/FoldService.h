// Folding from the GUI: ESMFold runs in the worker thread on the document's sequence, with progress
// per stage (language model, trunk pass k of n, structure module) and cancel; the memory estimate
// is reported before the fold starts, and a fold that will not fit is refused with the remedy. After
// each trunk pass but the last, the structure so far is the document's fold preview; the result
// joins the document's fold history and goes on show, and a fold that ends without one clears the
// preview.
#pragma once

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace esm {
class Structure;
}

namespace esmui {

class Document;
class JobRunner;

class FoldService : public QObject {
    Q_OBJECT
  public:
    FoldService(Document* document, JobRunner* runner, QObject* parent = nullptr);

    // The document's folding model.
    const QString& modelFolder() const;
    void setChunkSize(std::optional<int> chunk) { m_chunk = chunk; }
    void setRecycles(std::optional<int> recycles) { m_recycles = recycles; }

    // Folds the document's sequence; returns the job, or 0 with the reason in status().
    int fold();
    bool isBusy() const { return m_job != 0; }
    const QString& status() const { return m_status; }

  Q_SIGNALS:
    void statusChanged(const QString& status);
    void folded(int index);

  private:
    void setStatus(const QString& status);
    void endJob(const QString& status);
    void showPreview(int generation, int pass, int passes, std::shared_ptr<const esm::Structure> structure,
                     double meanPlddt);

    Document* m_document;
    JobRunner* m_runner;
    QString m_status;
    std::optional<int> m_chunk, m_recycles;
    int m_job = 0;
    int m_generation = 0; // of fold() calls: previews of an earlier fold are dropped
};

} // namespace esmui
