// --mode and --batch of the commands that score with a masked language model (heatmap, score).
#pragma once

#include "args.h"

#include "core/pipeline/variant_scores.h"

namespace cli {

void addScoreOptions(Args& args, const std::string& modeHelp, const std::string& defaultMode);
esm::ScoreOptions scoreOptions(const Args& args);

} // namespace cli
