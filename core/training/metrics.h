// The evaluation metrics the ESM fine-tuning guides report, from plain predictions: accuracy and
// macro F1 for classes, Spearman's rank correlation for regression, micro F1 for multi-label.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace esm {

double accuracy(const std::vector<int>& predicted, const std::vector<int>& truth);
// The unweighted mean of each class's F1 over the classes that occur in truth or prediction.
double macroF1(const std::vector<int>& predicted, const std::vector<int>& truth);
// F1 over every (row, label) decision of a multi-label task.
double microF1(const std::vector<std::vector<bool>>& predicted, const std::vector<std::vector<bool>>& truth);
// Pearson's correlation of the ranks (ties share their mean rank); 0 when either side is constant.
double spearman(const std::vector<double>& x, const std::vector<double>& y);
// The index of a row's largest value (the first of equals): a classifier's predicted class.
int argmax(const std::vector<float>& row);

struct LabelledSequence;
enum class TrainingTask;

// A model's outputs for one example, as plain numbers: sequence tasks one row of `labels` logits;
// token classification one row per residue; masked LM unused (its metric is the loss).
struct ExampleLogits {
    std::vector<std::vector<float>> rows;
};

// eval_accuracy and eval_f1 (classification: macro F1; multi-label: micro F1 at probability 0.5,
// accuracy over every label decision), eval_spearman and eval_mse (regression).
std::map<std::string, double> taskMetrics(TrainingTask task, const std::vector<ExampleLogits>& logits,
                                          const std::vector<LabelledSequence>& truth);
// The metric a run keeps its best model by, and whether greater is better.
std::pair<std::string, bool> bestModelMetric(TrainingTask task);

} // namespace esm
