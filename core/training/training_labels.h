// The five training tasks of `esmx train`, what each reads from a label cell, and the label set:
// given (--labels), the model's own (id2label of a trained head), else the sorted distinct labels.
#pragma once

#include "core/training/training_table.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace esm {

enum class TrainingTask {
    SequenceClassification,
    SequenceRegression,
    MultiLabel,
    TokenClassification,
    MaskedLM
};

// The command line's names: sequence-classification, sequence-regression, multi-label,
// token-classification, masked-lm; Error otherwise.
TrainingTask parseTrainingTask(const std::string& name);
std::string trainingTaskName(TrainingTask task);
// EsmForSequenceClassification, EsmForTokenClassification or EsmForMaskedLM.
std::string architectureOf(TrainingTask task);
// config.json's problem_type for the sequence tasks; empty for the others.
std::string problemTypeOf(TrainingTask task);
// The task a trained model folder was trained for, from its architecture and problem_type.
std::optional<TrainingTask> taskOfModel(const std::string& architecture, const std::string& problemType,
                                        int numLabels);

// A classifier's head has a row per label: beyond this many, a column of ids or free text was taken
// for labels (and the head would not fit in memory). Training tables and adapters' labels.json alike.
constexpr std::size_t kMostLabels = 100000;

struct LabelSet {
    std::vector<std::string> names;             // id -> name
    int indexOf(const std::string& name) const; // -1 when absent
    std::map<int, std::string> id2label() const;
};

// `given`: --labels (empty when not given); `model`: the head's id2label when the model already
// has a head for this task (empty otherwise). Regression has one output; masked LM none.
LabelSet chooseLabels(TrainingTask task, const TrainingTable& table, const std::vector<std::string>& given,
                      const std::map<int, std::string>& model);

// One row's training target.
struct LabelledSequence {
    std::string id, sequence;
    int classId = -1;                // sequence classification
    float value = 0.0f;              // regression
    std::vector<float> multiHot;     // multi-label: 1 per label present
    std::vector<int> residueClasses; // token classification: one per residue
};

// Every row's label checked against the label set: Error "file:line: ..." for a label not in the
// set, a regression label that is not a number, a residue label string of the wrong length.
std::vector<LabelledSequence> encodeLabels(TrainingTask task, const TrainingTable& table,
                                           const LabelSet& labels);

// A token-classification label cell: space-separated names, else one character per residue.
std::vector<std::string> residueLabelsOf(const std::string& cell);

// sklearn's "balanced" weights, n_samples / (n_classes * count), for the classification tasks
// (residues are the samples of token classification); empty for the others.
std::vector<double> balancedClassWeights(TrainingTask task, const std::vector<LabelledSequence>& rows,
                                         std::size_t classes);

} // namespace esm
