#include "core/io/fasta.h"

#include "core/base/error.h"
#include "core/io/compressed_file.h"

#include <cctype>
#include <iterator>
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
                           "invalid character " + describeCharacter(pending.residues[issues.front().offset]) +
                               " in record '" + pending.id + "': " + issues.front().reason));
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

namespace {

// The next line of `text` from `at`, ended by "\n", "\r\n" or a lone "\r" (old Mac files), without its end.
std::string_view nextLine(std::string_view text, std::size_t& at) {
    const std::size_t begin = at;
    const std::size_t end = std::min(text.find_first_of("\r\n", begin), text.size());
    at = end +
         (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
    return text.substr(begin, end - begin);
}

} // namespace

std::vector<FastaRecord> readFastaText(std::string_view text, const std::string& sourceName,
                                       Sequence::Alphabet alphabet) {
    if (text.starts_with("\xEF\xBB\xBF")) // a UTF-8 byte-order mark some editors write
        text.remove_prefix(3);
    std::vector<FastaRecord> records;
    std::optional<PendingRecord> pending;
    long lineNumber = 0;
    for (std::size_t at = 0; at < text.size();) {
        const std::string_view line = nextLine(text, at);
        ++lineNumber;
        if (!line.empty() && line[0] == '>') {
            if (pending)
                records.push_back(finish(*pending, sourceName, alphabet));
            pending = PendingRecord{};
            pending->headerLine = lineNumber;
            splitHeader(std::string(line), *pending);
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
            // Stopped here, not after the whole file: a genome opened by mistake costs no memory.
            if (pending->residues.size() == kMostResidues)
                requireProteinLength(kMostResidues + 1, locate(sourceName, lineNumber, long(i) + 1,
                                                               "record '" + pending->id + "'"));
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

std::vector<FastaRecord> readFasta(std::istream& in, const std::string& sourceName,
                                   Sequence::Alphabet alphabet) {
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return readFastaText(text, sourceName, alphabet);
}

std::vector<FastaRecord> readFastaFile(const std::filesystem::path& path, Sequence::Alphabet alphabet) {
    return readFastaText(readMaybeCompressed(path), path.string(), alphabet);
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
