// esmx fold: ESMFold structures, confidence JSON and optional raw tensors for every record.
#include "args.h"
#include "commands.h"
#include "inputs.h"
#include "model_argument.h"
#include "progress_printer.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/io/structure_files.h"
#include "core/nn/checkpoint/safetensors.h"
#include "core/pipeline/batching.h"
#include "core/pipeline/fold_input.h"
#include "core/pipeline/folder.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <set>

namespace cli {
namespace {

namespace fs = std::filesystem;

struct Shard {
    int index = 1, count = 1; // 1-based, as GNU split -n K/N
};

Shard parseShard(const std::string& text) {
    Shard s;
    const auto slash = text.find('/');
    auto number = [&](std::string_view part, int& value) {
        const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        return error == std::errc() && end == part.data() + part.size();
    };
    if (slash == std::string::npos || !number(std::string_view(text).substr(0, slash), s.index) ||
        !number(std::string_view(text).substr(slash + 1), s.count) || s.count < 1 || s.index < 1 ||
        s.index > s.count)
        throw UsageError("--shard needs K/N with 1 <= K <= N (e.g. 3/10), not '" + text + "'");
    return s;
}

struct OutputPlan {
    fs::path folder;
    bool pdb = true, cif = false, tensors = false;
    double plddtScale = 100;

