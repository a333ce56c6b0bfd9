// --model FOLDER|REPO and --download, shared by the commands that run a model.
#pragma once

#include "args.h"

#include "core/base/progress.h"

#include <string>

namespace cli {

void addModelOption(Args& args, const std::string& help);
// The model's folder: as given, from the HuggingFace cache, or downloaded with --download.
std::string modelFolder(const Args& args, const esm::Progress& progress);

} // namespace cli
