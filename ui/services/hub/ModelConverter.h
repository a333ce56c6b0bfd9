// Rewrites a model folder as safetensors in a thread of its own (the Models dialog's "Convert for
// Faster Loading"), timing how long reading the weights takes before and after.
#pragma once

#include "core/base/progress.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace esmui {

class ModelConverter : public QObject {
    Q_OBJECT
  public:
    explicit ModelConverter(QObject* parent = nullptr);
    ~ModelConverter() override; // cancels and waits

    // Where a converted copy of `folder` goes: beside a folder of the user's, or under the
    // application's data folder for one in the HuggingFace cache.
    static QString destinationFor(const QString& folder, const QString& name);

    void start(const QString& source, const QString& destination);
    void cancel();
    bool isRunning() const;

  Q_SIGNALS:
    void progress(qint64 done, qint64 total, const QString& stage);
    void finished(const QString& destination, double secondsBefore, double secondsAfter);
    void failed(const QString& message);
    void cancelled();

  private:
    QThread* m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace esmui