    fs::path path(const std::string& stem, const char* extension) const {
        return folder / (stem + extension);
    }
    std::vector<fs::path> files(const std::string& stem) const {
        std::vector<fs::path> f{path(stem, ".json")};
        if (pdb)
            f.push_back(path(stem, ".pdb"));
        if (cif)
            f.push_back(path(stem, ".cif"));
        if (tensors)
            f.push_back(path(stem, ".safetensors"));
        return f;
    }
    bool complete(const std::string& stem) const {
        for (const auto& f : files(stem))
            if (!fs::exists(f))
                return false;
        return true;
    }
};

OutputPlan planOutputs(const Args& args) {
    OutputPlan plan;
    plan.folder = args.value("out-dir");
    std::error_code ec;
    fs::create_directories(plan.folder, ec);
    if (!fs::is_directory(plan.folder))
        throw esm::Error(plan.folder.string() + ": cannot create the output folder" +
                         (ec ? " (" + ec.message() + ")" : ""));
    plan.pdb = false;
    for (const auto& format : args.commaList("format")) {
        if (format == "pdb")
            plan.pdb = true;
        else if (format == "cif")
            plan.cif = true;
        else
            throw UsageError("--format takes pdb and/or cif, not '" + format + "'");
    }
    const std::string scale = args.value("plddt-scale");
    if (scale != "100" && scale != "1")
        throw UsageError("--plddt-scale is 100 (AlphaFold DB, fair-esm) or 1 (HuggingFace), not '" + scale +
                         "'");
    plan.plddtScale = scale == "1" ? 1.0 : 100.0;
    plan.tensors = args.has("dump-tensors");
    return plan;
}

// Rounded to `decimals` places so that JSON shows 17.49, not 17.490000000000002.
double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

nlohmann::json resultJson(const std::string& id, const esm::FoldResult& r) {
    nlohmann::json plddt = nlohmann::json::array(), pae = nlohmann::json::array();
    for (float v : r.plddt)
        plddt.push_back(rounded(v, 2));
    for (std::size_t i = 0; i < r.residues; ++i) {
        nlohmann::json row = nlohmann::json::array();
        for (std::size_t j = 0; j < r.residues; ++j)
            row.push_back(rounded(r.pae[i * r.residues + j], 2));
        pae.push_back(std::move(row));
    }
    return {{"id", id},
            {"sequence", r.sequence},
            {"mean_plddt", rounded(r.meanPlddt, 4)},
            {"ptm", rounded(r.ptm, 4)},
            {"plddt", plddt},
            {"pae", pae},
            {"max_pae", r.maxPae}};
}

void writeResult(const OutputPlan& plan, const std::string& id, esm::FoldResult& result) {
    const std::string stem = fileStemOf(id);
    result.structure.name = id;
    if (plan.pdb) {
        esm::PdbWriteOptions options;
        options.plddtScale = plan.plddtScale;
        options.huggingFaceLayout = plan.plddtScale == 1.0; // HuggingFace's to_pdb, byte for byte
        esm::writeStructureFile(plan.path(stem, ".pdb"), result.structure, options);
    }
    if (plan.cif)
        esm::writeStructureFile(plan.path(stem, ".cif"), result.structure);
    if (plan.tensors)
        esm::writeSafetensors(plan.path(stem, ".safetensors"), result.tensors,
                              {{"id", id}, {"sequence", result.sequence}});
    // The JSON goes last: its presence marks a record as done when a run is resumed.
    esm::writeFileAtomically(plan.path(stem, ".json"), resultJson(id, result).dump() + "\n");
    std::error_code ignored;
    fs::remove(plan.path(stem, kFailedSuffix), ignored); // an earlier attempt's failure no longer holds
}

// ID.failed.json records why a record has no result, for esmx fold-summary; a later run retries it.
void writeFailure(const OutputPlan& plan, const std::string& id, const std::string& message) {
    const nlohmann::json failure{{"id", id}, {"error", message}};
    esm::writeFileAtomically(plan.path(fileStemOf(id), kFailedSuffix), failure.dump() + "\n");
}

} // namespace

int runFold(const Arguments& arguments) {
    Args args(
        "fold", "--model DIR (--fasta FILE | --sequence SEQ ...) --out-dir DIR [options]",
        "Folds each record with ESMFold and writes ID.pdb (per-atom pLDDT in the B-factor column), ID.json\n"
        "(id, sequence, mean_plddt, ptm, per-residue plddt, pae, max_pae) and, when asked, ID.cif and the "
        "raw\n"
        "outputs ID.safetensors. ':' separates chains of a complex. Records are sorted by length into\n"
        "batches; finished records are skipped, so an interrupted run resumes. A record that fails gets\n"
        "ID.failed.json (id, error) instead, and is tried again by the next run. esmx fold-summary checks\n"
        "and tabulates a finished folder.");
    addModelOption(args, "HuggingFace ESMFold model (facebook/esmfold_v1)");
    addSequenceOptions(args);
    args.option("out-dir", "DIR", "folder for the outputs (created if missing)");
    args.option("recycles", "N", "recycles (N + 1 trunk passes); default: as HuggingFace infer()");
    args.option("chunk-size", "N", "triangular attention rows at a time (less memory, same result)");
    args.option("format", "pdb,cif", "structure formats to write", "pdb");
    args.option("plddt-scale", "100|1", "pLDDT scale in the B-factor column (1 writes HuggingFace's layout)",
                "100");
    addRuntimeOptions(args,
                      "float32, bfloat16, float16 (the ESM stem's weights kept in float16, as esmfold_v1 "
                      "stores them, and computed in float32), int8 (ESM stem layers as int8 GEMMs) or auto "
                      "(bfloat16 where the CPU has native bfloat16, else float16)");
    args.flag("dump-tensors", "also write every raw output as ID.safetensors");
    args.option("shard", "K/N", "fold only records K, K+N, K+2N, ... (1-based), to split a job array");
    args.option("max-tokens-per-batch", "N", "residues per batch (padded)", "1024");
    args.parse(arguments);

    auto records = readInputRecords(args, Chains::Allowed);
    const OutputPlan plan = planOutputs(args);
    esm::FoldOptions options;
    if (args.has("recycles"))
        options.recycles = args.integer("recycles", 0);
    if (args.has("chunk-size"))
        options.chunkSize = args.integer("chunk-size", 1);
    options.keepTensors = plan.tensors;
    const int maxTokens = args.integer("max-tokens-per-batch", 1);
    const Shard shard = args.has("shard") ? parseShard(args.value("shard")) : Shard{};

    std::vector<InputRecord> todo;
    std::set<std::string> stems;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!stems.insert(fileStemOf(records[i].id)).second)
            throw esm::Error("records '" + records[i].id + "' and another have the same file name " +
                             fileStemOf(records[i].id));
        if (static_cast<int>(i % static_cast<std::size_t>(shard.count)) != shard.index - 1)
            continue;
        if (plan.complete(fileStemOf(records[i].id)))
            std::cerr << "esmx fold: " << records[i].id << ": already done, skipped\n";
        else
            todo.push_back(records[i]);
    }
    if (todo.empty())
        return 0;

    ProgressPrinter printer("fold");
    const auto folder =
        esm::Folder::load(modelFolder(args, printer.progress()), runtimeOptions(args), printer.progress());
    std::vector<std::size_t> lengths;
    for (const auto& r : todo) {
        try {
            lengths.push_back(esm::encodeFoldInput(r.sequence).length());
        } catch (const esm::Error&) {
            lengths.push_back(0); // reported when its batch runs
        }
    }
    int failed = 0;
    std::size_t done = 0;
    for (const auto& batch : esm::planBatches(lengths, static_cast<std::size_t>(maxTokens))) {
        std::vector<std::string> sequences;
        for (std::size_t i : batch)
            sequences.push_back(todo[i].sequence);
        try {
            auto results = folder->fold(sequences, options, printer.progress());
            for (std::size_t k = 0; k < batch.size(); ++k) {
                const auto& record = todo[batch[k]];
                writeResult(plan, record.id, results[k]);
                char line[160];
                std::snprintf(line, sizeof line, "%s: %zu residues, mean pLDDT %.2f, pTM %.3f (%zu/%zu)",
                              record.id.c_str(), results[k].residues, results[k].meanPlddt, results[k].ptm,
                              ++done, todo.size());
                printer.note(line);
            }
        } catch (const esm::Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            // One bad record must not cost the others: report it and go on.
            for (std::size_t i : batch) {
                std::cerr << "esmx fold: " << todo[i].id << ": failed: " << e.what() << '\n';
                writeFailure(plan, todo[i].id, e.what());
                ++failed;
                ++done;
            }
        }
    }
    if (failed)
        std::cerr << "esmx fold: " << failed << " of " << todo.size() << " record(s) failed\n";
    return failed ? 1 : 0;
}

} // namespace cli
