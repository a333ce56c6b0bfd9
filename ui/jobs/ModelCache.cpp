#include "jobs/ModelCache.h"

#include "core/pipeline/folder.h"
#include "core/pipeline/language_model.h"
#include "core/pipeline/task_predictor.h"

namespace esmui {
namespace {

QString keyOf(const QString& folder, const esm::RuntimeOptions& options) {
    return folder + '|' + QString::fromStdString(options.dtype + '|' + options.device) + '|' +
           QString::number(options.threads);
}

} // namespace

ModelCache::ModelCache() = default;
ModelCache::~ModelCache() = default;

const esm::LanguageModel& ModelCache::languageModel(const QString& folder, const esm::RuntimeOptions& options,
                                                    const esm::Progress& progress) {
    const QString key = keyOf(folder, options);
    if (!language_ || languageKey_ != key) {
        language_.reset(); // free the old one before loading the next
        language_ = esm::LanguageModel::load(folder.toStdString(), options, progress);
        languageKey_ = key;
    }
    return *language_;
}

esm::Folder& ModelCache::folder(const QString& folder, const esm::RuntimeOptions& options,
                                const esm::Progress& progress) {
    const QString key = keyOf(folder, options);
    if (!folder_ || foldKey_ != key) {
        folder_.reset();
        folder_ = esm::Folder::load(folder.toStdString(), options, progress);
        foldKey_ = key;
    }
    return *folder_;
}

const esm::TaskPredictor& ModelCache::taskModel(const QString& folder, const esm::RuntimeOptions& options) {
    const QString key = keyOf(folder, options);
    if (!task_ || taskKey_ != key) {
        task_.reset();
        task_ = esm::TaskPredictor::loadFolder(folder.toStdString(), options.threads);
        taskKey_ = key;
    }
    return *task_;
}

} // namespace esmui
