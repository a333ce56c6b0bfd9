// --model FOLDER|REPO, --download, --dtype and --device: how the commands that run a model find and
// run it.
#pragma once

#include "args.h"

#include "core/base/progress.h"
#include "core/pipeline/runtime_options.h"

#include <string>

namespace cli {

void addModelOption(Args& args, const std::string& help);
// The model's folder: as given, from the HuggingFace cache, or downloaded with --download.
std::string modelFolder(const Args& args, const esm::Progress& progress);

// dtypes: the help text naming the dtypes the command takes.
void addRuntimeOptions(Args& args, const std::string& dtypes);
// That help text for the commands that run a language model (embed, score, heatmap).
extern const char* const kLanguageModelDtypes;
esm::RuntimeOptions runtimeOptions(const Args& args);

} // namespace cli
