#include "score_options.h"

namespace cli {

void addScoreOptions(Args& args, const std::string& modeHelp, const std::string& defaultMode) {
    args.option("mode", "MODE", modeHelp, defaultMode);
    args.option("batch", "N", "masked copies per forward pass", "8");
}

esm::ScoreOptions scoreOptions(const Args& args) {
    const auto mode = esm::parseScoreMode(args.value("mode"));
    if (!mode)
        throw UsageError("--mode must be wt-marginal or masked-marginal, not '" + args.value("mode") + "'");
    esm::ScoreOptions options;
    options.mode = *mode;
    options.maskedPerForward = args.integer("batch", 1);
    return options;
}

} // namespace cli
