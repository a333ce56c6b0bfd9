// esmx predict: a trained sequence- or token-classification (or regression) model, or a base
// model with a PEFT LoRA adapter, applied to sequences; TSV or JSON out, metrics when the input
// CSV has true labels.
#include "args.h"
#include "commands.h"
#include "inputs.h"
#include "model_argument.h"
#include "progress_printer.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/pipeline/task_predictor.h"
#include "core/training/metrics.h"
#include "core/training/training_table.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace cli {
namespace {

using esm::TrainingTask;

struct Inputs {
    std::vector<std::string> ids, sequences;
    std::vector<std::string> extraColumns;            // --csv columns other than id and sequence
    std::vector<std::vector<std::string>> extraCells; // per row
    std::optional<esm::TrainingTable> table;          // --csv, for true labels
};

Inputs readInputs(const Args& args) {
    Inputs in;
    if (args.has("csv")) {
        esm::TrainingTable table = esm::readTrainingTable(args.value("csv"), false);
        for (const std::string& column : table.columns)
            if (column != "id" && column != "sequence")
                in.extraColumns.push_back(column);
        for (const esm::TrainingRow& row : table.rows) {
            in.ids.push_back(row.id);
            in.sequences.push_back(row.sequence);
            in.extraCells.emplace_back();
            for (std::size_t c = 0; c < table.columns.size(); ++c)
                if (table.columns[c] != "id" && table.columns[c] != "sequence")
                    in.extraCells.back().push_back(row.cells[c]);
        }
        in.table = std::move(table);
        return in;
    }
    for (const InputRecord& r : readInputRecords(args, Chains::Single)) {
        in.ids.push_back(r.id);
        in.sequences.push_back(r.sequence);
        in.extraCells.emplace_back();
    }
    return in;
}

std::string formatted(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

// The label a row predicts: the argmax, or every label above 0.5 for multi-label.
std::string chosen(TrainingTask task, const std::vector<std::string>& labels, const std::vector<float>& row) {
    if (task != TrainingTask::MultiLabel)
        return labels[std::size_t(esm::argmax(row))];
    std::string out;
    for (std::size_t k = 0; k < row.size(); ++k)
        if (row[k] > 0.5f)
            out += (out.empty() ? "" : ";") + labels[k];
    return out;
}

std::string tsv(const esm::TaskPredictor& predictor, const Inputs& in,
                const std::vector<esm::Prediction>& predictions) {
    std::ostringstream out;
    const TrainingTask task = predictor.task();
    const auto& labels = predictor.labels();
    const bool tokens = task == TrainingTask::TokenClassification;
    const bool regression = task == TrainingTask::SequenceRegression;
    out << "id";
    if (tokens)
        out << "\tposition\tresidue";
    if (regression)
        out << "\tvalue";
    else {
        out << "\tlabel\tscore";
        for (const std::string& label : labels)
            out << '\t' << label;
    }
    for (const std::string& column : in.extraColumns)
        out << '\t' << column;
    out << '\n';
    for (std::size_t i = 0; i < predictions.size(); ++i) {
        const auto& rows = predictions[i].rows;
        for (std::size_t k = 0; k < rows.size(); ++k) {
            out << in.ids[i];
            if (tokens)
                out << '\t' << k + 1 << '\t' << in.sequences[i][k];
            if (regression)
                out << '\t' << formatted(rows[k].front());
            else {
                const std::string label = chosen(task, labels, rows[k]);
                const double score =
                    task == TrainingTask::MultiLabel ? 0.0 : rows[k][std::size_t(esm::argmax(rows[k]))];
                out << '\t' << label << '\t' << (task == TrainingTask::MultiLabel ? "" : formatted(score));
                for (float p : rows[k])
                    out << '\t' << formatted(p);
            }
            for (const std::string& cell : in.extraCells[i])
                out << '\t' << cell;
            out << '\n';
        }
    }
    return out.str();
}

std::string json(const esm::TaskPredictor& predictor, const Inputs& in,
                 const std::vector<esm::Prediction>& predictions) {
    nlohmann::json records = nlohmann::json::array();
    const auto& labels = predictor.labels();
    for (std::size_t i = 0; i < predictions.size(); ++i) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& row : predictions[i].rows)
            rows.push_back(
                predictor.task() == TrainingTask::SequenceRegression
                    ? nlohmann::json{{"value", row.front()}}
                    : nlohmann::json{{"label", chosen(predictor.task(), labels, row)}, {"scores", row}});
        records.push_back({{"id", in.ids[i]}, {"sequence", in.sequences[i]}, {"predictions", rows}});
    }
    return nlohmann::json{
        {"task", esm::trainingTaskName(predictor.task())}, {"labels", labels}, {"records", records}}
        .dump(2);
}

