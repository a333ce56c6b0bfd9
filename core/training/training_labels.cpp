#include "core/training/training_labels.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace esm {
namespace {

struct TaskNames {
    TrainingTask task;
    const char* name;
    const char* architecture;
    const char* problemType;
};

constexpr TaskNames kTasks[] = {
    {TrainingTask::SequenceClassification, "sequence-classification", "EsmForSequenceClassification",
     "single_label_classification"},
    {TrainingTask::SequenceRegression, "sequence-regression", "EsmForSequenceClassification", "regression"},
    {TrainingTask::MultiLabel, "multi-label", "EsmForSequenceClassification", "multi_label_classification"},
    {TrainingTask::TokenClassification, "token-classification", "EsmForTokenClassification", ""},
    {TrainingTask::MaskedLM, "masked-lm", "EsmForMaskedLM", ""},
};

const TaskNames& namesOf(TrainingTask task) {
    return *std::find_if(std::begin(kTasks), std::end(kTasks),
                         [&](const TaskNames& t) { return t.task == task; });
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator)) {
        const auto first = part.find_first_not_of(" \t");
        if (first != std::string::npos)
            parts.push_back(part.substr(first, part.find_last_not_of(" \t") - first + 1));
    }
    return parts;
}

std::vector<std::string> labelsOfRow(TrainingTask task, const std::string& cell) {
    switch (task) {
    case TrainingTask::SequenceClassification:
        return {cell};
    case TrainingTask::MultiLabel:
        return split(cell, ';');
    case TrainingTask::TokenClassification:
        return residueLabelsOf(cell);
    default:
        return {};
    }
}

std::string at(const TrainingTable& table, const TrainingRow& row) {
    return table.source.string() + ":" + std::to_string(row.line);
}

// A label's id: its name, else (for a label set named otherwise) the id written as a number.
int classOf(const LabelSet& labels, const std::string& name, const std::string& where) {
    const int index = labels.indexOf(name);
    if (index >= 0)
        return index;
    if (!name.empty() && name.size() < 8 &&
        std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }))
        if (const int id = std::stoi(name); id < int(labels.names.size()))
            return id;
    throw Error(where + ": label '" + name + "' is not one of the " + std::to_string(labels.names.size()) +
                " labels (" +
                [&] {
                    std::string all;
                    for (std::size_t i = 0; i < labels.names.size() && i < 12; ++i)
                        all += (i ? ", " : "") + labels.names[i];
                    return labels.names.size() > 12 ? all + ", ..." : all;
                }() +
                ")");
}

constexpr std::size_t kLongestLabel = 1000;

LabelSet checkedLabels(std::vector<std::string> names, const std::string& where) {
    if (names.size() > kMostLabels)
        throw Error(where + " " + std::to_string(names.size()) + " labels, more than " +
                    std::to_string(kMostLabels) + " (is the label column free text or ids?)");
    for (const std::string& name : names)
        if (name.empty() || name.size() > kLongestLabel)
            throw Error(where + " a label that is empty or longer than " + std::to_string(kLongestLabel) +
                        " characters");
    return {std::move(names)};
}

} // namespace

TrainingTask parseTrainingTask(const std::string& name) {
    for (const TaskNames& t : kTasks)
        if (name == t.name)
            return t.task;
    throw Error(
        "unknown task '" + name +
        "' (sequence-classification, sequence-regression, multi-label, token-classification, masked-lm)");
}

std::string trainingTaskName(TrainingTask task) {
    return namesOf(task).name;
}
std::string architectureOf(TrainingTask task) {
    return namesOf(task).architecture;
}
std::string problemTypeOf(TrainingTask task) {
    return namesOf(task).problemType;
}

std::optional<TrainingTask> taskOfModel(const std::string& architecture, const std::string& problemType,
                                        int numLabels) {
    if (architecture == "EsmForTokenClassification")
        return TrainingTask::TokenClassification;
    if (architecture == "EsmForMaskedLM")
        return TrainingTask::MaskedLM;
    if (architecture != "EsmForSequenceClassification")
        return std::nullopt;
    if (problemType == "regression" || (problemType.empty() && numLabels == 1))
        return TrainingTask::SequenceRegression;
    if (problemType == "multi_label_classification")
        return TrainingTask::MultiLabel;
    return TrainingTask::SequenceClassification;
}

