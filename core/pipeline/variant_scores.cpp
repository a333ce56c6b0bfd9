#include "core/pipeline/variant_scores.h"

#include "core/base/error.h"
#include "core/nn/checkpoint/tokenizer.h"
#include "core/nn/runtime/block_cache.h"
#include "core/pipeline/language_model.h"
#include "core/pipeline/sequence_windows.h"
#include "core/structure/sequence.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace esm {
namespace {

constexpr int kDefaultWindow = 1022; // residues ESM-1b and ESM-2 were trained on

enum class Masking {
    None,         // wild-type marginals
    EachPosition, // one copy per wanted position, that position masked
    AllTogether,  // one copy with every wanted position masked
};

// One forward row set: a window's token ids (some masked) and, for each row read, the residue it
// scores (over the whole sequence) and its blending weight.
struct Pass {
    std::vector<long> ids;
    std::vector<int> rows;
    std::vector<std::pair<int, double>> targets;
};

struct Chain {
    int offset = 0; // of its first residue in the whole sequence
    std::string residues;
};

std::vector<Chain> chainsOf(std::string_view sequence) {
    std::vector<Chain> chains;
    int offset = 0;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = std::min(sequence.find(':', start), sequence.size());
        Chain chain{offset, std::string(sequence.substr(start, end - start))};
        if (chain.residues.empty())
            throw Error("empty chain in the sequence (two ':' in a row, or one at an end)");
        offset += int(chain.residues.size());
        chains.push_back(std::move(chain));
        if (end == sequence.size())
            break;
        start = end + 1;
    }
    return chains;
}

std::string withoutSeparators(std::string_view sequence) {
    std::string residues;
    for (char c : sequence)
        if (c != ':')
            residues += c;
    return residues;
}

class Scorer {
  public:
    Scorer(const LanguageModel& model, std::string_view sequence, const ScoreOptions& options)
        : model_(model), options_(options), chains_(chainsOf(sequence)) {
        if (options.maskedPerForward < 1)
            throw Error("masked copies per forward pass must be at least 1");
        const auto& tokenizer = model.tokenizer();
        for (const Chain& chain : chains_)
            for (char c : chain.residues) {
                const auto special = specialTokenOf(c);
                const long id =
                    tokenizer.tokenToId(special.empty() ? std::string(1, c) : std::string(special));
                if (special.empty() && id == tokenizer.unkId())
                    throw Error(std::string("residue '") + c + "' is not in the model's vocabulary");
                residueIds_.push_back(id);
            }
        for (int p : options.masked)
            if (p < 0 || p >= int(residueIds_.size()))
                throw Error("masked position " + std::to_string(p + 1) + " is outside the sequence");
        window_ = options.window > 0 ? options.window
                                     : std::min<int>(kDefaultWindow, int(model.info().maxResidues));
        if (window_ > int(model.info().maxResidues))
            throw Error("a window of " + std::to_string(window_) + " residues is longer than the " +
                        std::to_string(model.info().maxResidues) + " this model takes");
        minOverlap_ = options.minOverlap > 0 ? options.minOverlap : window_ / 2;
        vocabulary_ = int(tokenizer.vocabularySize());
        sums_.assign(residueIds_.size() * std::size_t(vocabulary_), 0.0);
    }

    int residueCount() const { return int(residueIds_.size()); }
    bool isSpecial(int residue) const { return model_.tokenizer().isSpecial(idOf(residue)); }
    long idOf(int residue) const { return residueIds_[std::size_t(residue)]; }
    int windowsUsed() const { return windowsUsed_; }

    // Blended log-probabilities over the vocabulary at `wanted` residues.
    void run(const std::set<int>& wanted, Masking masking, const std::string& stage,
             const Progress& progress) {
        std::vector<Pass> passes = plan(wanted, masking);
        const Progress inner{nullptr, progress.cancelled};
        const nn::BlockCacheScope cache; // each forward reuses the blocks of the one before
        const std::size_t batch =
            masking == Masking::EachPosition ? std::size_t(options_.maskedPerForward) : 1;
        for (std::size_t first = 0; first < passes.size(); first += batch) {
            progress.checkCancelled();
            progress.step(std::int64_t(first), std::int64_t(passes.size()), stage);
            const std::size_t last = std::min(passes.size(), first + batch);
            std::vector<std::vector<long>> ids;
            std::vector<std::vector<int>> rows;
            for (std::size_t p = first; p < last; ++p) {
                ids.push_back(passes[p].ids);
                rows.push_back(passes[p].rows);
            }
            const auto logProbs = model_.logProbabilities(ids, rows, inner);
            for (std::size_t p = first; p < last; ++p)
                accumulate(passes[p], logProbs[p - first]);
        }
        progress.step(std::int64_t(passes.size()), std::int64_t(passes.size()), stage);
    }

