// Variant scores against log-probabilities computed here directly from the model's logits.
#include "core/base/error.h"
#include "core/nn/checkpoint/tokenizer.h"
#include "core/pipeline/language_model.h"
#include "core/pipeline/sequence_windows.h"
#include "core/pipeline/variant_scores.h"

#include "TensorChecks.h"
#include "TestPaths.h"

#include <QtTest>

#include <cmath>

using esm::ScoreMode;

namespace {

const std::string kSequence = "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQAPILSRVGDGTQDNLSGAEK";

std::unique_ptr<esm::LanguageModel> load(const char* fixture) {
    return esm::LanguageModel::load(testpaths::data(fixture), {});
}

// log-softmax of one token row, in double, from the model's plain logits.
std::vector<double> logSoftmaxRow(const esm::SequenceOutput& out, int row) {
    const auto logits = tensorchecks::values(esm::recordOf(out.logits));
    const int vocabulary = int(out.logits.shape[1]);
    std::vector<double> r(logits.begin() + row * vocabulary, logits.begin() + (row + 1) * vocabulary);
    double top = *std::max_element(r.begin(), r.end()), sum = 0;
    for (double v : r)
        sum += std::exp(v - top);
    for (double& v : r)
        v -= top + std::log(sum);
    return r;
}

// The model run on `residues` with the listed positions masked: log-probabilities at `position`.
std::vector<double> directLogProbs(const esm::LanguageModel& model, const std::string& residues,
                                   const std::vector<int>& masked, int position) {
    std::vector<long> ids = model.encode(residues);
    for (int m : masked)
        ids[std::size_t(m + 1)] = model.tokenizer().maskId();
    return logSoftmaxRow(model.forward({ids}, {}).front(), position + 1);
}

long tokenOf(const esm::LanguageModel& model, char residue) {
    return model.tokenizer().tokenToId(std::string(1, residue));
}

void compareWithDirect(const esm::LanguageModel& model, const esm::SequenceScores& scores, int position,
                       const std::vector<double>& direct) {
    for (int k = 0; k < 20; ++k)
        QVERIFY2(std::abs(scores.logProb(position, k) -
                          direct[std::size_t(tokenOf(model, esm::kStandardAminoAcids[std::size_t(k)]))]) <
                     2e-5,
                 qPrintable(QString("position %1, amino acid %2").arg(position).arg(k)));
    QVERIFY(std::abs(scores.wildTypeLogProb[std::size_t(position)] -
                     direct[std::size_t(tokenOf(model, scores.residues[std::size_t(position)]))]) < 2e-5);
}

} // namespace

