// esmx fold-summary: after a fold run (one process or a Slurm job array writing into one folder),
// checks that every input record has exactly one result or a recorded failure and tabulates them.
#include "args.h"
#include "commands.h"
#include "inputs.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/base/json_text.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <map>

namespace cli {
namespace {

namespace fs = std::filesystem;

struct Row {
    std::string id;
    std::size_t length = 0;
    std::optional<double> meanPlddt, ptm;
    std::string status; // ok, failed, missing, conflict, mismatch
    std::string note;   // the error of a failed record, or what is wrong
};

nlohmann::json readJson(const fs::path& path) {
    const std::string hint = " (an interrupted write? remove it and rerun the fold)";
    nlohmann::json json;
    try {
        json = esm::parseJsonText(esm::readFile(path), path.string());
    } catch (const esm::Error& e) {
        throw esm::Error(e.what() + hint);
    }
    if (!json.is_object())
        throw esm::Error(path.string() + ": not a JSON object" + hint);
    return json;
}

Row summarise(const InputRecord& record, const fs::path& folder) {
    Row row{record.id, 0, {}, {}, "ok", {}};
    for (char c : record.sequence)
        row.length += c != ':';
    const std::string stem = fileStemOf(record.id);
    const fs::path result = folder / (stem + ".json"), failure = folder / (stem + kFailedSuffix);
    const bool hasResult = fs::exists(result), hasFailure = fs::exists(failure);
    if (hasResult && hasFailure) {
        row.status = "conflict";
        row.note = "both " + result.filename().string() + " and " + failure.filename().string();
    } else if (hasResult) {
        const auto json = readJson(result);
        if (json.value("sequence", std::string()) != record.sequence) {
            row.status = "mismatch";
            row.note = result.filename().string() + " holds another sequence (a folder of another input?)";
        } else {
            row.meanPlddt = json.value("mean_plddt", 0.0);
            row.ptm = json.value("ptm", 0.0);
        }
    } else if (hasFailure) {
        row.status = "failed";
        row.note = readJson(failure).value("error", std::string("(no message)"));
    } else {
        row.status = "missing";
    }
    return row;
}

std::string number(const std::optional<double>& value) {
    if (!value)
        return {};
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", *value);
    return text;
}

void writeTables(const fs::path& tsv, const fs::path& json, const std::vector<Row>& rows,
                 const std::map<std::string, int>& counts) {
    esm::writeFileAtomically(tsv, [&](std::ostream& out) {
        out << "id\tlength\tmean_plddt\tptm\tstatus\n";
        for (const auto& r : rows)
            out << r.id << '\t' << r.length << '\t' << number(r.meanPlddt) << '\t' << number(r.ptm) << '\t'
                << r.status << '\n';
    });
    nlohmann::json records = nlohmann::json::array();
    for (const auto& r : rows) {
        nlohmann::json item{{"id", r.id}, {"length", r.length}, {"status", r.status}};
        item["mean_plddt"] = r.meanPlddt ? nlohmann::json(*r.meanPlddt) : nlohmann::json();
        item["ptm"] = r.ptm ? nlohmann::json(*r.ptm) : nlohmann::json();
        if (!r.note.empty())
            item["error"] = r.note;
        records.push_back(std::move(item));
    }
    esm::writeFileAtomically(json, nlohmann::json{{"records", records}, {"counts", counts}}.dump(2) + "\n");
}

} // namespace

int runFoldSummary(const Arguments& arguments) {
    Args args(
        "fold-summary", "(--fasta FILE | --sequence SEQ ...) --out-dir DIR [--tsv FILE] [--json FILE]",
        "Checks the folder esmx fold wrote (in one process or as a Slurm job array) against its input:\n"
        "every record must have exactly one result (ID.json) or a recorded failure (ID.failed.json).\n"
        "Writes one table, id, length, mean_plddt, ptm, status (ok, failed, missing, conflict, mismatch),\n"
        "as DIR/summary.tsv and DIR/summary.json. Exits 1 when a record is missing or inconsistent, so a\n"
        "pipeline stops before using an incomplete proteome; failed records are accounted for.");
    addSequenceOptions(args);
    args.option("out-dir", "DIR", "the folder esmx fold wrote");
    args.option("tsv", "FILE", "the table as TSV (default DIR/summary.tsv)");
    args.option("json", "FILE", "the table as JSON (default DIR/summary.json)");
    args.parse(arguments);

    const auto records = readInputRecords(args, Chains::Allowed);
    const fs::path folder = args.value("out-dir");
    if (!fs::is_directory(folder))
        throw esm::Error(folder.string() + ": no such folder (the --out-dir of esmx fold)");
    std::vector<Row> rows;
    std::map<std::string, int> counts{
        {"ok", 0}, {"failed", 0}, {"missing", 0}, {"conflict", 0}, {"mismatch", 0}};
    for (const auto& record : records) {
        rows.push_back(summarise(record, folder));
        ++counts[rows.back().status];
    }
    writeTables(args.has("tsv") ? fs::path(args.value("tsv")) : folder / "summary.tsv",
                args.has("json") ? fs::path(args.value("json")) : folder / "summary.json", rows, counts);
    std::cerr << "esmx fold-summary: " << records.size() << " records: " << counts["ok"] << " folded, "
              << counts["failed"] << " failed, " << counts["missing"] << " missing, "
              << counts["conflict"] + counts["mismatch"] << " inconsistent\n";
    for (const auto& r : rows)
        if (r.status != "ok" && r.status != "failed")
            std::cerr << "esmx fold-summary: " << r.id << ": " << r.status
                      << (r.note.empty() ? "" : " (" + r.note + ")") << '\n';
    return counts["missing"] + counts["conflict"] + counts["mismatch"] > 0 ? 1 : 0;
}

} // namespace cli
