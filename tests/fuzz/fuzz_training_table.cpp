// Training tables as esmx train and the Train dialog read them (CSV, with the labels of every task).
#include "FuzzInput.h"

#include "core/training/training_labels.h"
#include "core/training/training_table.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = fuzzinput::asFile(data, size, ".csv");
    return fuzzinput::expectReadOrRefusal([&] {
        const esm::TrainingTable table = esm::readTrainingTable(path, true);
        for (esm::TrainingTask task :
             {esm::TrainingTask::SequenceClassification, esm::TrainingTask::SequenceRegression,
              esm::TrainingTask::MultiLabel, esm::TrainingTask::TokenClassification}) {
            try {
                const esm::LabelSet labels = esm::chooseLabels(task, table, {}, {});
                const auto rows = esm::encodeLabels(task, table, labels);
                esm::balancedClassWeights(task, rows, labels.names.size());
            } catch (const esm::Error&) {
                // one task's refusal; the others still run
            }
        }
    });
}
