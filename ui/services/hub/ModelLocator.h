// Where a model named on the command line or in the settings lives: a folder as given, or a
// HuggingFace repository id ("facebook/esm2_t6_8M_UR50D", optionally "@REVISION") found in the
// HuggingFace cache, or downloaded into it when allowed.
#pragma once

#include "core/base/progress.h"

#include <QString>

namespace esmui {

// Throws esm::Error saying what to do when the model is neither a folder nor cached (and
// `download` is false), or the download fails.
QString locateModel(const QString& spec, bool download,
                    const esm::Progress& progress = esm::Progress::none());

} // namespace esmui