int LabelSet::indexOf(const std::string& name) const {
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

std::map<int, std::string> LabelSet::id2label() const {
    std::map<int, std::string> out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out[static_cast<int>(i)] = names[i];
    return out;
}

std::vector<std::string> residueLabelsOf(const std::string& cell) {
    if (cell.find(' ') != std::string::npos)
        return split(cell, ' ');
    std::vector<std::string> out;
    for (char c : cell)
        out.emplace_back(1, c);
    return out;
}

LabelSet chooseLabels(TrainingTask task, const TrainingTable& table, const std::vector<std::string>& given,
                      const std::map<int, std::string>& model) {
    if (task == TrainingTask::MaskedLM)
        return {};
    if (task == TrainingTask::SequenceRegression)
        return {{model.size() == 1 ? model.begin()->second : "LABEL_0"}};
    if (!given.empty()) {
        const std::set<std::string> distinct(given.begin(), given.end());
        if (distinct.size() != given.size())
            throw Error("--labels names a label twice");
        return checkedLabels(given, "--labels gives");
    }
    if (!model.empty()) {
        LabelSet labels;
        for (const auto& [id, name] : model)
            labels.names.push_back(name);
        return labels;
    }
    std::set<std::string> distinct;
    for (const TrainingRow& row : table.rows)
        for (std::string& name : labelsOfRow(task, row.label))
            distinct.insert(std::move(name));
    if (task != TrainingTask::MultiLabel && distinct.size() < 2)
        throw Error(table.source.string() +
                    ": every row has the same label; a classifier needs at least two");
    return checkedLabels(std::vector<std::string>(distinct.begin(), distinct.end()),
                         table.source.string() + " has");
}

std::vector<LabelledSequence> encodeLabels(TrainingTask task, const TrainingTable& table,
                                           const LabelSet& labels) {
    std::vector<LabelledSequence> out;
    for (const TrainingRow& row : table.rows) {
        const std::string where = at(table, row);
        LabelledSequence item;
        item.id = row.id;
        item.sequence = row.sequence;
        switch (task) {
        case TrainingTask::SequenceClassification:
            item.classId = classOf(labels, row.label, where);
            break;
        case TrainingTask::SequenceRegression: {
            std::size_t used = 0;
            double value = 0;
            try {
                value = std::stod(row.label, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used != row.label.size() || !std::isfinite(value))
                throw Error(where + ": regression label '" + row.label + "' is not a number");
            item.value = static_cast<float>(value);
            break;
        }
        case TrainingTask::MultiLabel:
            item.multiHot.assign(labels.names.size(), 0.0f);
            for (const std::string& name : split(row.label, ';'))
                item.multiHot[static_cast<std::size_t>(classOf(labels, name, where))] = 1.0f;
            break;
        case TrainingTask::TokenClassification: {
            const std::vector<std::string> names = residueLabelsOf(row.label);
            if (names.size() != row.sequence.size())
                throw Error(where + ": " + std::to_string(names.size()) +
                            " residue labels for a sequence of " + std::to_string(row.sequence.size()) +
                            " residues");
            for (const std::string& name : names)
                item.residueClasses.push_back(classOf(labels, name, where));
            break;
        }
        case TrainingTask::MaskedLM:
            break;
        }
        out.push_back(std::move(item));
    }
    return out;
}

std::vector<double> balancedClassWeights(TrainingTask task, const std::vector<LabelledSequence>& rows,
                                         std::size_t classes) {
    if (task != TrainingTask::SequenceClassification && task != TrainingTask::TokenClassification)
        return {};
    std::vector<double> counts(classes, 0.0);
    double samples = 0;
    for (const LabelledSequence& row : rows) {
        if (task == TrainingTask::SequenceClassification)
            counts[static_cast<std::size_t>(row.classId)] += 1;
        for (int c : row.residueClasses)
            counts[static_cast<std::size_t>(c)] += 1;
    }
    for (double c : counts)
        samples += c;
    std::vector<double> weights;
    for (double c : counts)
        weights.push_back(c > 0 ? samples / (static_cast<double>(classes) * c) : 0.0);
    return weights;
}

} // namespace esm
