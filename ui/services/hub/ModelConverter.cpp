#include "ui/services/hub/ModelConverter.h"

#include "core/hub/hf_cache.h"

#include "core/base/error.h"
#include "core/pipeline/convert_model_folder.h"

#include <QDir>
#include <QFileInfo>
#include <QMetaObject>
#include <QStandardPaths>
#include <QThread>

namespace esmui {

ModelConverter::ModelConverter(QObject* parent) : QObject(parent) {}

ModelConverter::~ModelConverter() {
    cancel();
    if (m_thread)
        m_thread->wait();
}

QString ModelConverter::destinationFor(const QString& folder, const QString& name) {
    QString safe = name;
    safe.replace('/', "--");
    if (esm::repoOfSnapshot(folder.toStdString())) {
        const QString root = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/models";
        QDir().mkpath(root);
        return root + '/' + QFileInfo(safe).fileName() + "-safetensors";
    }
    return QFileInfo(folder).absoluteFilePath() + "-safetensors";
}

bool ModelConverter::isRunning() const {
    return m_thread && m_thread->isRunning();
}

void ModelConverter::cancel() {
    if (m_cancel)
        m_cancel->store(true);
}

void ModelConverter::start(const QString& source, const QString& destination) {
    if (isRunning())
        return;
    if (m_thread)
        m_thread->deleteLater();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto flag = m_cancel;
    m_thread = QThread::create([this, source, destination, flag] {
        esm::Progress progress;
        progress.cancelled = [flag] { return flag->load(); };
        progress.report = [this](std::int64_t done, std::int64_t total, const std::string& stage) {
            Q_EMIT this->progress(done, total, QString::fromStdString(stage));
        };
        try {
            const double before = esm::secondsToReadWeights(source.toStdString(), progress);
            esm::convertModelFolder(source.toStdString(), destination.toStdString(), {}, progress);
            const double after = esm::secondsToReadWeights(destination.toStdString(), progress);
            Q_EMIT finished(destination, before, after);
        } catch (const esm::Cancelled&) {
            Q_EMIT cancelled();
        } catch (const std::exception& e) {
            Q_EMIT failed(QString::fromStdString(e.what()));
        }
    });
    m_thread->setParent(this); // the last one goes with the converter
    m_thread->start();
}

} // namespace esmui
