// Label strings as `esmx train --labels A,B,C` and a training table's label cells give them: the first
// line is the --labels value (split at commas as the command line splits it), the rest a CSV table
// whose labels are encoded for every task against that label set.
#include "FuzzInput.h"

#include "core/training/training_labels.h"
#include "core/training/training_table.h"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input = fuzzinput::text(data, size);
    const std::size_t end = std::min(input.find('\n'), input.size());
    std::vector<std::string> given;
    std::stringstream list(input.substr(0, end));
    for (std::string item; std::getline(list, item, ',');)
        if (!item.empty())
            given.push_back(item);
    const std::string path =
        fuzzinput::asFile(data + std::min(end + 1, size), size - std::min(end + 1, size), ".csv");
    return fuzzinput::expectReadOrRefusal([&] {
        const esm::TrainingTable table = esm::readTrainingTable(path, true);
        for (esm::TrainingTask task :
             {esm::TrainingTask::SequenceClassification, esm::TrainingTask::MultiLabel,
              esm::TrainingTask::TokenClassification}) {
            try {
                const esm::LabelSet labels = esm::chooseLabels(task, table, given, {});
                esm::encodeLabels(task, table, labels);
            } catch (const esm::Error&) {
                // one task's refusal; the others still run
            }
        }
        for (const esm::TrainingRow& row : table.rows)
            esm::residueLabelsOf(row.label);
    });
}
