// esmx embed: language-model outputs of every record into one safetensors file.
#include "args.h"
#include "commands.h"
#include "inputs.h"
#include "model_argument.h"
#include "progress_printer.h"

#include "core/base/error.h"
#include "core/nn/checkpoint/safetensors.h"
#include "core/pipeline/batching.h"
#include "core/pipeline/language_model.h"

#include <cstring>
#include <iostream>

namespace cli {
namespace {

using Planned = esm::SafetensorsStreamWriter::Planned;

// What each record contributes, in the order it will be written. input_ids (int64) come first so
// that every tensor of the file starts at a multiple of its element size.
std::vector<Planned> planOutputs(const std::vector<InputRecord>& records,
                                 const std::vector<std::vector<long>>& ids,
                                 const std::vector<std::vector<std::size_t>>& batches,
                                 const esm::LanguageModel& model, esm::ElementType type) {
    std::vector<Planned> plan;
    for (std::size_t i = 0; i < records.size(); ++i)
        plan.push_back({records[i].id + "/input_ids", esm::ElementType::I64, {std::int64_t(ids[i].size())}});
    for (const auto& batch : batches)
        for (std::size_t i : batch) {
            const auto shapes = model.outputShapes(std::int64_t(ids[i].size()));
            const std::string& id = records[i].id;
            if (!shapes.logits.empty())
                plan.push_back({id + "/logits", type, shapes.logits});
            plan.push_back({id + "/last_hidden_state", type, shapes.lastHiddenState});
            plan.push_back({id + "/hidden_states", type, shapes.hiddenStates});
            plan.push_back({id + "/contacts", type, shapes.contacts});
        }
    return plan;
}

esm::OwnedTensor named(std::string name, const esm::OwnedTensor& t) {
    esm::OwnedTensor copy = t;
    copy.name = std::move(name);
    return copy;
}

} // namespace

int runEmbed(const Arguments& arguments) {
    Args args("embed", "--model DIR (--fasta FILE | --sequence SEQ ...) --out OUT.safetensors [options]",
              "Runs an ESM language model on each record and writes, unpadded, ID/input_ids, ID/logits,\n"
              "ID/last_hidden_state, ID/hidden_states [layers+1, T, H] and ID/contacts [L, L] (T = L + 2).");
    addModelOption(args, "HuggingFace model folder (config.json, weights, vocab.txt)");
    addSequenceOptions(args);
    args.option("out", "OUT.safetensors", "output file (written atomically)");
    addRuntimeOptions(args, kLanguageModelDtypes);
    args.option("max-tokens-per-batch", "N", "padded tokens per forward pass", "4096");
    args.parse(arguments);

    const auto records = readInputRecords(args, Chains::Single, Tokens::SpecialAllowed);
    const std::string out = args.value("out");
    const int maxTokens = args.integer("max-tokens-per-batch", 1);
    const esm::RuntimeOptions options = runtimeOptions(args);
    ProgressPrinter printer("embed");
    const auto model =
        esm::LanguageModel::load(modelFolder(args, printer.progress()), options, printer.progress());

    std::vector<std::vector<long>> ids;
    std::vector<std::size_t> lengths;
    for (const auto& r : records) {
        try {
            ids.push_back(model->encode(r.sequence));
        } catch (const std::exception& e) {
            throw esm::Error("record '" + r.id + "': " + e.what());
        }
        lengths.push_back(ids.back().size());
    }
    const auto batches = esm::planBatches(lengths, static_cast<std::size_t>(maxTokens));
    const auto type = options.dtype == "float64" ? esm::ElementType::F64 : esm::ElementType::F32;
    esm::SafetensorsStreamWriter writer(
        out, planOutputs(records, ids, batches, *model, type),
        {{"model", model->info().folder.string()}, {"dtype", model->info().computeType}});
    for (std::size_t i = 0; i < records.size(); ++i) {
        std::vector<std::int64_t> values(ids[i].begin(), ids[i].end());
        esm::OwnedTensor t{
            records[i].id + "/input_ids", esm::ElementType::I64, {std::int64_t(values.size())}, {}};
        t.bytes.resize(values.size() * 8);
        std::memcpy(t.bytes.data(), values.data(), t.bytes.size());
        writer.write(t);
    }
    std::size_t done = 0;
    for (const auto& batch : batches) {
        std::vector<std::vector<long>> batchIds;
        for (std::size_t i : batch)
            batchIds.push_back(ids[i]);
        const auto outputs = model->forward(batchIds, {true, false, true}, printer.progress());
        for (std::size_t k = 0; k < batch.size(); ++k) {
            const std::string& id = records[batch[k]].id;
            if (!outputs[k].logits.bytes.empty())
                writer.write(named(id + "/logits", outputs[k].logits));
            writer.write(named(id + "/last_hidden_state", outputs[k].lastHiddenState));
            writer.write(named(id + "/hidden_states", outputs[k].hiddenStates));
            writer.write(named(id + "/contacts", outputs[k].contacts));
        }
        done += batch.size();
        printer.note(std::to_string(done) + "/" + std::to_string(records.size()) + " records");
    }
    writer.commit();
    return 0;
}

} // namespace cli