    double logProb(int residue, long token) const {
        return sums_[std::size_t(residue) * std::size_t(vocabulary_) + std::size_t(token)];
    }

  private:
    std::vector<Pass> plan(const std::set<int>& wanted, Masking masking) {
        std::vector<Pass> passes;
        const long mask = model_.tokenizer().maskId();
        for (const Chain& chain : chains_) {
            const int length = int(chain.residues.size());
            for (const SequenceWindow& w : tileSequence(length, window_, minOverlap_)) {
                std::vector<int> inWindow; // chain-relative residues
                for (int r = w.begin; r < w.end; ++r)
                    if (wanted.count(chain.offset + r))
                        inWindow.push_back(r);
                if (inWindow.empty())
                    continue;
                ++windowsUsed_;
                Pass base;
                base.ids.push_back(model_.tokenizer().clsId());
                for (int r = w.begin; r < w.end; ++r)
                    base.ids.push_back(options_.masked.count(chain.offset + r) ? mask
                                                                               : idOf(chain.offset + r));
                base.ids.push_back(model_.tokenizer().eosId());
                auto read = [&](Pass& pass, int r) {
                    pass.rows.push_back(r - w.begin + 1);
                    pass.targets.emplace_back(chain.offset + r, w.weights[std::size_t(r - w.begin)]);
                };
                if (masking == Masking::EachPosition) {
                    for (int r : inWindow) {
                        Pass pass = base;
                        if (!isSpecial(chain.offset + r)) // a special token goes in as it is
                            pass.ids[std::size_t(r - w.begin + 1)] = mask;
                        read(pass, r);
                        passes.push_back(std::move(pass));
                    }
                } else {
                    for (int r : inWindow) {
                        if (masking == Masking::AllTogether)
                            base.ids[std::size_t(r - w.begin + 1)] = mask;
                        read(base, r);
                    }
                    passes.push_back(std::move(base));
                }
            }
        }
        return passes;
    }

    void accumulate(const Pass& pass, const std::vector<float>& logProbs) {
        for (std::size_t k = 0; k < pass.targets.size(); ++k) {
            const auto [residue, weight] = pass.targets[k];
            double* sum = &sums_[std::size_t(residue) * std::size_t(vocabulary_)];
            const float* row = &logProbs[k * std::size_t(vocabulary_)];
            for (int v = 0; v < vocabulary_; ++v)
                sum[v] += weight * row[v];
        }
    }

    const LanguageModel& model_;
    const ScoreOptions& options_;
    std::vector<Chain> chains_;
    std::vector<long> residueIds_;
    int window_ = 0, minOverlap_ = 0, vocabulary_ = 0, windowsUsed_ = 0;
    std::vector<double> sums_; // [residues x vocabulary], weighted over windows
};

// Shannon entropy in bits of the 20 standard amino acids' probabilities, renormalised.
float entropyBits(const float* logProbs) {
    double total = 0;
    for (int k = 0; k < 20; ++k)
        total += std::exp(double(logProbs[k]));
    double entropy = 0;
    for (int k = 0; k < 20; ++k) {
        const double p = std::exp(double(logProbs[k])) / total;
        if (p > 0)
            entropy -= p * std::log2(p);
    }
    return float(entropy);
}

std::vector<long> standardTokenIds(const LanguageModel& model) {
    std::vector<long> ids;
    for (char aa : kStandardAminoAcids)
        ids.push_back(model.tokenizer().tokenToId(std::string(1, aa)));
    return ids;
}

int parsePosition(std::string_view digits, std::string_view mutation) {
    int position = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), position);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size())
        throw Error("mutation '" + std::string(mutation) +
                    "' should look like A12G (wild type, position, mutant)");
    return position;
}

} // namespace

int standardAminoAcidIndex(char residue) {
    const auto at = kStandardAminoAcids.find(residue);
    return at == std::string_view::npos ? -1 : int(at);
}

double SequenceScores::pseudoLogLikelihood() const {
    double sum = 0;
    for (float v : wildTypeLogProb)
        if (!std::isnan(v))
            sum += v;
    return sum;
}

