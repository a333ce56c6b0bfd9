// esmx score: mutation sets scored with a masked language model, and the pseudo-log-likelihood.
#include "args.h"
#include "commands.h"
#include "inputs.h"
#include "model_argument.h"
#include "progress_printer.h"
#include "score_options.h"

#include "core/base/error.h"
#include "core/pipeline/language_model.h"
#include "core/pipeline/score_csv.h"
#include "core/pipeline/variant_scores.h"

#include <iostream>

namespace cli {

int runScore(const Arguments& arguments) {
    Args args(
        "score", "--model DIR --sequence SEQ --mutations A12G,A12G:K30R [--mode MODE] [--pll]",
        "Prints CSV, one row per mutation set: mutations,mode,score, where score is the sum over the\n"
        "set of log p(mutant) - log p(wild type). masked-marginal masks every mutated position of a set\n"
        "together (Meier et al. 2021); wt-marginal reads them from one unmasked pass. --pll adds the\n"
        "columns pll,pseudo_perplexity (of each mutant sequence, one masked pass per position) and a\n"
        "first row 'wt' for the sequence itself.");
    addModelOption(args, "masked language model (ESM-2, ESM-1b, ESM-1v)");
    addSequenceOptions(args);
    args.option("mutations", "SETS",
                "comma-separated mutation sets; ':' joins mutations of one set (positions 1-based)");
    addScoreOptions(args, "masked-marginal or wt-marginal", "masked-marginal");
    args.flag("pll", "also the pseudo-log-likelihood of each sequence");
    addRuntimeOptions(args, kLanguageModelDtypes);
    args.parse(arguments);

    const auto records = readInputRecords(args, Chains::Allowed, Tokens::SpecialAllowed);
    if (records.size() != 1)
        throw UsageError("give one sequence to score mutations of");
    const std::string& sequence = records.front().sequence;
    std::string residues;
    for (char c : sequence)
        if (c != ':')
            residues += c;
    const esm::ScoreOptions options = scoreOptions(args);
    std::vector<std::vector<esm::Mutation>> sets;
    for (const auto& text : args.commaList("mutations"))
        sets.push_back(esm::parseMutations(text, residues));
    const bool pll = args.has("pll");

    ProgressPrinter printer("score");
    const auto model = esm::LanguageModel::load(modelFolder(args, printer.progress()), runtimeOptions(args),
                                                printer.progress());
    esm::ScoreOptions pllOptions = options;
    pllOptions.mode = esm::ScoreMode::MaskedMarginal;
    auto pllColumns = [&](const std::string& s) {
        const auto scores = esm::scoreSequence(*model, s, pllOptions, printer.progress());
        return "," + esm::csvNumber(scores.pseudoLogLikelihood()) + "," +
               esm::csvNumber(scores.pseudoPerplexity());
    };
    std::cout << "mutations,mode,score" << (pll ? ",pll,pseudo_perplexity" : "") << "\n";
    if (pll)
        std::cout << "wt," << args.value("mode") << "," << esm::csvNumber(0) << pllColumns(sequence) << "\n"
                  << std::flush;
    for (const auto& set : sets) {
        const double score = esm::scoreMutations(*model, sequence, set, options, printer.progress());
        std::cout << esm::mutationsText(set) << "," << args.value("mode") << "," << esm::csvNumber(score)
                  << (pll ? pllColumns(esm::applyMutations(sequence, set)) : "") << "\n"
                  << std::flush;
    }
    return 0;
}

} // namespace cli
