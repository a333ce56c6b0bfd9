#include "core/io/fasta.h"

#include "core/base/error.h"
#include "core/io/compressed_file.h"

#include <cctype>
#include <optional>
#include <sstream>

namespace esm {
namespace {

struct PendingRecord {
    std::string id, description, residues;
    long headerLine = 0;
    // Where each kept residue came from, to report errors at their place in the file.
    std::vector<std::pair<long, long>> origins;
};

FastaRecord finish(PendingRecord& pending, const std::string& source, Sequence::Alphabet alphabet) {
    if (!pending.residues.empty() && pending.residues.back() == '*') {
        pending.residues.pop_back();
        pending.origins.pop_back();
    }
    if (pending.residues.empty())
        throw Error(locate(source, pending.headerLine, 0, "record '" + pending.id + "' has no sequence"));
    // Tolerant: lower case is upper-cased, except inside special tokens, which keep the tokenizer's spelling.
    const auto mode = Sequence::Mode::Tolerant;
    const auto issues = Sequence::findIssues(pending.residues, mode, alphabet);
    if (!issues.empty()) {
        const auto [line, column] = pending.origins[issues.front().offset];
        throw Error(locate(source, line, column,
                           "invalid character '" + std::string(1, pending.residues[issues.front().offset]) +
                               "' in record '" + pending.id + "': " + issues.front().reason));
    }
    return {pending.id, pending.description, Sequence::parse(pending.residues, mode, alphabet)};
}

void splitHeader(const std::string& header, PendingRecord& record) {
    const auto start = header.find_first_not_of(" \t", 1);
    if (start == std::string::npos)
        return;
    const auto end = header.find_first_of(" \t", start);
    record.id = header.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (end != std::string::npos) {
        const auto rest = header.find_first_not_of(" \t", end);
        if (rest != std::string::npos)
            record.description = header.substr(rest);
    }
}

} // namespace

std::vector<FastaRecord> readFasta(std::istream& in, const std::string& sourceName,
                                   Sequence::Alphabet alphabet) {
    std::vector<FastaRecord> records;
    std::optional<PendingRecord> pending;
    std::string line;
    long lineNumber = 0;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!line.empty() && line[0] == '>') {
            if (pending)
                records.push_back(finish(*pending, sourceName, alphabet));
            pending = PendingRecord{};
            pending->headerLine = lineNumber;
            splitHeader(line, *pending);
            if (pending->id.empty())
                throw Error(locate(sourceName, lineNumber, 1, "header without an id"));
            continue;
        }
        if (line.find_first_not_of(" \t") == std::string::npos || line[0] == ';')
            continue; // blank lines and old-style ';' comments
        if (!pending)
            throw Error(
                locate(sourceName, lineNumber, 1, "sequence before the first '>' header (not FASTA?)"));
        for (std::size_t i = 0; i < line.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(line[i]);
            if (std::isspace(c))
                continue;
            pending->residues.push_back(static_cast<char>(c));
            pending->origins.emplace_back(lineNumber, static_cast<long>(i) + 1);
        }
    }
    if (pending)
        records.push_back(finish(*pending, sourceName, alphabet));
    if (records.empty())
        throw Error(sourceName + ": no FASTA records");
    return records;
}

std::vector<FastaRecord> readFastaFile(const std::filesystem::path& path, Sequence::Alphabet alphabet) {
    std::istringstream in(readMaybeCompressed(path));
    return readFasta(in, path.string(), alphabet);
}

void writeFasta(std::ostream& out, const std::vector<FastaRecord>& records, int width) {
    for (const auto& record : records) {
        out << '>' << record.id;
        if (!record.description.empty())
            out << ' ' << record.description;
        out << '\n';
        const std::string text = tokenizerText(record.sequence.text());
        const std::size_t step = width > 0 ? static_cast<std::size_t>(width) : text.size();
        for (std::size_t i = 0; i < text.size(); i += step)
            out << text.substr(i, step) << '\n';
    }
}

} // namespace esm
