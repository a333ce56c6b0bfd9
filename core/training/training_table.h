// Training data as users write it: a CSV or TSV file with a header naming `sequence` and `label`
// (other columns, such as `id`, are kept for predictions), or FASTA for masked-LM training. Every
// problem is an Error naming the file and line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace esm {

struct TrainingRow {
    int line = 0;                   // 1-based line of the file where the row starts
    std::string id;                 // the `id` column, the FASTA id, else "row<N>"
    std::string sequence;           // upper-case residues, one chain
    std::string label;              // as written; empty for FASTA
    std::vector<std::string> cells; // every column, in the header's order
};

struct TrainingTable {
    std::filesystem::path source;
    std::vector<std::string> columns; // the header (FASTA: id, sequence)
    std::vector<TrainingRow> rows;
};

// `needsLabels`: the `label` column must exist and no label may be empty.
TrainingTable readTrainingTable(const std::filesystem::path& path, bool needsLabels);
TrainingTable readTrainingFasta(const std::filesystem::path& path);

// A table's rows split into cells: RFC 4180 quoting, `delimiter` between cells; the line each row
// starts on. Error on an unterminated quote.
struct DelimitedRow {
    int line = 0;
    std::vector<std::string> cells;
};
std::vector<DelimitedRow> splitDelimited(const std::string& text, char delimiter, const std::string& source);

} // namespace esm
