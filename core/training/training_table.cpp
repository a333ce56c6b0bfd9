#include "core/training/training_table.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/io/fasta.h"
#include "core/structure/sequence.h"

#include <algorithm>

namespace esm {
namespace {

std::string where(const std::filesystem::path& path, int line) {
    return path.string() + ":" + std::to_string(line);
}

char delimiterOf(const std::filesystem::path& path, const std::string& text) {
    const std::string extension = path.extension().string();
    if (extension == ".tsv" || extension == ".tab")
        return '\t';
    if (extension == ".csv")
        return ',';
    const std::string header = text.substr(0, text.find('\n'));
    return header.find('\t') != std::string::npos ? '\t' : ',';
}

int columnOf(const std::vector<std::string>& header, const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

bool blank(const DelimitedRow& row) {
    return std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& c) {
        return c.find_first_not_of(" \t\r") == std::string::npos;
    });
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// One chain of residues: white space dropped, letters upper-cased; Error names the residue.
std::string residuesOf(const std::string& text, const std::string& at) {
    try {
        const Sequence sequence = Sequence::parse(text, Sequence::Mode::Tolerant);
        if (sequence.chainCount() > 1)
            throw Error("one chain per row (':' separates chains, which training does not take)");
        if (sequence.empty())
            throw Error("empty sequence");
        return sequence.text();
    } catch (const Error& e) {
        throw Error(at + ": sequence: " + e.what());
    }
}

} // namespace

std::vector<DelimitedRow> splitDelimited(const std::string& text, char delimiter, const std::string& source) {
    std::vector<DelimitedRow> rows;
    DelimitedRow row{1, {}};
    std::string cell;
    int line = 1;
    bool quoted = false, cellStarted = false;
    auto endCell = [&] {
        row.cells.push_back(std::move(cell));
        cell.clear();
        cellStarted = false;
    };
    auto endRow = [&] {
        endCell();
        rows.push_back(std::move(row));
        row = DelimitedRow{line, {}};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n')
                    ++line;
                cell += c;
            }
        } else if (c == '"' && !cellStarted) {
            quoted = cellStarted = true;
        } else if (c == delimiter) {
            endCell();
        } else if (c == '\n') {
            ++line;
            if (!cell.empty() && cell.back() == '\r')
                cell.pop_back();
            endRow();
        } else {
            cell += c;
            cellStarted = true;
        }
    }
    if (quoted)
        throw Error(source + ":" + std::to_string(row.line) + ": a quoted cell is never closed");
    if (cellStarted || !row.cells.empty())
        endRow();
    return rows;
}

TrainingTable readTrainingTable(const std::filesystem::path& path, bool needsLabels) {
    if (!std::filesystem::is_regular_file(path))
        throw Error(path.string() + ": no such file");
    std::string text = readFile(path);
    if (text.rfind("\xEF\xBB\xBF", 0) == 0)
        text.erase(0, 3); // a UTF-8 byte-order mark, as spreadsheets write it
    std::vector<DelimitedRow> rows = splitDelimited(text, delimiterOf(path, text), path.string());
    rows.erase(std::remove_if(rows.begin(), rows.end(), blank), rows.end());
    if (rows.empty())
        throw Error(path.string() + ": empty file (a header naming 'sequence' and 'label' comes first)");
    TrainingTable table{path, {}, {}};
    for (const std::string& name : rows.front().cells)
        table.columns.push_back(trimmed(name));
    const int sequenceColumn = columnOf(table.columns, "sequence");
    const int labelColumn = columnOf(table.columns, "label");
    const int idColumn = columnOf(table.columns, "id");
    if (sequenceColumn < 0)
        throw Error(where(path, rows.front().line) + ": no 'sequence' column in the header");
    if (needsLabels && labelColumn < 0)
        throw Error(where(path, rows.front().line) + ": no 'label' column in the header");
    if (rows.size() == 1)
        throw Error(path.string() + ": no rows after the header");
    for (std::size_t r = 1; r < rows.size(); ++r) {
        DelimitedRow& row = rows[r];
        const std::string at = where(path, row.line);
        if (row.cells.size() != table.columns.size())
            throw Error(at + ": " + std::to_string(row.cells.size()) + " cells, but the header has " +
                        std::to_string(table.columns.size()));
        TrainingRow out;
        out.line = row.line;
        out.sequence = residuesOf(row.cells[static_cast<std::size_t>(sequenceColumn)], at);
        if (labelColumn >= 0)
            out.label = trimmed(row.cells[static_cast<std::size_t>(labelColumn)]);
        if (needsLabels && out.label.empty())
            throw Error(at + ": empty label");
        out.id = idColumn >= 0 ? trimmed(row.cells[static_cast<std::size_t>(idColumn)]) : "";
        if (out.id.empty())
            out.id = "row" + std::to_string(r);
        out.cells = std::move(row.cells);
        table.rows.push_back(std::move(out));
    }
    return table;
}

TrainingTable readTrainingFasta(const std::filesystem::path& path) {
    TrainingTable table{path, {"id", "sequence"}, {}};
    for (FastaRecord& record : readFastaFile(path)) {
        if (record.sequence.chainCount() > 1)
            throw Error(path.string() + ": record '" + record.id + "': one chain per record");
        TrainingRow row;
        row.id = record.id;
        row.sequence = record.sequence.text();
        row.cells = {row.id, row.sequence};
        table.rows.push_back(std::move(row));
    }
    if (table.rows.empty())
        throw Error(path.string() + ": no FASTA records");
    return table;
}

} // namespace esm
