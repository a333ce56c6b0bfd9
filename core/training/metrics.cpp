#include "core/training/metrics.h"

#include "core/training/training_labels.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace esm {
namespace {

std::vector<double> ranks(const std::vector<double>& values) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> out(values.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]])
            ++j;
        const double mean = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
        for (std::size_t k = i; k <= j; ++k)
            out[order[k]] = mean;
        i = j + 1;
    }
    return out;
}

double f1(double truePositives, double falsePositives, double falseNegatives) {
    const double denominator = 2 * truePositives + falsePositives + falseNegatives;
    return denominator > 0 ? 2 * truePositives / denominator : 0.0;
}

} // namespace

double accuracy(const std::vector<int>& predicted, const std::vector<int>& truth) {
    if (truth.empty())
        return 0.0;
    std::size_t right = 0;
    for (std::size_t i = 0; i < truth.size(); ++i)
        right += predicted[i] == truth[i];
    return static_cast<double>(right) / static_cast<double>(truth.size());
}

double macroF1(const std::vector<int>& predicted, const std::vector<int>& truth) {
    std::set<int> classes(truth.begin(), truth.end());
    classes.insert(predicted.begin(), predicted.end());
    if (classes.empty())
        return 0.0;
    double sum = 0;
    for (int c : classes) {
        double tp = 0, fp = 0, fn = 0;
        for (std::size_t i = 0; i < truth.size(); ++i) {
            tp += predicted[i] == c && truth[i] == c;
            fp += predicted[i] == c && truth[i] != c;
            fn += predicted[i] != c && truth[i] == c;
        }
        sum += f1(tp, fp, fn);
    }
    return sum / static_cast<double>(classes.size());
}

double microF1(const std::vector<std::vector<bool>>& predicted, const std::vector<std::vector<bool>>& truth) {
    double tp = 0, fp = 0, fn = 0;
    for (std::size_t i = 0; i < truth.size(); ++i)
        for (std::size_t k = 0; k < truth[i].size(); ++k) {
            tp += predicted[i][k] && truth[i][k];
            fp += predicted[i][k] && !truth[i][k];
            fn += !predicted[i][k] && truth[i][k];
        }
    return f1(tp, fp, fn);
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() < 2)
        return 0.0;
    const std::vector<double> rx = ranks(x), ry = ranks(y);
    const double n = static_cast<double>(x.size());
    const double mx = std::accumulate(rx.begin(), rx.end(), 0.0) / n;
    const double my = std::accumulate(ry.begin(), ry.end(), 0.0) / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < rx.size(); ++i) {
        sxy += (rx[i] - mx) * (ry[i] - my);
        sxx += (rx[i] - mx) * (rx[i] - mx);
        syy += (ry[i] - my) * (ry[i] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

int argmax(const std::vector<float>& row) {
    return static_cast<int>(std::max_element(row.begin(), row.end()) - row.begin());
}

std::map<std::string, double> taskMetrics(TrainingTask task, const std::vector<ExampleLogits>& logits,
                                          const std::vector<LabelledSequence>& truth) {
    std::vector<int> predicted, expected;
    switch (task) {
    case TrainingTask::SequenceClassification:
        for (std::size_t i = 0; i < truth.size(); ++i) {
            predicted.push_back(argmax(logits[i].rows.front()));
            expected.push_back(truth[i].classId);
        }
        break;
    case TrainingTask::TokenClassification:
        for (std::size_t i = 0; i < truth.size(); ++i)
            for (std::size_t k = 0; k < truth[i].residueClasses.size(); ++k) {
                predicted.push_back(argmax(logits[i].rows[k]));
                expected.push_back(truth[i].residueClasses[k]);
            }
        break;
    case TrainingTask::SequenceRegression: {
        std::vector<double> x, y;
        double squared = 0;
        for (std::size_t i = 0; i < truth.size(); ++i) {
            x.push_back(logits[i].rows.front().front());
            y.push_back(truth[i].value);
            squared += (x.back() - y.back()) * (x.back() - y.back());
        }
        return {{"eval_spearman", spearman(x, y)},
                {"eval_mse", truth.empty() ? 0.0 : squared / double(truth.size())}};
    }
    case TrainingTask::MultiLabel: {
        std::vector<std::vector<bool>> p, t;
        std::vector<int> flatP, flatT;
        for (std::size_t i = 0; i < truth.size(); ++i) {
            p.emplace_back();
            t.emplace_back();
            for (std::size_t k = 0; k < truth[i].multiHot.size(); ++k) {
                p.back().push_back(logits[i].rows.front()[k] > 0.0f); // sigmoid > 0.5
                t.back().push_back(truth[i].multiHot[k] > 0.5f);
                flatP.push_back(p.back().back());
                flatT.push_back(t.back().back());
            }
        }
        return {{"eval_accuracy", accuracy(flatP, flatT)}, {"eval_f1", microF1(p, t)}};
    }
    case TrainingTask::MaskedLM:
        return {};
    }
    return {{"eval_accuracy", accuracy(predicted, expected)}, {"eval_f1", macroF1(predicted, expected)}};
}

std::pair<std::string, bool> bestModelMetric(TrainingTask task) {
    switch (task) {
    case TrainingTask::SequenceClassification:
    case TrainingTask::TokenClassification:
        return {"eval_accuracy", true};
    case TrainingTask::SequenceRegression:
        return {"eval_spearman", true};
    case TrainingTask::MultiLabel:
        return {"eval_f1", true};
    case TrainingTask::MaskedLM:
        break;
    }
    return {"eval_loss", false};
}

} // namespace esm