class TestVariantScores : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void wildTypeMarginalsAreOneUnmaskedPass() {
        for (const char* fixture : {"esm2_tiny", "esm1b_tiny"}) {
            const auto model = load(fixture);
            const auto scores = esm::scoreSequence(*model, kSequence, {});
            QCOMPARE(scores.length(), int(kSequence.size()));
            QCOMPARE(scores.windows, 1);
            const auto out = model->forward({model->encode(kSequence)}, {}).front();
            for (int i = 0; i < scores.length(); ++i)
                compareWithDirect(*model, scores, i, logSoftmaxRow(out, i + 1));
        }
    }

    void maskedMarginalsMaskEachPositionWhateverTheBatch() {
        const auto model = load("esm2_tiny");
        esm::ScoreOptions options;
        options.mode = ScoreMode::MaskedMarginal;
        options.maskedPerForward = 7; // not a divisor of the length: the last batch is short
        std::vector<std::pair<std::int64_t, std::int64_t>> steps;
        const esm::Progress progress{[&](std::int64_t done, std::int64_t total, const std::string&) {
                                         steps.emplace_back(done, total);
                                     },
                                     nullptr};
        const auto scores = esm::scoreSequence(*model, kSequence, options, progress);
        for (int i = 0; i < scores.length(); ++i)
            compareWithDirect(*model, scores, i, directLogProbs(*model, kSequence, {i}, i));
        QCOMPARE(steps.back(),
                 std::make_pair(std::int64_t(kSequence.size()), std::int64_t(kSequence.size())));
        options.maskedPerForward = 1;
        const auto single = esm::scoreSequence(*model, kSequence, options);
        for (std::size_t k = 0; k < scores.logProbs.size(); ++k)
            QVERIFY(std::abs(single.logProbs[k] - scores.logProbs[k]) < 1e-5);
        // Pseudo-log-likelihood: the masked log-probability of every residue present.
        double pll = 0;
        for (int i = 0; i < scores.length(); ++i)
            pll += directLogProbs(*model, kSequence, {i},
                                  i)[std::size_t(tokenOf(*model, kSequence[std::size_t(i)]))];
        QVERIFY(std::abs(scores.pseudoLogLikelihood() - pll) < 1e-3);
        QVERIFY(std::abs(scores.pseudoPerplexity() - std::exp(-pll / double(kSequence.size()))) < 1e-4);
    }

    void ratiosAndEntropy() {
        const auto model = load("esm2_tiny");
        const auto scores = esm::scoreSequence(*model, "MKTXAYB", {});
        for (int i = 0; i < scores.length(); ++i) {
            const int wt = esm::standardAminoAcidIndex(scores.residues[std::size_t(i)]);
            if (wt >= 0)
                QCOMPARE(scores.llr(i, wt), 0.0f);
            double total = 0;
            for (int k = 0; k < 20; ++k)
                total += std::exp(scores.logProb(i, k));
            QVERIFY(total < 1.0); // the rest of the vocabulary holds some probability
            QVERIFY(scores.entropy[std::size_t(i)] > 0 &&
                    scores.entropy[std::size_t(i)] < std::log2(20.0) + 1e-5);
        }
        QVERIFY(std::isfinite(scores.wildTypeLogProb[3])); // X is scored as the model sees it
    }

    void chainsAreScoredOneByOne() {
        const auto model = load("esm2_tiny");
        const auto joint = esm::scoreSequence(*model, "MKTAYIAK:GSHMQR", {});
        const auto first = esm::scoreSequence(*model, "MKTAYIAK", {});
        const auto second = esm::scoreSequence(*model, "GSHMQR", {});
        QCOMPARE(joint.residues, std::string("MKTAYIAKGSHMQR"));
        QCOMPARE(joint.windows, 2);
        for (int k = 0; k < 20; ++k) {
            QVERIFY(std::abs(joint.logProb(2, k) - first.logProb(2, k)) < 1e-6);
            QVERIFY(std::abs(joint.logProb(9, k) - second.logProb(1, k)) < 1e-6);
        }
        ESMX_EXPECT_ERROR(esm::scoreSequence(*model, "MKT::GSH", {}), "empty chain");
    }

    void mutationSets() {
        const auto model = load("esm2_tiny");
        const auto mutations = esm::parseMutations("K2G:Y5W", kSequence);
        QCOMPARE(mutations.size(), std::size_t(2));
        QCOMPARE(mutations[1], (esm::Mutation{4, 'Y', 'W'}));
        QCOMPARE(esm::mutationsText(mutations), std::string("K2G:Y5W"));
        QCOMPARE(esm::applyMutations("MKTAY:IAK", esm::parseMutations("K2G:I6A", "MKTAYIAK")),
                 std::string("MGTAY:AAK"));

        esm::ScoreOptions masked;
        masked.mode = ScoreMode::MaskedMarginal;
        const auto direct = [&](int position) { return directLogProbs(*model, kSequence, {1, 4}, position); };
        const double expected =
            direct(1)[std::size_t(tokenOf(*model, 'G'))] - direct(1)[std::size_t(tokenOf(*model, 'K'))] +
            direct(4)[std::size_t(tokenOf(*model, 'W'))] - direct(4)[std::size_t(tokenOf(*model, 'Y'))];
        QVERIFY(std::abs(esm::scoreMutations(*model, kSequence, mutations, masked) - expected) < 1e-4);

        const auto wt = esm::scoreSequence(*model, kSequence, {});
        const double additive =
            wt.llr(1, esm::standardAminoAcidIndex('G')) + wt.llr(4, esm::standardAminoAcidIndex('W'));
        QVERIFY(std::abs(esm::scoreMutations(*model, kSequence, mutations, {}) - additive) < 1e-4);
    }

    void badMutationsAreExplained() {
        ESMX_EXPECT_ERROR(esm::parseMutations("A2G", "MKT"), "residue 2 is K, not A");
        ESMX_EXPECT_ERROR(esm::parseMutations("M9G", "MKT"), "outside the sequence (1-3)");
        ESMX_EXPECT_ERROR(esm::parseMutations("M1", "MKT"), "should look like A12G");
        ESMX_EXPECT_ERROR(esm::parseMutations("MxG", "MKT"), "should look like A12G");
        ESMX_EXPECT_ERROR(esm::parseMutations("M1J", "MKT"), "'J' is not one of the 20");
        ESMX_EXPECT_ERROR(esm::parseMutations("M1G:M1A", "MKT"), "changes position 1 twice");
        ESMX_EXPECT_ERROR(esm::parseMutations("M1G:", "MKT"), "should look like A12G");
    }

    void windowsCoverLongSequencesWithBlendedWeights() {
        for (int length : {1022, 1023, 1500, 2100, 2600, 5000}) {
            const auto windows = esm::tileSequence(length, 1022, 511);
            std::vector<double> total(std::size_t(length), 0.0);
            for (const auto& w : windows) {
                QVERIFY(w.begin >= 0 && w.end <= length && w.end - w.begin <= 1022);
                for (int k = 0; k < w.end - w.begin; ++k)
                    total[std::size_t(w.begin + k)] += w.weights[std::size_t(k)];
            }
            for (double t : total)
                QVERIFY(std::abs(t - 1.0) < 1e-9);
            QCOMPARE(windows.front().begin, 0);
            QCOMPARE(windows.back().end, length);
            if (length >= 1500) {
                // Inner edges fade out: a position near the first window's end is mostly scored by the next.
                QVERIFY(windows.front().weights[1020] < 0.05);
                QVERIFY(windows.front().weights[100] > 0.999);
            }
        }
        QCOMPARE(esm::tileSequence(1500, 1022, 511).size(), std::size_t(2));
        QCOMPARE(esm::tileSequence(2600, 1022, 511).size(), std::size_t(5)); // both ends, then a centred one
        ESMX_EXPECT_ERROR(esm::tileSequence(100, 20, 20), "overlap < window");
    }

    void longSequencesAreScoredInWindows() {
        const auto model = load("esm2_tiny");
        esm::ScoreOptions options;
        options.window = 20;
        options.minOverlap = 10;
        const auto scores = esm::scoreSequence(*model, kSequence, options);
        const auto windows = esm::tileSequence(int(kSequence.size()), 20, 10);
        QCOMPARE(scores.windows, int(windows.size()));
        QVERIFY(scores.windows > 2);
        // Each position's value lies between those of the windows that hold it (a weighted mean),
        // and positions only one window holds take exactly its value.
        for (int i = 0; i < scores.length(); ++i) {
            std::vector<std::vector<double>> seen;
            for (const auto& w : windows)
                if (i >= w.begin && i < w.end && w.weights[std::size_t(i - w.begin)] > 1e-12) {
                    const std::string part =
                        kSequence.substr(std::size_t(w.begin), std::size_t(w.end - w.begin));
                    seen.push_back(
                        logSoftmaxRow(model->forward({model->encode(part)}, {}).front(), i - w.begin + 1));
                }
            for (int k = 0; k < 20; ++k) {
                const auto token = std::size_t(tokenOf(*model, esm::kStandardAminoAcids[std::size_t(k)]));
                double lo = 1e9, hi = -1e9;
                for (const auto& s : seen)
                    lo = std::min(lo, s[token]), hi = std::max(hi, s[token]);
                QVERIFY2(scores.logProb(i, k) > lo - 2e-5 && scores.logProb(i, k) < hi + 2e-5,
                         qPrintable(QString::number(i)));
            }
        }
        // Beyond the model's own limit without windows it would fail; with them it is scored.
        ESMX_EXPECT_ERROR(esm::scoreSequence(*load("esm1b_tiny"), kSequence,
                                             {esm::ScoreMode::WildTypeMarginal, 8, 2000, 0, {}}),
                          "longer than the 1022 this model takes");
    }

    void classifiersCannotScoreResidues() {
        ESMX_EXPECT_ERROR(esm::scoreSequence(*load("esm2_seqcls_tiny"), kSequence, {}),
                          "not a masked language model");
    }

    void cancellingStopsBetweenPasses() {
        const auto model = load("esm2_tiny");
        esm::CancelFlag flag;
        int reports = 0;
        const esm::Progress progress{[&](std::int64_t, std::int64_t, const std::string&) {
                                         if (++reports == 3)
                                             flag.cancel();
                                     },
                                     flag.poller()};
        esm::ScoreOptions options;
        options.mode = ScoreMode::MaskedMarginal;
        options.maskedPerForward = 2;
        bool cancelled = false;
        try {
            esm::scoreSequence(*model, kSequence, options, progress);
        } catch (const esm::Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QCOMPARE(reports, 3);
    }
};

QTEST_GUILESS_MAIN(TestVariantScores)
#include "test_variant_scores.moc"