double SequenceScores::pseudoPerplexity() const {
    const auto scored =
        std::count_if(wildTypeLogProb.begin(), wildTypeLogProb.end(), [](float v) { return !std::isnan(v); });
    return scored > 0 ? std::exp(-pseudoLogLikelihood() / double(scored)) : 0.0;
}

SequenceScores scoreSequence(const LanguageModel& model, std::string_view sequence,
                             const ScoreOptions& options, const Progress& progress) {
    Scorer scorer(model, sequence, options);
    std::set<int> all;
    for (int r = 0; r < scorer.residueCount(); ++r)
        all.insert(r);
    const bool masked = options.mode == ScoreMode::MaskedMarginal;
    scorer.run(all, masked ? Masking::EachPosition : Masking::None,
               masked ? "masked marginals" : "wild-type marginals", progress);
    SequenceScores scores;
    scores.residues = withoutSeparators(sequence);
    scores.mode = options.mode;
    scores.windows = scorer.windowsUsed();
    scores.masked = options.masked;
    const auto tokens = standardTokenIds(model);
    for (int r = 0; r < scorer.residueCount(); ++r) {
        for (long token : tokens)
            scores.logProbs.push_back(float(scorer.logProb(r, token)));
        scores.wildTypeLogProb.push_back(scorer.isSpecial(r) ? NAN
                                                             : float(scorer.logProb(r, scorer.idOf(r))));
        scores.entropy.push_back(entropyBits(&scores.logProbs[std::size_t(r) * 20]));
    }
    return scores;
}

std::vector<Mutation> parseMutations(std::string_view text, std::string_view residues) {
    std::vector<Mutation> mutations;
    std::set<int> positions;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(':', start), text.size());
        const std::string_view item = text.substr(start, end - start);
        if (item.size() < 3)
            throw Error("mutation '" + std::string(item) +
                        "' should look like A12G (wild type, position, mutant)");
        Mutation m{parsePosition(item.substr(1, item.size() - 2), item) - 1, item.front(), item.back()};
        if (m.position < 0 || m.position >= int(residues.size()))
            throw Error("mutation " + std::string(item) + ": position " + std::to_string(m.position + 1) +
                        " is outside the sequence (1-" + std::to_string(residues.size()) + ")");
        if (const auto special = specialTokenOf(residues[std::size_t(m.position)]); !special.empty())
            throw Error("mutation " + std::string(item) + ": position " + std::to_string(m.position + 1) +
                        " holds " + std::string(special) + ", not a residue to mutate");
        if (residues[std::size_t(m.position)] != m.wildType)
            throw Error("mutation " + std::string(item) + ": residue " + std::to_string(m.position + 1) +
                        " is " + residues[std::size_t(m.position)] + ", not " + m.wildType);
        if (standardAminoAcidIndex(m.mutant) < 0)
            throw Error("mutation " + std::string(item) + ": '" + m.mutant +
                        "' is not one of the 20 standard amino acids");
        if (!positions.insert(m.position).second)
            throw Error("mutation set " + std::string(text) + " changes position " +
                        std::to_string(m.position + 1) + " twice");
        mutations.push_back(m);
        start = end + 1;
    }
    return mutations;
}

std::string mutationsText(const std::vector<Mutation>& mutations) {
    std::string text;
    for (const Mutation& m : mutations) {
        if (!text.empty())
            text += ':';
        text += m.wildType;
        text += std::to_string(m.position + 1);
        text += m.mutant;
    }
    return text;
}

std::string applyMutations(std::string_view sequence, const std::vector<Mutation>& mutations) {
    std::string result(sequence);
    int residue = 0;
    for (char& c : result) {
        if (c == ':')
            continue;
        for (const Mutation& m : mutations)
            if (m.position == residue)
                c = m.mutant;
        ++residue;
    }
    return result;
}

double scoreMutations(const LanguageModel& model, std::string_view sequence,
                      const std::vector<Mutation>& mutations, const ScoreOptions& options,
                      const Progress& progress) {
    Scorer scorer(model, sequence, options);
    std::set<int> positions;
    for (const Mutation& m : mutations)
        positions.insert(m.position);
    const bool masked = options.mode == ScoreMode::MaskedMarginal;
    scorer.run(positions, masked ? Masking::AllTogether : Masking::None, "mutations", progress);
    double score = 0;
    const auto& tokenizer = model.tokenizer();
    for (const Mutation& m : mutations)
        score += scorer.logProb(m.position, tokenizer.tokenToId(std::string(1, m.mutant))) -
                 scorer.logProb(m.position, scorer.idOf(m.position));
    return score;
}

} // namespace esm