// Accuracy / F1 / Spearman against the --csv's `label` column, when it has one.
void printMetrics(const esm::TaskPredictor& predictor, const Inputs& in,
                  const std::vector<esm::Prediction>& predictions, const ProgressPrinter& printer) {
    if (!in.table ||
        std::find(in.table->columns.begin(), in.table->columns.end(), "label") == in.table->columns.end())
        return;
    esm::LabelSet labels{predictor.labels()};
    const auto truth = esm::encodeLabels(predictor.task(), *in.table, labels);
    std::vector<esm::ExampleLogits> outputs;
    for (const auto& p : predictions) {
        esm::ExampleLogits e{p.rows};
        if (predictor.task() == TrainingTask::MultiLabel) // metrics threshold logits at 0
            for (auto& row : e.rows)
                for (float& v : row)
                    v -= 0.5f;
        outputs.push_back(std::move(e));
    }
    for (const auto& [name, value] : esm::taskMetrics(predictor.task(), outputs, truth))
        printer.note(name.substr(5) + " " + formatted(value));
}

} // namespace

int runPredict(const Arguments& arguments) {
    Args args(
        "predict",
        "--model DIR|REPO [--adapter DIR] (--fasta FILE | --sequence SEQ ... | --csv FILE) --out FILE",
        "Applies a sequence- or token-classification (or regression) model to sequences: ours or one\n"
        "trained with HuggingFace, optionally with a PEFT LoRA adapter folder on its base model. Writes\n"
        "TSV (id, label, score, one column per label; token tasks one row per residue) or JSON.");
    addModelOption(args, "a trained model folder, or the base model of --adapter");
    args.option("adapter", "DIR",
                "a PEFT LoRA adapter folder (adapter_config.json, adapter_model.safetensors)");
    addSequenceOptions(args);
    args.option("csv", "FILE",
                "CSV/TSV with a 'sequence' column; other columns are kept, a 'label' column scored");
    args.option("out", "FILE", "FILE.tsv or FILE.json (written atomically)");
    args.option("batch-size", "N", "sequences per forward pass", "8");
    args.option("threads", "N", "CPU threads (0: every core)", "0");
    args.parse(arguments);

    const std::string out = args.value("out");
    const bool asJson = out.size() >= 5 && out.substr(out.size() - 5) == ".json";
    if (!asJson && !(out.size() >= 4 && out.substr(out.size() - 4) == ".tsv"))
        throw UsageError("--out must end in .tsv or .json");
    const Inputs in = readInputs(args);
    ProgressPrinter printer("predict");
    const auto predictor = esm::TaskPredictor::load(modelFolder(args, printer.progress()),
                                                    args.has("adapter") ? args.value("adapter") : "",
                                                    args.integer("threads", 0));
    const auto predictions = predictor->predict(in.sequences, args.integer("batch-size", 1));
    esm::writeFileAtomically(out,
                             asJson ? json(*predictor, in, predictions) : tsv(*predictor, in, predictions));
    printMetrics(*predictor, in, predictions, printer);
    return 0;
}

} // namespace cli
