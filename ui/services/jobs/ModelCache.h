// Models loaded by the worker thread, kept for the next job: loading ESM-2 650M takes seconds and
// ESMFold tens of seconds, so they are loaded once per folder and runtime settings. Used only from
// the worker thread.
#pragma once

#include "core/base/progress.h"
#include "core/pipeline/runtime_options.h"

#include <QString>

#include <map>
#include <memory>

namespace esm {
class LanguageModel;
class Folder;
class TaskPredictor;
} // namespace esm

namespace esmui {

class ModelCache {
  public:
    ModelCache();
    ~ModelCache();
    // Loads on first use; throws esm::Error saying what is wrong with the folder.
    const esm::LanguageModel& languageModel(const QString& folder, const esm::RuntimeOptions& options,
                                            const esm::Progress& progress);
    esm::Folder& folder(const QString& folder, const esm::RuntimeOptions& options,
                        const esm::Progress& progress);

    // A trained task model (or adapter folder) applied to the edited sequence.
    const esm::TaskPredictor& taskModel(const QString& folder, const esm::RuntimeOptions& options);

  private:
    // One model of each kind stays loaded: the memory of two 650M models (or ESMFold's 14 GB) is
    // more than most desktops have to spare.
    QString languageKey_, foldKey_, taskKey_;
    std::unique_ptr<esm::TaskPredictor> task_;
    std::unique_ptr<esm::LanguageModel> language_;
    std::unique_ptr<esm::Folder> folder_;
};

} // namespace esmui
